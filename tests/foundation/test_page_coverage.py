"""Every field, parameter and example the services' pages document is in the specs, as documented.

The tables below are copied from the documentation pages (and, where the pages are silent, from
the services' notes on base URLs, auth and query parameters). Each row reads
`path: "type [format] [required|optional] [maxLength=N] [default=V]"`, where a path walks the
response body ("*" is a map's values, "[]" a list's items), a type may be a union ("string|null"),
an `enum(a,b)` or `any` (any JSON), and a page's `number` also admits the spec's `integer`.
Dropping or retyping a documented field in a spec fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ._openapi import (
    JSON_TYPE_SAMPLES,
    accepted_types,
    deref,
    examples,
    is_valid,
    load_spec,
    resolve,
)

PAGE_EXAMPLES = Path(__file__).parent / "page_examples"

MODZY_RESULT_ITEM = {
    "status": "string",
    "engine": "string",
    "start_time": "string date-time",
    "update-time": "string date-time",
    "end-time": "string date-time",
    "elapsed_time": "integer",
    "voting": "object",
    "voting/up": "integer optional",  # the page marks nothing required
    "voting/down": "integer optional",
    "*": "any",  # one key per model output file, any JSON
}

# (service, operationId, status) -> {path: row}; "" is the body itself.
BODIES: dict[tuple[str, str, str], dict[str, str]] = {
    ("modzy", "getResults", "200"): {
        "": "object",
        "job_identifier": "string",
        "account_identifier": "string",
        "submitted_by_key": "string",
        "completed": "integer",
        "failed": "integer",
        "total": "integer",
        "finished": "boolean",
        "explained": "boolean",
        "results": "object",
        "results/*": "object",
        **{f"results/*/{path}": row for path, row in MODZY_RESULT_ITEM.items()},
        "failures": "object",  # from the notes
        "failures/*": "object",
        "failures/*/error": "string",
        "team": "object",
        "team/identifier": "string optional",
        "average_model_latency": "number",
        "total_model_latency": "number",
    },
    ("modzy", "getJobHistory", "200"): {
        "": "array",
        "[]": "object",
        "[]/jobIdentifier": "string",
        "[]/submittedBy": "string",
        "[]/accountIdentifier": "string",
        "[]/model": "object",
        "[]/status": "string",
        "[]/createdAt": "string date-time",
        "[]/updatedAt": "string date-time",
        "[]/submittedAt": "string date-time",
        "[]/total": "number",
        "[]/pending": "number",
        "[]/completed": "number",
        "[]/failed": "number",
        "[]/queueTime": "number",
        "[]/elapsedTime": "number",
        "[]/timeout": "number",
        "[]/explain": "boolean",
        "[]/user": "object",
        "[]/jobInputs": "array",
        "[]/inputByteAmount": "number",
        "[]/imageClassificationModel": "boolean",
    },
    ("llamacloud", "getExtractionJobResult", "200"): {
        "data": "object|array|null required",
        "data/*": "any",
        "data/[]": "object",
        "data/[]/*": "any",
        "extraction_agent_id": "string uuid required",
        "extraction_metadata": "object required",
        "extraction_metadata/*": "any",
        "run_id": "string uuid required",
    },
    ("wickson", "getBatchResults", "200"): {
        "success": "boolean",
        "message": "string",
        "data": "object",
        "data/batch_summary": "object",
        "data/batch_summary/batch_id": "string",
        "data/batch_summary/batch_name": "string|null",
        "data/batch_summary/collection": "string",
        "data/batch_summary/status": "string",
        "data/batch_summary/timeline": "object",
        "data/batch_summary/timeline/created_at": "string date-time",
        "data/batch_summary/timeline/started_at": "string|null date-time",
        "data/batch_summary/timeline/completed_at": "string|null date-time",
        "data/batch_summary/timeline/total_duration_seconds": "number|null",
        "data/batch_summary/completion": "object",
        "data/batch_summary/completion/successful": "integer",
        "data/batch_summary/completion/failed": "integer",
        "data/batch_summary/completion/total_items": "integer",
        "data/batch_summary/completion/completion_rate": "number",
        "data/job_results": "array",
        "data/job_results/[]": "object",
        "data/job_results/[]/job_id": "string",
        # The page's sample reads these with .get() defaults or tests for them first.
        "data/job_results/[]/media_id": "string|null optional",
        "data/job_results/[]/filename": "string optional",
        "data/job_results/[]/media_type": "enum(document,image,video,audio,model)",
        "data/job_results/[]/status": "enum(succeeded,failed,processed)",
        "data/job_results/[]/file_info": "object",
        "data/job_results/[]/file_info/size_bytes": "integer",
        "data/job_results/[]/file_info/size_mb": "number",
        "data/job_results/[]/processing_info": "object",
        "data/job_results/[]/processing_info/created_at": "string date-time",
        "data/job_results/[]/processing_info/completed_at": "string|null date-time",
        "data/job_results/[]/error": "object optional",
        "data/job_results/[]/error/message": "string",
        "data/job_results/[]/error/code": "string",
        "data/job_results/[]/error/details": "object",
        "data/job_results/[]/error/details/*": "any",
        "data/statistics": "object",
        "data/statistics/media_distribution": "object optional",
        "data/statistics/media_distribution/by_type": "object",
        "data/statistics/media_distribution/by_type/*": "integer",
        "data/statistics/media_distribution/total_created_media_items": "integer optional",
        "data/statistics/media_distribution/media_ids_by_type": "object optional",
        "data/statistics/media_distribution/media_ids_by_type/*": "array",
        "data/statistics/media_distribution/media_ids_by_type/*/[]": "string",
        "data/statistics/completion": "object",
        "data/statistics/completion/successful": "integer",
        "data/statistics/completion/failed": "integer",
        "data/statistics/completion/total": "integer",
        "data/statistics/completion/success_rate": "number",
        "data/statistics/resources": "object",
        "data/statistics/resources/total_files_size_bytes": "integer",
        "data/statistics/resources/total_files_size_mb": "number",
        "data/statistics/error_summary": "array optional",
        "data/statistics/error_summary/[]/error_type": "string",
        "data/statistics/error_summary/[]/count": "integer",
        "data/statistics/error_summary/[]/affected_files": "array",
        "data/statistics/error_summary/[]/affected_files/[]": "string",
        "data/statistics/error_summary/[]/resolution": "string",
        "data/pagination": "object",
        "data/pagination/page": "integer",
        "data/pagination/page_size": "integer",
        "data/pagination/total_items": "integer",
        "data/pagination/total_pages": "integer",
        "metadata": "object",
        "metadata/request_id": "string",
        "metadata/related_endpoints": "object",
        "metadata/related_endpoints/media_details": "string",
        "metadata/related_endpoints/list_media": "string",
    },
    **{
        ("wickson", "getBatchResults", status): {
            "success": "boolean required",
            "message": "string required",
            "code": "string required",
            "status_code": "integer required",
            "details": "object optional",
        }
        for status in ("404", "429", "500")
    },
    ("overmind", "getJob", "200"): {
        "id": "string uuid required",
        "created_at": "string date-time required",
        "iterations": "array required",
        "iterations/[]/id": "string uuid required",
        "iterations/[]/created_at": "string date-time required",
        "iterations/[]/iteration_name": "string required maxLength=64",
        "iterations/[]/job": "string uuid required",
        "iterations/[]/agent_code": "string optional",
        "iterations/[]/avg_score": "number double optional",
        "iterations/[]/description": "string optional",
        "iterations/[]/dimension_scores": "any optional",
        "iterations/[]/order": "integer int64 optional",
        "iterations/[]/status": "enum(keep,discard) optional",
        "updated_at": "string date-time required",
        "agent": "string uuid optional",
        "analyzer_model": "string optional maxLength=128",
        "backtest_results": "any optional",
        "baseline_score": "number double optional",
        "best_agent_code": "string optional",
        "best_score": "number double optional",
        "candidates_per_iteration": "integer int64 optional",
        "celery_task_id": "string optional maxLength=255",
        "data_source": "string optional maxLength=20",
        "improvement": "number double optional",
        "job_type": "enum(inference,uploaded_outputs_setup,judge_scoring,prompt_tuning,"
        "model_backtesting) optional",
        "num_iterations": "integer int64 optional",
        "project": "string uuid optional",
        "prompt_slug": "string optional maxLength=255",
        "report_markdown": "string optional",
        "result": "any optional",
        "status": "enum(pending,running,completed,failed,cancelled) optional",
        "triggered_by": "number optional",
    },
}

# (service, operationId) -> {name: "in type [format] [required|optional] [default=V]"}
PARAMETERS: dict[tuple[str, str], dict[str, str]] = {
    ("modzy", "getResults"): {"jobIdentifier": "path string required"},
    ("modzy", "getJobHistory"): {  # from the notes
        "user": "query string optional",
        "accessKey": "query string optional",
        "startDate": "query string date-time optional",
        "endDate": "query string date-time optional",
        "model": "query string optional",
        "status": "query enum(all,pending,terminated,timedout) optional default=all",
        "sort-by": "query string optional",
        "direction": "query enum(asc,desc) optional",
        "page": "query integer optional",
        "per-page": "query integer optional",
    },
    ("llamacloud", "getExtractionJobResult"): {
        "job_id": "path string required",
        "organization_id": "query string optional",
        "project_id": "query string optional",
    },
    ("wickson", "getBatchResults"): {
        "batch_id": "path string required",
        "page": "query integer optional default=1",
        "page_size": "query integer optional default=100",
    },
    ("overmind", "getJob"): {"id": "path string uuid required"},
}

WICKSON_ERROR_CODES = {
    "validation_error",
    "format_error",
    "corrupted_file",
    "processing_error",
    "storage_error",
    "timeout_error",
    "resource_error",
    "quota_exceeded",
}

FORMATS = {"uuid", "date-time", "int64", "double"}


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for candidate in item.values():
            if isinstance(candidate, dict) and candidate.get("operationId") == operation_id:
                return candidate
    raise AssertionError(f"no operation {operation_id}")


def body_schema(spec: dict[str, Any], operation_id: str, status: str) -> Any:
    response = deref(spec, operation(spec, operation_id)["responses"][status])
    return response["content"]["application/json"]["schema"]


def check_row(spec: dict[str, Any], schema: Any, row: str, where: str) -> None:
    """Assert that `schema` has the type, format, bounds and default a table row documents."""
    schema = deref(spec, schema)
    tokens = row.split()
    documented = tokens[0]
    if documented == "any":
        accepts = [is_valid(spec, schema, sample) for _, sample in JSON_TYPE_SAMPLES]
        assert all(accepts), f"{where}: documented as any JSON, the spec restricts it"
    elif documented.startswith("enum("):
        values = set(documented.removeprefix("enum(").removesuffix(")").split(","))
        assert set(schema.get("enum", [])) == values, f"{where}: enum"
        assert accepted_types(spec, schema) == {"string"}, f"{where}: enum type"
    else:
        types = set(documented.split("|"))
        found = accepted_types(spec, schema)
        assert found is not None, f"{where}: documented as {documented}, the spec accepts any"
        if "number" in types:
            types.add("integer")
            # A count the page calls a number may be an integer in the spec, not the reverse.
            assert "number" in found or "integer" in found, f"{where}: {found}"
            found = found | {"integer"}
            if "number" not in found:
                found = found | {"number"}
        assert found == types, f"{where}: documented {sorted(types)}, spec {sorted(found)}"
    for token in tokens[1:]:
        if token in FORMATS:
            assert schema.get("format") == token, f"{where}: format"
        elif token.startswith("maxLength="):
            assert schema.get("maxLength") == int(token.split("=")[1]), f"{where}: maxLength"
        elif token.startswith("default="):
            assert str(schema.get("default")) == token.split("=")[1], f"{where}: default"
    documented_formats = FORMATS & set(tokens)
    if (
        not documented_formats
        and "format" in schema
        and schema["format"] not in ("int64", "double")
    ):
        raise AssertionError(f"{where}: the spec adds format {schema['format']}")


@pytest.mark.parametrize(
    ("key", "path"),
    [(key, path) for key, rows in BODIES.items() for path in rows],
    ids=lambda value: "/".join(value) if isinstance(value, tuple) else value or "(body)",
)
def test_documented_field_is_in_the_spec(key: tuple[str, str, str], path: str) -> None:
    service, operation_id, status = key
    spec = load_spec(service)
    row = BODIES[key][path]
    found = resolve(spec, body_schema(spec, operation_id, status), path)
    assert found, f"{service} {operation_id} {status}: no field at {path!r}"
    for match in found:
        check_row(spec, match.schema, row, f"{service} {operation_id} {status} {path}")
        if match.parent is not None and ("required" in row.split() or "optional" in row.split()):
            required = match.key in match.parent.get("required", [])
            assert required == ("required" in row.split()), f"{path}: required-ness"


@pytest.mark.parametrize(
    ("key", "name"),
    [(key, name) for key, rows in PARAMETERS.items() for name in rows],
    ids=lambda value: "/".join(value) if isinstance(value, tuple) else value,
)
def test_documented_parameter_is_in_the_spec(key: tuple[str, str], name: str) -> None:
    service, operation_id = key
    spec = load_spec(service)
    declared = [deref(spec, p) for p in operation(spec, operation_id).get("parameters", [])]
    parameters = {parameter["name"]: parameter for parameter in declared}
    location, *row = PARAMETERS[key][name].split()
    assert name in parameters, f"{service} {operation_id}: no parameter {name}"
    parameter = parameters[name]
    assert parameter["in"] == location
    assert parameter.get("required", False) == ("required" in row)
    check_row(spec, parameter["schema"], " ".join(row), f"{service} {operation_id} {name}")


@pytest.mark.parametrize("key", list(PARAMETERS), ids="/".join)
def test_no_undocumented_parameter(key: tuple[str, str]) -> None:
    service, operation_id = key
    spec = load_spec(service)
    names = {deref(spec, p)["name"] for p in operation(spec, operation_id).get("parameters", [])}
    assert names == set(PARAMETERS[key])


def test_wickson_documents_its_error_codes_as_an_enum() -> None:
    spec = load_spec("wickson")
    envelope_code = resolve(spec, body_schema(spec, "getBatchResults", "404"), "code")[0].schema
    codes = set(deref(spec, envelope_code)["enum"])
    assert codes >= WICKSON_ERROR_CODES | {"not_found"}
    item_code = resolve(
        spec, body_schema(spec, "getBatchResults", "200"), "data/job_results/[]/error/code"
    )[0].schema
    assert set(deref(spec, item_code)["enum"]) == WICKSON_ERROR_CODES


@pytest.mark.parametrize(
    ("service", "operation_id"),
    [
        ("modzy", "getResults"),
        ("modzy", "getJobHistory"),
        ("llamacloud", "getExtractionJobResult"),
        ("wickson", "getBatchResults"),
        ("overmind", "getJob"),
    ],
)
def test_rate_limit_answers_with_retry_after(service: str, operation_id: str) -> None:
    spec = load_spec(service)
    response = deref(spec, operation(spec, operation_id)["responses"]["429"])
    header = deref(spec, response["headers"]["Retry-After"])
    assert header["required"] is True
    schema = header["schema"]
    forms = [deref(spec, branch) for branch in schema.get("anyOf", [schema])]
    assert any(form.get("type") == "integer" for form in forms)  # delay-seconds, at least


@pytest.mark.parametrize(
    ("service", "scheme"),
    [
        ("modzy", {"type": "apiKey", "in": "header", "name": "Authorization"}),
        ("llamacloud", {"type": "http", "scheme": "bearer"}),
        ("wickson", {"type": "apiKey", "in": "header", "name": "X-Api-Key"}),
        ("overmind", {"type": "apiKey", "in": "header", "name": "X-Api-Key"}),
    ],
)
def test_servers_and_security_follow_the_notes(service: str, scheme: dict[str, str]) -> None:
    spec = load_spec(service)
    servers = {
        "modzy": "https://{host}/api",
        "llamacloud": "https://api.cloud.llamaindex.ai",
        "wickson": "https://api.wickson.ai",
        "overmind": "https://api.overmindlab.ai",
    }
    assert [server["url"] for server in spec["servers"]] == [servers[service]]
    (requirement,) = spec["security"]
    (name,) = requirement
    declared = spec["components"]["securitySchemes"][name]
    assert {key: declared[key] for key in scheme} == scheme


def spec_examples(service: str, operation_id: str, status: str) -> list[Any]:
    prefix = f"{operation_id} {status} application/json"
    return [e.value for e in examples(service) if e.where.split("#")[0] == prefix]


@pytest.mark.parametrize(
    "page_example", sorted(PAGE_EXAMPLES.glob("*-*-*.json")), ids=lambda path: path.stem
)
def test_page_example_body_is_a_spec_example(page_example: Path) -> None:
    """The example bodies on the pages, copied verbatim, are examples of their response."""
    service, operation_id, status = page_example.stem.split("-")
    if status == "job":
        return  # Modzy's job object holds placeholders; see the test below.
    body = json.loads(page_example.read_text())
    assert body in spec_examples(service, operation_id, status)


def test_modzy_examples_carry_every_key_the_pages_show() -> None:
    page_job = json.loads((PAGE_EXAMPLES / "modzy-getJobHistory-job.json").read_text())
    (jobs,) = spec_examples("modzy", "getJobHistory", "200")
    assert set(jobs[0]) == set(page_job)
    (result,) = spec_examples("modzy", "getResults", "200")
    page_keys = {
        "job_identifier",
        "account_identifier",
        "submitted_by_key",
        "completed",
        "failed",
        "total",
        "finished",
        "explained",
        "results",
        "team",
        "average_model_latency",
        "total_model_latency",
    }
    assert set(result) == page_keys
    item = result["results"]["0001"]
    assert set(item) == {*MODZY_RESULT_ITEM, "results.json"} - {"*", "voting/up", "voting/down"}
    # The page prints this output file of item 0001 as `ApiObject({...})`.
    assert item["results.json"] == {"confidence": "3.2059302", "result": "six"}

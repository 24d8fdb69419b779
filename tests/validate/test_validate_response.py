"""validate_response: what each kind of violation says, headers and content type, body forms,
unknown names, and the compiled schemas' cache."""

from __future__ import annotations

import copy
import json

import orjson
import pytest
from jobresults.validate import (
    UnknownOperationError,
    UnknownServiceError,
    UnknownStatusError,
    ValidationReport,
    ViolationKind,
    _schema,
    _validate,
    validate_response,
)
from jobresults.validate._validate import check_response

from ._corpus import examples

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
LLAMACLOUD = EXAMPLES["llamacloud", "getExtractionJobResult", 200]
MODZY = EXAMPLES["modzy", "getResults", 200]
JSON_HEADERS = {"content-type": "application/json"}


def wickson_with(change: dict[str, object]) -> dict[str, object]:
    """The Wickson example with `{"a/b/0": value}` set (pointer-like paths)."""
    body = copy.deepcopy(WICKSON)
    for path, value in change.items():
        *parents, last = path.split("/")
        target: object = body
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]  # type: ignore[index]
        target[int(last) if isinstance(target, list) else last] = value  # type: ignore[index]
    return body


def only(report: ValidationReport) -> tuple[ViolationKind, str, str]:
    assert len(report.violations) == 1, report
    violation = report.violations[0]
    return violation.kind, violation.pointer, violation.message


def test_the_issues_example_message() -> None:
    body = wickson_with({"data/job_results/1/status": "queued"})
    report = validate_response("wickson", "getBatchResults", 200, orjson.dumps(body))
    assert not report.ok
    violation = report.violations[0]
    assert violation.kind is ViolationKind.NOT_IN_ENUM
    assert violation.pointer == "/data/job_results/1/status"
    assert violation.schema_path == "#/components/schemas/JobStatus/enum"
    assert violation.expected == "one of succeeded, failed, processed"
    assert violation.found == '"queued"'
    assert violation.message == (
        '/data/job_results/1/status: "queued" is not one of succeeded, failed, processed'
    )


def test_missing_field_points_where_the_field_belongs() -> None:
    body = copy.deepcopy(WICKSON)
    del body["data"]["pagination"]["total_pages"]
    kind, pointer, message = only(validate_response("wickson", "getBatchResults", 200, body))
    assert kind is ViolationKind.MISSING_REQUIRED_FIELD
    assert pointer == "/data/pagination/total_pages"
    assert message == '/data/pagination/total_pages: required field "total_pages" is missing'


def test_wrong_type_names_both_types() -> None:
    body = wickson_with({"data/pagination/page": "1"})
    kind, pointer, message = only(validate_response("wickson", "getBatchResults", 200, body))
    assert (kind, pointer) == (ViolationKind.WRONG_TYPE, "/data/pagination/page")
    assert message == '/data/pagination/page: expected integer, found string "1"'


def test_compact_offset_is_rejected_with_the_reason() -> None:
    body = wickson_with({"data/batch_summary/timeline/created_at": "2024-12-18T10:00:00+0000"})
    kind, pointer, message = only(validate_response("wickson", "getBatchResults", 200, body))
    assert (kind, pointer) == (ViolationKind.BAD_FORMAT, "/data/batch_summary/timeline/created_at")
    assert "RFC 3339" in message
    assert "+00:00, not +0000" in message


def test_bad_uuid() -> None:
    body = {**LLAMACLOUD, "run_id": "run-1"}
    kind, pointer, message = only(
        validate_response("llamacloud", "getExtractionJobResult", 200, body)
    )
    assert (kind, pointer) == (ViolationKind.BAD_FORMAT, "/run_id")
    assert message == '/run_id: "run-1" is not a UUID (8-4-4-4-12 hex digits)'


def test_constraints_and_const() -> None:
    body = wickson_with({"success": False, "data/pagination/page": 0})
    report = validate_response("wickson", "getBatchResults", 200, body)
    found = {(v.kind, v.pointer): v for v in report.violations}
    assert set(found) == {
        (ViolationKind.CONSTRAINT, "/success"),
        (ViolationKind.CONSTRAINT, "/data/pagination/page"),
    }
    assert (
        found[ViolationKind.CONSTRAINT, "/success"].message
        == "/success: expected true, found false"
    )
    assert "minimum of 1" in found[ViolationKind.CONSTRAINT, "/data/pagination/page"].message


def test_max_length() -> None:
    body = copy.deepcopy(EXAMPLES["overmind", "getJob", 200])
    body["iterations"][0]["iteration_name"] = "x" * 65
    kind, pointer, _ = only(validate_response("overmind", "getJob", 200, body))
    assert (kind, pointer) == (ViolationKind.CONSTRAINT, "/iterations/0/iteration_name")


def test_extra_field_only_in_strict_mode() -> None:
    body = wickson_with({"data/pagination/next": 2})
    kind, pointer, message = only(validate_response("wickson", "getBatchResults", 200, body))
    assert (kind, pointer) == (ViolationKind.EXTRA_FIELD, "/data/pagination/next")
    assert "strict=False" in message
    assert validate_response("wickson", "getBatchResults", 200, body, strict=False).ok


def test_declared_maps_and_open_items_stay_open_in_strict_mode() -> None:
    body = copy.deepcopy(MODZY)
    body["results"]["0001"]["another-output.json"] = {"any": ["json"]}  # an output file
    body["results"]["0002"] = {"0002": {"status": "SUCCESSFUL"}}  # the older nesting
    assert validate_response("modzy", "getResults", 200, body).ok


def test_pointers_escape_slash_and_tilde_and_keep_digit_keys() -> None:
    body = copy.deepcopy(MODZY)
    body["results"]["a/b~c"] = {"voting": {"up": -1}}
    body["results"]["0007"] = {"elapsed_time": "slow"}
    report = validate_response("modzy", "getResults", 200, body)
    assert {(v.kind, v.pointer) for v in report.violations} == {
        (ViolationKind.CONSTRAINT, "/results/a~1b~0c/voting/up"),
        (ViolationKind.WRONG_TYPE, "/results/0007/elapsed_time"),
    }


def test_one_of_reports_the_closest_branch() -> None:
    records = {**LLAMACLOUD, "data": [{"name": "a"}, "not a record"]}
    kind, pointer, message = only(
        validate_response("llamacloud", "getExtractionJobResult", 200, records)
    )
    assert (kind, pointer) == (ViolationKind.WRONG_TYPE, "/data/1")
    assert message == '/data/1: expected object, found string "not a record"'
    scalar = {**LLAMACLOUD, "data": 5}
    kind, pointer, message = only(
        validate_response("llamacloud", "getExtractionJobResult", 200, scalar)
    )
    assert (kind, pointer) == (ViolationKind.WRONG_TYPE, "/data")
    assert message == "/data: expected object, array or null, found integer 5"


def test_a_wrong_type_is_one_violation_even_where_an_enum_is_expected() -> None:
    body = wickson_with({"data/job_results/0/status": 3})
    kind, pointer, _ = only(validate_response("wickson", "getBatchResults", 200, body))
    assert (kind, pointer) == (ViolationKind.WRONG_TYPE, "/data/job_results/0/status")


@pytest.mark.parametrize(
    "body",
    [
        orjson.dumps(WICKSON),
        bytearray(orjson.dumps(WICKSON)),
        memoryview(orjson.dumps(WICKSON)),
        json.dumps(WICKSON),
        WICKSON,
    ],
    ids=["bytes", "bytearray", "memoryview", "str", "parsed"],
)
def test_body_forms(body: object) -> None:
    assert validate_response("wickson", "getBatchResults", 200, body).ok


@pytest.mark.parametrize(
    ("body", "why"),
    [(b'{"success": true', "line 1 column 17"), (b"", "empty"), ("<html>", "")],
)
def test_invalid_json_is_a_violation(body: bytes | str, why: str) -> None:
    kind, pointer, message = only(validate_response("wickson", "getBatchResults", 200, body))
    assert (kind, pointer) == (ViolationKind.INVALID_JSON, "")
    assert message.startswith("the body is not valid JSON")
    assert why in message


def test_integers_beyond_64_bits_are_json_too() -> None:
    body = orjson.dumps(EXAMPLES["overmind", "getJob", 200]).replace(
        b'"num_iterations":-9007199254740991', b'"num_iterations":99999999999999999999'
    )
    kind, pointer, _ = only(validate_response("overmind", "getJob", 200, body))
    assert (kind, pointer) == (ViolationKind.CONSTRAINT, "/num_iterations")


def test_content_type() -> None:
    body = orjson.dumps(WICKSON)
    for value in ("application/json", "application/json; charset=utf-8", "Application/JSON"):
        assert validate_response(
            "wickson", "getBatchResults", 200, body, {"Content-Type": value}
        ).ok
    html = validate_response(
        "wickson", "getBatchResults", 200, b"<html/>", {"content-type": "text/html"}
    )
    kind, pointer, message = only(html)  # a body that does not claim JSON is not parsed
    assert (kind, pointer) == (ViolationKind.WRONG_CONTENT_TYPE, "")
    assert message == 'the content type is "text/html", expected application/json'
    missing = validate_response("wickson", "getBatchResults", 200, body, [("x-other", "1")])
    assert [v.kind for v in missing.violations] == [ViolationKind.WRONG_CONTENT_TYPE]
    assert missing.violations[0].found == "no Content-Type header"


def test_retry_after_on_429() -> None:
    body = orjson.dumps(EXAMPLES["wickson", "getBatchResults", 429])
    assert validate_response(
        "wickson", "getBatchResults", 429, body, {**JSON_HEADERS, "Retry-After": "2"}
    ).ok
    kind, _, message = only(
        validate_response("wickson", "getBatchResults", 429, body, JSON_HEADERS)
    )
    assert kind is ViolationKind.MISSING_HEADER
    assert message == "the 429 response lacks the required header Retry-After"
    late = validate_response(
        "modzy",
        "getResults",
        429,
        orjson.dumps(EXAMPLES["modzy", "getResults", 429]),
        {**JSON_HEADERS, "retry-after": "soon"},
    )
    kind, _, message = only(late)
    assert kind is ViolationKind.WRONG_TYPE
    assert message == 'header Retry-After: expected integer, found "soon"'
    assert late.violations[0].schema_path == (
        "#/components/responses/TooManyRequests/headers/Retry-After/schema"
    )
    negative = validate_response(
        "overmind",
        "getJob",
        429,
        orjson.dumps(EXAMPLES["overmind", "getJob", 429]),
        {**JSON_HEADERS, "retry-after": "-1"},
    )
    assert [v.kind for v in negative.violations] == [ViolationKind.CONSTRAINT]


def test_headers_are_not_checked_without_headers() -> None:
    body = orjson.dumps(EXAMPLES["wickson", "getBatchResults", 429])
    assert validate_response("wickson", "getBatchResults", 429, body).ok


def test_undocumented_status_is_a_violation_of_a_real_response() -> None:
    report = check_response("wickson", "getBatchResults", 418, b"{}", JSON_HEADERS)
    kind, pointer, message = only(report)
    assert (kind, pointer) == (ViolationKind.UNDOCUMENTED_STATUS, "")
    assert message == (
        "status 418 is not documented for wickson getBatchResults"
        " (documented: 200, 400, 401, 404, 429, 500)"
    )


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            ("wikson", "getBatchResults", 200),
            UnknownServiceError,
            "unknown service 'wikson'; valid services: llamacloud, modzy, overmind, wickson",
        ),
        (
            ("modzy", "getResult", 200),
            UnknownOperationError,
            "unknown operation 'getResult' in the modzy spec;"
            " valid operations: getResults, getJobHistory",
        ),
        (
            ("overmind", "getJob", 201),
            UnknownStatusError,
            "unknown status 201 for overmind getJob; valid statuses: 200, 400, 401, 404, 429, 500",
        ),
        (
            ("overmind", "getJob", "ok"),
            UnknownStatusError,
            "unknown status 'ok' for overmind getJob",
        ),
    ],
)
def test_unknown_names_list_the_valid_ones(arguments: tuple, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        validate_response(*arguments, b"{}")
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith(message)


def test_status_as_string_and_the_report_as_json() -> None:
    report = validate_response("wickson", "getBatchResults", "404", {"success": False})
    assert report.status == 404
    document = json.loads(json.dumps(report.to_dict()))
    assert document["ok"] is False
    assert {v["pointer"] for v in document["violations"]} == {"/message", "/code", "/status_code"}
    assert set(document["violations"][0]) == {
        "kind",
        "pointer",
        "schema_path",
        "expected",
        "found",
        "message",
    }


def test_a_report_keeps_a_bounded_number_of_violations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_validate, "MAX_VIOLATIONS", 3)
    history = [{"jobIdentifier": str(n)} for n in range(5)]
    report = validate_response("modzy", "getJobHistory", 200, history)
    assert len(report.violations) == 3
    assert report.truncated
    assert "3 or more violations" in report.summary()


def test_schemas_are_compiled_once_per_response_and_mode() -> None:
    _schema.compiled.cache_clear()
    for _ in range(3):
        validate_response("wickson", "getBatchResults", 200, WICKSON)
        validate_response("wickson", "getBatchResults", 200, WICKSON, strict=False)
    assert _schema.compiled.cache_info().misses == 2
    assert _schema.compiled.cache_info().hits == 4


def test_status_ranges_and_default_document_statuses() -> None:
    from jobresults.validate._spec import _response_key

    keys = ("200", "4XX", "default")
    assert _response_key(keys, 200) == "200"
    assert _response_key(keys, 404) == "4XX"
    assert _response_key(keys, 503) == "default"
    assert _response_key(("200", "404"), 500) is None

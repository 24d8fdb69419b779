"""The specs' readings of their pages, as validation and the clients apply them: open error
codes, fields the pages do not promise, and maps that may name more than the page shows.

python-jsonschema (Draft 2020-12, formats checked) is the oracle wherever the reading is plain
JSON Schema; an open enum is this project's extension, so there only our two modes differ."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import orjson
import pytest
from jobresults import is_unknown, wickson
from jobresults.validate import ViolationKind, validate_response

from ._corpus import examples
from ._oracles import jsonschema_ok

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
MODZY = EXAMPLES["modzy", "getResults", 200]


def with_unknown_codes(body: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    changed["data"]["job_results"][1]["error"]["code"] = "disk_full"
    changed["data"]["statistics"]["error_summary"][0]["error_type"] = "disk_full"
    return changed


def test_an_unlisted_error_code_is_reported_in_strict_mode_only() -> None:
    body = with_unknown_codes(WICKSON)
    strict = validate_response("wickson", "getBatchResults", 200, body)
    assert [(v.kind, v.pointer) for v in strict.violations] == [
        (ViolationKind.NOT_IN_ENUM, "/data/job_results/1/error/code"),
        (ViolationKind.NOT_IN_ENUM, "/data/statistics/error_summary/0/error_type"),
    ]
    assert validate_response("wickson", "getBatchResults", 200, body, strict=False).ok
    assert not jsonschema_ok("wickson", "getBatchResults", 200, body)  # the enum itself is kept


def test_an_unlisted_envelope_code_is_reported_in_strict_mode_only() -> None:
    body = {**EXAMPLES["wickson", "getBatchResults", 404], "code": "gone"}
    strict = validate_response("wickson", "getBatchResults", 404, body)
    assert [(v.kind, v.pointer) for v in strict.violations] == [
        (ViolationKind.NOT_IN_ENUM, "/code")
    ]
    assert validate_response("wickson", "getBatchResults", 404, body, strict=False).ok


def test_a_closed_enum_stays_closed_in_lenient_mode() -> None:
    body = copy.deepcopy(WICKSON)
    body["data"]["job_results"][0]["status"] = "queued"
    report = validate_response("wickson", "getBatchResults", 200, body, strict=False)
    assert [v.kind for v in report.violations] == [ViolationKind.NOT_IN_ENUM]


def test_the_client_keeps_an_unlisted_code_typed_and_flagged() -> None:
    body = orjson.dumps(with_unknown_codes(WICKSON))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with wickson.Client("key", base_url="https://api.example", http_client=http) as client:
        page = client.batches.results("batch-abc123")
    code = page.items[1].error.code  # type: ignore[union-attr]
    assert isinstance(code, wickson.ErrorCode)
    assert code == "disk_full"
    assert is_unknown(code)
    assert is_unknown(page.error_summary[0].error_type)


def without(body: dict[str, Any], *paths: str) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    for path in paths:
        *parents, last = path.split("/")
        target: Any = changed
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]
        del target[last]
    return changed


@pytest.mark.parametrize(
    ("service", "operation_id", "body"),
    [
        (
            "wickson",
            "getBatchResults",
            without(WICKSON, "data/job_results/0/filename", "data/job_results/1/media_id"),
        ),
        (
            "wickson",
            "getBatchResults",
            without(
                WICKSON,
                "data/statistics/media_distribution/total_created_media_items",
                "data/statistics/media_distribution/media_ids_by_type",
            ),
        ),
        ("wickson", "getBatchResults", without(WICKSON, "data/statistics/media_distribution")),
        ("modzy", "getResults", without(MODZY, "results/0001/voting/up", "team/identifier")),
        ("modzy", "getResults", without(MODZY, "results/0001/voting/down")),
    ],
    ids=["filename-media_id", "media-totals", "media_distribution", "up-team", "down"],
)
def test_fields_the_pages_do_not_promise_may_be_absent(
    service: str, operation_id: str, body: dict[str, Any]
) -> None:
    assert validate_response(service, operation_id, 200, body).ok
    assert jsonschema_ok(service, operation_id, 200, body)


def test_related_endpoints_may_name_other_endpoints_in_strict_mode() -> None:
    body = copy.deepcopy(WICKSON)
    body["metadata"]["related_endpoints"]["batch_status"] = "/v1/batches/batch-abc123"
    assert validate_response("wickson", "getBatchResults", 200, body).ok
    assert jsonschema_ok("wickson", "getBatchResults", 200, body)
    body["metadata"]["related_endpoints"]["batch_status"] = 3
    report = validate_response("wickson", "getBatchResults", 200, body)
    assert [(v.kind, v.pointer) for v in report.violations] == [
        (ViolationKind.WRONG_TYPE, "/metadata/related_endpoints/batch_status")
    ]
    assert not jsonschema_ok("wickson", "getBatchResults", 200, body)

"""No crash, no lost violation: lone surrogates (as values and as keys) through
`validate_response`, `ValidatingTransport` in every mode, the clients and `jobresults
validate`; header and content type violations whatever the body; statuses that are ints.

And the date-times at RFC 3339's edges, where the oracles themselves are wrong."""

from __future__ import annotations

import copy
import http
import json
import warnings
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from jobresults import modzy
from jobresults.cli import app
from jobresults.validate import (
    ResponseValidationError,
    UnknownStatusError,
    ValidatingTransport,
    ValidationWarning,
    ViolationKind,
    validate_response,
)
from typer.testing import CliRunner

from ._corpus import examples
from ._oracles import dumps, jsonschema_ok, jsonschema_pointers, openapi_core_ok

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
MODZY = EXAMPLES["modzy", "getResults", 200]
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
JSON = {"content-type": "application/json"}


def modzy_with(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(MODZY)
    item = body["results"]["0001"]
    for key, value in changes.items():
        item[key] = value
    return body


SURROGATE_KEY = copy.deepcopy(MODZY)
SURROGATE_KEY["results"] = {"\ud800": {"status": "SUCCESSFUL", "\udfff.json": {"\udbff": 1}}}
BROKEN_UNDER_SURROGATE = copy.deepcopy(MODZY)
BROKEN_UNDER_SURROGATE["results"] = {"\ud800": {"voting": {"up": "x"}}}

CASES = {
    "value": (modzy_with(engine="\ud800engine"), []),
    "output-file": (modzy_with(**{"results.json": {"text": "\udfff"}}), []),
    "key": (SURROGATE_KEY, []),
    "format": (
        modzy_with(start_time="\ud8002021-04-13T16:32:14.135+00:00"),
        [(ViolationKind.BAD_FORMAT, "/results/0001/start_time")],
    ),
    "broken-under-key": (
        BROKEN_UNDER_SURROGATE,
        [(ViolationKind.WRONG_TYPE, "/results/\ud800/voting/up")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("form", ["bytes", "text", "parsed"])
def test_a_lone_surrogate_is_a_string_like_any_other(name: str, form: str) -> None:
    body, expected = CASES[name]
    given = {"bytes": dumps(body), "text": dumps(body).decode(), "parsed": body}[form]
    report = validate_response("modzy", "getResults", 200, given, JSON)
    assert [(v.kind, v.pointer) for v in report.violations] == expected
    assert jsonschema_ok("modzy", "getResults", 200, body) == (not expected)
    assert {v.pointer for v in report.violations} == jsonschema_pointers(
        "modzy", "getResults", 200, body
    )
    str(report).encode("utf-8")  # messages escape the code point: any stream can carry them
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8", "surrogatepass")


def transport_answering(body: bytes, mode: str) -> ValidatingTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=JSON)

    return ValidatingTransport(httpx.MockTransport(answer), mode=mode)  # type: ignore[arg-type]


URL = "https://app.modzy.com/api/results/14856eb1-0ad8-49e7-9da3-887acb80fea5"


@pytest.mark.parametrize("mode", ["raise", "warn", "collect"])
def test_the_transport_hands_a_valid_body_with_lone_surrogates_on_untouched(mode: str) -> None:
    body = dumps(SURROGATE_KEY)
    transport = transport_answering(body, mode)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a valid body warns of nothing
        with httpx.Client(transport=transport) as client:
            response = client.get(URL)
    assert response.content == body
    assert [report.ok for report in transport.reports] == [True]


@pytest.mark.parametrize("mode", ["raise", "warn", "collect"])
def test_the_transport_reports_a_broken_body_with_lone_surrogates_by_its_mode(mode: str) -> None:
    body = dumps(BROKEN_UNDER_SURROGATE)
    transport = transport_answering(body, mode)
    with warnings.catch_warnings(record=True) as caught, httpx.Client(transport=transport) as c:
        warnings.simplefilter("always")
        if mode == "raise":
            with pytest.raises(ResponseValidationError) as raised:
                c.get(URL)
            str(raised.value).encode("utf-8")
            assert raised.value.response.content == body
        else:
            assert c.get(URL).content == body
    assert [v.pointer for v in transport.violations] == ["/results/\ud800/voting/up"]
    warned = [w for w in caught if issubclass(w.category, ValidationWarning)]
    assert len(warned) == (1 if mode == "warn" else 0)
    for warning in warned:
        str(warning.message).encode("utf-8")


@pytest.mark.parametrize("mode", ["raise", "warn", "collect"])
def test_a_client_behind_the_transport_reads_a_lone_surrogate_as_it_came(mode: str) -> None:
    http_client = httpx.Client(transport=transport_answering(dumps(SURROGATE_KEY), mode))
    with modzy.Client("key", base_url="https://app.modzy.com/api", http_client=http_client) as c:
        result = c.results.get("14856eb1-0ad8-49e7-9da3-887acb80fea5")
    assert result.sources == ["\ud800"]
    assert result.get_source_outputs("\ud800") == {"\udfff.json": {"\udbff": 1}}


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(("name", "exit_code"), [("key", 0), ("broken-under-key", 11)])
def test_jobresults_validate_reports_lone_surrogates(
    tmp_path: Path, name: str, exit_code: int
) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(dumps(CASES[name][0]))
    text = run_cli("validate", "modzy", "getResults", str(path))
    assert text.exit_code == exit_code, text.output
    document = run_cli("validate", "modzy", "getResults", str(path), "--format", "json")
    assert document.exit_code == exit_code, document.output
    pointers = [
        v["pointer"] for r in json.loads(document.stdout)["reports"] for v in r["violations"]
    ]
    assert pointers == [pointer for _, pointer in CASES[name][1]]
    if exit_code:
        assert "/results/\\ud800/voting/up: expected integer" in text.stdout


BODY_429 = orjson.dumps(EXAMPLES["wickson", "getBatchResults", 429])


@pytest.mark.parametrize("body", [BODY_429, b"[]", b'"text"', b"null", b"", b"<html>"], ids=repr)
def test_a_missing_retry_after_is_reported_whatever_the_body(body: bytes) -> None:
    report = validate_response("wickson", "getBatchResults", 429, body, JSON)
    kinds = [v.kind for v in report.violations]
    assert kinds[0] is ViolationKind.MISSING_HEADER
    assert (len(kinds) == 1) == (body == BODY_429)
    assert not openapi_core_ok("wickson", "getBatchResults", 429, body)


@pytest.mark.parametrize("body", [orjson.dumps(WICKSON), b"[]", b"", b"<html/>"], ids=repr)
@pytest.mark.parametrize("content_type", ["text/html", "application/xml; charset=utf-8"])
def test_a_wrong_content_type_is_reported_whatever_the_body(body: bytes, content_type: str) -> None:
    headers = {"content-type": content_type}
    report = validate_response("wickson", "getBatchResults", 200, body, headers)
    kinds = [v.kind for v in report.violations]
    assert kinds[0] is ViolationKind.WRONG_CONTENT_TYPE
    # A body of another type is not read as JSON; an empty one is missing whatever its type.
    assert kinds[1:] == ([ViolationKind.INVALID_JSON] if body == b"" else [])
    assert not openapi_core_ok("wickson", "getBatchResults", 200, body, content_type=content_type)


def test_an_empty_body_without_content_type_is_one_violation() -> None:
    report = validate_response("wickson", "getBatchResults", 200, b"", {})
    assert [v.kind for v in report.violations] == [ViolationKind.INVALID_JSON]
    both = validate_response("wickson", "getBatchResults", 200, orjson.dumps(WICKSON), {})
    assert [v.kind for v in both.violations] == [ViolationKind.WRONG_CONTENT_TYPE]


def test_the_body_root_of_the_wrong_type_keeps_the_header_violation() -> None:
    report = validate_response("wickson", "getBatchResults", 429, b"[]", JSON)
    assert [(v.kind, v.pointer) for v in report.violations] == [
        (ViolationKind.MISSING_HEADER, ""),
        (ViolationKind.WRONG_TYPE, ""),
    ]


@pytest.mark.parametrize("status", [404.9, 404.0, True, None, b"404", [404]], ids=repr)
def test_a_status_that_is_no_int_is_a_type_error(status: Any) -> None:
    with pytest.raises(TypeError, match="an HTTP status is an int"):
        validate_response("wickson", "getBatchResults", status, b"{}")


@pytest.mark.parametrize("status", ["404.9", " 404", "٤٠٤", "4O4", "", 99, 600, "1000"])
def test_a_status_that_is_no_status_code_is_unknown(status: Any) -> None:
    with pytest.raises(UnknownStatusError):
        validate_response("wickson", "getBatchResults", status, b"{}")


@pytest.mark.parametrize("status", [404, "404", http.HTTPStatus.NOT_FOUND])
def test_a_status_as_an_int_or_its_digits(status: Any) -> None:
    report = validate_response("wickson", "getBatchResults", status, b"{}")
    assert report.status == 404
    assert type(report.status) is int


DATE_TIMES = {
    # value: (RFC 3339 says valid, python-jsonschema and openapi-core say valid)
    "1990-12-31T23:59:60Z": (True, False),  # a leap second (RFC 3339 section 5.7)
    "1990-12-31T15:59:60-08:00": (True, False),  # the same leap second, local time
    "0000-01-01T00:00:00Z": (True, False),  # year 0000 (date-fullyear = 4DIGIT)
    "2024-12-18T10:00:00+0000": (False, False),  # the offset needs its colon (section 5.6)
    "2016-12-31T12:00:60Z": (False, False),  # a leap second only ends a UTC day
    "2024-12-18t10:00:00z": (True, True),  # case-insensitive (section 5.6, note)
}


@pytest.mark.parametrize("value", list(DATE_TIMES))
def test_date_times_at_the_edges_of_rfc_3339(value: str) -> None:
    valid, oracles_say = DATE_TIMES[value]
    body = copy.deepcopy(WICKSON)
    body["data"]["batch_summary"]["timeline"]["created_at"] = value
    report = validate_response("wickson", "getBatchResults", 200, orjson.dumps(body))
    assert report.ok == valid, report
    assert jsonschema_ok("wickson", "getBatchResults", 200, body) == oracles_say
    assert openapi_core_ok("wickson", "getBatchResults", 200, orjson.dumps(body)) == oracles_say

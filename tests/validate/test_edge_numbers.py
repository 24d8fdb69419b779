"""Numbers at the edges: integral floats at integer bounds, OpenAPI's int32/int64 formats,
integers beyond 64 bits, numbers beyond the range of a double, Retry-After's delay-seconds.

The bodies are JSON text written by hand (or by the standard library), so the checks start
from the bytes; python-jsonschema and openapi-core are the oracles where they are right."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema_rs
import orjson
import pytest
from jobresults.validate import ViolationKind, validate_response
from jobresults.validate._schema import FORMAT_BOUNDS, _with_format_bounds, map_subschemas

from ._corpus import examples
from ._oracles import dumps, jsonschema_ok, openapi_core_ok

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
OVERMIND = orjson.dumps(EXAMPLES["overmind", "getJob", 200])
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
ORDER = b'"num_iterations":-9007199254740991'  # an int64 field with the int64 bounds


def overmind_with(number: bytes) -> bytes:
    assert OVERMIND.count(ORDER) == 1
    return OVERMIND.replace(ORDER, b'"num_iterations":' + number)


def kinds(report: Any) -> list[tuple[ViolationKind, str]]:
    return [(v.kind, v.pointer) for v in report.violations]


@pytest.mark.parametrize(
    "number", [b"-9223372036854775808.0", b"-9.223372036854775808e18", b"9223372036854775807"]
)
def test_an_integral_float_at_an_integer_bound_is_that_integer(number: bytes) -> None:
    body = overmind_with(number)
    assert validate_response("overmind", "getJob", 200, body).ok
    assert jsonschema_ok("overmind", "getJob", 200, orjson.loads(body))
    assert openapi_core_ok("overmind", "getJob", 200, body)


@pytest.mark.parametrize(
    "number",
    [
        b"9223372036854775808",
        b"-9223372036854775809",
        b"9223372036854775807.0",  # as a double, 2**63
        b"18446744073709551616",
        b"-170141183460469231731687303715884105728",
    ],
)
def test_an_integer_beyond_the_explicit_int64_bounds_breaks_them(number: bytes) -> None:
    body = overmind_with(number)
    report = validate_response("overmind", "getJob", 200, body)
    assert kinds(report) == [(ViolationKind.CONSTRAINT, "/num_iterations")]
    assert report.violations[0].schema_path.endswith(("/minimum", "/maximum"))
    assert not openapi_core_ok("overmind", "getJob", 200, body)


def wickson_size(size: int | float) -> dict[str, Any]:
    body = copy.deepcopy(WICKSON)
    body["data"]["job_results"][0]["file_info"]["size_bytes"] = size  # int64, minimum 0
    return body


@pytest.mark.parametrize("strict", [True, False])
def test_format_int64_is_asserted_without_explicit_bounds(strict: bool) -> None:
    body = dumps(wickson_size(2**63))
    report = validate_response("wickson", "getBatchResults", 200, body, strict=strict)
    assert kinds(report) == [(ViolationKind.BAD_FORMAT, "/data/job_results/0/file_info/size_bytes")]
    violation = report.violations[0]
    assert violation.schema_path == "#/components/schemas/FileInfo/properties/size_bytes/format"
    assert violation.message == (
        "/data/job_results/0/file_info/size_bytes: 9223372036854775808 is not an int64"
        " (an integer from -9223372036854775808 to 9223372036854775807)"
    )
    assert not openapi_core_ok("wickson", "getBatchResults", 200, body)  # right
    assert jsonschema_ok("wickson", "getBatchResults", 200, wickson_size(2**63))  # knows no int64
    top = dumps(wickson_size(2**63 - 1))
    assert validate_response("wickson", "getBatchResults", 200, top, strict=strict).ok
    assert openapi_core_ok("wickson", "getBatchResults", 200, top)


def test_the_specs_own_bound_stays_what_a_value_breaks_first() -> None:
    report = validate_response("wickson", "getBatchResults", 200, dumps(wickson_size(-1)))
    assert kinds(report) == [(ViolationKind.CONSTRAINT, "/data/job_results/0/file_info/size_bytes")]
    assert report.violations[0].schema_path.endswith("/size_bytes/minimum")


@pytest.mark.parametrize(
    ("format_name", "low", "high"), [("int32", -(2**31), 2**31 - 1), ("int64", -(2**63), 2**63 - 1)]
)
def test_integer_formats_bound_their_range(format_name: str, low: int, high: int) -> None:
    schema = map_subschemas({"type": "integer", "format": format_name}, _with_format_bounds)
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert validator.is_valid(low)
    assert validator.is_valid(high)
    assert not validator.is_valid(low - 1)
    assert not validator.is_valid(high + 1)
    assert schema[FORMAT_BOUNDS] == ["minimum", "maximum"]
    tighter = {"type": "integer", "format": format_name, "minimum": 0, "maximum": 10}
    assert map_subschemas(tighter, _with_format_bounds) == tighter


@pytest.mark.parametrize(
    ("service", "operation_id", "before", "after", "at"),
    [
        ("overmind", "getJob", ORDER, b'"num_iterations":1e400', "/num_iterations"),
        (
            "wickson",
            "getBatchResults",
            b'"size_mb":0.24',
            b'"size_mb":-1E+400',
            "/data/job_results/0/file_info/size_mb",
        ),
        (
            "wickson",
            "getBatchResults",
            b'"total_duration_seconds":13455.25',  # number or null
            b'"total_duration_seconds":1e400',
            "/data/batch_summary/timeline/total_duration_seconds",
        ),
        (
            "modzy",
            "getResults",
            b'"result":"six"',  # a model output: any JSON
            b'"result":1e400',
            "/results/0001/results.json/result",
        ),
    ],
    ids=["integer", "double", "double-or-null", "any"],
)
def test_a_number_beyond_a_double_is_reported_with_its_text(
    service: str, operation_id: str, before: bytes, after: bytes, at: str
) -> None:
    text = orjson.dumps(EXAMPLES[service, operation_id, 200])
    assert text.count(before) == 1
    body = text.replace(before, after)
    report = validate_response(service, operation_id, 200, body)
    assert kinds(report) == [(ViolationKind.CONSTRAINT, at)]
    violation = report.violations[0]
    number = after.split(b":")[1].decode()
    assert violation.found == number
    assert number in violation.message
    assert "beyond the range of a double" in violation.message
    assert "null" not in violation.message


def retry_after(service: str, operation_id: str, value: str) -> Any:
    body = orjson.dumps(EXAMPLES[service, operation_id, 429])
    headers = {"content-type": "application/json", "retry-after": value}
    return validate_response(service, operation_id, 429, body, headers)


NOT_DIGITS = ["+5", "1_0", "٥", "５", "5.0", "0x5", "5s", "²"]


@pytest.mark.parametrize("value", NOT_DIGITS)
def test_delay_seconds_are_ascii_digits_only(value: str) -> None:
    report = retry_after("modzy", "getResults", value)
    assert [v.kind for v in report.violations] == [ViolationKind.WRONG_TYPE]
    assert report.violations[0].message.startswith("header Retry-After: expected integer")


@pytest.mark.parametrize("value", ["0", "5", "120", " 5\t", "007"])
def test_delay_seconds(value: str) -> None:
    assert retry_after("modzy", "getResults", value).ok
    assert retry_after("wickson", "getBatchResults", value).ok


def test_python_int_reading_of_delay_seconds_is_not_http() -> None:
    """openapi-core reads a header integer with Python's int(), which takes `+5` and `٥`."""
    body = orjson.dumps(EXAMPLES["modzy", "getResults", 429])
    assert openapi_core_ok("modzy", "getResults", 429, body, {"Retry-After": "+5"})
    assert not retry_after("modzy", "getResults", "+5").ok


@pytest.mark.parametrize(
    "value",
    [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Wed, 31 Dec 2008 23:59:60 GMT",  # a leap second
    ],
)
def test_an_http_date_where_the_spec_allows_one(value: str) -> None:
    assert retry_after("wickson", "getBatchResults", value).ok
    assert [v.kind for v in retry_after("modzy", "getResults", value).violations] == [
        ViolationKind.WRONG_TYPE
    ]


@pytest.mark.parametrize(
    "value",
    [
        *NOT_DIGITS,
        "Thu, 21 Oct 2015 07:28:00 GMT",  # 21 October 2015 was a Wednesday
        "Wednesday, 21-Oct-15 07:28:00 GMT",  # obsolete RFC 850 form: senders must not use it
        "Wed Oct 21 07:28:00 2015",  # obsolete asctime form
        "Wed, 21 Oct 2015 07:28:00 +0000",
        "Wed, 21 Oct 2015 07:28:60 GMT",  # a leap second only ends a day
        "Wed, 30 Feb 2015 07:28:00 GMT",
        "wed, 21 oct 2015 07:28:00 gmt",
    ],
)
def test_neither_delay_seconds_nor_an_imf_fixdate(value: str) -> None:
    report = retry_after("wickson", "getBatchResults", value)
    assert [v.kind for v in report.violations] == [ViolationKind.BAD_FORMAT]
    assert "HTTP-date" in report.violations[0].message


def test_a_negative_delay_breaks_the_minimum() -> None:
    for service, operation_id in (("modzy", "getResults"), ("wickson", "getBatchResults")):
        report = retry_after(service, operation_id, "-1")
        assert [v.kind for v in report.violations] == [ViolationKind.CONSTRAINT]
        assert report.violations[0].message == (
            "header Retry-After: -1 is less than the minimum of 0"
        )

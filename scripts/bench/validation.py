"""Floor 2: validating a response against the spec, parse included, beside orjson.loads of the
same bytes; openapi-core's `validate_response` on the same bodies for comparison."""

from __future__ import annotations

import functools
import statistics
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson

from .payloads import Payload
from .report import Measure, Row, Section, Watch
from .timing import compare, stopwatch

LIMIT = 3.0
NUMBER = 3
ROUNDS = 7
OPENAPI_CORE_CALLS = 2
OPENAPI_CORE_BUDGET = 20.0
"""Seconds one openapi-core call may be expected to take before it is extrapolated instead."""

_HEADERS = {"content-type": "application/json"}
_REQUESTS = {
    # service: (host URL, path of the request the body answers)
    "wickson": ("https://api.wickson.ai", "/v1/batches/batch-large-100k/results"),
    "modzy": ("https://app.modzy.com", "/api/results/5eed0000-0000-4000-8000-000000010000"),
}


def our_validation(payload: Payload) -> Callable[[], Any] | None:
    """`jobresults.validate.validate_response` on the payload, or None if it is missing.

    The payload must pass: a body with violations would time the error path."""
    try:
        from jobresults.validate import validate_response
    except ImportError:
        return None

    def validate() -> Any:
        return validate_response(
            payload.service, payload.operation_id, 200, payload.body, _HEADERS, strict=True
        )

    report = validate()
    if not report.ok:
        raise AssertionError(f"{payload.label}: {report.violations[0].message}")
    return validate


@cache
def _openapi(service: str) -> Any:
    from jobresults import specs
    from openapi_core import OpenAPI

    return OpenAPI.from_dict(specs.load(service))


def openapi_core_validation(payload: Payload) -> Callable[[], None]:
    """openapi-core's `validate_response` on the payload (raises if the body is not valid)."""
    from openapi_core.testing import MockRequest, MockResponse

    host, path = _REQUESTS[payload.service]
    request = MockRequest(host, "get", path)
    response = MockResponse(payload.body, status_code=200, content_type="application/json")
    openapi = _openapi(payload.service)
    return lambda: openapi.validate_response(request, response)


def _openapi_core_seconds(
    payload: Payload, calls: int, per_byte: float | None
) -> tuple[float, str]:
    """The median seconds of `calls` openapi-core calls, or, when the estimate from `per_byte`
    exceeds the budget, the extrapolation (and how the figure was had)."""
    if per_byte is not None and per_byte * len(payload.body) > OPENAPI_CORE_BUDGET:
        return per_byte * len(payload.body), "extrapolated by size"
    call = openapi_core_validation(payload)
    seconds = statistics.median(stopwatch(call) for _ in range(calls))
    return seconds, f"median of {calls}" if calls > 1 else "one call"


def run(
    payloads: list[Payload],
    *,
    number: int = NUMBER,
    rounds: int = ROUNDS,
    openapi_core_calls: int = OPENAPI_CORE_CALLS,
) -> Section:
    """Floor 2 for each payload (give the small ones first: the large one's openapi-core figure
    may be extrapolated from the first Wickson one)."""
    section = Section(2, "Validation against the spec")
    per_byte: float | None = None
    for payload in payloads:
        base_call: Callable[[], Any] = functools.partial(orjson.loads, payload.body)
        ours = our_validation(payload)
        calls = {"orjson": base_call} if ours is None else {"orjson": base_call, "ours": ours}
        timings = compare(calls, number=number, rounds=rounds)
        base = Measure("orjson.loads", timings["orjson"].median)
        mine = None if ours is None else Measure("validate_response", timings["ours"].median)
        note = "" if ours is not None else "jobresults.validate is not available"
        what = f"{payload.label}: validate the 200 response against the spec, parse included"
        section.rows.append(Row(what, base, mine, LIMIT, note=note, span=timings["orjson"].span))
        many = openapi_core_calls if per_byte is None or payload.items <= 10_000 else 1
        watch = Watch()
        seconds, how = _openapi_core_seconds(payload, many, per_byte)
        if payload.service == "wickson" and per_byte is None:
            per_byte = seconds / len(payload.body)
        section.rows.append(
            Row(
                f"{payload.label}: openapi-core `validate_response` ({how})",
                base,
                Measure("openapi-core validate_response", seconds),
                span=watch.stop(),
            )
        )
    section.method = [
        "Ours: `jobresults.validate.validate_response(service, operation_id, 200, body, "
        "headers, strict=True)`, which parses the bytes and checks them, and the content type, "
        "against the shipped spec (jsonschema-rs; strict also reports fields the spec does not "
        "list). Each body is first checked to pass, so the figures time a valid "
        "response. Payloads: those of floor 1, and a Wickson page of over 10 MB (the large "
        "batch's first items in one page).",
        f"Timing as in floor 1 (gc on, warm-up, {rounds} interleaved rounds of {number} calls "
        "in shuffled order, median).",
        "openapi-core: `OpenAPI.from_dict(spec).validate_response(request, response)` with its "
        "`MockRequest` / `MockResponse`, after which no error was raised. It is slow, so it is "
        f"timed over {openapi_core_calls} calls per 10,000-item body (median) and once for the "
        "10 MB body; if one call were expected to take over "
        f"{OPENAPI_CORE_BUDGET:g} s, the 10 MB figure would be extrapolated from the 10,000-item "
        "Wickson page by size instead, and the row says so.",
    ]
    return section

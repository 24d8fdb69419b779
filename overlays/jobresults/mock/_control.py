"""The test-control API under /_mock/ (not part of any service's spec).

GET    /_mock/              the listing (as `jobresults mock --list` prints it)
POST   /_mock/jobs          create progressing jobs: {"service", "count", "items", "seconds",
                            "outcome", "failures"} -> 201 {"service", "ids"}
GET    /_mock/jobs/{id}     where a created job stands
DELETE /_mock/jobs          forget every created job -> {"deleted": n}
GET    /_mock/clock         the simulated clock -> {"elapsed", "now", "speed"}
POST   /_mock/clock         {"advance": seconds} moves simulated time forward
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ._clock import iso_millis_z
from ._responses import json_value, state_of
from ._services import check_service

_CREATE_FIELDS = {"service", "count", "items", "seconds", "outcome", "failures"}


def _problem(message: str, status: int = 400) -> Response:
    return json_value({"error": message}, status)


async def _json_object(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        document = orjson.loads(body or b"{}")
    except orjson.JSONDecodeError:
        raise ValueError("the body must be a JSON object") from None
    if not isinstance(document, dict):
        raise ValueError("the body must be a JSON object")
    return document


async def listing(request: Request) -> Response:
    """The services' base URLs, keys and seeded job ids, as seen by this request's host."""
    root = str(request.base_url).rstrip("/")
    return json_value(state_of(request).listing(root))


async def create_jobs(request: Request) -> Response:
    """Create progressing jobs."""
    try:
        document = await _json_object(request)
        unknown = set(document) - _CREATE_FIELDS
        if unknown:
            raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
        service = check_service(str(document.get("service", "")))
        ids = state_of(request).create_jobs(
            service,
            count=_integer(document, "count", 1),
            items=_integer(document, "items", 3),
            seconds=_number(document, "seconds", 5.0),
            outcome=document.get("outcome", "completed"),
            failures=None
            if document.get("failures") is None
            else _integer(document, "failures", 0),
        )
    except ValueError as error:
        return _problem(str(error))
    return json_value({"service": service, "ids": ids}, 201)


def _integer(document: dict[str, Any], name: str, default: int) -> int:
    value = document.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an integer")
    return value


def _number(document: dict[str, Any], name: str, default: float) -> float:
    value = document.get(name, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"{name} must be a number")
    return float(value)


async def describe_job(request: Request) -> Response:
    """Where a created job stands."""
    found = state_of(request).describe(request.path_params["job_id"])
    if found is None:
        return _problem("no job with this id was created through the control API", 404)
    return json_value(found)


async def delete_jobs(request: Request) -> Response:
    """Forget every created job."""
    return json_value({"deleted": state_of(request).delete_created()})


async def clock(request: Request) -> Response:
    """Read the simulated clock, or (POST) advance it."""
    state = state_of(request)
    if request.method == "POST":
        try:
            document = await _json_object(request)
            state.clock.advance(_number(document, "advance", 0.0))
        except ValueError as error:
            return _problem(str(error))
    return json_value(
        {
            "elapsed": state.clock.elapsed(),
            "now": iso_millis_z(state.clock.now()),
            "speed": state.clock.speed,
        }
    )


ROUTES = [
    Route("/", listing, methods=["GET"]),
    Route("/jobs", create_jobs, methods=["POST"]),
    Route("/jobs", delete_jobs, methods=["DELETE"]),
    Route("/jobs/{job_id}", describe_job, methods=["GET"]),
    Route("/clock", clock, methods=["GET", "POST"]),
]

"""The Starlette application: the four services under their prefixes, plus the control API."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import Receive, Scope, Send

from . import _api_llamacloud, _api_modzy, _api_overmind, _api_wickson, _control
from ._auth import AuthMiddleware
from ._connection import RAW_SEND_KEY
from ._errors import error_response
from ._faults import FaultInjector, FaultPlan
from ._protocol import closing_unread_bodies
from ._random import derive
from ._services import CONTROL_PATH, ServiceName, service_of_path
from ._state import MockState


class _AnyTextConvertor(PathConvertor):
    """Like `path`, but also across line breaks (ids may hold any character)."""

    regex = r"[\s\S]*"


register_url_convertor("mock_any", _AnyTextConvertor())

_NOT_FOUND = {
    "modzy": "Not found",
    "llamacloud": "Not Found",
    "wickson": "Resource not found",
    "overmind": "Not found.",
}


async def _unknown_path(request: Request) -> Response:
    service: ServiceName | None = service_of_path(request.url.path)
    if service is None:
        return Response("Not Found", 404, media_type="text/plain")
    return error_response(service, 404, _NOT_FOUND[service])


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own errors (e.g. 405 for another method) in the service's error shape."""
    assert isinstance(error, HTTPException)
    service = service_of_path(request.url.path)
    if service is None:
        return Response(error.detail, error.status_code, error.headers, "text/plain")
    headers = dict(error.headers) if error.headers else None
    return error_response(service, error.status_code, error.detail, headers=headers)


async def _failure(request: Request, error: Exception) -> Response:
    """An unexpected failure of the mock: 500 (in the service's shape), and the connection is
    closed after it, as uvicorn does once an application raised, so the response says so."""
    service = service_of_path(request.url.path)
    headers = {"Connection": "close"}
    message = "The mock failed on this request (see its log)"
    if service is None:
        return Response(message, 500, headers, "text/plain")
    return error_response(service, 500, message, headers=headers)


class MockApplication(Starlette):
    """The mock's Starlette app; `app.state.mock` holds its data (a `MockState`)."""

    def __init__(self, state: MockState, plan: FaultPlan) -> None:
        # Full paths, not Mounts: a Mount's own pattern does not match ids holding line breaks.
        routes: list[BaseRoute] = [
            Route("/modzy/api/results/{jobIdentifier:mock_any}", _api_modzy.get_results),
            Route("/modzy/api/jobs/history", _api_modzy.get_job_history),
            Route(
                "/llamacloud/api/v1/extraction/jobs/{job_id:mock_any}/result",
                _api_llamacloud.get_extraction_job_result,
            ),
            Route(
                "/wickson/v1/batches/{batch_id:mock_any}/results", _api_wickson.get_batch_results
            ),
            Route("/overmind/api/jobs/{id:mock_any}/", _api_overmind.get_job),
            Mount(CONTROL_PATH, routes=_control.ROUTES),
            Route("/{rest:mock_any}", _unknown_path, methods=["GET"]),
        ]
        super().__init__(
            routes=routes,
            middleware=[Middleware(AuthMiddleware)],
            exception_handlers={HTTPException: _http_error, Exception: _failure},
        )
        self.state.mock = state
        self.faults = FaultInjector(plan, derive(state.seed, "faults"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a request, applying faults around the services (the server's send is kept)."""
        if scope["type"] == "http":
            scope[RAW_SEND_KEY] = send
            receive, send = closing_unread_bodies(scope, receive, send)
        await self.faults(scope, receive, send, super().__call__)


def create_app(*, seed: int = 0, speed: float = 1.0, faults: str | None = None) -> Starlette:
    """The mock as an ASGI app: the four services, seeded from `seed`, with simulated time
    running `speed` times as fast as real time and the run's `faults` (see `FaultPlan.parse`)."""
    return MockApplication(MockState(seed, speed), FaultPlan.parse(faults))

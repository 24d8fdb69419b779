"""The mock's ASGI application: every service of the registry under its prefix, plus the control
API (a Starlette app under `/_mock/`).

A request for a service goes: faults (`X-Mock-Fault`, the run's) -> the route (a path no
operation has is the spec's 404, another method a 405 with Allow) -> the key (the spec's 401) ->
the parameters (the spec's 400 or 422) -> `Prefer` (the spec's response it names) -> the
stateful handler registered for (service, operationId) -> the spec's examples. A path no
operation has may be one of the stateful layer's undocumented helper routes (`helpers`).
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import Message, Receive, Scope, Send

from .. import specs
from . import _control
from ._connection import RAW_SEND_KEY, ConnectionReset
from ._faults import FaultInjector, FaultPlan
from ._handlers import Call, Helper
from ._operations import problem
from ._params import ParameterError
from ._prefer import Preference, PreferError
from ._protocol import closing_unread_bodies
from ._random import derive
from ._responses import RawHeaders
from ._served import ServedService, served
from ._services import CONTROL_PATH
from ._state import MockState
from ._stateful import STATEFUL

logger = logging.getLogger("jobresults.mock")

SERVICE_KEY = "jobresults.mock.service"
"""The scope key under which the app keeps the service a request is for."""


async def _not_found(request: Request) -> Response:
    return PlainTextResponse("Not Found", 404)


FAILURE_MESSAGE = "The mock failed on this request (see its log)"
CLOSE: RawHeaders = ((b"connection", b"close"),)
"""An unexpected failure closes the connection (as uvicorn does once an application raised),
so the 500 says so: a client's next request never meets a reset."""


async def _failure(request: Request, error: Exception) -> Response:
    return PlainTextResponse(FAILURE_MESSAGE, 500, headers={"Connection": "close"})


class MockApplication(Starlette):
    """The mock's app; `app.state.mock` holds its data (a `MockState`), `app.services` the
    services it serves by name."""

    def __init__(self, state: MockState, plan: FaultPlan) -> None:
        super().__init__(
            routes=[
                Mount(CONTROL_PATH, routes=_control.ROUTES),
                Route("/{rest:path}", _not_found),
            ],
            exception_handlers={Exception: _failure},
        )
        self.state.mock = state
        self.services = {service.name: service for service in state.services}
        self.faults = FaultInjector(plan, derive(state.seed, "faults"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a request: a service's (with faults) or the control API's."""
        if scope["type"] == "http":
            scope[RAW_SEND_KEY] = send
            receive, send = closing_unread_bodies(scope, receive, send)
            path: str = scope["path"]
            service = self.services.get(path.split("/", 2)[1] if path.startswith("/") else "")
            if service is not None:
                scope["app"] = self
                scope[SERVICE_KEY] = service
                await self._guarded(scope, receive, send, service)
                return
        await super().__call__(scope, receive, send)

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, service: ServedService
    ) -> None:
        """Serve a service's request; an unexpected failure before the answer started is a 500
        in the problem shape, saying `Connection: close` (logged, then the connection ends)."""
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.faults(scope, receive, tracked, self._serve, service)
        except ConnectionReset:
            raise  # a fault: the connection is dropped on purpose
        except Exception:
            if started:
                raise
            logger.exception("the mock failed on %s %s", scope["method"], scope["path"])
            await problem(500, FAILURE_MESSAGE, CLOSE)(scope, receive, send)

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        service: ServedService = scope[SERVICE_KEY]
        route = service.route(scope["method"], scope["path"])
        operation = route.operation
        presented: str | None = None
        prefer: str | None = None
        wanted = service.key_check.header
        for name, value in scope["headers"]:
            lowered = name.lower()
            if lowered == wanted:
                presented = value.decode("latin-1")
            elif lowered == b"prefer":
                prefer = value.decode("latin-1")
        requires_key = service.requires_key if operation is None else operation.requires_key
        if requires_key and not service.key_check.accepts(presented):
            await service.unauthorized_for(operation)(scope, receive, send)
            return
        if operation is None:
            helper = _helper(service, scope)
            if helper is not None:
                await helper(self.state.mock.stores[service.name])(scope, receive, send)
                return
            if route.allow:
                await service.method_not_allowed(route.allow)(scope, receive, send)
            else:
                await service.not_found(scope, receive, send)
            return
        values = route.values
        try:
            query = operation.check(values, scope["query_string"])
        except ParameterError as error:
            await operation.invalid(error, values)(scope, receive, send)
            return
        if prefer is not None:
            try:
                preference = Preference.parse(prefer)
            except PreferError as error:
                await problem(400, str(error))(scope, receive, send)
                return
            if preference.asked:
                await operation.preferred(preference, values)(scope, receive, send)
                return
        stateful = STATEFUL.get(service.name)
        handler = None if stateful is None else stateful.handlers.get(operation.operation_id)
        if handler is None:
            await operation.example_reply(values)(scope, receive, send)
            return
        state: MockState = self.state.mock
        call = Call(scope, receive, state, operation, values, query)
        response = await handler(call, state.stores[service.name])
        await response(scope, receive, send)


def _helper(service: ServedService, scope: Scope) -> Helper[Any] | None:
    """The undocumented helper route of the service's stateful layer for this GET, if any."""
    stateful = STATEFUL.get(service.name)
    if stateful is None or not stateful.helpers or scope["method"] not in ("GET", "HEAD"):
        return None
    path: str = scope["path"]
    return stateful.helpers.get(path[len(service.base_path) :].rstrip("/"))


def create_app(*, seed: int = 0, speed: float = 1.0, faults: str | None = None) -> Starlette:
    """The mock as an ASGI app: every service of the registry, seeded from `seed`, with
    simulated time running `speed` times as fast as real time and the run's `faults` (see
    `FaultPlan.parse`)."""
    plan = FaultPlan.parse(faults)
    services = [served(name) for name in specs.services()]
    return MockApplication(MockState(seed, speed, services), plan)

"""Helpers shared by the service endpoints."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ._state import MockState


def state_of(request: Request) -> MockState:
    """The mock state of the app serving `request`."""
    state: MockState = request.app.state.mock
    return state


def json_body(body: bytes, status: int = 200) -> Response:
    """An `application/json` response with an already encoded body."""
    return Response(body, status, media_type="application/json")


def json_value(value: Any, status: int = 200) -> Response:
    """An `application/json` response of `value`, encoded with orjson."""
    return json_body(orjson.dumps(value), status)

"""Helpers shared by the service endpoints."""

from __future__ import annotations

import json
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


def dumps(value: Any) -> bytes:
    """`value` as compact JSON: orjson, or the standard library for integers beyond 64 bits."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def json_value(value: Any, status: int = 200) -> Response:
    """An `application/json` response of `value`."""
    return json_body(dumps(value), status)

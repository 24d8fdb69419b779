"""Responses: a prepared one (status, headers and body made once, sent many times) and the
helpers the stateful handlers build theirs with."""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

if TYPE_CHECKING:
    from ._cache import BodyCache
    from ._state import MockState

RawHeaders = Sequence[tuple[bytes, bytes]]


class Reply:
    """A complete response, its header list built once: cheap to send again and again."""

    __slots__ = ("body", "headers", "status")

    def __init__(
        self, status: int, body: bytes, media_type: str | None, headers: RawHeaders = ()
    ) -> None:
        self.status = status
        self.body = body
        listed = [] if media_type is None else [(b"content-type", media_type.encode("latin-1"))]
        listed.append((b"content-length", str(len(body)).encode()))
        self.headers = [*listed, *headers]

    def with_headers(self, headers: RawHeaders) -> Reply:
        """This reply with `headers` added (replacing headers of the same names)."""
        names = {name.lower() for name, _ in headers}
        reply = Reply.__new__(Reply)
        reply.status, reply.body = self.status, self.body
        reply.headers = [*(pair for pair in self.headers if pair[0] not in names), *headers]
        return reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the reply (an ASGI app, like Starlette's responses)."""
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


def json_reply(value: Any, status: int = 200, headers: RawHeaders = ()) -> Reply:
    """An `application/json` reply of `value`."""
    return Reply(status, dumps(value), "application/json", headers)


def state_of(request: Request) -> MockState:
    """The mock state of the app serving `request`."""
    state: MockState = request.app.state.mock
    return state


def json_body(body: bytes, status: int = 200) -> Reply:
    """An `application/json` response with an already encoded body (a `Reply`: lighter to make
    than Starlette's `Response`, which a handler would make on every request)."""
    return Reply(status, body, "application/json")


def dumps(value: Any) -> bytes:
    """`value` as compact JSON: orjson, or the standard library for integers beyond 64 bits."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def json_cached(cache: BodyCache, key: Hashable, value: Any, *, cacheable: bool) -> Reply:
    """A 200 of `value`, its encoded body kept in `cache` under `key` if it never changes."""
    if cacheable:
        return json_body(cache.get_or_make(key, lambda: orjson.dumps(value)))
    return json_body(orjson.dumps(value))


def json_value(value: Any, status: int = 200) -> Response:
    """An `application/json` response of `value` (a Starlette one, for the control API's
    endpoints)."""
    return Response(dumps(value), status, media_type="application/json")

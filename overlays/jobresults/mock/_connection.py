"""Breaking the connection under a response: a TCP reset, or a close in the middle of a body.

Under uvicorn the mock reaches the connection's asyncio transport and resets or closes it for
real. Where there is no socket (in-memory ASGI transports) it raises `ConnectionFault`
subclasses instead, which `jobresults.mock.transport()` turns into the httpx errors a real
connection would give.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

RAW_SEND_KEY = "jobresults.mock.raw_send"
"""The scope key under which the mock app keeps the server's own `send` callable."""

_DISCONNECT_WAIT_STEPS = 200
_DISCONNECT_WAIT_STEP = 0.005


class ConnectionFault(Exception):  # noqa: N818 (a signal, not an error of the mock)
    """A connection fault the app could not apply to a real socket."""


class ConnectionReset(ConnectionFault):
    """The connection was reset before any response."""


class TruncatedBody(ConnectionFault):
    """The connection closed before the body announced by Content-Length was complete."""


def _server_cycle(scope: MutableMapping[str, Any]) -> Any:
    send: Callable[..., Awaitable[None]] | None = scope.get(RAW_SEND_KEY)
    return getattr(send, "__self__", None)


def _transport(cycle: Any) -> asyncio.Transport | None:
    transport = getattr(cycle, "transport", None)
    return transport if isinstance(transport, asyncio.Transport) else None


async def _until_disconnected(cycle: Any) -> None:
    for _ in range(_DISCONNECT_WAIT_STEPS):
        if getattr(cycle, "disconnected", True):
            return
        await asyncio.sleep(_DISCONNECT_WAIT_STEP)


async def reset_connection(scope: MutableMapping[str, Any]) -> None:
    """Reset the request's TCP connection (RST, no response at all)."""
    cycle = _server_cycle(scope)
    transport = _transport(cycle)
    if transport is None:
        raise ConnectionReset("the mock reset the connection")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    await _until_disconnected(cycle)


async def close_connection(scope: MutableMapping[str, Any]) -> None:
    """Close the request's connection now, in the middle of the response body."""
    cycle = _server_cycle(scope)
    transport = _transport(cycle)
    if transport is None:
        raise TruncatedBody("the mock closed the connection in the middle of the body")
    transport.close()
    await _until_disconnected(cycle)

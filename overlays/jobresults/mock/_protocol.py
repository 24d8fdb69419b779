"""The mock's HTTP/1.1 connections: a deadline for every request, on uvicorn's protocols.

`guarded_protocol()` is the protocol the mock serves with: uvicorn's httptools one where
httptools is installed (`_httptools_protocol`, the fast one), else its h11 one, guarded here.

uvicorn times out only the pause between two requests of a keep-alive connection. A connection
that never sends a byte, or stops halfway through a request's head or body (a client that died,
or a "slowloris" trickling one byte at a time), stays open for ever, and a few hundred of them
exhaust the server's file descriptors. Here a request must have arrived whole within the
keep-alive timeout of the moment the connection went idle (its opening, or the end of the
previous response); bytes trickling in do not extend it. When it runs out:

- a connection idle between requests is closed, as uvicorn closes it;
- a connection holding part of a request gets `408 Request Timeout` with `Connection: close`,
  then is closed, so the client learns why rather than meeting a bare close.

Every response after which the mock closes the connection says `Connection: close`, so that a
client never sends its next request into a connection about to close: the 408 above, an error
answered before the request's body was read (`closing_unread_bodies`), and the 500 of an
unexpected failure (`_app`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Final

import h11
from starlette.types import Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_KEEP_ALIVE_TIMEOUT: Final = 5.0
"""Seconds a connection may stay idle, or take to deliver a whole request (uvicorn's default)."""

_TIMED_OUT_BODY: Final = b"the request did not arrive within the keep-alive timeout\n"
REQUEST_TIMEOUT: Final = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: " + str(len(_TIMED_OUT_BODY)).encode() + b"\r\n"
    b"Connection: close\r\n\r\n" + _TIMED_OUT_BODY
)
"""What a connection holding part of a request gets when its time is up."""

_WAITING: Final = (h11.IDLE, h11.SEND_BODY)
"""The states of the client's side while the server waits for (the rest of) a request."""


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections that hold a request open (see the module)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock of the first request as soon as the connection opens."""
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        """Take the bytes; the running deadline stays while the request is still incomplete."""
        running = self.timeout_keep_alive_task
        self.timeout_keep_alive_task = None  # uvicorn cancels it on any data: keep it instead
        super().data_received(data)
        if running is None:
            return
        if self.timeout_keep_alive_task is None and self.conn.their_state in _WAITING:
            self.timeout_keep_alive_task = running
        else:
            running.cancel()

    def timeout_keep_alive_handler(self) -> None:
        """Close the connection: quietly when idle, with a 408 when part of a request came."""
        self.timeout_keep_alive_task = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and not self.conn.trailing_data[0]:
            super().timeout_keep_alive_handler()
            return
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(REQUEST_TIMEOUT)
        self.transport.close()


def guarded_protocol() -> type[asyncio.Protocol]:
    """The guarded protocol on httptools (the C llhttp parser) when it can be imported, else
    the one on h11: the same policy, at a fraction of the CPU per request (see ARCHITECTURE)."""
    try:
        from ._httptools_protocol import GuardedHttpToolsProtocol
    except ImportError:  # the mock extra installs it; a source tree or a broken build may lack it
        return GuardedH11Protocol
    return GuardedHttpToolsProtocol


def _expects_body(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        name = bytes(name).lower()
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return True
    return False


def closing_unread_bodies(scope: Scope, receive: Receive, send: Send) -> tuple[Receive, Send]:
    """`receive` and `send` for one request, such that an error response (4xx, 5xx) sent while
    the request's body has not been read whole says `Connection: close` (and h11 then closes
    the connection after it): the rest of that body, which may never come, is not waited for
    on a connection the client would otherwise reuse."""
    if not _expects_body(scope.get("headers", [])):
        return receive, send
    read_whole = False

    async def tracked_receive() -> Message:
        nonlocal read_whole
        message = await receive()
        if message["type"] == "http.request" and not message.get("more_body", False):
            read_whole = True
        return message

    async def closing_send(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] >= 400 and not read_whole:
            headers = [(n, v) for n, v in message.get("headers", []) if n.lower() != b"connection"]
            message = {**message, "headers": [*headers, (b"connection", b"close")]}
        await send(message)

    return tracked_receive, closing_send

"""The mock's HTTP/1.1 connections on uvicorn's httptools protocol (the llhttp parser, in C),
with the guards of `_protocol`: a deadline for every request, and a bound on a request's head.

Measured under keep-alive load, h11's pure-Python parsing and writing took about half of the
server's CPU per small request; llhttp takes a few microseconds. The policy is the one
`_protocol` describes for its h11 protocol, kept here by following the parser's callbacks
instead of h11's states: a request is under way from its first byte (`on_message_begin`) to its
end (`on_message_complete`); its head from that first byte to `on_headers_complete`.

h11 refuses a head it has buffered beyond a limit; llhttp keeps whatever it is sent. So the head
of a request (request line and headers) is bounded here: one over `MAX_HEAD_BYTES` gets uvicorn's
`400` with `Connection: close`, when it completes or, for one still arriving, as soon as the
bytes it has been sent since its first packet pass the bound.
"""

from __future__ import annotations

import asyncio
from typing import Final

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ._protocol import REQUEST_TIMEOUT
from ._writes import CoalescingTransport

MAX_HEAD_BYTES: Final = 64 * 1024
"""The longest request head (request line and headers, as sent) the mock reads."""

_HEAD_TOO_LARGE: Final = "Request head too large."


class HeadTooLarge(httptools.HttpParserError):
    """A request's head is longer than `MAX_HEAD_BYTES`. Raised in a parser callback, it comes
    out of `feed_data` as a parser error, which uvicorn answers with a 400 and a close."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing connections that hold a request open and refusing
    heads over `MAX_HEAD_BYTES` (see the module)."""

    _in_request = False
    """Part of a request came and not all of it."""
    _in_head = False
    """Part of a request's head came and not all of it."""
    _head_bytes = 0
    """Bytes of the head in progress counted so far: those of the packets that came after its
    first while it was still incomplete (the first packet's share is not known until the head
    is whole, and a packet is at most the transport's read size)."""

    _deadline: float | None = None
    """When the request awaited must have arrived whole (loop time); None while one that came
    whole is being answered."""
    _timer: asyncio.TimerHandle | None = None
    """The one timer of the connection, due at or before `_deadline`."""

    # uvicorn arms a timer for every response and cancels it on the next request's bytes: an
    # allocation and two heap operations in Python each time (a few microseconds a request).
    # Here the deadline is a number that moves, and the connection's one timer, when it comes
    # due early, waits again for the rest.

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock of the first request as soon as the connection opens; a response's
        head and body leave in one packet (`CoalescingTransport`)."""
        super().connection_made(CoalescingTransport(transport, self.loop))
        self._wait_until(self.loop.time() + self.timeout_keep_alive)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Take the bytes; the running deadline stays while the request is still incomplete, and
        the connection stays idle (its deadline running) when it completed an answered one."""
        head_continues = self._in_head
        super().data_received(data)
        if head_continues and self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self.send_400_response(_HEAD_TOO_LARGE)
        if self._deadline is not None and not (
            # Still waiting: a request under way, or the rest of a body that came after its
            # answer (an early answer that did not close the connection).
            self._in_request or self.cycle is None or self.cycle.response_complete
        ):
            self._deadline = None  # the request came whole: no deadline while it is answered

    def on_response_complete(self) -> None:
        """The connection is idle again, or holds part of the next request: either way the
        next request's deadline runs from now. (uvicorn's own, but for its timer.)"""
        pipelined = bool(self.pipeline)
        if pipelined or self.transport.is_closing():
            super().on_response_complete()  # starts the next pipelined request, arms nothing
        else:
            self.server_state.total_requests += 1
            self.flow.resume_reading()
        if not self.transport.is_closing() and (not pipelined or self._in_request):
            self._wait_until(self.loop.time() + self.timeout_keep_alive)

    def _wait_until(self, deadline: float) -> None:
        self._deadline = deadline
        if self._timer is None:
            self._timer = self.loop.call_at(deadline, self._due)

    def _due(self) -> None:
        self._timer = None
        if self._deadline is None or self.transport.is_closing():
            return
        if self._deadline > self.loop.time():  # the deadline moved on since the timer was set
            self._timer = self.loop.call_at(self._deadline, self._due)
            return
        self._deadline = None
        self.timeout_keep_alive_handler()

    def on_message_begin(self) -> None:
        """A request's first byte."""
        self._in_request = self._in_head = True
        self._head_bytes = 0
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        """The head is whole: refuse it if it is over the bound, else start the request."""
        self._in_head = False
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > MAX_HEAD_BYTES:
            raise HeadTooLarge(_HEAD_TOO_LARGE)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The request's last byte."""
        self._in_request = False
        super().on_message_complete()

    def timeout_keep_alive_handler(self) -> None:
        """Close the connection: quietly when idle, with a 408 when part of a request came."""
        if self.transport.is_closing():
            return
        if not self._in_request:
            super().timeout_keep_alive_handler()
            return
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(REQUEST_TIMEOUT)
        self.transport.close()

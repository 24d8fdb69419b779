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

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock of the first request as soon as the connection opens; a response's
        head and body leave in one packet (`CoalescingTransport`)."""
        super().connection_made(CoalescingTransport(transport, self.loop))
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        """Take the bytes; the running deadline stays while the request is still incomplete, and
        the connection stays idle (its deadline running) when it completed an answered one."""
        running = self.timeout_keep_alive_task
        self.timeout_keep_alive_task = None  # uvicorn cancels it on any data: keep it instead
        head_continues = self._in_head
        super().data_received(data)
        if head_continues and self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self.send_400_response(_HEAD_TOO_LARGE)
        if running is None:
            return
        if (
            self.timeout_keep_alive_task is None
            and not self.transport.is_closing()
            and (self._in_request or self.cycle is None or self.cycle.response_complete)
        ):
            # Waiting for (the rest of) a request: a request under way, or the rest of a body
            # that came after its answer (an early answer that did not close the connection).
            self.timeout_keep_alive_task = running
        else:
            running.cancel()

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
        self.timeout_keep_alive_task = None
        if self.transport.is_closing():
            return
        if not self._in_request:
            super().timeout_keep_alive_handler()
            return
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(REQUEST_TIMEOUT)
        self.transport.close()

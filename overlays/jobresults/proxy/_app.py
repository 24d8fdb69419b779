"""The proxy as an ASGI application: forward, match, validate, answer, count, record.

A request under `/_proxy/` is the proxy's own (`GET /_proxy/report`); every other one is
forwarded. The response to a request that calls an operation of the spec is read whole (within
the size limit), validated, and answered with its status, headers and body as received plus
`X-Jobresults-Violations: N`; with N > 0 one line per violation goes to the output, and in
reject mode the answer is a 502 holding the report instead. The response to a request that
calls no operation streams through untouched (no header added) and is counted as unmatched.
When the upstream fails before the proxy has begun its answer, the answer is a 502 (504 for a
timeout) with a JSON body saying what happened; when an unmatched response breaks in the middle
of its body, the client's connection is closed the same way.
"""

from __future__ import annotations

import asyncio
import datetime
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Final

import httpx
import orjson

from .. import specs
from .._body import BodyReader, BodyTooLargeError
from ..validate import ValidationReport
from ._check import Checker, violation_line
from ._config import ProxyConfig
from ._forward import HOP_BY_HOP, Upstream, UpstreamError, has_body, header, without_hop_by_hop
from ._record import Exchange, HarRecorder
from ._secrets import Secrets, scrub, scrub_bytes
from ._tally import Tally

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Output = Callable[[str], None]

CONTROL_PREFIX: Final = "/_proxy/"
REPORT_PATH: Final = "/_proxy/report"
VIOLATIONS_HEADER: Final = b"x-jobresults-violations"
FAILURE_HEADER: Final = b"x-jobresults-upstream-error"
LARGE_BODY: Final = 1_000_000
"""Bodies of this many bytes or more are validated in a thread, so that the event loop goes on
forwarding other requests meanwhile."""


class ResponseAbortedError(Exception):
    """The upstream's body broke after the proxy had begun streaming it: the client's
    connection is closed so that it sees the body cut short, as it was."""


def print_line(line: str) -> None:
    """The default output: one line on standard output, flushed at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class ProxyApp:
    """The validating reverse proxy of one service's spec (see the module's docstring)."""

    def __init__(self, config: ProxyConfig, *, output: Output | None = None) -> None:
        self.config = config
        self.checker = Checker(config.service, strict=config.strict)
        self.secrets = Secrets(config.service)
        self.tally = Tally(tuple(specs.operations(config.service)), config.tally_dir)
        self.recorder = (
            None
            if config.record is None
            else HarRecorder(config.record, config.service, self.secrets)
        )
        self.output = output or print_line
        self._upstream: Upstream | None = None

    def __repr__(self) -> str:
        return f"ProxyApp({self.config.service!r}, upstream={self.config.upstream!r})"

    @property
    def upstream(self) -> Upstream:
        """The upstream and its pool (made on first use, on the server's event loop)."""
        if self._upstream is None:
            self._upstream = Upstream(self.config)
        return self._upstream

    def report(self) -> dict[str, Any]:
        """The running summary `GET /_proxy/report` returns."""
        return {
            "service": self.config.service,
            "upstream": self.upstream.display,
            "mode": self.config.mode,
            "strict": self.config.strict,
            **self.tally.summary(),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["path"].startswith(CONTROL_PREFIX):
                await self._control(scope, send)
            else:
                await self._proxy(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        # A websocket is not proxied: returning without accepting it refuses it.

    async def aclose(self) -> None:
        """Close the upstream pool."""
        if self._upstream is not None:
            await self._upstream.aclose()
            self._upstream = None

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _control(self, scope: Scope, send: Send) -> None:
        if scope["path"] != REPORT_PATH:
            message = f"the proxy's own paths are {REPORT_PATH}; nothing else is under /_proxy/"
            await _send_json(send, 404, {"error": "not_found", "message": message})
        elif scope["method"] not in ("GET", "HEAD"):
            body = {"error": "method_not_allowed", "message": f"{REPORT_PATH} answers GET"}
            await _send_json(send, 405, body, [(b"allow", b"GET, HEAD")])
        else:
            await _send_json(send, 200, self.report())

    async def _proxy(self, scope: Scope, receive: Receive, send: Send) -> None:
        clock = time.perf_counter()
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        label = f"{scope['method']} {raw_path.decode('latin-1')}"
        operation_id = self.checker.operation(scope["method"], raw_path.decode("latin-1"))
        captured: list[bytes] | None = [] if self.recorder is not None else None
        limit = self.config.max_body_bytes
        body = _request_body(receive, captured, limit) if has_body(scope["headers"]) else None
        request = self.upstream.request(scope, body)
        exchange = Exchange(
            datetime.datetime.now(datetime.UTC), request, None, operation_id=operation_id
        )
        try:
            response = await self.upstream.send(request)
        except UpstreamError as error:
            await self._failed(send, exchange, error, label, captured, clock, answer=True)
            return
        exchange.response = response
        exchange.waited = time.perf_counter() - clock
        if operation_id is None:
            try:
                await self._stream(response, send, exchange)
            except UpstreamError as error:
                await self._failed(send, exchange, error, label, captured, clock, answer=False)
                return
            self.tally.unmatched()
            await self._record(exchange, captured, clock)
            await send({"type": "http.response.body", "body": b""})
            return
        try:
            raw, decoded, _ = await self.upstream.read(response)
        except UpstreamError as error:
            await self._failed(send, exchange, error, label, captured, clock, answer=True)
            return
        exchange.raw_body, exchange.body = raw, decoded
        report = await self._validated(operation_id, request, response, decoded)
        exchange.violations = len(report.violations)
        rejected = bool(report.violations) and self.config.mode == "reject"
        self.tally.validated(report, rejected=rejected)
        secrets = self.secrets.of_request(request.headers.raw) if report.violations else ()
        for violation in report.violations:
            self.output(scrub(violation_line(report, violation, label), secrets))
        count = (VIOLATIONS_HEADER, str(len(report.violations)).encode("ascii"))
        await self._record(exchange, captured, clock)
        if rejected:
            document = scrub_bytes(orjson.dumps(report.to_dict()), secrets)
            await _send_bytes(send, 502, document, [count])
        else:
            headers = without_hop_by_hop(response.headers.raw, HOP_BY_HOP)
            status = response.status_code
            await send(
                {"type": "http.response.start", "status": status, "headers": [*headers, count]}
            )
            await send({"type": "http.response.body", "body": raw})

    async def _failed(
        self,
        send: Send,
        exchange: Exchange,
        error: UpstreamError,
        label: str,
        captured: list[bytes] | None,
        clock: float,
        *,
        answer: bool,
    ) -> None:
        """Count, print and record an upstream failure, then answer it (`answer`) or, when the
        answer has begun, break the client's connection."""
        self.tally.failed(error.failure, matched=exchange.operation_id is not None)
        secrets = self.secrets.of_request(exchange.request.headers.raw)
        self.output(scrub(f"{label} -> {error.failure.value}: {error}", secrets))
        exchange.response, exchange.error = None, f"{error.failure.value}: {error}"
        await self._record(exchange, captured, clock)
        if not answer:
            raise ResponseAbortedError(str(error))
        await _send_failure(send, error, secrets)

    async def _validated(
        self, operation_id: str, request: httpx.Request, response: httpx.Response, body: bytes
    ) -> ValidationReport:
        if len(body) >= LARGE_BODY:
            return await asyncio.to_thread(
                self.checker.check, operation_id, request, response, body
            )
        return self.checker.check(operation_id, request, response, body)

    async def _stream(self, response: Any, send: Send, exchange: Exchange) -> None:
        """Stream an unmatched response through but for its end (and keep its body for the
        HAR, if recording and within the size limit)."""
        reader = None
        if self.recorder is not None:
            encoding = header(response.headers.raw, b"content-encoding") or b""
            reader = BodyReader(encoding.decode("latin-1"), self.config.max_body_bytes)
        headers = without_hop_by_hop(response.headers.raw, HOP_BY_HOP)
        await send(
            {"type": "http.response.start", "status": response.status_code, "headers": headers}
        )
        chunks = self.upstream.stream(response)
        try:
            async for chunk in chunks:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if reader is not None:
                    try:
                        reader.feed(chunk)
                    except BodyTooLargeError:
                        reader = None
                        exchange.body = None
        finally:
            await chunks.aclose()  # the connection goes back to the pool whatever happened
        if reader is not None:
            exchange.raw_body, exchange.body = reader.received(), reader.finish()

    async def _record(self, exchange: Exchange, captured: list[bytes] | None, clock: float) -> None:
        if self.recorder is None:
            return
        exchange.request_body = _joined(captured)
        exchange.received = max(0.0, time.perf_counter() - clock - exchange.waited)
        try:
            await asyncio.to_thread(self.recorder.record, exchange)
        except OSError as error:
            self.output(f"recording into {self.recorder.path} failed: {error}")


async def _request_body(
    receive: Receive, captured: list[bytes] | None, limit: int
) -> AsyncIterator[bytes]:
    """The request's body from the ASGI `receive`, chunk by chunk (kept in `captured` too, as
    long as it stays within `limit` bytes: a larger one is forwarded but not recorded)."""
    kept = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionResetError("the client went away while sending its request body")
        chunk: bytes = message.get("body", b"")
        if chunk:
            if captured is not None:
                kept += len(chunk)
                if kept <= limit:
                    captured.append(chunk)
                else:
                    captured.clear()
                    captured = None
            yield chunk
        if not message.get("more_body", False):
            return


def _joined(captured: list[bytes] | None) -> bytes | None:
    return b"".join(captured) if captured else None


async def _send_bytes(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    head = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


async def _send_json(
    send: Send, status: int, document: Any, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await _send_bytes(send, status, orjson.dumps(document), headers)


async def _send_failure(send: Send, error: UpstreamError, secrets: tuple[str, ...]) -> None:
    failure = error.failure
    document = {"error": failure.value, "message": scrub(str(error), secrets)}
    await _send_json(send, failure.status, document, [(FAILURE_HEADER, failure.value.encode())])


def create_app(config: ProxyConfig, *, output: Output | None = None) -> ProxyApp:
    """The proxy as an ASGI app (`output`: where violation lines go; standard output by
    default)."""
    return ProxyApp(config, output=output)


def app_from_environment() -> ProxyApp:
    """The app of a worker process, configured by `ProxyConfig.from_environment()`."""
    return ProxyApp(ProxyConfig.from_environment())

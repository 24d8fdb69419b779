"""`ValidatingTransport`: an httpx transport that checks every response against its spec."""

from __future__ import annotations

import logging
import threading
import warnings
from collections import deque
from collections.abc import Iterable
from types import TracebackType
from typing import Literal, Self, TypeAlias

import httpx

from .. import specs
from ._errors import ValidationWarning
from ._exchange import describe
from ._match import match_operation
from ._report import ValidationReport, Violation
from ._validate import check_response
from ._validation_error import ResponseValidationError

logger = logging.getLogger("jobresults.validate")

Mode: TypeAlias = Literal["raise", "warn", "collect"]
MODES: tuple[Mode, ...] = ("raise", "warn", "collect")
DEFAULT_MAX_REPORTS = 10_000
"""How many reports a transport keeps (the oldest go first)."""


class ValidatingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps an httpx transport, sync or async, and validates each response against the
    operation its request calls (matched by method and path template, under any base URL).

        transport = ValidatingTransport(httpx.HTTPTransport(), mode="collect")
        with httpx.Client(transport=transport, base_url=...) as client:
            client.get("/v1/batches/batch-abc123/results")
        assert not transport.violations

    The same class serves `httpx.Client` (wrapping a `BaseTransport`) and `httpx.AsyncClient`
    (wrapping an `AsyncBaseTransport`); without `inner`, it makes httpx's default transport of
    the kind used. Modes: "raise" raises `ResponseValidationError` (with the report and the
    response), "warn" emits a `ValidationWarning` and logs it on the `jobresults.validate`
    logger, "collect" only records. Every mode records the reports of matched responses in
    `.reports` (up to `max_reports`, oldest dropped) and the requests that matched no operation
    in `.unmatched` (method and URL without query); those pass through untouched. Requests'
    headers never appear in reports, warnings, logs or errors. `services` limits matching to
    some services; `strict` is as in `validate_response`.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        mode: Mode = "raise",
        *,
        strict: bool = True,
        services: Iterable[str] | None = None,
        max_reports: int = DEFAULT_MAX_REPORTS,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; valid modes: {', '.join(MODES)}")
        self.inner = inner
        self.mode: Mode = mode
        self.strict = strict
        self.services = specs.services() if services is None else tuple(services)
        self.reports: deque[ValidationReport] = deque(maxlen=max_reports)
        self.unmatched: deque[str] = deque(maxlen=max_reports)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"ValidatingTransport({type(self.inner).__name__}, mode={self.mode!r}, "
            f"reports={len(self.reports)}, violations={len(self.violations)})"
        )

    @property
    def violations(self) -> list[Violation]:
        """Every violation of the recorded reports, in order."""
        return [violation for report in list(self.reports) for violation in report.violations]

    @property
    def failed_reports(self) -> list[ValidationReport]:
        """The recorded reports that have violations."""
        return [report for report in list(self.reports) if not report.ok]

    def clear(self) -> None:
        """Forget the recorded reports and unmatched requests."""
        self.reports.clear()
        self.unmatched.clear()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the inner sync transport and validate the response."""
        inner = self._sync_inner()
        response = inner.handle_request(request)
        matched = self._match(request)
        if matched is None:
            return response
        if _is_read(response):
            return self._checked(request, response, response.content, matched)
        try:
            raw = b"".join(response.iter_raw())
        finally:
            response.close()
        return self._checked(request, _replayable(response, raw), _decoded(response, raw), matched)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the inner async transport and validate the response."""
        inner = self._async_inner()
        response = await inner.handle_async_request(request)
        matched = self._match(request)
        if matched is None:
            return response
        if _is_read(response):
            return self._checked(request, response, response.content, matched)
        try:
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
        finally:
            await response.aclose()
        return self._checked(request, _replayable(response, raw), _decoded(response, raw), matched)

    def close(self) -> None:
        """Close the inner sync transport."""
        if isinstance(self.inner, httpx.BaseTransport):
            self.inner.close()

    async def aclose(self) -> None:
        """Close the inner async transport."""
        if isinstance(self.inner, httpx.AsyncBaseTransport):
            await self.inner.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()

    def _sync_inner(self) -> httpx.BaseTransport:
        with self._lock:
            if self.inner is None:
                self.inner = httpx.HTTPTransport()
        if not isinstance(self.inner, httpx.BaseTransport):
            raise TypeError(
                f"{type(self.inner).__name__} is an async transport: use this transport with "
                "httpx.AsyncClient, or wrap a sync transport for httpx.Client"
            )
        return self.inner

    def _async_inner(self) -> httpx.AsyncBaseTransport:
        with self._lock:
            if self.inner is None:
                self.inner = httpx.AsyncHTTPTransport()
        if not isinstance(self.inner, httpx.AsyncBaseTransport):
            raise TypeError(
                f"{type(self.inner).__name__} is a sync transport: use this transport with "
                "httpx.Client, or wrap an async transport for httpx.AsyncClient"
            )
        return self.inner

    def _match(self, request: httpx.Request) -> tuple[str, str] | None:
        matched = match_operation(request.method, request.url, self.services)
        if matched is None:
            self.unmatched.append(describe(request))
        return matched

    def _checked(
        self,
        request: httpx.Request,
        response: httpx.Response,
        body: bytes,
        matched: tuple[str, str],
    ) -> httpx.Response:
        """Validate `body` (decoded) and act on the report as the mode says."""
        service, operation_id = matched
        report = check_response(
            service,
            operation_id,
            response.status_code,
            body,
            response.headers,
            strict=self.strict,
            source=describe(request),
        )
        self.reports.append(report)
        if report.ok:
            return response
        if self.mode == "raise":
            response.request = request
            response.read()
            raise ResponseValidationError(report, response)
        if self.mode == "warn":
            logger.warning("%s", report)
            warnings.warn(str(report), ValidationWarning, stacklevel=2)
        else:
            logger.debug("%s", report)
        return response


def _is_read(response: httpx.Response) -> bool:
    """True when the body is already in memory (e.g. a response built with `content=`)."""
    try:
        response.content  # noqa: B018
    except httpx.ResponseNotRead:
        return False
    return True


def _replayable(response: httpx.Response, raw: bytes) -> httpx.Response:
    """A copy of `response` whose raw body `raw` is still unread, for the client to read."""
    return httpx.Response(
        response.status_code,
        headers=response.headers,
        stream=httpx.ByteStream(raw),
        extensions=response.extensions,
    )


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """`raw` decoded as the response's Content-Encoding says (as is if it cannot be)."""
    try:
        return httpx.Response(200, headers=response.headers, content=raw).content
    except httpx.DecodingError:
        return raw

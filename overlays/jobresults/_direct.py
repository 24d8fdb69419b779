"""Sending on the connection pool of a client the library made itself, past `httpx.Client.send`.

`send` does work per request that such a client has no use for: `build_request` parses the URL
three times (the string, the merge with a base URL, the query), every response goes through
the cookie jar (the library's refuses every cookie, yet `extract_cookies` builds a `urllib`
request for each response to ask it), and the auth flow and redirect handling run as
generators. Over a `wait_all` of 3,000 jobs that was about a third of the client's CPU per
poll. Here a request is built with one URL parse and handed straight to the pool's transport;
the key is added by the same origin check (`OriginAuth.apply`), and what goes on the wire is
the same: httpx's default headers under the library's, the same query encoding
(`httpx.QueryParams`), the same timeouts, and the same line on the `httpx` logger.

Only the library's own pool is sent to this way. A caller's own `http_client` always goes
through its `send` (its hooks, mounts, cookies and redirect policy), and so does the library's
pool when proxy environment variables are set, since httpx then mounts proxy transports that
only `send` picks.
"""

from __future__ import annotations

import datetime
import logging
import time
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ._auth import OriginAuth

_httpx_logger = logging.getLogger("httpx")


def _sent(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """`response`, tied to `request`, logged as httpx's `send` logs it (to the `httpx` logger,
    for callers who watch it)."""
    response.request = request
    if _httpx_logger.isEnabledFor(logging.INFO):
        _httpx_logger.info(
            'HTTP Request: %s %s "%s %d %s"',
            request.method,
            request.url,
            response.http_version,
            response.status_code,
            response.reason_phrase,
        )
    return response


def usable(base_url: str) -> bool:
    """Whether requests under `base_url` can skip `send`: no proxy is configured in the
    environment (httpx would route them through it) and the base URL carries no query or
    fragment of its own (`send` would merge the call's query with it). The paths appended to it
    never do: an operation's parameters are percent-encoded, and a raw call's query is moved
    into its params (`_client_base.raw_spec`), so the query is simply appended here."""
    return not urllib.request.getproxies() and "?" not in base_url and "#" not in base_url


class DirectSender:
    """Builds requests for a pool the library made and sends them on its `transport`."""

    def __init__(
        self,
        client: httpx.Client | httpx.AsyncClient,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
    ) -> None:
        self._client = client
        self.transport = transport

    def headers(self, headers: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
        """The pool's default headers (what `build_request` starts from) under `headers`."""
        merged = httpx.Headers(self._client.headers)
        merged.update(headers)
        return merged.raw

    @staticmethod
    def build(
        method: str,
        url: str,
        params: Mapping[str, Any],
        headers: list[tuple[bytes, bytes]],
        extra_headers: Mapping[str, str] | None,
        timeout: Any,
    ) -> httpx.Request:
        """The request `client.build_request(method, url, params=..., headers=...)` makes, from
        `headers` (as `headers()` gave them) and a call's `extra_headers` over them."""
        given: Any = headers
        if extra_headers:
            given = httpx.Headers(headers)
            given.update(extra_headers)
        query = str(httpx.QueryParams(params)) if params else ""
        return httpx.Request(
            method,
            f"{url}?{query}" if query else url,
            headers=given,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
        )

    def _prepare(self, request: httpx.Request, auth: OriginAuth, count: Callable[[], None]) -> None:
        if self._client.is_closed:
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        auth.apply(request)
        count()

    def send(
        self, request: httpx.Request, auth: OriginAuth, count: Callable[[], None]
    ) -> httpx.Response:
        """Send `request` (streamed); `count()` is called as it goes out."""
        self._prepare(request, auth, count)
        transport = self.transport
        assert isinstance(transport, httpx.BaseTransport)
        try:
            response = transport.handle_request(request)
        except httpx.TransportError as error:
            error.request = request
            raise
        return _sent(request, response)

    async def asend(
        self, request: httpx.Request, auth: OriginAuth, count: Callable[[], None]
    ) -> httpx.Response:
        """`send` on an async pool."""
        self._prepare(request, auth, count)
        transport = self.transport
        assert isinstance(transport, httpx.AsyncBaseTransport)
        try:
            response = await transport.handle_async_request(request)
        except httpx.TransportError as error:
            error.request = request
            raise
        return _sent(request, response)


def note_elapsed(response: httpx.Response, started: float) -> None:
    """Set `response.elapsed` (what `send` sets when the body is closed), from `started`
    (`time.perf_counter()` before sending)."""
    response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)

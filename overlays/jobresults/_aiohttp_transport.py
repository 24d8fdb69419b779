"""httpx-aiohttp's transport as the async clients use it (the `aiohttp` extra).

Three things differ from `httpx_aiohttp.AiohttpTransport` as it comes:

- aiohttp's failures become the httpx errors httpcore raises for the same failure (it maps a
  refused connection and a server that hung up to `ConnectTimeout`, and lets a malformed
  response through as an aiohttp error), so a refusal is a connection error, not a timeout;
- aiohttp's own silent resend of an idempotent request over a broken kept-alive connection is
  off: the library's retry policy decides, within the call's deadline, and counts every request;
- no cookie jar (the library's own clients keep no cookies either).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from ._transport import tls_context

KEEPALIVE_EXPIRY: Final = 5.0
"""Seconds an idle connection is kept (httpx's default)."""


def _httpx_error(error: BaseException) -> httpx.TransportError:
    """The httpx error for an aiohttp failure (or httpx-aiohttp's mapping of one)."""
    cause = error if isinstance(error, aiohttp.ClientError) else error.__cause__
    message = str(cause or error)
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(cause, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(cause, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(cause, aiohttp.ServerDisconnectedError | aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message)
    if isinstance(cause, aiohttp.ClientPayloadError | aiohttp.ClientConnectionError):
        return httpx.ReadError(message)
    if isinstance(error, httpx.TransportError):
        return error
    return httpx.TransportError(message)


class _Stream(httpx.AsyncByteStream):
    """A response body whose failures are httpx's errors."""

    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except (httpx.TransportError, aiohttp.ClientError) as error:
            raise _httpx_error(error) from error

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        except (httpx.TransportError, aiohttp.ClientError) as error:
            raise _httpx_error(error) from error


class LibraryAiohttpTransport(AiohttpTransport):
    """`AiohttpTransport` with httpcore's errors, no hidden resend and no cookies."""

    def __init__(self, max_connections: int) -> None:
        super().__init__(verify=tls_context(), limits=httpx.Limits(max_connections=max_connections))
        self._max_connections = max_connections

    def get_client(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._max_connections, keepalive_timeout=KEEPALIVE_EXPIRY, ssl=self.ssl_context
        )
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        session._retry_connection = False  # no resend the retry policy does not see
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except (httpx.TransportError, aiohttp.ClientError) as error:
            raise _httpx_error(error) from error
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Stream(response.stream)
        return response

"""The transports of the clients the library makes (a caller's own `http_client` is used as it
is). The blocking clients': httpx's, its connections bounded by each call's deadline
(`_deadline_transport`, loaded with the first client so that httpcore is not loaded by the
import). The asyncio clients': httpx-aiohttp's when the `aiohttp` extra is installed, else
httpx's, split into small connection pools.

aiohttp's HTTP/1.1 client (C parser, simple pool) spends less CPU per request than httpcore
and h11: over a `wait_all` of 3,000 jobs, about a quarter less client CPU per poll than the
sharded pool below, which itself spends about 40% less than httpx's default transport.

httpcore's pool looks at every connection it holds on each request (whether each is idle,
expired, readable: a system call apiece), so with the dozens of connections a `wait_all` over
thousands of jobs keeps open, the pool's bookkeeping cost more CPU than the requests themselves.
Shards of `SHARD_SIZE` connections keep every scan short; a request goes to the shard with the
fewest requests in flight. Only a client the library makes itself uses it: a caller's own
`http_client` is used as it is.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Final

import httpx

if TYPE_CHECKING:
    import ssl  # loaded by httpx with the first context, not by the import

SHARD_SIZE: Final = 8
"""Connections per shard."""
MAX_CONNECTIONS: Final = 100
"""Connections in all (httpx's default limit)."""


_tls_contexts: dict[tuple[str | None, str | None], ssl.SSLContext] = {}
_tls_lock = threading.Lock()


def tls_context() -> ssl.SSLContext:
    """The TLS context of every pool the library makes: httpx's default one (certifi's CA
    bundle, or `SSL_CERT_FILE` / `SSL_CERT_DIR` when set), made once per process for each
    setting of those variables. Loading the CA bundle takes about 0.1 s a context here, which
    every client paid when each of its transports made its own."""
    key = (os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None)
    with _tls_lock:
        context = _tls_contexts.get(key)
        if context is None:
            context = _tls_contexts[key] = httpx.create_ssl_context()
        return context


class _Shard:
    def __init__(self, transport: httpx.AsyncHTTPTransport) -> None:
        self.transport = transport
        self.busy = 0


class _Released(httpx.AsyncByteStream):
    """A response body that gives its shard back its slot when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, shard: _Shard) -> None:
        self._stream = stream
        self._shard: _Shard | None = shard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        shard, self._shard = self._shard, None
        if shard is not None:
            shard.busy -= 1
        await self._stream.aclose()


class ShardedTransport(httpx.AsyncBaseTransport):
    """`httpx.AsyncHTTPTransport` in shards of at most `SHARD_SIZE` connections."""

    def __init__(self, max_connections: int = MAX_CONNECTIONS) -> None:
        verify = tls_context()
        sizes = [SHARD_SIZE] * (max_connections // SHARD_SIZE)
        if max_connections % SHARD_SIZE:
            sizes.append(max_connections % SHARD_SIZE)
        self._shards = [
            _Shard(
                httpx.AsyncHTTPTransport(
                    verify=verify,
                    limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
                )
            )
            for size in sizes
        ]
        self._next = 0

    def _least_busy(self) -> _Shard:
        """The shard with the fewest requests in flight (the next in turn among equals)."""
        count = len(self._shards)
        start = self._next = (self._next + 1) % count
        best = self._shards[start]
        for offset in range(1, count):
            if best.busy == 0:
                break
            shard = self._shards[(start + offset) % count]
            if shard.busy < best.busy:
                best = shard
        return best

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shard = self._least_busy()
        shard.busy += 1
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            shard.busy -= 1
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Released(response.stream, shard),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        for shard in self._shards:
            await shard.transport.aclose()


def async_transport() -> httpx.AsyncBaseTransport:
    """The transport of an `httpx.AsyncClient` the library makes: httpx-aiohttp's when it is
    installed (`pip install 'jobresults[aiohttp]'`, see `_aiohttp_transport`), else
    `ShardedTransport`."""
    if importlib.util.find_spec("httpx_aiohttp") is None:
        return ShardedTransport()
    from ._aiohttp_transport import LibraryAiohttpTransport

    return LibraryAiohttpTransport(MAX_CONNECTIONS)


def sync_transport() -> httpx.HTTPTransport:
    """The transport of an `httpx.Client` the library makes: httpx's, each call's deadline
    bounding every read and write (`_deadline_transport.deadline_transport`)."""
    from ._deadline_transport import deadline_transport

    return deadline_transport()

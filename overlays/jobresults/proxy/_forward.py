"""Forwarding: a request as the client sent it to the upstream, through one httpx pool, and the
upstream's response back, with the hop-by-hop headers of RFC 9110 section 7.6.1 handled.

What changes on the way (and nothing else): the hop-by-hop headers (`Connection`, the headers it
names, `Keep-Alive`, `Proxy-Connection`, `TE`, `Transfer-Encoding`, `Upgrade`, `Trailer`) are
dropped in both directions, since each connection frames its own messages; the request's `Host`
is the upstream's; `Via: 1.1 jobresults` is added to the request (section 7.6.3 asks it of
gateways); `Expect` (the server has answered it already) and `Proxy-Authorization` (meant for
this proxy, which asks for none) are not forwarded. The path and query are passed on as the raw
bytes received, percent-encoding untouched, after the upstream URL's own path.
"""

from __future__ import annotations

import enum
import functools
import ssl
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any, Final

import httpx

from .._body import BodyReader, BodyTooLargeError
from ._config import ProxyConfig

Headers = list[tuple[bytes, bytes]]

HOP_BY_HOP: Final = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"te",
        b"transfer-encoding",
        b"upgrade",
        b"trailer",
    }
)
NOT_FORWARDED: Final = frozenset({*HOP_BY_HOP, b"host", b"expect", b"proxy-authorization"})
"""Request headers the upstream does not get as the client sent them."""
VIA: Final = b"1.1 jobresults"


class UpstreamFailure(enum.StrEnum):
    """Why the upstream gave no usable response (the value names it in reports and bodies)."""

    UNREACHABLE = "upstream_unreachable"
    TIMEOUT = "upstream_timeout"
    RESET = "upstream_reset"
    """The connection closed (or was reset) before a whole response head came."""
    TRUNCATED = "upstream_truncated"
    """The body stopped before its end (the connection closed or was reset)."""
    TOO_LARGE = "upstream_too_large"
    INVALID = "upstream_invalid"
    """What came back is not HTTP."""

    @property
    def status(self) -> int:
        """The status the proxy answers with: 504 for a timeout, 502 otherwise."""
        return 504 if self is UpstreamFailure.TIMEOUT else 502


class UpstreamError(Exception):
    """The upstream failed; `failure` says how and `str()` says so in one line."""

    def __init__(self, failure: UpstreamFailure, message: str) -> None:
        super().__init__(message)
        self.failure = failure


def without_hop_by_hop(headers: Iterable[tuple[bytes, bytes]], drop: frozenset[bytes]) -> Headers:
    """`headers` without those in `drop` and those the `Connection` header names."""
    pairs = list(headers)
    named: set[bytes] = set()
    for name, value in pairs:
        if name.lower() == b"connection":
            named.update(token.strip().lower() for token in value.split(b","))
    return [(n, v) for n, v in pairs if n.lower() not in drop and n.lower() not in named]


def has_body(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether a request's head announces a body (RFC 9112 section 6.3)."""
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"transfer-encoding" or (lowered == b"content-length" and value != b"0"):
            return True
    return False


def header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The first value of header `name` (lower-case), or None."""
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


class Upstream:
    """The upstream server and the connection pool that reaches it (in shards, see
    `SHARD_SIZE`): a request goes to the shard with the fewest requests in flight."""

    def __init__(self, config: ProxyConfig) -> None:
        self.url = httpx.URL(config.upstream)
        self.base_path = self.url.raw_path.split(b"?", 1)[0].rstrip(b"/")
        self.max_body_bytes = config.max_body_bytes
        self._host = self.url.netloc
        timeout = httpx.Timeout(config.timeout, connect=config.connect_timeout)
        # One TLS context for every shard (loading the CA bundle takes about 60 ms), and none
        # to load for a plain-http upstream (redirects are not followed, so TLS never comes).
        verify: ssl.SSLContext | bool = tls_context() if self.url.scheme == "https" else False
        self._timeout = timeout.as_dict()
        self._shards = [
            _Shard(
                httpx.AsyncHTTPTransport(
                    limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
                    verify=verify,
                )
            )
            for size in _shard_sizes(config.max_connections)
        ]
        self._next = 0

    def __repr__(self) -> str:
        return f"Upstream({self.display!r})"

    @property
    def display(self) -> str:
        """The upstream URL as reports show it (never with userinfo)."""
        netloc = self.url.netloc.decode("ascii")
        return f"{self.url.scheme}://{netloc}{self.base_path.decode('ascii', 'replace')}"

    def request(
        self,
        scope: dict[str, Any],
        body: AsyncIterator[bytes] | None,
    ) -> httpx.Request:
        """The request to send upstream for the ASGI request `scope` (its body from `body`)."""
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = self.base_path + raw_path
        if scope["query_string"]:
            target += b"?" + scope["query_string"]
        headers = without_hop_by_hop(scope["headers"], NOT_FORWARDED)
        via = [value for name, value in headers if name == b"via"]
        headers = [(name, value) for name, value in headers if name != b"via"]
        headers.insert(0, (b"host", self._host))
        headers.append((b"via", b", ".join([*via, VIA])))
        return httpx.Request(
            scope["method"], self.url.copy_with(raw_path=target), headers=headers, content=body
        )

    async def send(self, request: httpx.Request) -> httpx.Response:
        """Send `request`; the response's head is read, its body not yet."""
        shard = self._shard()
        shard.busy += 1
        try:
            request.extensions["timeout"] = self._timeout
            response = await shard.transport.handle_async_request(request)
            response.request = request
        except httpx.HTTPError as error:
            shard.busy -= 1
            raise _failure(error, request, started=False) from error
        except BaseException:
            shard.busy -= 1
            raise
        response.extensions["jobresults.shard"] = shard
        return response

    def _shard(self) -> _Shard:
        """The least busy shard (the next one in turn among equals)."""
        count = len(self._shards)
        start = self._next = (self._next + 1) % count
        best = self._shards[start]
        for offset in range(1, count):
            shard = self._shards[(start + offset) % count]
            if shard.busy < best.busy:
                best = shard
        return best

    @staticmethod
    async def release(response: httpx.Response) -> None:
        """Close `response` and give its connection back to its shard."""
        await response.aclose()
        shard = response.extensions.pop("jobresults.shard", None)
        if isinstance(shard, _Shard):
            shard.busy -= 1

    async def read(self, response: httpx.Response) -> tuple[bytes, bytes, str | None]:
        """The whole body of `response`: as received, decoded as its Content-Encoding says, and
        why it could not be decoded (None when it could); past `max_body_bytes`, raw or decoded,
        an `UpstreamError`. The response is closed."""
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body_bytes:
                raise _too_large(response, self.max_body_bytes)
            reader = BodyReader(response.headers.get("content-encoding", ""), self.max_body_bytes)
            try:
                async for chunk in response.aiter_raw():
                    reader.feed(chunk)
                decoded = reader.finish()
            except BodyTooLargeError:
                raise _too_large(response, self.max_body_bytes) from None
            except httpx.HTTPError as error:
                failure = _failure(
                    error, response.request, started=True, received=len(reader.received())
                )
                raise failure from error
            return reader.received(), decoded, reader.problem
        finally:
            await self.release(response)

    async def stream(self, response: httpx.Response) -> AsyncGenerator[bytes, None]:
        """The body of `response` chunk by chunk, as received (an `UpstreamError` if it stops
        before its end); the response is closed."""
        received = 0
        try:
            async for chunk in response.aiter_raw():
                received += len(chunk)
                yield chunk
        except httpx.HTTPError as error:
            raise _failure(error, response.request, started=True, received=received) from error
        finally:
            await self.release(response)

    async def aclose(self) -> None:
        """Close the pool."""
        for shard in self._shards:
            await shard.transport.aclose()


SHARD_SIZE: Final = 8
"""Connections per shard of the pool. httpcore looks at every connection of a pool for every
queued request on every request and response (`_assign_requests_to_connections`), so one pool
of 100 connections under 200 concurrent requests spent most of the proxy's CPU there
(12 ms per request against 4 ms for one client at a time); shards of 8 keep that scan short."""


@dataclass
class _Shard:
    """One httpx transport (its own connection pool) and the requests it has in flight."""

    transport: httpx.AsyncHTTPTransport
    busy: int = 0


def _shard_sizes(connections: int) -> list[int]:
    """The pool's `connections` split into shards of at most `SHARD_SIZE`."""
    count = -(-connections // SHARD_SIZE)
    return [
        connections // count + (1 if index < connections % count else 0) for index in range(count)
    ]


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context (certifi's CA bundle), made once per process."""
    return httpx.create_ssl_context()


def where(request: httpx.Request) -> str:
    """A request as reports and messages name it: method and URL without its query (a query
    can carry a key) or userinfo."""
    path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
    return f"{request.method} {request.url.scheme}://{request.url.netloc.decode('ascii')}{path}"


def _too_large(response: httpx.Response, limit: int) -> UpstreamError:
    return UpstreamError(
        UpstreamFailure.TOO_LARGE,
        f"{where(response.request)}: the response body is over the proxy's {limit}-byte limit",
    )


def _failure(
    error: httpx.HTTPError,
    request: httpx.Request,
    *,
    started: bool,
    received: int = 0,
) -> UpstreamError:
    """The `UpstreamError` an httpx error means (`started`: the response's head had come)."""
    at = where(request)
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, httpx.TimeoutException) and not isinstance(error, httpx.ConnectTimeout):
        return UpstreamError(
            UpstreamFailure.TIMEOUT, f"{at}: the upstream stopped answering ({detail})"
        )
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        return UpstreamError(
            UpstreamFailure.UNREACHABLE, f"{at}: cannot connect to the upstream ({detail})"
        )
    if started:
        return UpstreamError(
            UpstreamFailure.TRUNCATED,
            f"{at}: the response body ended after {received} bytes, before its end ({detail})",
        )
    closed = isinstance(error, httpx.ReadError | httpx.WriteError) or (
        "disconnect" in str(error).lower() or "peer closed" in str(error).lower()
    )
    if closed:
        return UpstreamError(
            UpstreamFailure.RESET,
            f"{at}: the upstream closed the connection without a response ({detail})",
        )
    return UpstreamError(
        UpstreamFailure.INVALID, f"{at}: the upstream's answer is not valid HTTP ({detail})"
    )

"""The HTTP layer every service client shares: auth, timeouts, retries, typed errors.

A client describes each request (method, path with its parameters percent-encoded, query; see
`_arguments`) and sends it through `SyncHTTP` or `AsyncHTTP`, which add the service's auth
header, retry what is worth retrying, read the body within a size limit (undoing its
Content-Encoding, see `_body`) and turn error statuses into `jobresults.errors` types.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, Final, TypeAlias
from urllib.parse import urlsplit

import httpx
import orjson

from . import __version__, errors
from ._body import ACCEPT_ENCODING, BodyReader, BodyTooLargeError
from ._decode import DEFAULT_MAX_JSON_DEPTH, exceeds_depth
from ._options import ClientOptions, TimeoutTypes
from ._retry import is_retryable_status, parse_retry_after
from ._service import Service

logger = logging.getLogger("jobresults")

RequestSpec: TypeAlias = Mapping[str, Any]
"""One request: `method`, `url` (a path under the base URL) and `params` (the query)."""


class _NotGiven(Enum):
    NOT_GIVEN = "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""Marks a per-call option the caller left out (None is a real value for timeouts)."""


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _checked_key(service: Service, key: str) -> str:
    """The key without surrounding whitespace; ValueError (never quoting it) if it holds a
    character no HTTP header can carry."""
    key = key.strip()
    for position, char in enumerate(key):
        if not " " <= char <= "~":
            raise ValueError(
                f"the {service.name} API key holds a character that cannot be sent in an HTTP"
                f" header (at position {position}): a control character, a line break or a"
                " non-ASCII character"
            )
    return key


class _HTTPBase:
    """What the sync and async layers share: configuration, request building, error mapping."""

    def __init__(self, service: Service, *, api_key: str | None, options: ClientOptions) -> None:
        key = api_key if api_key is not None else os.environ.get(service.api_key_env)
        key = _checked_key(service, key or "")
        if not key:
            raise ValueError(f"no API key: pass api_key= or set {service.api_key_env}")
        url = options.base_url or os.environ.get(service.base_url_env) or service.default_base_url
        if not url:
            example = f" (e.g. {service.base_url_template})" if service.base_url_template else ""
            raise ValueError(f"no base URL: pass base_url= or set {service.base_url_env}{example}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be an http(s) URL, got {url!r}")
        insecure_ok = options.allow_insecure_http
        if parts.scheme == "http" and not _is_loopback(parts.hostname) and not insecure_ok:
            raise ValueError(
                f"refusing to send the {service.name} API key over plain http to {parts.hostname};"
                " use https, or pass allow_insecure_http=True"
            )
        self.service = service
        self.api_key = key
        self.base_url = url.rstrip("/")
        self.timeout = options.timeout
        self.retry = options.retry_policy
        self.max_response_bytes = options.max_response_bytes
        self._requests_sent = 0
        self._count_lock = threading.Lock()
        self._auth_headers = {
            service.auth_header: service.auth_value(key),
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": f"jobresults/{__version__}",
        }

    @property
    def requests_sent(self) -> int:
        """Requests put on the wire so far, retries included (counted across threads)."""
        return self._requests_sent

    def _count_request(self) -> None:
        with self._count_lock:
            self._requests_sent += 1

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.service.name} base_url={self.base_url!r}>"

    def _build_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        spec: RequestSpec,
        timeout: TimeoutTypes | _NotGiven,
    ) -> httpx.Request:
        params = {
            key: value.value if isinstance(value, Enum) else value
            for key, value in spec.get("params", {}).items()
        }
        return client.build_request(
            spec["method"].upper(),
            self.base_url + spec["url"],
            params=params,
            headers=self._auth_headers,
            timeout=self.timeout if timeout is NOT_GIVEN else timeout,
        )

    def _retries(self, max_retries: int | _NotGiven) -> int:
        return self.retry.max_retries if max_retries is NOT_GIVEN else max_retries

    def _reader(self, response: httpx.Response) -> BodyReader:
        """A reader for the body of `response`; refuses it at once if its declared size is over
        the limit."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_response_bytes:
            raise self._too_large(response, b"")
        encoding = "" if _already_read(response) else response.headers.get("content-encoding", "")
        return BodyReader(encoding, self.max_response_bytes)

    def _too_large(self, response: httpx.Response, received: bytes) -> errors.ResponseParseError:
        _keep_body(response, received)
        return errors.ResponseParseError(
            f"{_describe(response.request)}: response body over the "
            f"{self.max_response_bytes}-byte limit (max_response_bytes); "
            f"{len(received)} bytes kept",
            response=response,
            reason="body too large",
        )

    def _received(self, response: httpx.Response, reader: BodyReader) -> httpx.Response:
        """Keep the body read on `response`; a 2xx body that is not what its Content-Encoding
        says is a `ResponseParseError` (the raw body kept)."""
        try:
            body = reader.finish()
        except BodyTooLargeError as error:
            raise self._too_large(response, error.received) from None
        _keep_body(response, body)
        logger.debug("%s -> %d", _describe(response.request), response.status_code)
        if reader.problem is not None and response.is_success:
            raise errors.ResponseParseError(
                f"{_describe(response.request)}: {reader.problem}",
                response=response,
                reason=reader.problem,
            )
        return response

    def _retry_delay(
        self,
        request: httpx.Request,
        attempt: int,
        retries: int,
        outcome: httpx.Response | errors.APIConnectionError,
    ) -> float:
        """The pause before retrying a failed attempt (0-based `attempt`), or raise its error.

        A connection error is retried with backoff; an error status only if it is retryable
        (408, 429, 5xx), after its Retry-After when it sent one. Either is raised once `retries`
        retries were spent.
        """
        if isinstance(outcome, errors.APIConnectionError):
            if attempt >= retries:
                raise outcome
            delay, why = self.retry.backoff(attempt), outcome.message
        else:
            if attempt >= retries or not is_retryable_status(outcome.status_code):
                raise status_error(outcome)
            delay, why = self.retry.delay(attempt, outcome), f"{outcome.status_code}"
        logger.debug(
            "retrying %s (attempt %d) in %.2fs after %s",
            _describe(request),
            attempt + 1,
            delay,
            why,
        )
        return delay


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {request.url.copy_with(query=None)}"


def _error_document(content: bytes) -> Any:
    """An error body as JSON, or None (not JSON, or nesting too deep to parse safely)."""
    if not content or exceeds_depth(content, DEFAULT_MAX_JSON_DEPTH):
        return None
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return None


def status_error(response: httpx.Response) -> errors.APIStatusError:
    """The typed error for an error response (its body already read)."""
    code: str | None = None
    message: str | None = None
    details: dict[str, Any] | None = None
    body = _error_document(response.content)
    if isinstance(body, dict):
        raw_code, raw_message = body.get("code"), body.get("message", body.get("detail"))
        code = raw_code if isinstance(raw_code, str) else None
        message = raw_message if isinstance(raw_message, str) else None
        details = body.get("details") if isinstance(body.get("details"), dict) else None
    status = response.status_code
    summary = f"{_describe(response.request)} -> {status} {response.reason_phrase}"
    if message:
        summary += f": {message}"
    elif body is None and response.content:
        content_type = response.headers.get("content-type", "unknown content type")
        summary += f" (a {content_type} body, not JSON)"
    kwargs: dict[str, Any] = {
        "response": response,
        "code": code,
        "error_message": message,
        "details": details,
    }
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        return errors.RateLimitError(summary, retry_after=retry_after, **kwargs)
    error_type = _STATUS_ERRORS.get(status)
    if error_type is None:
        error_type = errors.InternalServerError if status >= 500 else errors.APIStatusError
    return error_type(summary, **kwargs)


_STATUS_ERRORS: Final[dict[int, type[errors.APIStatusError]]] = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    422: errors.UnprocessableEntityError,
}


def _keep_body(response: httpx.Response, body: bytes) -> None:
    """Store the body read as httpx's `read()` would, and drop the spent network stream.

    httpx's stream wrapper refers back to the response, a cycle that only the cyclic garbage
    collector frees: replacing it lets each response go as soon as it is no longer used, which
    keeps memory flat while many pages stream through.
    """
    response._content = body
    response.stream = httpx.ByteStream(body)


def _already_read(response: httpx.Response) -> bool:
    """True for a response whose transport handed it over with its body read (and decoded),
    as `httpx.MockTransport` does with a body given as bytes."""
    return hasattr(response, "_content")


def _connection_error(request: httpx.Request, error: Exception) -> errors.APIConnectionError:
    what = type(error).__name__
    if isinstance(error, httpx.TimeoutException):
        return errors.APITimeoutError(f"{_describe(request)}: timed out ({what})", request=request)
    return errors.APIConnectionError(f"{_describe(request)}: {what}: {error}", request=request)


class SyncHTTP(_HTTPBase):
    """The blocking HTTP layer (on `httpx.Client`)."""

    def __init__(
        self,
        service: Service,
        *,
        api_key: str | None,
        options: ClientOptions,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(service, api_key=api_key, options=options)
        self._owns_client = http_client is None
        self.client = http_client or httpx.Client(timeout=options.timeout)
        self._sleep = sleep

    def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_client:
            self.client.close()

    def request(
        self,
        spec: RequestSpec,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says; return a 2xx response, body read."""
        retries = self._retries(max_retries)
        attempt = 0
        while True:
            request = self._build_request(self.client, spec, timeout)
            try:
                response = self._send(request)
            except errors.APIConnectionError as error:
                delay = self._retry_delay(request, attempt, retries, error)
            else:
                if response.is_success:
                    return response
                delay = self._retry_delay(request, attempt, retries, response)
            attempt += 1
            self._sleep(delay)

    def _send(self, request: httpx.Request) -> httpx.Response:
        self._count_request()
        try:
            response = self.client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        try:
            reader = self._reader(response)
            for chunk in [response.content] if _already_read(response) else response.iter_raw():
                reader.feed(chunk)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        except BodyTooLargeError as error:
            raise self._too_large(response, error.received) from None
        finally:
            response.close()
        return self._received(response, reader)


class AsyncHTTP(_HTTPBase):
    """The asyncio HTTP layer (on `httpx.AsyncClient`)."""

    def __init__(
        self,
        service: Service,
        *,
        api_key: str | None,
        options: ClientOptions,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(service, api_key=api_key, options=options)
        self._owns_client = http_client is None
        self.client = http_client or httpx.AsyncClient(timeout=options.timeout)
        self._sleep = sleep

    async def aclose(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_client:
            await self.client.aclose()

    async def request(
        self,
        spec: RequestSpec,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says; return a 2xx response, body read."""
        retries = self._retries(max_retries)
        attempt = 0
        while True:
            request = self._build_request(self.client, spec, timeout)
            try:
                response = await self._send(request)
            except errors.APIConnectionError as error:
                delay = self._retry_delay(request, attempt, retries, error)
            else:
                if response.is_success:
                    return response
                delay = self._retry_delay(request, attempt, retries, response)
            attempt += 1
            await self._sleep(delay)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        self._count_request()
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        try:
            reader = self._reader(response)
            if _already_read(response):
                reader.feed(response.content)
            else:
                async for chunk in response.aiter_raw():
                    reader.feed(chunk)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        except BodyTooLargeError as error:
            raise self._too_large(response, error.received) from None
        finally:
            await response.aclose()
        return self._received(response, reader)

"""The HTTP layer every service client shares: auth, timeouts, retries, typed errors.

A service client describes its requests with the generated endpoint modules' `_get_kwargs`
(method, path with percent-encoded parameters, query), and sends them through `SyncHTTP` or
`AsyncHTTP`, which add the service's auth header, retry what is worth retrying, read the body
within a size limit and turn error statuses into `jobresults.errors` types.
"""

from __future__ import annotations

import asyncio
import io
import ipaddress
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, TypeAlias
from urllib.parse import urlsplit

import httpx

from . import __version__, errors
from ._retry import RetryPolicy, is_retryable_status, parse_retry_after

logger = logging.getLogger("jobresults")

DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=5.0)
"""Connect within 5 s; every read, write and pool wait within 60 s."""
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_MAX_RESPONSE_BYTES: Final = 256 * 1024 * 1024
"""Bodies larger than this are refused before they are parsed."""

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
RequestSpec: TypeAlias = Mapping[str, Any]
"""What a generated module's `_get_kwargs` returns: method, url (a path), params."""


class _NotGiven(Enum):
    NOT_GIVEN = "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""Marks a per-call option the caller left out (None is a real value for timeouts)."""


@dataclass(frozen=True)
class Service:
    """How to reach and authenticate with one service."""

    name: str
    api_key_env: str
    base_url_env: str
    default_base_url: str | None
    auth_header: str
    auth_scheme: str | None = None

    def auth_value(self, api_key: str) -> str:
        """The auth header's value for `api_key`."""
        return api_key if self.auth_scheme is None else f"{self.auth_scheme} {api_key}"


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_path_params(path_params: Mapping[str, str]) -> None:
    for name, value in path_params.items():
        if value in ("", ".", ".."):
            raise ValueError(f"{name} {value!r} is not a valid identifier")


class _HTTPBase:
    """What the sync and async layers share: configuration, request building, error mapping."""

    def __init__(
        self,
        service: Service,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes,
        max_retries: int,
        retry: RetryPolicy | None,
        allow_insecure_http: bool,
        max_response_bytes: int,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(service.api_key_env)
        if not key:
            raise ValueError(f"no API key: pass api_key= or set {service.api_key_env}")
        url = base_url or os.environ.get(service.base_url_env) or service.default_base_url
        if not url:
            raise ValueError(f"no base URL: pass base_url= or set {service.base_url_env}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be an http(s) URL, got {url!r}")
        if parts.scheme == "http" and not _is_loopback(parts.hostname) and not allow_insecure_http:
            raise ValueError(
                f"refusing to send the {service.name} API key over plain http to {parts.hostname};"
                " use https, or pass allow_insecure_http=True"
            )
        self.service = service
        self.base_url = url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy(max_retries=max_retries)
        self.max_response_bytes = max_response_bytes
        self._requests_sent = 0
        self._count_lock = threading.Lock()
        self._auth_headers = {
            service.auth_header: service.auth_value(key),
            "Accept": "application/json",
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

    def _check_size(self, response: httpx.Response, received: int) -> None:
        if received > self.max_response_bytes:
            raise errors.ResponseParseError(
                f"{_describe(response.request)}: response body over the "
                f"{self.max_response_bytes}-byte limit",
                response=response,
                reason="body too large",
            )

    def _declared_size(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit():
            self._check_size(response, int(declared))

    def _log_retry(self, request: httpx.Request, attempt: int, delay: float, why: str) -> None:
        logger.debug(
            "retrying %s (attempt %d) in %.2fs after %s", _describe(request), attempt, delay, why
        )


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {request.url.copy_with(query=None)}"


def status_error(response: httpx.Response) -> errors.APIStatusError:
    """The typed error for an error response (its body already read)."""
    code: str | None = None
    message: str | None = None
    details: dict[str, Any] | None = None
    try:
        body = response.json()
    except ValueError:
        body = None
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
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryPolicy | None = None,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            service,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
        )
        self._owns_client = http_client is None
        self.client = http_client or httpx.Client(timeout=timeout)
        self._sleep = sleep

    def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_client:
            self.client.close()

    def request(
        self,
        spec: RequestSpec,
        *,
        path_params: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says; return a 2xx response, body read."""
        _check_path_params(path_params or {})
        retries = self._retries(max_retries)
        attempt = 0
        while True:
            request = self._build_request(self.client, spec, timeout)
            try:
                response = self._send(request)
            except errors.APIConnectionError as error:
                if attempt >= retries:
                    raise
                delay, why = self.retry.backoff(attempt), error.message
            else:
                if response.is_success:
                    return response
                if attempt >= retries or not is_retryable_status(response.status_code):
                    raise status_error(response)
                delay, why = self.retry.delay(attempt, response), f"{response.status_code}"
            attempt += 1
            self._log_retry(request, attempt, delay, why)
            self._sleep(delay)

    def _send(self, request: httpx.Request) -> httpx.Response:
        self._count_request()
        try:
            response = self.client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        try:
            self._declared_size(response)
            body = io.BytesIO()
            for chunk in response.iter_bytes():
                self._check_size(response, body.tell() + len(chunk))
                body.write(chunk)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        finally:
            response.close()
        _keep_body(response, body.getvalue())  # the buffer itself, not a copy
        logger.debug("%s -> %d", _describe(request), response.status_code)
        return response


class AsyncHTTP(_HTTPBase):
    """The asyncio HTTP layer (on `httpx.AsyncClient`)."""

    def __init__(
        self,
        service: Service,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            service,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
        )
        self._owns_client = http_client is None
        self.client = http_client or httpx.AsyncClient(timeout=timeout)
        self._sleep = sleep

    async def aclose(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_client:
            await self.client.aclose()

    async def request(
        self,
        spec: RequestSpec,
        *,
        path_params: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says; return a 2xx response, body read."""
        _check_path_params(path_params or {})
        retries = self._retries(max_retries)
        attempt = 0
        while True:
            request = self._build_request(self.client, spec, timeout)
            try:
                response = await self._send(request)
            except errors.APIConnectionError as error:
                if attempt >= retries:
                    raise
                delay, why = self.retry.backoff(attempt), error.message
            else:
                if response.is_success:
                    return response
                if attempt >= retries or not is_retryable_status(response.status_code):
                    raise status_error(response)
                delay, why = self.retry.delay(attempt, response), f"{response.status_code}"
            attempt += 1
            self._log_retry(request, attempt, delay, why)
            await self._sleep(delay)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        self._count_request()
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        try:
            self._declared_size(response)
            body = io.BytesIO()
            async for chunk in response.aiter_bytes():
                self._check_size(response, body.tell() + len(chunk))
                body.write(chunk)
        except httpx.HTTPError as error:
            raise _connection_error(request, error) from error
        finally:
            await response.aclose()
        _keep_body(response, body.getvalue())  # the buffer itself, not a copy
        logger.debug("%s -> %d", _describe(request), response.status_code)
        return response

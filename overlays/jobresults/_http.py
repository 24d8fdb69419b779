"""The HTTP layer every service client shares: auth, timeouts, retries, typed errors.

A client describes each request (method, path with its parameters percent-encoded, query; see
`_arguments`) and sends it through `SyncHTTP` or `AsyncHTTP`, which add the service's auth
(bound to the configured origin, see `_auth`), retry what is worth retrying within the call's
deadline (`_deadline`), read the body within a size limit (undoing its Content-Encoding, see
`_body`) and turn error statuses into `jobresults.errors` types.

Only an `httpx.TransportError` (the connection failed, timed out or broke the protocol) becomes
an `APIConnectionError` and is retried. Anything else raised while sending, such as the
`HTTPStatusError` of a caller's own `raise_for_status` event hook or a caller's transport's own
exception, propagates unchanged after that single attempt: it is the caller's decision, not a
failure of the network.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, Final, TypeAlias
from urllib.parse import urlsplit

import httpx
import orjson

from . import __version__, errors
from ._auth import (
    OriginAuth,
    SecretKey,
    asend,
    is_loopback,
    no_cookies,
    origin_of,
    scrub_error,
    send,
)
from ._body import ACCEPT_ENCODING, BodyReader, BodyTooLargeError, keep_body
from ._deadline import Deadline, Stop
from ._decode import DEFAULT_MAX_JSON_DEPTH, exceeds_depth
from ._direct import DirectSender, note_elapsed, usable
from ._options import ClientOptions, DeadlineTypes, TimeoutTypes
from ._retry import is_retryable_status, parse_retry_after
from ._service import Service
from ._transport import async_transport, sync_transport

logger = logging.getLogger("jobresults")

RequestSpec: TypeAlias = Mapping[str, Any]
"""One request: `method`, `url` (a path under the base URL) and `params` (the query)."""


class _NotGiven(Enum):
    NOT_GIVEN = "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""Marks a per-call option the caller left out (None is a real value for timeouts)."""

RETRIES_TAKEN: Final = "jobresults.retries_taken"
CALL_ELAPSED: Final = "jobresults.elapsed"
"""Where a 2xx response's `extensions` note its call's retries and duration (seconds)."""


class _HTTPBase:
    """What the sync and async layers share: configuration, request building, error mapping."""

    def __init__(
        self, service: Service, *, api_key: str | SecretKey | None, options: ClientOptions
    ) -> None:
        api_key = SecretKey.of(api_key)  # from here on, no local holds the key itself
        key = api_key if api_key is not None else SecretKey.from_environment(service.api_key_env)
        if not key:
            raise ValueError(f"no API key: pass api_key= or set {service.api_key_env}")
        key.check_sendable(service.name)
        url = options.base_url or os.environ.get(service.base_url_env) or service.default_base_url
        if not url:
            example = f" (e.g. {service.base_url_template})" if service.base_url_template else ""
            raise ValueError(f"no base URL: pass base_url= or set {service.base_url_env}{example}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be an http(s) URL, got {url!r}")
        allow_insecure_http = options.allow_insecure_http
        if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure_http:
            raise ValueError(
                f"refusing to send the {service.name} API key over plain http to {parts.hostname};"
                " use https, or pass allow_insecure_http=True"
            )
        self.service = service
        self.base_url = url.rstrip("/")
        self.timeout = options.timeout
        self.retry = options.retry_policy
        self.max_response_bytes = options.max_response_bytes
        Deadline(options.deadline)  # checked now: a negative or NaN deadline is a ValueError
        self.deadline = options.deadline
        self._requests_sent = 0
        self._count_lock = threading.Lock()
        self.key = key
        self.auth = OriginAuth(
            service.auth_header,
            key,
            origin=origin_of(httpx.URL(self.base_url)),
            scheme=service.auth_scheme,
            allow_insecure_http=allow_insecure_http,
        )
        self._headers = {
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": f"jobresults/{__version__}",
            **options.default_headers,
        }
        self.default_query = dict(options.default_query)
        self.on_retry = options.on_retry
        self.direct: DirectSender | None = None
        """Set where the pool is the library's own (see `_direct`)."""
        self._direct_headers: list[tuple[bytes, bytes]] = []

    def _send_directly(self, direct: DirectSender | None) -> None:
        """Send on `direct` (the library's own pool: `configured` layers share it) rather than
        through the client's `send`, where this layer's base URL allows it (see `_direct`)."""
        if direct is not None and usable(self.base_url):
            self.direct = direct
            self._direct_headers = direct.headers(self._headers)

    @property
    def requests_sent(self) -> int:
        """Requests put on the wire so far, retries included (counted across threads)."""
        return self._requests_sent

    def _count_request(self) -> None:
        with self._count_lock:
            self._requests_sent += 1

    def __repr__(self) -> str:
        service = getattr(getattr(self, "service", None), "name", "?")
        return f"<{type(self).__name__} {service} base_url={getattr(self, 'base_url', None)!r}>"

    def _build_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        spec: RequestSpec,
        timeout: TimeoutTypes | _NotGiven,
        limit: Deadline,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
    ) -> httpx.Request:
        # The client's default query, then the call's parameters, then its extra query; the
        # library's headers, then the client's defaults, then the call's extra headers (the
        # auth header is set by the auth flow, after all of them).
        query = {**self.default_query, **spec.get("params", {}), **(extra_query or {})}
        params = {
            key: value.value if isinstance(value, Enum) else value for key, value in query.items()
        }
        if self.direct is not None:
            return self.direct.build(
                spec["method"].upper(),
                self.base_url + spec["url"],
                params,
                self._direct_headers,
                extra_headers,
                limit.timeouts(self.timeout if timeout is NOT_GIVEN else timeout),
            )
        headers = {**self._headers, **extra_headers} if extra_headers else self._headers
        return client.build_request(
            spec["method"].upper(),
            self.base_url + spec["url"],
            params=params,
            headers=headers,
            timeout=limit.timeouts(self.timeout if timeout is NOT_GIVEN else timeout),
        )

    @staticmethod
    def _taken(response: httpx.Response, retries: int, started: float) -> httpx.Response:
        """Note on a 2xx `response` how many retries and how long its call took
        (`ApiResponse.retries_taken`, `.elapsed`)."""
        response.extensions[RETRIES_TAKEN] = retries
        response.extensions[CALL_ELAPSED] = time.monotonic() - started
        return response

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
        keep_body(response, received)
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
        keep_body(response, body)
        request = response.request  # the query too: pages tell apart (the key is in a header)
        logger.info("%s %s -> %d", request.method, request.url, response.status_code)
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
        limit: Deadline,
    ) -> float:
        """The pause before retrying a failed attempt (0-based `attempt`), or raise its error.

        A connection error is retried with backoff; an error status only if it is retryable
        (408, 429, 5xx), after its Retry-After when it sent one. Either is raised once `retries`
        retries were spent, or when the pause would end after the deadline.
        """
        if isinstance(outcome, errors.APIConnectionError):
            if attempt >= retries:
                raise outcome
            delay, why = self.retry.backoff(attempt), outcome.message
        else:
            if attempt >= retries or not is_retryable_status(outcome.status_code):
                raise status_error(outcome)
            delay, why = self.retry.delay(attempt, outcome), f"{outcome.status_code}"
        limit.check()
        if not limit.allows_pause(delay):
            error = outcome if isinstance(outcome, errors.APIError) else status_error(outcome)
            asked = (
                None if isinstance(outcome, errors.APIError) else outcome.headers.get("retry-after")
            )
            left = limit.left()
            if asked is not None and parse_retry_after(asked) is not None:
                reason = (
                    f"not retried: the server asked to wait {delay:g} s (Retry-After), longer"
                    f" than the {left:.1f} s left before the deadline"
                )
            else:
                reason = (
                    f"not retried: the pause before the next attempt ({delay:.2f} s) would end"
                    f" after the deadline ({left:.2f} s left)"
                )
            raise limit.mark(error, reason)
        logger.info(
            "retrying %s (attempt %d) in %.2fs after %s",
            _describe(request),
            attempt + 1,
            delay,
            why,
        )
        if self.on_retry is not None:
            self.on_retry(attempt + 1, delay, why)
        return delay

    def _passed(self, limit: Deadline, request: httpx.Request, cause: str) -> errors.APIError:
        """The error of a call whose deadline passed (`cause`: what it was doing)."""
        error = errors.APITimeoutError(
            f"{_describe(request)}: the call's deadline of {limit.seconds:g} s passed {cause}",
            request=request,
        )
        return limit.mark(error, f"ended by the call's deadline ({limit.seconds:g} s)")


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


def _already_read(response: httpx.Response) -> bool:
    """True for a response whose transport handed it over with its body read (and decoded),
    as `httpx.MockTransport` does with a body given as bytes."""
    return response.is_stream_consumed


def _connection_error(request: httpx.Request, error: Exception) -> errors.APIConnectionError:
    # The frames below are httpx's and its dependencies', finished: their local variables
    # (h11 events among them, whose repr lists every header) are dropped, so that a traceback
    # printing locals cannot show the request's auth header.
    traceback.clear_frames(error.__traceback__)
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
        api_key: str | SecretKey | None,
        options: ClientOptions,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        direct: DirectSender | None = None,
    ) -> None:
        super().__init__(service, api_key=api_key, options=options)
        self._owns_client = http_client is None
        if http_client is None:
            transport = sync_transport()
            http_client = httpx.Client(
                timeout=options.timeout, cookies=no_cookies(), transport=transport
            )
            direct = DirectSender(http_client, transport)
        self.client = http_client
        self._send_directly(direct)
        self._sleep = sleep

    def configured(self, options: ClientOptions) -> SyncHTTP:
        """A layer with the same key and connection pool under other options (it does not own
        the pool)."""
        return SyncHTTP(
            self.service,
            api_key=self.key,
            options=options,
            http_client=self.client,
            sleep=self._sleep,
            direct=self.direct,
        )

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
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        stop: Stop | None = None,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says, within the deadline (the call's, else
        the client's, and the surrounding `Limit`); return a 2xx response, body read. Once
        `stop` is set, nothing more is sent (`Stopped`)."""
        retries = self._retries(max_retries)
        limit = Deadline(self.deadline if deadline is NOT_GIVEN else deadline, stop=stop)
        attempt = 0
        started = time.monotonic()
        try:
            with limit:
                while True:
                    limit.check()
                    request = self._build_request(
                        self.client, spec, timeout, limit, extra_headers, extra_query
                    )
                    if limit.passed():
                        raise self._passed(limit, request, "before it was sent")
                    try:
                        response = self._send(request, limit)
                    except errors.APIConnectionError as error:
                        delay = self._retry_delay(request, attempt, retries, error, limit)
                    else:
                        if response.is_success:
                            return self._taken(response, attempt, started)
                        delay = self._retry_delay(request, attempt, retries, response, limit)
                    attempt += 1
                    limit.pause(self._sleep, delay)
        except errors.APIError as error:
            scrub_error(error, self.key)
            raise

    def _send(self, request: httpx.Request, limit: Deadline) -> httpx.Response:
        def count() -> None:  # right before a request goes out: not once its iterator stopped
            limit.check()
            self._count_request()

        started = time.perf_counter()
        try:
            if self.direct is not None:
                response = self.direct.send(request, self.auth, count)
            else:
                response = send(self.client, request, self.auth, count)
        except httpx.TransportError as error:
            if limit.passed():
                raise self._passed(limit, request, "while waiting for the response") from error
            raise _connection_error(request, error) from error
        try:
            reader = self._reader(response)
            for chunk in [response.content] if _already_read(response) else response.iter_raw():
                reader.feed(chunk)
                if limit.passed():
                    raise self._passed(limit, request, "while the body was arriving")
        except httpx.TransportError as error:
            if limit.passed():
                raise self._passed(limit, request, "while the body was arriving") from error
            raise _connection_error(request, error) from error
        except BodyTooLargeError as error:
            raise self._too_large(response, error.received) from None
        finally:
            response.close()
            if self.direct is not None:
                note_elapsed(response, started)
        return self._received(response, reader)


class AsyncHTTP(_HTTPBase):
    """The asyncio HTTP layer (on `httpx.AsyncClient`)."""

    def __init__(
        self,
        service: Service,
        *,
        api_key: str | SecretKey | None,
        options: ClientOptions,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        direct: DirectSender | None = None,
    ) -> None:
        super().__init__(service, api_key=api_key, options=options)
        self._owns_client = http_client is None
        if http_client is None:
            transport = async_transport()
            http_client = httpx.AsyncClient(
                timeout=options.timeout, cookies=no_cookies(), transport=transport
            )
            direct = DirectSender(http_client, transport)
        self.client = http_client
        self._send_directly(direct)
        self._sleep = sleep

    def configured(self, options: ClientOptions) -> AsyncHTTP:
        """A layer with the same key and connection pool under other options (it does not own
        the pool)."""
        return AsyncHTTP(
            self.service,
            api_key=self.key,
            options=options,
            http_client=self.client,
            sleep=self._sleep,
            direct=self.direct,
        )

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
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """Send a request, retrying as the policy says, within the deadline (the call's, else
        the client's, and the surrounding `Limit`); return a 2xx response, body read. An
        attempt still running at the deadline is cancelled."""
        retries = self._retries(max_retries)
        limit = Deadline(self.deadline if deadline is NOT_GIVEN else deadline)
        attempt = 0
        started = time.monotonic()
        try:
            while True:
                request = self._build_request(
                    self.client, spec, timeout, limit, extra_headers, extra_query
                )
                if limit.passed():
                    raise self._passed(limit, request, "before it was sent")
                try:
                    response = await self._send_within(request, limit)
                except errors.APIConnectionError as error:
                    delay = self._retry_delay(request, attempt, retries, error, limit)
                else:
                    if response.is_success:
                        return self._taken(response, attempt, started)
                    delay = self._retry_delay(request, attempt, retries, response, limit)
                attempt += 1
                await self._sleep(delay)
        except errors.APIError as error:
            scrub_error(error, self.key)
            raise

    async def _send_within(self, request: httpx.Request, limit: Deadline) -> httpx.Response:
        """`_send`, cancelled at the deadline."""
        left = limit.left()
        try:
            async with asyncio.timeout(None if left == math.inf else left):
                return await self._send(request)
        except TimeoutError as error:
            if not limit.passed():
                raise
            # The cancelled attempt's frames (the transport's among them, whose locals hold the
            # request's headers) stay reachable through `__context__`: their locals are dropped.
            cancelled: BaseException | None = error
            while cancelled is not None:
                traceback.clear_frames(cancelled.__traceback__)
                cancelled = cancelled.__context__
            raise self._passed(limit, request, "while the request was under way") from None

    async def _send(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            if self.direct is not None:
                response = await self.direct.asend(request, self.auth, self._count_request)
            else:
                response = await asend(self.client, request, self.auth, self._count_request)
        except httpx.TransportError as error:
            raise _connection_error(request, error) from error
        try:
            reader = self._reader(response)
            if _already_read(response):
                reader.feed(response.content)
            else:
                async for chunk in response.aiter_raw():
                    reader.feed(chunk)
        except httpx.TransportError as error:
            raise _connection_error(request, error) from error
        except BodyTooLargeError as error:
            raise self._too_large(response, error.received) from None
        finally:
            await response.aclose()
            if self.direct is not None:
                note_elapsed(response, started)
        return self._received(response, reader)

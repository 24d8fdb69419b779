"""The base of every service client: construction, context management, a repr without secrets."""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar

import httpx

from . import errors
from ._auth import SecretKey, scrub_error
from ._decode import DEFAULT_MAX_JSON_DEPTH, decode
from ._http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncHTTP,
    DeadlineTypes,
    RequestSpec,
    Service,
    SyncHTTP,
    TimeoutTypes,
    _NotGiven,
)
from ._response import ApiResponse
from ._retry import RetryPolicy

T = TypeVar("T")


def typed_response(
    client: BaseClient | AsyncBaseClient,
    response: httpx.Response,
    type_: type[T],
    operation_id: str,
) -> ApiResponse[T]:
    """Decode a 2xx `response` of `client`'s service into `type_` (strict if the client is)."""
    service = client.service.name
    try:
        parsed = decode(
            response,
            type_,
            service=service,
            operation_id=operation_id,
            strict=client.strict,
            max_depth=client.max_json_depth,
        )
    except errors.ResponseParseError as error:
        scrub_error(error, client._http.key)
        raise
    return ApiResponse(parsed, response, service, operation_id)


def _client_repr(client: BaseClient | AsyncBaseClient) -> str:
    """The repr of a client, without secrets; also of one whose construction failed midway."""
    base_url = getattr(getattr(client, "_http", None), "base_url", None)
    return f"<{client.service.name}.{type(client).__name__} base_url={base_url!r}>"


class BaseClient:
    """A blocking client of one service; subclasses add the service's resources.

    `api_key` and `base_url` default to the service's environment variables (and its documented
    base URL). `timeout` and `max_retries` apply to every call unless a call overrides them;
    `http_client` lets you bring your own `httpx.Client` (transport, proxies, event hooks);
    `strict=True` raises on any deviation of a response from the spec. Bodies larger than
    `max_response_bytes` or nesting deeper than `max_json_depth` are refused before parsing
    (`ResponseParseError`). `deadline` (seconds, None by default: no limit) bounds each call
    as a whole, its retries and their pauses included, beside `timeout`'s per-read bounds (see
    `jobresults._deadline`); every call also takes its own `deadline=`, and waits bound each
    poll by the time they have left. `sleep` and `clock` (monotonic seconds) are what retries
    and waits use to pause and to tell time.
    """

    service: ClassVar[Service]

    def __init__(
        self,
        api_key: str | SecretKey | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryPolicy | None = None,
        http_client: httpx.Client | None = None,
        strict: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
        deadline: DeadlineTypes = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        api_key = SecretKey.of(api_key)  # no local holds the key itself (tracebacks)
        self._sleep = sleep
        self._clock = clock
        self._http = SyncHTTP(
            self.service,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            http_client=http_client,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
            deadline=deadline,
            sleep=sleep,
        )
        self.strict = strict
        self.max_json_depth = max_json_depth
        self._options: dict[str, Any] = {
            "api_key": self._http.key,
            "base_url": self._http.base_url,
            "timeout": timeout,
            "retry": self._http.retry,
            "strict": strict,
            "allow_insecure_http": allow_insecure_http,
            "max_response_bytes": max_response_bytes,
            "max_json_depth": max_json_depth,
            "deadline": deadline,
        }

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._http.base_url

    @property
    def requests_sent(self) -> int:
        """How many requests this client has put on the wire, retries included."""
        return self._http.requests_sent

    def _get_typed(
        self,
        spec: RequestSpec,
        type_: type[T],
        *,
        operation_id: str,
        path_params: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[T]:
        """Send `spec` (a generated `_get_kwargs`) and decode the 2xx body into `type_`."""
        response = self._http.request(
            spec,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return typed_response(self, response, type_, operation_id)

    def to_async(self) -> AsyncBaseClient:
        """A new async client of the same service with the same settings (own connection pool).

        A caller's own `http_client` (a sync `httpx.Client`) cannot serve async calls, so the
        twin has a pool of its own: to keep a custom transport, build the `AsyncClient` yourself.
        """
        module = importlib.import_module(f"jobresults.{self.service.name}")
        async_client: AsyncBaseClient = module.AsyncClient(**self._options)
        return async_client

    def close(self) -> None:
        """Close the connection pool (not a caller's own `http_client`)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return _client_repr(self)


class AsyncBaseClient:
    """An asyncio client of one service; subclasses add the service's resources.

    Takes the same options as `BaseClient`, with an `httpx.AsyncClient` as `http_client`.
    """

    service: ClassVar[Service]

    def __init__(
        self,
        api_key: str | SecretKey | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
        deadline: DeadlineTypes = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        api_key = SecretKey.of(api_key)  # no local holds the key itself (tracebacks)
        self._sleep = sleep
        self._clock = clock
        self._http = AsyncHTTP(
            self.service,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            http_client=http_client,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
            deadline=deadline,
            sleep=sleep,
        )
        self.strict = strict
        self.max_json_depth = max_json_depth

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._http.base_url

    @property
    def requests_sent(self) -> int:
        """How many requests this client has put on the wire, retries included."""
        return self._http.requests_sent

    async def _get_typed(
        self,
        spec: RequestSpec,
        type_: type[T],
        *,
        operation_id: str,
        path_params: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[T]:
        """Send `spec` (a generated `_get_kwargs`) and decode the 2xx body into `type_`."""
        response = await self._http.request(
            spec,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return typed_response(self, response, type_, operation_id)

    async def aclose(self) -> None:
        """Close the connection pool (not a caller's own `http_client`)."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return _client_repr(self)

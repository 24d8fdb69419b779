"""The base of every service client: construction, one call path for every operation, context
management, a repr without secrets.

The generated clients (`jobresults_api.<service>`) subclass `BaseClient` / `AsyncBaseClient`
and give each operation of the spec a typed method; each method hands its `Operation` (what the
spec says of it), its arguments and the type to decode into to `_request`, which checks the
arguments, sends the request through the HTTP layer and decodes the 2xx body.
"""

from __future__ import annotations

import asyncio
import importlib
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from functools import cached_property
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar, Unpack

import httpx

from . import _arguments, errors
from ._auth import SecretKey, scrub_error
from ._decode import decode
from ._fields import read_pointer
from ._http import AsyncHTTP, RequestSpec, SyncHTTP
from ._identity import about_job
from ._model import keep_response
from ._options import ClientOptionArgs, ClientOptions, RequestOptions
from ._response import ApiResponse
from ._service import JobRule, Operation, Service

T = TypeVar("T")
AsyncT = TypeVar("AsyncT", bound="AsyncBaseClient")


def typed_response(
    client: _ClientCommon,
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
            strict=client.options.strict,
            max_depth=client.options.max_json_depth,
        )
    except errors.ResponseParseError as error:
        scrub_error(error, client._http.key)
        raise
    keep_response(parsed, response)
    return ApiResponse(parsed, response, service, operation_id)


def request_spec(operation: Operation, arguments: Mapping[str, Any]) -> RequestSpec:
    """The request of one call: method, path (parameters checked and encoded) and query."""
    path, query = _arguments.build(operation, arguments)
    return {"method": operation.method, "url": path, "params": query}


def raw_spec(method: str, path: str, params: Mapping[str, Any] | None) -> RequestSpec:
    """The request of a raw call (`client.request(...)`): sent as given. A query written into
    `path` is kept, `params` over it (httpx would replace it with `params`, even an empty one);
    a fragment is dropped, as it never goes on the wire."""
    if not path.startswith("/"):
        raise ValueError(f"path must start with / (it goes under the base URL); got {path!r}")
    path = path.partition("#")[0]
    path, _, written = path.partition("?")
    values: dict[str, list[str]] = {}
    for key, value in urllib.parse.parse_qsl(written, keep_blank_values=True):
        values.setdefault(key, []).append(value)
    query = {key: found[0] if len(found) == 1 else found for key, found in values.items()}
    return {"method": method.upper(), "url": path, "params": {**query, **(params or {})}}


class _ClientCommon:
    """What blocking and asyncio clients share."""

    service: ClassVar[Service]
    operations: ClassVar[tuple[Operation, ...]] = ()
    """The operations of the service's spec (set by the generated clients)."""
    job_rule: ClassVar[JobRule | None] = None
    """How a job of the service reads (`jobresults.specs.read_job_rule`), if its spec says."""
    job_model: ClassVar[Any] = Any
    """The type a job is decoded into for `snapshot()` (a service's own subclass, say)."""
    result_model: ClassVar[Any] = Any
    """The type a finished job's result is decoded into, where the job rule names an operation
    for it (`JobRule.result_operation`)."""
    options: ClientOptions
    _http: SyncHTTP | AsyncHTTP

    def _about_the_job(
        self, operation: Operation, arguments: Mapping[str, Any], response: ApiResponse[T]
    ) -> ApiResponse[T]:
        """`response`, unless it is about another job than the one its call asked for: where
        the spec's job rule says which field repeats the job's id (`id_field`), a response of
        that operation naming another id is a `ResponseParseError` naming both (see
        `_identity`)."""
        rule = self.job_rule
        if rule is None or rule.id_field is None or rule.operation_id != operation.operation_id:
            return response
        asked = arguments.get(rule.id_parameter)
        answered = read_pointer(response.parsed, rule.id_field)
        if asked is None or answered is None:
            return response
        asked_text = _arguments.wire_value(operation.parameter(rule.id_parameter), asked)
        about_job(response, asked=asked_text, answered=str(answered), what="job")
        return response

    def _raw_response(self, response: httpx.Response, cast_to: type[T]) -> ApiResponse[T]:
        """Decode a raw call's body; strictly only when it called an operation of the spec."""
        request = response.request
        path = request.url.path.removeprefix(httpx.URL(self.base_url).path.rstrip("/"))
        for operation in self.operations:
            if operation.matches(request.method, path):
                return typed_response(self, response, cast_to, operation.operation_id)
        try:
            parsed = decode(
                response,
                cast_to,
                service=self.service.name,
                operation_id="",
                max_depth=self.options.max_json_depth,
            )
        except errors.ResponseParseError as error:
            scrub_error(error, self._http.key)
            raise
        keep_response(parsed, response)
        return ApiResponse(parsed, response, self.service.name, "")

    def with_options(self, **changes: Unpack[ClientOptionArgs]) -> Self:
        """A copy of this client with some options changed (`timeout`, `max_retries`,
        `default_headers`, `default_query`, `deadline`, `strict`, ... as `ClientOptions`
        says), sharing its key and its connection pool:

            client.with_options(max_retries=5, timeout=120).batches.results("batch-abc123")

        The copy does not own the pool: closing it leaves the pool open for this client (close
        this one when done). Mappings replace the client's (`default_headers={...}` is the
        whole set of default headers; merge `client.options.default_headers` to add one).
        """
        options = replace(self.options, **changes)
        clone = object.__new__(type(self))
        cached = {
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, cached_property)
        }  # the services' resources (`client.batches`) are made again for the copy
        clone.__dict__.update(
            (name, value) for name, value in self.__dict__.items() if name not in cached
        )
        clone.options = options
        clone._http = self._http.configured(options)
        return clone

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._http.base_url

    @property
    def strict(self) -> bool:
        """True if every body is validated against the spec before it is decoded."""
        return self.options.strict

    @property
    def requests_sent(self) -> int:
        """How many requests this client has put on the wire, retries included."""
        return self._http.requests_sent

    @property
    def _clock(self) -> Callable[[], float]:
        return self.options.clock

    def __repr__(self) -> str:
        http = self.__dict__.get("_http")
        where = f" base_url={http.base_url!r}" if http is not None else " (not set up)"
        name = getattr(type(self), "service", None)
        return f"<{getattr(name, 'name', '?')}.{type(self).__name__}{where}>"


class BaseClient(_ClientCommon):
    """A blocking client of one service; subclasses add the service's operations.

    `api_key` and `base_url` default to the service's environment variables (and the spec's
    server URL). The options (`ClientOptions`: `timeout`, `max_retries`, `strict`, ...) are
    given as keywords, or as a `ClientOptions` in `options` (keywords then override it); they
    apply to every call unless a call overrides `timeout`, `deadline` or `max_retries`.
    `http_client` lets you bring your own `httpx.Client` (transport, proxies, event hooks);
    `sleep` is what retries and waits pause with.
    """

    _http: SyncHTTP

    def __init__(
        self,
        api_key: str | SecretKey | None = None,
        *,
        options: ClientOptions | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        **overrides: Unpack[ClientOptionArgs],
    ) -> None:
        api_key = SecretKey.of(api_key)  # no local holds the key itself (tracebacks)
        self.options = replace(options or ClientOptions(), **overrides)
        self._sleep = sleep
        self._http = SyncHTTP(
            self.service,
            api_key=api_key,
            options=self.options,
            http_client=http_client,
            sleep=sleep,
        )

    def _request(
        self,
        operation: Operation,
        cast_to: type[T],
        arguments: Mapping[str, Any],
        options: RequestOptions,
    ) -> ApiResponse[T]:
        """Call `operation` with `arguments` and decode its 2xx body into `cast_to`."""
        response = self._http.request(request_spec(operation, arguments), **options)
        typed = typed_response(self, response, cast_to, operation.operation_id)
        return self._about_the_job(operation, arguments, typed)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast_to: type[T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[T]:
        """A call the spec does not cover (or one you build yourself), with the client's auth,
        retries, limits and typed errors: `path` goes under the base URL, `params` is the query
        (over any query written into `path`), the 2xx body is decoded into `cast_to` (`Any` for
        plain JSON)."""
        response = self._http.request(raw_spec(method, path, params), **options)
        return self._raw_response(response, cast_to)

    def get(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast_to: type[T],
        **options: Unpack[RequestOptions],
    ) -> T:
        """`request("GET", path, ...)`, returning the decoded body."""
        return self.request("GET", path, params=params, cast_to=cast_to, **options).parsed

    def _twin(self, async_type: type[AsyncT]) -> AsyncT:
        """A new `async_type` client with the same key and options (its own connection pool:
        a caller's sync `http_client` cannot serve async calls)."""
        return async_type(self._http.key, options=self.options)

    def to_async(self) -> AsyncBaseClient:
        """A new async client of the same service with the same settings (own connection pool).

        A caller's own `http_client` (a sync `httpx.Client`) cannot serve async calls, so the
        twin has a pool of its own: to keep a custom transport, build the `AsyncClient` yourself.
        """
        module = importlib.import_module(type(self).__module__)
        async_type: type[AsyncBaseClient] = module.AsyncClient
        return self._twin(async_type)

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


class AsyncBaseClient(_ClientCommon):
    """An asyncio client of one service; subclasses add the service's operations.

    Takes the same options as `BaseClient`, with an `httpx.AsyncClient` as `http_client`.
    """

    _http: AsyncHTTP

    def __init__(
        self,
        api_key: str | SecretKey | None = None,
        *,
        options: ClientOptions | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        **overrides: Unpack[ClientOptionArgs],
    ) -> None:
        api_key = SecretKey.of(api_key)  # no local holds the key itself (tracebacks)
        self.options = replace(options or ClientOptions(), **overrides)
        self._sleep = sleep
        self._http = AsyncHTTP(
            self.service,
            api_key=api_key,
            options=self.options,
            http_client=http_client,
            sleep=sleep,
        )

    async def _request(
        self,
        operation: Operation,
        cast_to: type[T],
        arguments: Mapping[str, Any],
        options: RequestOptions,
    ) -> ApiResponse[T]:
        """Call `operation` with `arguments` and decode its 2xx body into `cast_to`."""
        response = await self._http.request(request_spec(operation, arguments), **options)
        typed = typed_response(self, response, cast_to, operation.operation_id)
        return self._about_the_job(operation, arguments, typed)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast_to: type[T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[T]:
        """A call the spec does not cover (see `BaseClient.request`)."""
        response = await self._http.request(raw_spec(method, path, params), **options)
        return self._raw_response(response, cast_to)

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast_to: type[T],
        **options: Unpack[RequestOptions],
    ) -> T:
        """`request("GET", path, ...)`, returning the decoded body."""
        response = await self.request("GET", path, params=params, cast_to=cast_to, **options)
        return response.parsed

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

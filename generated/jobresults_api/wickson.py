"""Wickson batch results: typed clients, one method per operation of the spec.

`Client` (blocking) and `AsyncClient` (asyncio) over the jobresults HTTP core: auth, retries,
limits and typed errors come from there, the method names, parameters and result types from the
spec. Each method `name(...)` returns the typed result; `name_response(...)` returns it with the
HTTP response (`ApiResponse`), and decodes into `cast_to` when given.

Written by `make generate` from openapi/wickson.yaml; do not edit by hand.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypedDict, TypeVar, Unpack, overload

from jobresults.core import (
    ApiResponse,
    AsyncBaseClient,
    BaseClient,
    JobRule,
    Operation,
    Parameter,
    RequestOptions,
    Service,
)
from jobresults_structs.wickson import BatchResultsResponse

__all__ = [
    "JOB",
    "OPERATIONS",
    "SERVICE",
    "AsyncClient",
    "Client",
    "GET_BATCH_RESULTS",
    "GetBatchResultsFilters",
]

SERVICE: Service = Service(
    name="wickson",
    api_key_env="WICKSON_API_KEY",
    base_url_env="WICKSON_BASE_URL",
    default_base_url="https://api.wickson.ai",
    auth_header="X-Api-Key",
    security_scheme="ApiKey",
    base_url_template="https://api.wickson.ai",
    title="Wickson batch results",
)
"""How to reach and authenticate with the service (from `servers`, `securitySchemes`, `x-jobresults`)."""

GET_BATCH_RESULTS: Operation = Operation(
    operation_id="getBatchResults",
    method="GET",
    path="/v1/batches/{batch_id}/results",
    parameters=(
        Parameter(
            name="batch_id",
            wire="batch_id",
            location="path",
            required=True,
            type="string",
            min_length=1,
        ),
        Parameter(
            name="page", wire="page", location="query", type="integer", minimum=1
        ),
        Parameter(
            name="page_size",
            wire="page_size",
            location="query",
            type="integer",
            minimum=1,
            maximum=1000,
        ),
    ),
)
"""`GET /v1/batches/{batch_id}/results` (getBatchResults): Get Batch Results."""

OPERATIONS: tuple[Operation, ...] = (GET_BATCH_RESULTS,)

JOB: JobRule | None = JobRule(
    operation_id="getBatchResults",
    id_parameter="batch_id",
    arguments={"page": 1, "page_size": 1},
    status="/data/batch_summary/status",
    states={"created": "pending", "timed_out": "timed_out", "timeout": "timed_out"},
    completed="/data/batch_summary/completion/successful",
    failed="/data/batch_summary/completion/failed",
    total="/data/batch_summary/completion/total_items",
    created_at="/data/batch_summary/timeline/created_at",
    started_at="/data/batch_summary/timeline/started_at",
    finished_at="/data/batch_summary/timeline/completed_at",
    id_field="/data/batch_summary/batch_id",
)
"""How a job reads (`x-jobresults-job`, or a status enum of common words): `jobresults.snapshot`."""


class GetBatchResultsFilters(TypedDict, total=False):
    """The query parameters of getBatchResults but its page number, as keyword
    arguments (what iterating over its pages keeps the same from page to page)."""

    page_size: int | None
    """Number of items per page. (The page gives no upper bound; this spec caps it at 1000, and a larger value is answered with a validation_error.)"""


_T = TypeVar("_T")


class Client(BaseClient):
    """A blocking client of Wickson batch results: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = BatchResultsResponse
    result_model: ClassVar[Any] = Any

    def get_batch_results(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> BatchResultsResponse:
        """Get Batch Results.

        Retrieves the detailed processing results for a batch operation. For batches with many
        items, results are paginated; the `pagination` object says how many pages there are.

        - `batch_id`: Unique batch identifier.
        - `page`: Page number for pagination.
        - `page_size`: Number of items per page. (The page gives no upper bound; this spec caps it at 1000, and a larger value is answered with a validation_error.)

        `GET /v1/batches/{batch_id}/results` (getBatchResults).
        """
        response = self.get_batch_results_response(
            batch_id, page=page, page_size=page_size, **options
        )
        return response.parsed

    @overload
    def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[BatchResultsResponse]: ...

    @overload
    def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        cast_to: Any = BatchResultsResponse,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_batch_results` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(
            GET_BATCH_RESULTS,
            cast_to,
            {"batch_id": batch_id, "page": page, "page_size": page_size},
            options,
        )

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(AsyncBaseClient):
    """An asyncio client of Wickson batch results: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = BatchResultsResponse
    result_model: ClassVar[Any] = Any

    async def get_batch_results(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> BatchResultsResponse:
        """Get Batch Results.

        Retrieves the detailed processing results for a batch operation. For batches with many
        items, results are paginated; the `pagination` object says how many pages there are.

        - `batch_id`: Unique batch identifier.
        - `page`: Page number for pagination.
        - `page_size`: Number of items per page. (The page gives no upper bound; this spec caps it at 1000, and a larger value is answered with a validation_error.)

        `GET /v1/batches/{batch_id}/results` (getBatchResults).
        """
        response = await self.get_batch_results_response(
            batch_id, page=page, page_size=page_size, **options
        )
        return response.parsed

    @overload
    async def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[BatchResultsResponse]: ...

    @overload
    async def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    async def get_batch_results_response(
        self,
        batch_id: str,
        *,
        page: int | None = None,
        page_size: int | None = None,
        cast_to: Any = BatchResultsResponse,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_batch_results` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_BATCH_RESULTS,
            cast_to,
            {"batch_id": batch_id, "page": page, "page_size": page_size},
            options,
        )

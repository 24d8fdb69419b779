"""Modzy job results: typed clients, one method per operation of the spec.

`Client` (blocking) and `AsyncClient` (asyncio) over the jobresults HTTP core: auth, retries,
limits and typed errors come from there, the method names, parameters and result types from the
spec. Each method `name(...)` returns the typed result; `name_response(...)` returns it with the
HTTP response (`ApiResponse`), and decodes into `cast_to` when given.

Written by `make generate` from openapi/modzy.yaml; do not edit by hand.
"""

from __future__ import annotations

from datetime import date, datetime
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
from jobresults_structs.modzy import Job, Result

__all__ = [
    "JOB",
    "OPERATIONS",
    "SERVICE",
    "AsyncClient",
    "Client",
    "GET_RESULTS",
    "GET_JOB_HISTORY",
    "GetJobHistoryFilters",
    "GET_JOB",
]

SERVICE: Service = Service(
    name="modzy",
    api_key_env="MODZY_API_KEY",
    base_url_env="MODZY_BASE_URL",
    default_base_url=None,
    auth_header="Authorization",
    auth_scheme="ApiKey",
    security_scheme="ApiKey",
    base_url_template="https://{host}/api",
    title="Modzy job results",
)
"""How to reach and authenticate with the service (from `servers`, `securitySchemes`, `x-jobresults`)."""

GET_RESULTS: Operation = Operation(
    operation_id="getResults",
    method="GET",
    path="/results/{jobIdentifier}",
    parameters=(
        Parameter(
            name="job_identifier",
            wire="jobIdentifier",
            location="path",
            required=True,
            type="string",
            min_length=1,
        ),
    ),
)
"""`GET /results/{jobIdentifier}` (getResults): Retrieve the results of a job."""

GET_JOB_HISTORY: Operation = Operation(
    operation_id="getJobHistory",
    method="GET",
    path="/jobs/history",
    parameters=(
        Parameter(
            name="user", wire="user", location="query", type="string", min_length=1
        ),
        Parameter(
            name="access_key",
            wire="accessKey",
            location="query",
            type="string",
            min_length=1,
        ),
        Parameter(
            name="start_date",
            wire="startDate",
            location="query",
            type="string",
            format="date-time",
        ),
        Parameter(
            name="end_date",
            wire="endDate",
            location="query",
            type="string",
            format="date-time",
        ),
        Parameter(
            name="model", wire="model", location="query", type="string", min_length=1
        ),
        Parameter(
            name="status",
            wire="status",
            location="query",
            type="string",
            enum=(
                "all",
                "pending",
                "terminated",
                "timedout",
            ),
        ),
        Parameter(
            name="sort_by",
            wire="sort-by",
            location="query",
            type="string",
            min_length=1,
        ),
        Parameter(
            name="direction",
            wire="direction",
            location="query",
            type="string",
            enum=(
                "asc",
                "desc",
            ),
        ),
        Parameter(
            name="page", wire="page", location="query", type="integer", minimum=1
        ),
        Parameter(
            name="per_page",
            wire="per-page",
            location="query",
            type="integer",
            minimum=1,
        ),
    ),
)
"""`GET /jobs/history` (getJobHistory): Job history."""

GET_JOB: Operation = Operation(
    operation_id="getJob",
    method="GET",
    path="/jobs/{jobIdentifier}",
    parameters=(
        Parameter(
            name="job_identifier",
            wire="jobIdentifier",
            location="path",
            required=True,
            type="string",
            min_length=1,
        ),
    ),
)
"""`GET /jobs/{jobIdentifier}` (getJob): Job details."""

OPERATIONS: tuple[Operation, ...] = (
    GET_RESULTS,
    GET_JOB_HISTORY,
    GET_JOB,
)

JOB: JobRule | None = JobRule(
    operation_id="getResults",
    id_parameter="job_identifier",
    arguments={},
    states={},
    completed="/completed",
    failed="/failed",
    total="/total",
    id_field="/job_identifier",
    not_found="pending",
    not_found_grace=60.0,
    exists_operation="getJob",
)
"""How a job reads (`x-jobresults-job`, or a status enum of common words): `jobresults.snapshot`."""


class GetJobHistoryFilters(TypedDict, total=False):
    """The query parameters of getJobHistory but its page number, as keyword
    arguments (what iterating over its pages keeps the same from page to page)."""

    user: str | None
    """Only jobs submitted by this user. (The query parameters come from the service notes; the page only says that job history routes take filters and paginate. That the text filters are not empty is this spec's reading.)"""
    access_key: str | None
    """Only jobs submitted with this API key."""
    start_date: str | datetime | date | None
    """Only jobs created at or after this time (ISO 8601)."""
    end_date: str | datetime | date | None
    """Only jobs created at or before this time (ISO 8601)."""
    model: str | None
    """Only jobs of this model."""
    status: str | None
    """Status of the jobs to be fetched. Defaults to all."""
    sort_by: str | None
    """The job field to sort by (for example `createdAt`)."""
    direction: str | None
    """Sort direction."""
    per_page: int | None
    """How many jobs a page holds. (Neither the page nor the service notes give a default or bound; when omitted, the server's default applies.)"""


_T = TypeVar("_T")


class Client(BaseClient):
    """A blocking client of Modzy job results: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = Result
    result_model: ClassVar[Any] = Any

    def get_results(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> Result:
        """Retrieve the results of a job.

        Return the current results of a job execution, including the completed, failed and total
        number of items processed. The result is done when `finished` is true (completed or
        canceled). A job that was accepted moments ago can briefly answer 404 here.

        - `job_identifier`: Job identifier.

        `GET /results/{jobIdentifier}` (getResults).
        """
        response = self.get_results_response(job_identifier, **options)
        return response.parsed

    @overload
    def get_results_response(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Result]: ...

    @overload
    def get_results_response(
        self,
        job_identifier: str,
        *,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    def get_results_response(
        self,
        job_identifier: str,
        *,
        cast_to: Any = Result,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_results` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(
            GET_RESULTS, cast_to, {"job_identifier": job_identifier}, options
        )

    def get_job_history(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[Job]:
        """Job history.

        The job history receives a set of parameters and returns related job lists and details.
        Job history routes support pagination and may require filters.

        - `user`: Only jobs submitted by this user. (The query parameters come from the service notes; the page only says that job history routes take filters and paginate. That the text filters are not empty is this spec's reading.)
        - `access_key`: Only jobs submitted with this API key.
        - `start_date`: Only jobs created at or after this time (ISO 8601).
        - `end_date`: Only jobs created at or before this time (ISO 8601).
        - `model`: Only jobs of this model.
        - `status`: Status of the jobs to be fetched. Defaults to all.
        - `sort_by`: The job field to sort by (for example `createdAt`).
        - `direction`: Sort direction.
        - `page`: The page to return, starting at 1. (Neither the page nor the service notes give a default or bound; when omitted, the server's default applies.)
        - `per_page`: How many jobs a page holds. (Neither the page nor the service notes give a default or bound; when omitted, the server's default applies.)

        `GET /jobs/history` (getJobHistory).
        """
        response = self.get_job_history_response(
            user=user,
            access_key=access_key,
            start_date=start_date,
            end_date=end_date,
            model=model,
            status=status,
            sort_by=sort_by,
            direction=direction,
            page=page,
            per_page=per_page,
            **options,
        )
        return response.parsed

    @overload
    def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[Job]]: ...

    @overload
    def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        cast_to: Any = list[Job],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_job_history` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(
            GET_JOB_HISTORY,
            cast_to,
            {
                "user": user,
                "access_key": access_key,
                "start_date": start_date,
                "end_date": end_date,
                "model": model,
                "status": status,
                "sort_by": sort_by,
                "direction": direction,
                "page": page,
                "per_page": per_page,
            },
            options,
        )

    def get_job(self, job_identifier: str, **options: Unpack[RequestOptions]) -> Job:
        """Job details.

        One job's details: the job object of the job history. (Not on the pages: the official
        SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
        until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
        submitted, also while its results still answer 404.)

        - `job_identifier`: Job identifier.

        `GET /jobs/{jobIdentifier}` (getJob).
        """
        response = self.get_job_response(job_identifier, **options)
        return response.parsed

    @overload
    def get_job_response(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Job]: ...

    @overload
    def get_job_response(
        self,
        job_identifier: str,
        *,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    def get_job_response(
        self,
        job_identifier: str,
        *,
        cast_to: Any = Job,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(
            GET_JOB, cast_to, {"job_identifier": job_identifier}, options
        )

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(AsyncBaseClient):
    """An asyncio client of Modzy job results: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = Result
    result_model: ClassVar[Any] = Any

    async def get_results(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> Result:
        """Retrieve the results of a job.

        Return the current results of a job execution, including the completed, failed and total
        number of items processed. The result is done when `finished` is true (completed or
        canceled). A job that was accepted moments ago can briefly answer 404 here.

        - `job_identifier`: Job identifier.

        `GET /results/{jobIdentifier}` (getResults).
        """
        response = await self.get_results_response(job_identifier, **options)
        return response.parsed

    @overload
    async def get_results_response(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Result]: ...

    @overload
    async def get_results_response(
        self,
        job_identifier: str,
        *,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    async def get_results_response(
        self,
        job_identifier: str,
        *,
        cast_to: Any = Result,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_results` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_RESULTS, cast_to, {"job_identifier": job_identifier}, options
        )

    async def get_job_history(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[Job]:
        """Job history.

        The job history receives a set of parameters and returns related job lists and details.
        Job history routes support pagination and may require filters.

        - `user`: Only jobs submitted by this user. (The query parameters come from the service notes; the page only says that job history routes take filters and paginate. That the text filters are not empty is this spec's reading.)
        - `access_key`: Only jobs submitted with this API key.
        - `start_date`: Only jobs created at or after this time (ISO 8601).
        - `end_date`: Only jobs created at or before this time (ISO 8601).
        - `model`: Only jobs of this model.
        - `status`: Status of the jobs to be fetched. Defaults to all.
        - `sort_by`: The job field to sort by (for example `createdAt`).
        - `direction`: Sort direction.
        - `page`: The page to return, starting at 1. (Neither the page nor the service notes give a default or bound; when omitted, the server's default applies.)
        - `per_page`: How many jobs a page holds. (Neither the page nor the service notes give a default or bound; when omitted, the server's default applies.)

        `GET /jobs/history` (getJobHistory).
        """
        response = await self.get_job_history_response(
            user=user,
            access_key=access_key,
            start_date=start_date,
            end_date=end_date,
            model=model,
            status=status,
            sort_by=sort_by,
            direction=direction,
            page=page,
            per_page=per_page,
            **options,
        )
        return response.parsed

    @overload
    async def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[Job]]: ...

    @overload
    async def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    async def get_job_history_response(
        self,
        *,
        user: str | None = None,
        access_key: str | None = None,
        start_date: str | datetime | date | None = None,
        end_date: str | datetime | date | None = None,
        model: str | None = None,
        status: str | None = None,
        sort_by: str | None = None,
        direction: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        cast_to: Any = list[Job],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_job_history` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_JOB_HISTORY,
            cast_to,
            {
                "user": user,
                "access_key": access_key,
                "start_date": start_date,
                "end_date": end_date,
                "model": model,
                "status": status,
                "sort_by": sort_by,
                "direction": direction,
                "page": page,
                "per_page": per_page,
            },
            options,
        )

    async def get_job(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> Job:
        """Job details.

        One job's details: the job object of the job history. (Not on the pages: the official
        SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
        until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
        submitted, also while its results still answer 404.)

        - `job_identifier`: Job identifier.

        `GET /jobs/{jobIdentifier}` (getJob).
        """
        response = await self.get_job_response(job_identifier, **options)
        return response.parsed

    @overload
    async def get_job_response(
        self, job_identifier: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Job]: ...

    @overload
    async def get_job_response(
        self,
        job_identifier: str,
        *,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    async def get_job_response(
        self,
        job_identifier: str,
        *,
        cast_to: Any = Job,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_JOB, cast_to, {"job_identifier": job_identifier}, options
        )

"""LlamaCloud extraction jobs: typed clients, one method per operation of the spec.

`Client` (blocking) and `AsyncClient` (asyncio) over the jobresults HTTP core: auth, retries,
limits and typed errors come from there, the method names, parameters and result types from the
spec. Each method `name(...)` returns the typed result; `name_response(...)` returns it with the
HTTP response (`ApiResponse`), and decodes into `cast_to` when given.

Written by `make generate` from openapi/llamacloud.yaml; do not edit by hand.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, Unpack, overload

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
from jobresults_structs.llamacloud import ExtractJob, JobGetResultResponse

__all__ = [
    "JOB",
    "OPERATIONS",
    "SERVICE",
    "AsyncClient",
    "Client",
    "GET_EXTRACTION_JOB",
    "GET_EXTRACTION_JOB_RESULT",
]

SERVICE: Service = Service(
    name="llamacloud",
    api_key_env="LLAMA_CLOUD_API_KEY",
    base_url_env="LLAMA_CLOUD_BASE_URL",
    default_base_url="https://api.cloud.llamaindex.ai",
    auth_header="Authorization",
    auth_scheme="Bearer",
    security_scheme="BearerAuth",
    base_url_template="https://api.cloud.llamaindex.ai",
    title="LlamaCloud extraction jobs",
)
"""How to reach and authenticate with the service (from `servers`, `securitySchemes`, `x-jobresults`)."""

GET_EXTRACTION_JOB: Operation = Operation(
    operation_id="getExtractionJob",
    method="GET",
    path="/api/v1/extraction/jobs/{job_id}",
    parameters=(
        Parameter(
            name="job_id",
            wire="job_id",
            location="path",
            required=True,
            type="string",
            min_length=1,
        ),
    ),
)
"""`GET /api/v1/extraction/jobs/{job_id}` (getExtractionJob): Get Job."""

GET_EXTRACTION_JOB_RESULT: Operation = Operation(
    operation_id="getExtractionJobResult",
    method="GET",
    path="/api/v1/extraction/jobs/{job_id}/result",
    parameters=(
        Parameter(
            name="job_id",
            wire="job_id",
            location="path",
            required=True,
            type="string",
            min_length=1,
        ),
        Parameter(
            name="organization_id",
            wire="organization_id",
            location="query",
            type="string",
        ),
        Parameter(
            name="project_id", wire="project_id", location="query", type="string"
        ),
    ),
)
"""`GET /api/v1/extraction/jobs/{job_id}/result` (getExtractionJobResult): Get Job Result."""

OPERATIONS: tuple[Operation, ...] = (
    GET_EXTRACTION_JOB,
    GET_EXTRACTION_JOB_RESULT,
)

JOB: JobRule | None = JobRule(
    operation_id="getExtractionJob",
    id_parameter="job_id",
    arguments={},
    status="/status",
    states={"partial_success": "succeeded"},
    error="/error",
    id_field="/id",
    result_operation="getExtractionJobResult",
)
"""How a job reads (`x-jobresults-job`, or a status enum of common words): `jobresults.snapshot`."""

_T = TypeVar("_T")


class Client(BaseClient):
    """A blocking client of LlamaCloud extraction jobs: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = ExtractJob
    result_model: ClassVar[Any] = JobGetResultResponse

    def get_extraction_job(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ExtractJob:
        """Get Job.

        Get an extraction job: its status, its error once it failed, its file and the agent it
        ran on. (From the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's
        `wait_for_completion` polls this until the status is SUCCESS or PARTIAL_SUCCESS, and
        raises on ERROR or CANCELLED.)

        - `job_id`: The extraction job's id.

        `GET /api/v1/extraction/jobs/{job_id}` (getExtractionJob).
        """
        response = self.get_extraction_job_response(job_id, **options)
        return response.parsed

    @overload
    def get_extraction_job_response(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[ExtractJob]: ...

    @overload
    def get_extraction_job_response(
        self, job_id: str, *, cast_to: type[_T], **options: Unpack[RequestOptions]
    ) -> ApiResponse[_T]: ...

    def get_extraction_job_response(
        self,
        job_id: str,
        *,
        cast_to: Any = ExtractJob,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_extraction_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(GET_EXTRACTION_JOB, cast_to, {"job_id": job_id}, options)

    def get_extraction_job_result(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> JobGetResultResponse:
        """Get Job Result.

        Get the result of an extraction job.

        - `job_id`: The extraction job's id.
        - `organization_id`: The organization the job belongs to (optional).
        - `project_id`: The project the job belongs to (optional).

        `GET /api/v1/extraction/jobs/{job_id}/result` (getExtractionJobResult).
        """
        response = self.get_extraction_job_result_response(
            job_id, organization_id=organization_id, project_id=project_id, **options
        )
        return response.parsed

    @overload
    def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[JobGetResultResponse]: ...

    @overload
    def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        cast_to: Any = JobGetResultResponse,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_extraction_job_result` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(
            GET_EXTRACTION_JOB_RESULT,
            cast_to,
            {
                "job_id": job_id,
                "organization_id": organization_id,
                "project_id": project_id,
            },
            options,
        )

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(AsyncBaseClient):
    """An asyncio client of LlamaCloud extraction jobs: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = ExtractJob
    result_model: ClassVar[Any] = JobGetResultResponse

    async def get_extraction_job(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ExtractJob:
        """Get Job.

        Get an extraction job: its status, its error once it failed, its file and the agent it
        ran on. (From the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's
        `wait_for_completion` polls this until the status is SUCCESS or PARTIAL_SUCCESS, and
        raises on ERROR or CANCELLED.)

        - `job_id`: The extraction job's id.

        `GET /api/v1/extraction/jobs/{job_id}` (getExtractionJob).
        """
        response = await self.get_extraction_job_response(job_id, **options)
        return response.parsed

    @overload
    async def get_extraction_job_response(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[ExtractJob]: ...

    @overload
    async def get_extraction_job_response(
        self, job_id: str, *, cast_to: type[_T], **options: Unpack[RequestOptions]
    ) -> ApiResponse[_T]: ...

    async def get_extraction_job_response(
        self,
        job_id: str,
        *,
        cast_to: Any = ExtractJob,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_extraction_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_EXTRACTION_JOB, cast_to, {"job_id": job_id}, options
        )

    async def get_extraction_job_result(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> JobGetResultResponse:
        """Get Job Result.

        Get the result of an extraction job.

        - `job_id`: The extraction job's id.
        - `organization_id`: The organization the job belongs to (optional).
        - `project_id`: The project the job belongs to (optional).

        `GET /api/v1/extraction/jobs/{job_id}/result` (getExtractionJobResult).
        """
        response = await self.get_extraction_job_result_response(
            job_id, organization_id=organization_id, project_id=project_id, **options
        )
        return response.parsed

    @overload
    async def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[JobGetResultResponse]: ...

    @overload
    async def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[_T]: ...

    async def get_extraction_job_result_response(
        self,
        job_id: str,
        *,
        organization_id: str | None = None,
        project_id: str | None = None,
        cast_to: Any = JobGetResultResponse,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Any]:
        """`get_extraction_job_result` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(
            GET_EXTRACTION_JOB_RESULT,
            cast_to,
            {
                "job_id": job_id,
                "organization_id": organization_id,
                "project_id": project_id,
            },
            options,
        )

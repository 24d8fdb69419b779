"""Overmind job with iterations: typed clients, one method per operation of the spec.

`Client` (blocking) and `AsyncClient` (asyncio) over the jobresults HTTP core: auth, retries,
limits and typed errors come from there, the method names, parameters and result types from the
spec. Each method `name(...)` returns the typed result; `name_response(...)` returns it with the
HTTP response (`ApiResponse`), and decodes into `cast_to` when given.

Written by `make generate` from openapi/overmind.yaml; do not edit by hand.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, Unpack, overload
from uuid import UUID

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
from jobresults_structs.overmind import Job

__all__ = ["JOB", "OPERATIONS", "SERVICE", "AsyncClient", "Client", "GET_JOB"]

SERVICE: Service = Service(
    name="overmind",
    api_key_env="OVERMIND_API_KEY",
    base_url_env="OVERMIND_BASE_URL",
    default_base_url="https://api.overmindlab.ai",
    auth_header="X-Api-Key",
    security_scheme="ApiKey",
    base_url_template="https://api.overmindlab.ai",
    title="Overmind job with iterations",
)
"""How to reach and authenticate with the service (from `servers`, `securitySchemes`, `x-jobresults`)."""

GET_JOB: Operation = Operation(
    operation_id="getJob",
    method="GET",
    path="/api/jobs/{id}/",
    parameters=(
        Parameter(
            name="id",
            wire="id",
            location="path",
            required=True,
            type="string",
            format="uuid",
        ),
    ),
)
"""`GET /api/jobs/{id}/` (getJob): Get job (with iterations)."""

OPERATIONS: tuple[Operation, ...] = (GET_JOB,)

JOB: JobRule | None = JobRule(
    operation_id="getJob",
    id_parameter="id",
    arguments={},
    status="/status",
    states={},
    completed="/iterations",
    total="/num_iterations",
    created_at="/created_at",
    updated_at="/updated_at",
    id_field="/id",
    unit="iterations",
)
"""How a job reads (`x-jobresults-job`, or a status enum of common words): `jobresults.snapshot`."""

_T = TypeVar("_T")


class Client(BaseClient):
    """A blocking client of Overmind job with iterations: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = Job
    result_model: ClassVar[Any] = Any

    def get_job(self, id: str | UUID, **options: Unpack[RequestOptions]) -> Job:
        """Get job (with iterations).

        Get a job with its iterations. The trailing slash is part of the path.

        - `id`: The job's id.

        `GET /api/jobs/{id}/` (getJob).
        """
        response = self.get_job_response(id, **options)
        return response.parsed

    @overload
    def get_job_response(
        self, id: str | UUID, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Job]: ...

    @overload
    def get_job_response(
        self, id: str | UUID, *, cast_to: type[_T], **options: Unpack[RequestOptions]
    ) -> ApiResponse[_T]: ...

    def get_job_response(
        self, id: str | UUID, *, cast_to: Any = Job, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Any]:
        """`get_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return self._request(GET_JOB, cast_to, {"id": id}, options)

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(AsyncBaseClient):
    """An asyncio client of Overmind job with iterations: one method per operation.

    Options as `jobresults.ClientOptions` documents (`api_key`, `base_url`, `timeout`,
    `max_retries`, `default_headers`, `default_query`, `strict`, ...; `with_options(...)` is a
    copy with some changed); every method also takes `timeout`, `deadline`, `max_retries`,
    `extra_headers` and `extra_query` for that call alone.
    """

    service: ClassVar[Service] = SERVICE
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    job_rule: ClassVar[JobRule | None] = JOB
    job_model: ClassVar[Any] = Job
    result_model: ClassVar[Any] = Any

    async def get_job(self, id: str | UUID, **options: Unpack[RequestOptions]) -> Job:
        """Get job (with iterations).

        Get a job with its iterations. The trailing slash is part of the path.

        - `id`: The job's id.

        `GET /api/jobs/{id}/` (getJob).
        """
        response = await self.get_job_response(id, **options)
        return response.parsed

    @overload
    async def get_job_response(
        self, id: str | UUID, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Job]: ...

    @overload
    async def get_job_response(
        self, id: str | UUID, *, cast_to: type[_T], **options: Unpack[RequestOptions]
    ) -> ApiResponse[_T]: ...

    async def get_job_response(
        self, id: str | UUID, *, cast_to: Any = Job, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Any]:
        """`get_job` with the HTTP response (`.parsed`, `.http`, `.json()`, `.deviations()`);
        the body is decoded into `cast_to` (a subclass of the result type, say) when given."""
        return await self._request(GET_JOB, cast_to, {"id": id}, options)

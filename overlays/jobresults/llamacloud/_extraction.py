"""`client.extraction.jobs`: an extraction job, its result, and waiting for it, in the call
shapes of LlamaCloud's SDK (`get`, `get_result`; `wait` for its `wait_for_completion` followed
by `get_result`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from .._job_result import await_result, wait_for_result
from .._options import RequestOptions
from .._polling import DEFAULT_WAIT_TIMEOUT
from .._response import ApiResponse
from .._unknown import warn_unknown
from ._models import ExtractionJob, ExtractionResult

if TYPE_CHECKING:
    from ._client import AsyncClient, Client


def _flag_unknown(response: ApiResponse[ExtractionJob]) -> ApiResponse[ExtractionJob]:
    request = response.http.request
    warn_unknown(f"{request.method} {request.url.copy_with(query=None)}", [response.parsed.status])
    return response


class ExtractionJobs:
    """Extraction jobs: `GET /api/v1/extraction/jobs/{job_id}` and its `/result`."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(self, job_id: str, **options: Unpack[RequestOptions]) -> ExtractionJob:
        """The job, typed: `.status` (PENDING, SUCCESS, PARTIAL_SUCCESS, ERROR, CANCELLED),
        `.error` (why it failed), `.file`, `.file_id`, `.extraction_agent`, `.is_terminal`."""
        return self.get_response(job_id, **options).parsed

    def get_response(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[ExtractionJob]:
        """`get(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        response = self._client.get_extraction_job_response(
            job_id, cast_to=ExtractionJob, **options
        )
        return _flag_unknown(response)

    def get_result(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ExtractionResult:
        """The job's result, typed: `.data`, `.records()`, `.run_id`, `.extraction_metadata`.

        A job without a result (still PENDING, or ended in ERROR or CANCELLED) is a
        `NotFoundError`; `get(job_id)` says which, `wait(job_id)` waits for it.
        """
        return self.get_result_response(job_id, organization_id, project_id, **options).parsed

    def get_result_response(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ExtractionResult]:
        """`get_result(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        return self._client.get_extraction_job_result_response(
            job_id,
            organization_id=organization_id,
            project_id=project_id,
            cast_to=ExtractionResult,
            **options,
        )

    def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: Callable[[ExtractionJob], object] | None = None,
    ) -> ExtractionResult:
        """Poll the job until it ends, then return its result (`get_result`).

        Pauses start at `poll_interval` seconds and grow 1.5 times per poll up to
        `max_poll_interval`; `on_update(job)` is called with every job fetched. SUCCESS and
        PARTIAL_SUCCESS end with the result; ERROR and CANCELLED raise `JobFailedError` at once
        (`.job` the last job, `.error` its error text, `.status` the status). An unknown job is
        a `NotFoundError` at once. After `timeout` seconds (None: no limit) raises
        `WaitTimeoutError`, whose `.last` is the last job seen.
        """
        result: ExtractionResult = wait_for_result(
            self._client,
            job_id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            on_update=on_update,
        )
        return result


class AsyncExtractionJobs:
    """Extraction jobs, for asyncio (the same calls as `ExtractionJobs`, to await)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get(self, job_id: str, **options: Unpack[RequestOptions]) -> ExtractionJob:
        """The job, typed (see `ExtractionJobs.get`)."""
        response = await self.get_response(job_id, **options)
        return response.parsed

    async def get_response(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> ApiResponse[ExtractionJob]:
        """`get(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        response = await self._client.get_extraction_job_response(
            job_id, cast_to=ExtractionJob, **options
        )
        return _flag_unknown(response)

    async def get_result(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ExtractionResult:
        """The job's result, typed: `.data`, `.records()`, `.run_id`, `.extraction_metadata`."""
        response = await self.get_result_response(job_id, organization_id, project_id, **options)
        return response.parsed

    async def get_result_response(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ExtractionResult]:
        """`get_result(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        return await self._client.get_extraction_job_result_response(
            job_id,
            organization_id=organization_id,
            project_id=project_id,
            cast_to=ExtractionResult,
            **options,
        )

    async def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: Callable[[ExtractionJob], object] | None = None,
    ) -> ExtractionResult:
        """Poll the job until it ends, then return its result (see `ExtractionJobs.wait`)."""
        result: ExtractionResult = await await_result(
            self._client,
            job_id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            on_update=on_update,
        )
        return result


class Extraction:
    """LlamaCloud Extract: `.jobs`."""

    def __init__(self, client: Client) -> None:
        self.jobs = ExtractionJobs(client)
        """Extraction jobs: `get`, `get_result`, `wait` (and `*_response` twins)."""


class AsyncExtraction:
    """LlamaCloud Extract, for asyncio: `.jobs`."""

    def __init__(self, client: AsyncClient) -> None:
        self.jobs = AsyncExtractionJobs(client)
        """Extraction jobs: `await get(...)`, `get_result(...)`, `wait(...)`."""

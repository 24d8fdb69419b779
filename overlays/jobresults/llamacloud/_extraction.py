"""`client.extraction.jobs`: an extraction job's result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http import NOT_GIVEN, DeadlineTypes, RequestSpec, TimeoutTypes, _NotGiven
from .._response import ApiResponse
from ._models import ExtractionResult

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

OPERATION_ID = "getExtractionJobResult"


def _request(
    job_id: str, organization_id: str | None, project_id: str | None
) -> tuple[RequestSpec, dict[str, str]]:
    # Imported on first use: the generated client package (attrs models) takes ~20 ms to load.
    from jobresults_clients.llamacloud.api.extraction import get_extraction_job_result
    from jobresults_clients.llamacloud.types import UNSET

    spec = get_extraction_job_result._get_kwargs(
        job_id,
        organization_id=UNSET if organization_id is None else organization_id,
        project_id=UNSET if project_id is None else project_id,
    )
    return spec, {"job_id": job_id}


class ExtractionJobs:
    """Extraction jobs (`GET /api/v1/extraction/jobs/{job_id}/result`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get_result(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ExtractionResult:
        """The job's result, typed: `.data`, `.records()`, `.run_id`, `.extraction_metadata`."""
        return self.get_result_response(
            job_id,
            organization_id,
            project_id,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        ).parsed

    def get_result_response(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[ExtractionResult]:
        """`get_result(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        spec, path_params = _request(job_id, organization_id, project_id)
        return self._client._get_typed(
            spec,
            ExtractionResult,
            operation_id=OPERATION_ID,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )


class AsyncExtractionJobs:
    """Extraction jobs (`GET /api/v1/extraction/jobs/{job_id}/result`), for asyncio."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_result(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ExtractionResult:
        """The job's result, typed: `.data`, `.records()`, `.run_id`, `.extraction_metadata`."""
        response = await self.get_result_response(
            job_id,
            organization_id,
            project_id,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return response.parsed

    async def get_result_response(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[ExtractionResult]:
        """`get_result(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, ..."""
        spec, path_params = _request(job_id, organization_id, project_id)
        return await self._client._get_typed(
            spec,
            ExtractionResult,
            operation_id=OPERATION_ID,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )


class Extraction:
    """LlamaCloud Extract: `.jobs`."""

    def __init__(self, client: Client) -> None:
        self.jobs = ExtractionJobs(client)
        """Extraction jobs: `get_result(...)`, `get_result_response(...)`."""


class AsyncExtraction:
    """LlamaCloud Extract, for asyncio: `.jobs`."""

    def __init__(self, client: AsyncClient) -> None:
        self.jobs = AsyncExtractionJobs(client)
        """Extraction jobs: `await get_result(...)`, `await get_result_response(...)`."""

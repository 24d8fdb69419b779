"""`client.extraction.jobs`: an extraction job's result, in the call shape of LlamaCloud's SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from .._options import RequestOptions
from .._response import ApiResponse
from ._models import ExtractionResult

if TYPE_CHECKING:
    from ._client import AsyncClient, Client


class ExtractionJobs:
    """Extraction jobs (`GET /api/v1/extraction/jobs/{job_id}/result`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get_result(
        self,
        job_id: str,
        organization_id: str | None = None,
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ExtractionResult:
        """The job's result, typed: `.data`, `.records()`, `.run_id`, `.extraction_metadata`."""
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


class AsyncExtractionJobs:
    """Extraction jobs (`GET /api/v1/extraction/jobs/{job_id}/result`), for asyncio."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

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

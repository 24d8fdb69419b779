"""LlamaCloud's clients: the generated ones, with `client.extraction.jobs` as the SDK has it."""

from __future__ import annotations

from functools import cached_property
from typing import Final

from jobresults_api import llamacloud as api

from .._service import Service
from ._extraction import AsyncExtraction, Extraction
from ._models import ExtractionJob, ExtractionResult

SERVICE: Final[Service] = api.SERVICE


class Client(api.Client):
    """A blocking LlamaCloud client (key from LLAMA_CLOUD_API_KEY, sent as a Bearer token).

        with llamacloud.Client() as client:  # LLAMA_CLOUD_API_KEY, LLAMA_CLOUD_BASE_URL
            result = client.extraction.jobs.wait(job_id, timeout=300)  # or get_result(job_id)
            for record in result.records():
                ...

    Options (`timeout`, `max_retries`, `http_client`, `strict`, ...) as `ClientOptions`
    documents for every client.
    """

    job_model = ExtractionJob
    result_model = ExtractionResult

    @cached_property
    def extraction(self) -> Extraction:
        """LlamaCloud Extract: `extraction.jobs.get(...)`, `.get_result(...)`, `.wait(...)`."""
        return Extraction(self)

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(api.AsyncClient):
    """An asyncio LlamaCloud client (`async with llamacloud.AsyncClient() as client: ...`)."""

    job_model = ExtractionJob
    result_model = ExtractionResult

    @cached_property
    def extraction(self) -> AsyncExtraction:
        """LlamaCloud Extract: `await extraction.jobs.get(...)`, `get_result(...)`, `wait(...)`."""
        return AsyncExtraction(self)

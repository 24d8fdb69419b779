"""Wickson's clients: the generated ones, with `client.batches` (paging and page shortcuts)."""

from __future__ import annotations

from functools import cached_property
from typing import Final

from jobresults_api import wickson as api

from .._service import Service
from ._batches import AsyncBatches, Batches
from ._models import BatchResultsPage

SERVICE: Final[Service] = api.SERVICE


class Client(api.Client):
    """A blocking Wickson client (key from WICKSON_API_KEY, sent as `X-Api-Key`).

        with wickson.Client() as client:  # WICKSON_API_KEY, WICKSON_BASE_URL
            page = client.batches.results("batch-abc123", page_size=50)
            for item in client.batches.iter_results("batch-abc123"):
                ...

    Options (`timeout`, `max_retries`, `http_client`, `strict`, ...) as `ClientOptions`
    documents for every client; `get_batch_results(...)` is the generated call itself.
    """

    job_model = BatchResultsPage

    @cached_property
    def batches(self) -> Batches:
        """Batch results: `results(...)`, `results_response(...)`, `iter_results(...)`."""
        return Batches(self)

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(api.AsyncClient):
    """An asyncio Wickson client (`async with wickson.AsyncClient() as client: ...`)."""

    job_model = BatchResultsPage

    @cached_property
    def batches(self) -> AsyncBatches:
        """Batch results: `await results(...)`, `results_response(...)`, `iter_results(...)`."""
        return AsyncBatches(self)

"""Wickson's clients: API key from WICKSON_API_KEY, sent as `X-Api-Key`."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar, Final

from .._client_base import AsyncBaseClient, BaseClient
from .._http import Service
from ._batches import AsyncBatches, Batches

SERVICE: Final = Service(
    name="wickson",
    api_key_env="WICKSON_API_KEY",
    base_url_env="WICKSON_BASE_URL",
    default_base_url="https://api.wickson.ai",
    auth_header="X-Api-Key",
)


class Client(BaseClient):
    """A blocking Wickson client.

        with wickson.Client() as client:  # WICKSON_API_KEY, WICKSON_BASE_URL
            page = client.batches.results("batch-abc123", page_size=50)
            for item in client.batches.iter_results("batch-abc123"):
                ...

    Options (`timeout`, `max_retries`, `http_client`, `strict`, ...) as `jobresults` documents
    for every client.
    """

    service: ClassVar[Service] = SERVICE

    @cached_property
    def batches(self) -> Batches:
        """Batch results: `results(...)`, `results_response(...)`, `iter_results(...)`."""
        return Batches(self)


class AsyncClient(AsyncBaseClient):
    """An asyncio Wickson client (`async with wickson.AsyncClient() as client: ...`)."""

    service: ClassVar[Service] = SERVICE

    @cached_property
    def batches(self) -> AsyncBatches:
        """Batch results: `await results(...)`, `results_response(...)`, `iter_results(...)`."""
        return AsyncBatches(self)

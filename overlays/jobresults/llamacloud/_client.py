"""LlamaCloud's clients: API key from LLAMA_CLOUD_API_KEY, sent as `Authorization: Bearer`."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar, Final

from .._client_base import AsyncBaseClient, BaseClient
from .._http import Service
from ._extraction import AsyncExtraction, Extraction

SERVICE: Final = Service(
    name="llamacloud",
    api_key_env="LLAMA_CLOUD_API_KEY",
    base_url_env="LLAMA_CLOUD_BASE_URL",
    default_base_url="https://api.cloud.llamaindex.ai",
    auth_header="Authorization",
    auth_scheme="Bearer",
)


class Client(BaseClient):
    """A blocking LlamaCloud client.

        with llamacloud.Client() as client:  # LLAMA_CLOUD_API_KEY, LLAMA_CLOUD_BASE_URL
            result = client.extraction.jobs.get_result(job_id)
            for record in result.records():
                ...

    Options (`timeout`, `max_retries`, `http_client`, `strict`, ...) as `jobresults` documents
    for every client.
    """

    service: ClassVar[Service] = SERVICE

    @cached_property
    def extraction(self) -> Extraction:
        """LlamaCloud Extract: `extraction.jobs.get_result(...)`."""
        return Extraction(self)


class AsyncClient(AsyncBaseClient):
    """An asyncio LlamaCloud client (`async with llamacloud.AsyncClient() as client: ...`)."""

    service: ClassVar[Service] = SERVICE

    @cached_property
    def extraction(self) -> AsyncExtraction:
        """LlamaCloud Extract: `await extraction.jobs.get_result(...)`."""
        return AsyncExtraction(self)

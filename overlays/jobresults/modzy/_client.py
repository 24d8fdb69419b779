"""Modzy's clients: `Client` (blocking) and `AsyncClient`."""

from __future__ import annotations

import functools
from typing import ClassVar, Final

from .._client_base import AsyncBaseClient, BaseClient
from .._http import Service
from ._jobs import AsyncJobs, Jobs
from ._results import AsyncResults, Results

SERVICE: Final = Service(
    name="modzy",
    api_key_env="MODZY_API_KEY",
    base_url_env="MODZY_BASE_URL",
    default_base_url=None,
    auth_header="Authorization",
    auth_scheme="ApiKey",
)
"""Modzy: each customer has its own host, so the base URL (ending in /api) must be given."""


class Client(BaseClient):
    """A blocking Modzy client: `results` (get, wait) and `jobs` (the job history).

    The API key comes from `api_key` or MODZY_API_KEY, the base URL (your host, ending in
    `/api`, e.g. `https://modzy.example.com/api`) from `base_url` or MODZY_BASE_URL.
    See `BaseClient` for the other options.
    """

    service: ClassVar[Service] = SERVICE

    @functools.cached_property
    def results(self) -> Results:
        """A job's results: `get(job)`, `get_response(job)`, `wait(job, ...)`."""
        return Results(self)

    @functools.cached_property
    def jobs(self) -> Jobs:
        """The job history: `history(...)`, `history_page(page, ...)`."""
        return Jobs(self)


class AsyncClient(AsyncBaseClient):
    """An asyncio Modzy client, the same calls as `Client` to await (`async for` the history)."""

    service: ClassVar[Service] = SERVICE

    @functools.cached_property
    def results(self) -> AsyncResults:
        """A job's results: `get(job)`, `get_response(job)`, `wait(job, ...)`."""
        return AsyncResults(self)

    @functools.cached_property
    def jobs(self) -> AsyncJobs:
        """The job history: `history(...)`, `history_page(page, ...)`."""
        return AsyncJobs(self)

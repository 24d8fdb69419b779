"""Modzy's clients: the generated ones, with `client.results` and `client.jobs`."""

from __future__ import annotations

import functools
from typing import Final

from jobresults_api import modzy as api

from .._service import Service
from ._jobs import AsyncJobs, Jobs
from ._models import Result
from ._results import AsyncResults, Results

SERVICE: Final[Service] = api.SERVICE
"""Modzy: each customer has its own host, so the base URL (ending in /api) must be given."""


class Client(api.Client):
    """A blocking Modzy client: `results` (get, wait) and `jobs` (the job history).

    The API key comes from `api_key` or MODZY_API_KEY, the base URL (your host, ending in
    `/api`, e.g. `https://modzy.example.com/api`) from `base_url` or MODZY_BASE_URL.
    See `ClientOptions` for the other options.
    """

    job_model = Result

    @functools.cached_property
    def results(self) -> Results:
        """A job's results: `get(job)`, `get_response(job)`, `wait(job, ...)`."""
        return Results(self)

    @functools.cached_property
    def jobs(self) -> Jobs:
        """The job history: `history(...)`, `history_page(page, ...)`."""
        return Jobs(self)

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(api.AsyncClient):
    """An asyncio Modzy client, the same calls as `Client` to await (`async for` the history)."""

    job_model = Result

    @functools.cached_property
    def results(self) -> AsyncResults:
        """A job's results: `get(job)`, `get_response(job)`, `wait(job, ...)`."""
        return AsyncResults(self)

    @functools.cached_property
    def jobs(self) -> AsyncJobs:
        """The job history: `history(...)`, `history_page(page, ...)`."""
        return AsyncJobs(self)

"""Overmind's clients: the generated ones, with `client.jobs` (get, wait)."""

from __future__ import annotations

import functools
from typing import Final

from jobresults_api import overmind as api

from .._service import Service
from ._jobs import AsyncJobs, Jobs
from ._models import Job

SERVICE: Final[Service] = api.SERVICE


class Client(api.Client):
    """A blocking Overmind client: `jobs` (get, wait).

    The API key comes from `api_key` or OVERMIND_API_KEY, the base URL from `base_url`,
    OVERMIND_BASE_URL or https://api.overmindlab.ai. See `ClientOptions` for the other options.
    """

    job_model = Job

    @functools.cached_property
    def jobs(self) -> Jobs:
        """Jobs with their iterations: `get(id)`, `get_response(id)`, `wait(id, ...)`."""
        return Jobs(self)

    def to_async(self) -> AsyncClient:
        """A new `AsyncClient` with the same key and options (a connection pool of its own)."""
        return self._twin(AsyncClient)


class AsyncClient(api.AsyncClient):
    """An asyncio Overmind client, the same calls as `Client` to await."""

    job_model = Job

    @functools.cached_property
    def jobs(self) -> AsyncJobs:
        """Jobs with their iterations: `get(id)`, `get_response(id)`, `wait(id, ...)`."""
        return AsyncJobs(self)

"""Overmind's clients: `Client` (blocking) and `AsyncClient`."""

from __future__ import annotations

import functools
from typing import ClassVar, Final

from .._client_base import AsyncBaseClient, BaseClient
from .._http import Service
from ._jobs import AsyncJobs, Jobs

SERVICE: Final = Service(
    name="overmind",
    api_key_env="OVERMIND_API_KEY",
    base_url_env="OVERMIND_BASE_URL",
    default_base_url="https://api.overmindlab.ai",
    auth_header="X-Api-Key",
)


class Client(BaseClient):
    """A blocking Overmind client: `jobs` (get, wait).

    The API key comes from `api_key` or OVERMIND_API_KEY, the base URL from `base_url`,
    OVERMIND_BASE_URL or https://api.overmindlab.ai. See `BaseClient` for the other options.
    """

    service: ClassVar[Service] = SERVICE

    @functools.cached_property
    def jobs(self) -> Jobs:
        """Jobs with their iterations: `get(id)`, `get_response(id)`, `wait(id, ...)`."""
        return Jobs(self)


class AsyncClient(AsyncBaseClient):
    """An asyncio Overmind client, the same calls as `Client` to await."""

    service: ClassVar[Service] = SERVICE

    @functools.cached_property
    def jobs(self) -> AsyncJobs:
        """Jobs with their iterations: `get(id)`, `get_response(id)`, `wait(id, ...)`."""
        return AsyncJobs(self)

"""`client.jobs`: an Overmind job with its iterations, fetched once or waited for."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, Unpack

from jobresults_structs import overmind as structs

from .._options import RequestOptions
from .._polling import DEFAULT_WAIT_TIMEOUT, Poller, await_until, wait_until
from .._response import ApiResponse
from .._unknown import warn_unknown
from ._models import Job, describe

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

JobRef: TypeAlias = str | uuid.UUID | structs.Job
"""A job: its id (a UUID, as a string or a `uuid.UUID`) or a `Job` fetched before."""


def job_uuid(job: JobRef) -> uuid.UUID:
    """The id of `job`, checked to be a UUID before anything is sent (ValueError if not)."""
    if isinstance(job, structs.Job):
        return job.id
    if isinstance(job, uuid.UUID):
        return job
    if not isinstance(job, str):
        raise TypeError(f"job must be a UUID, its string or a Job; got {type(job).__name__}")
    try:
        return uuid.UUID(job)
    except ValueError:
        raise ValueError(
            "an Overmind job id is a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e;"
            f" got {job!r}"
        ) from None


def _flag_unknown(response: ApiResponse[Job]) -> ApiResponse[Job]:
    job = response.parsed
    values: list[object] = [job.status, job.job_type, *(it.status for it in job.iterations)]
    request = response.http.request
    warn_unknown(f"{request.method} {request.url.copy_with(query=None)}", values)
    return response


class Jobs:
    """Overmind jobs (`client.jobs`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> Job:
        """A job with its iterations. `job` is its UUID (string or `uuid.UUID`) or a `Job`."""
        return self.get_response(job, **options).parsed

    def get_response(self, job: JobRef, **options: Unpack[RequestOptions]) -> ApiResponse[Job]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        response = self._client.get_job_response(job_uuid(job), cast_to=Job, **options)
        return _flag_unknown(response)

    def wait(
        self,
        job: JobRef,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        not_found_grace: float = 0.0,
        on_update: Callable[[Job], object] | None = None,
    ) -> Job:
        """Poll a job until it is completed, failed or cancelled, and return it.

        Pauses start at `poll_interval` seconds and grow 1.5 times per poll up to
        `max_poll_interval`; `on_update(job)` is called with every job fetched. A 404 is raised
        at once unless `not_found_grace` gives new jobs that long to appear. After `timeout`
        seconds (None: no limit) raises `WaitTimeoutError`, whose `.last` is the last job seen.
        A status the spec does not list counts as not terminal.
        """
        job_id = job_uuid(job)
        poller = Poller.for_wait(
            f"overmind job {job_id}",
            is_done=lambda job: job.is_terminal,
            describe=describe,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            not_found_grace=not_found_grace,
            on_update=on_update,
            clock=self._client._clock,
        )
        return wait_until(lambda: self.get(job_id), poller, self._client._sleep)


class AsyncJobs:
    """Overmind jobs (`client.jobs` of the `AsyncClient`)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> Job:
        """A job with its iterations. `job` is its UUID (string or `uuid.UUID`) or a `Job`."""
        response = await self.get_response(job, **options)
        return response.parsed

    async def get_response(
        self, job: JobRef, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Job]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        response = await self._client.get_job_response(job_uuid(job), cast_to=Job, **options)
        return _flag_unknown(response)

    async def wait(
        self,
        job: JobRef,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        not_found_grace: float = 0.0,
        on_update: Callable[[Job], object] | None = None,
    ) -> Job:
        """Poll a job until it is completed, failed or cancelled (see `Jobs.wait`)."""
        job_id = job_uuid(job)
        poller = Poller.for_wait(
            f"overmind job {job_id}",
            is_done=lambda job: job.is_terminal,
            describe=describe,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            not_found_grace=not_found_grace,
            on_update=on_update,
            clock=self._client._clock,
        )
        return await await_until(lambda: self.get(job_id), poller, self._client._sleep)

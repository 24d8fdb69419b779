"""`client.results`: a job's results, fetched once or waited for."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeAlias, Unpack

from jobresults_structs import modzy as structs

from .._job_result import alooking_up, looking_up
from .._options import RequestOptions
from .._polling import DEFAULT_WAIT_TIMEOUT, Poller, await_until, wait_until
from .._response import ApiResponse
from .._snapshot import ajob_exists, job_exists
from ._models import Result, describe

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

JobRef: TypeAlias = str | structs.Result | structs.Job
"""A job: its identifier, a `Result` of it, or its entry in the job history."""

DEFAULT_NOT_FOUND_GRACE: Final = 60.0
"""Seconds a wait takes a 404 as "the job was accepted moments ago" (Modzy shows new jobs late)."""


def job_identifier(job: JobRef) -> str:
    """The identifier of `job`; ValueError for an empty one, TypeError for anything else."""
    if isinstance(job, structs.Result):
        job_id = job.job_identifier
    elif isinstance(job, structs.Job):
        job_id = job.jobIdentifier
    elif isinstance(job, str):
        job_id = job
    else:
        raise TypeError(
            f"job must be a job identifier, a Result or a history Job; got {type(job).__name__}"
        )
    if not job_id.strip():
        raise ValueError(f"job identifier must not be empty; got {job_id!r}")
    return job_id


class Results:
    """A Modzy job's results (`client.results`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> Result:
        """The current results of a job (finished or not); `job` is its id or a `Result`.

        Raises `NotFoundError` for an unknown job (also, briefly, for one accepted moments ago).
        """
        return self.get_response(job, **options).parsed

    def get_response(self, job: JobRef, **options: Unpack[RequestOptions]) -> ApiResponse[Result]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        return self._client.get_results_response(job_identifier(job), cast_to=Result, **options)

    def wait(
        self,
        job: JobRef,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        not_found_grace: float = DEFAULT_NOT_FOUND_GRACE,
        on_update: Callable[[Result], object] | None = None,
    ) -> Result:
        """Poll a job's results until `finished`, and return them.

        Pauses start at `poll_interval` seconds and grow 1.5 times per poll up to
        `max_poll_interval`. A 404 on the results is followed by one look at the job's details
        (`client.jobs.get`, once): an unknown job raises its `NotFoundError` at once, a known
        one ("accepted moments ago") is polled through until its results show. While that look
        fails otherwise (it is tried again at the next 404), a 404 within `not_found_grace`
        seconds of the start is polled through. `on_update(result)` is called with every result
        fetched. After `timeout` seconds (None: no limit) raises `WaitTimeoutError`, whose
        `.last` is the last result seen (None if none).
        """
        job_id = job_identifier(job)
        poller = Poller.for_wait(
            f"modzy job {job_id}",
            is_done=lambda result: result.finished,
            describe=describe,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            not_found_grace=not_found_grace,
            on_update=on_update,
            clock=self._client._clock,
        )
        exists = functools.partial(job_exists, self._client, job_id)
        fetch = looking_up(lambda: self.get(job_id), exists, poller)
        return wait_until(fetch, poller, self._client._sleep)


class AsyncResults:
    """A Modzy job's results (`client.results` of the `AsyncClient`)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> Result:
        """The current results of a job (finished or not); `job` is its id or a `Result`."""
        response = await self.get_response(job, **options)
        return response.parsed

    async def get_response(
        self, job: JobRef, **options: Unpack[RequestOptions]
    ) -> ApiResponse[Result]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        return await self._client.get_results_response(
            job_identifier(job), cast_to=Result, **options
        )

    async def wait(
        self,
        job: JobRef,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        not_found_grace: float = DEFAULT_NOT_FOUND_GRACE,
        on_update: Callable[[Result], object] | None = None,
    ) -> Result:
        """Poll a job's results until `finished`, and return them (see `Results.wait`)."""
        job_id = job_identifier(job)
        poller = Poller.for_wait(
            f"modzy job {job_id}",
            is_done=lambda result: result.finished,
            describe=describe,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            not_found_grace=not_found_grace,
            on_update=on_update,
            clock=self._client._clock,
        )
        exists = functools.partial(ajob_exists, self._client, job_id)
        fetch = alooking_up(lambda: self.get(job_id), exists, poller)
        return await await_until(fetch, poller, self._client._sleep)

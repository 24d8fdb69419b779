"""`client.jobs`: an Overmind job with its iterations, fetched once or waited for."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeAlias

from jobresults_clients.overmind.api.jobs import get_job
from jobresults_structs import overmind as structs

from .._http import NOT_GIVEN, DeadlineTypes, TimeoutTypes, _NotGiven
from .._identity import about_job
from .._polling import DEFAULT_WAIT_TIMEOUT, Poller, PollSettings, await_until, wait_until
from .._response import ApiResponse
from .._unknown import warn_unknown
from ._models import Job, describe

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

JobRef: TypeAlias = str | uuid.UUID | structs.Job
"""A job: its id (a UUID, as a string or a `uuid.UUID`) or a `Job` fetched before."""

OPERATION: Final = "getJob"


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


def _checked(response: ApiResponse[Job], job_id: uuid.UUID) -> ApiResponse[Job]:
    """`response`, checked to be about `job_id`, its unknown enum values logged."""
    job = about_job(response, asked=job_id, answered=response.parsed.id, what="job")
    values: list[object] = [job.status, job.job_type, *(it.status for it in job.iterations)]
    request = response.http.request
    warn_unknown(f"{request.method} {request.url.copy_with(query=None)}", values)
    return response


def _poller(
    job_id: uuid.UUID,
    *,
    timeout: float | None,
    poll_interval: float,
    max_poll_interval: float,
    not_found_grace: float,
    on_update: Callable[[Job], object] | None,
    clock: Callable[[], float],
) -> Poller[Job]:
    settings = PollSettings(
        timeout=timeout,
        interval=poll_interval,
        max_interval=max_poll_interval,
        not_found_grace=not_found_grace,
    )
    return Poller(
        settings,
        is_done=lambda job: job.is_terminal,
        what=f"overmind job {job_id}",
        clock=clock,
        on_update=on_update,
        describe=describe,
    )


class Jobs:
    """Overmind jobs (`client.jobs`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(
        self,
        job: JobRef,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> Job:
        """A job with its iterations. `job` is its UUID (string or `uuid.UUID`) or a `Job`."""
        return self.get_response(
            job, timeout=timeout, max_retries=max_retries, deadline=deadline
        ).parsed

    def get_response(
        self,
        job: JobRef,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[Job]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        job_id = job_uuid(job)
        response = self._client._get_typed(
            get_job._get_kwargs(job_id),
            Job,
            operation_id=OPERATION,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return _checked(response, job_id)

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
        poller = _poller(
            job_id,
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

    async def get(
        self,
        job: JobRef,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> Job:
        """A job with its iterations. `job` is its UUID (string or `uuid.UUID`) or a `Job`."""
        response = await self.get_response(
            job, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return response.parsed

    async def get_response(
        self,
        job: JobRef,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[Job]:
        """`get`, with the HTTP response: `.parsed`, `.http`, `.json()`, `.extra_fields()`."""
        job_id = job_uuid(job)
        response = await self._client._get_typed(
            get_job._get_kwargs(job_id),
            Job,
            operation_id=OPERATION,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return _checked(response, job_id)

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
        poller = _poller(
            job_id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            not_found_grace=not_found_grace,
            on_update=on_update,
            clock=self._client._clock,
        )
        return await await_until(lambda: self.get(job_id), poller, self._client._sleep)

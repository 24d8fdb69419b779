"""One view of a job across the four services: `JobStatus`, and `snapshot()` to take one."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msgspec import UNSET

from ._counts import fraction

if TYPE_CHECKING:
    from ._client_base import AsyncBaseClient, BaseClient


class JobState(enum.StrEnum):
    """A job's state, normalized across services."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"

    @property
    def is_terminal(self) -> bool:
        """True once the job will not change any more."""
        return self not in (JobState.PENDING, JobState.RUNNING)


@dataclass(frozen=True)
class JobStatus:
    """A job's state at one moment, the same shape for every service.

    `completed`, `failed` and `total` count the job's items (`total` is None where the service
    does not say); `progress` is the fraction done, 0.0 to 1.0. `result` is the service's own
    typed object (a Modzy `Result`, a LlamaCloud result, a Wickson page, an Overmind `Job`), or
    None before the service has anything to show. `error` is set when following the job failed.
    """

    service: str
    job_id: str
    state: JobState
    completed: int = 0
    failed: int = 0
    total: int | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    updated_at: datetime | None = None
    result: Any = field(default=None, repr=False, compare=False)
    error: BaseException | None = field(default=None, repr=False, compare=False)

    @property
    def progress(self) -> float:
        """The fraction of the job done, from 0.0 to 1.0."""
        if self.state is JobState.SUCCEEDED:
            return 1.0
        if not self.total:
            return 0.0
        return fraction(self.completed + self.failed, self.total)

    @property
    def is_terminal(self) -> bool:
        """True once the job will not change any more."""
        return self.state.is_terminal

    def with_state(self, state: JobState, error: BaseException | None = None) -> JobStatus:
        """A copy in another state (e.g. TIMED_OUT when a wait gave up on it)."""
        return replace(self, state=state, error=error if error is not None else self.error)


def _set(value: Any) -> Any:
    """None for msgspec's UNSET (an absent optional field), the value otherwise."""
    return None if value is UNSET else value


def _modzy(job_id: str, result: Any) -> JobStatus:
    done = result.completed + result.failed
    if result.finished:
        failed_all = result.total > 0 and result.completed == 0 and result.failed > 0
        state = JobState.FAILED if failed_all else JobState.SUCCEEDED
    else:
        state = JobState.RUNNING if done else JobState.PENDING
    return JobStatus(
        "modzy",
        job_id,
        state,
        completed=result.completed,
        failed=result.failed,
        total=result.total,
        result=result,
    )


def _llamacloud(job_id: str, result: Any) -> JobStatus:
    count = len(result.records())
    return JobStatus(
        "llamacloud", job_id, JobState.SUCCEEDED, completed=count, total=count, result=result
    )


_WICKSON_STATES = {
    "completed": JobState.SUCCEEDED,
    "succeeded": JobState.SUCCEEDED,
    "failed": JobState.FAILED,
    "cancelled": JobState.CANCELLED,
    "canceled": JobState.CANCELLED,
    "pending": JobState.PENDING,
    "queued": JobState.PENDING,
    "created": JobState.PENDING,
    "timeout": JobState.TIMED_OUT,
    "timed_out": JobState.TIMED_OUT,
}


def _wickson(job_id: str, page: Any) -> JobStatus:
    summary = page.data.batch_summary
    state = _WICKSON_STATES.get(summary.status.lower(), JobState.RUNNING)
    timeline = summary.timeline
    return JobStatus(
        "wickson",
        job_id,
        state,
        completed=summary.completion.successful,
        failed=summary.completion.failed,
        total=summary.completion.total_items,
        created_at=timeline.created_at,
        started_at=_set(timeline.started_at),
        finished_at=_set(timeline.completed_at),
        result=page,
    )


_OVERMIND_STATES = {
    "pending": JobState.PENDING,
    "running": JobState.RUNNING,
    "completed": JobState.SUCCEEDED,
    "failed": JobState.FAILED,
    "cancelled": JobState.CANCELLED,
}


def _overmind(job_id: str, job: Any) -> JobStatus:
    status = _set(job.status)
    state = _OVERMIND_STATES.get(
        str(status), JobState.PENDING if status is None else JobState.RUNNING
    )
    planned = _set(job.num_iterations)
    return JobStatus(
        "overmind",
        job_id,
        state,
        completed=len(job.iterations),
        total=planned if isinstance(planned, int) and planned > 0 else None,
        created_at=job.created_at,
        updated_at=job.updated_at,
        finished_at=job.updated_at if state.is_terminal else None,
        result=job,
    )


NORMALIZERS: dict[str, Callable[[str, Any], JobStatus]] = {
    "modzy": _modzy,
    "llamacloud": _llamacloud,
    "wickson": _wickson,
    "overmind": _overmind,
}


SHOWN_LATE = frozenset({"modzy", "llamacloud"})
"""Services that answer 404 for a job that exists but has nothing to show yet."""


def from_result(service: str, job_id: str, result: Any) -> JobStatus:
    """The `JobStatus` of a service's typed result."""
    return NORMALIZERS[service](job_id, result)


def pending(service: str, job_id: str) -> JobStatus:
    """The status of a job the service does not show yet."""
    return JobStatus(service, job_id, JobState.PENDING)


_FETCHES: dict[str, Callable[[Any, str], Any]] = {
    "modzy": lambda client, job_id: client.results.get(job_id),
    "llamacloud": lambda client, job_id: client.extraction.jobs.get_result(job_id),
    "wickson": lambda client, job_id: client.batches.results(job_id, page=1, page_size=1),
    "overmind": lambda client, job_id: client.jobs.get(job_id),
}
"""How to fetch a job's current result from each service's client (its resources differ)."""


def fetch_call(client: BaseClient | AsyncBaseClient, job_id: str) -> Callable[[], Any]:
    """The call that fetches a job's current result from `client` (sync or async)."""
    service = client.service.name
    if service in _FETCHES:
        return lambda: _FETCHES[service](client, job_id)
    raise ValueError(f"unknown service {service!r}")


def snapshot(client: BaseClient, job_id: str, *, tolerate_not_found: bool = True) -> JobStatus:
    """Fetch a job once and return its normalized status.

    A 404 from a service that shows new jobs late (Modzy results, LlamaCloud results) is a
    PENDING status with no `result`, unless `tolerate_not_found=False`; every other error is
    raised as the client raised it.
    """
    from .errors import NotFoundError

    service = client.service.name
    try:
        result = fetch_call(client, job_id)()
    except NotFoundError:
        if tolerate_not_found and service in SHOWN_LATE:
            return pending(service, job_id)
        raise
    return from_result(service, job_id, result)


async def asnapshot(
    client: AsyncBaseClient, job_id: str, *, tolerate_not_found: bool = True
) -> JobStatus:
    """`snapshot` for an async client."""
    from .errors import NotFoundError

    service = client.service.name
    try:
        result = await fetch_call(client, job_id)()
    except NotFoundError:
        if tolerate_not_found and service in SHOWN_LATE:
            return pending(service, job_id)
        raise
    return from_result(service, job_id, result)

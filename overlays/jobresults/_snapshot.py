"""One view of a job of any service: `JobSnapshot`, and `snapshot()` to take one.

How a job reads comes from its spec (`x-jobresults-job`, or a status enum of common words; see
`jobresults.specs.read_job_rule`): the operation to call, where the status, counts and times
are. A service whose state cannot be read that way (Modzy: a `finished` flag and counts) gives
its result type a `job_snapshot(job_id)` method, which is used instead.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ._counts import fraction
from ._fields import read_pointer
from ._service import JobRule, Operation

if TYPE_CHECKING:
    from ._client_base import AsyncBaseClient, BaseClient, _ClientCommon


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
class JobSnapshot:
    """A job's state at one moment, the same shape for every service.

    `completed`, `failed` and `total` count the job's items (`total` is None where the service
    does not say); `progress` is the fraction done, 0.0 to 1.0. `result` is the service's own
    typed object (a Modzy `Result`, a LlamaCloud result, a Wickson page, an Overmind `Job`), or
    None before the service has anything to show. `error` is set when following the job failed;
    `message` is the service's own text on why the job failed, when it gives one.
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
    message: str | None = None
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

    def with_state(self, state: JobState, error: BaseException | None = None) -> JobSnapshot:
        """A copy in another state (e.g. TIMED_OUT when a wait gave up on it)."""
        return replace(self, state=state, error=error if error is not None else self.error)


@runtime_checkable
class ReadsAsJob(Protocol):
    """A result type that says itself what state its job is in (instead of the spec's rule)."""

    def job_snapshot(self, service: str, job_id: str) -> JobSnapshot:
        """The job's snapshot, read from this result."""
        ...


def _count(value: Any) -> int | None:
    """A count: an integer as it is (never negative), an array by its length, else None."""
    if isinstance(value, list | tuple | dict):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return max(0, value)
    return None


def _moment(value: Any) -> datetime | None:
    return value if isinstance(value, datetime) else None


def from_rule(service: str, rule: JobRule, job_id: str, result: Any) -> JobSnapshot:
    """The snapshot the spec's rule reads from a job's typed result."""
    if isinstance(result, ReadsAsJob):
        return result.job_snapshot(service, job_id)
    if rule.status is None:
        state = JobState.SUCCEEDED  # the operation answers once the job's result is there
    else:
        state = JobState(rule.state_of(read_pointer(result, rule.status)))
    total = _count(read_pointer(result, rule.total))
    error = read_pointer(result, rule.error)
    return JobSnapshot(
        service,
        job_id,
        state,
        completed=_count(read_pointer(result, rule.completed)) or 0,
        failed=_count(read_pointer(result, rule.failed)) or 0,
        total=total if total else None,
        created_at=_moment(read_pointer(result, rule.created_at)),
        started_at=_moment(read_pointer(result, rule.started_at)),
        finished_at=_moment(read_pointer(result, rule.finished_at)),
        updated_at=_moment(read_pointer(result, rule.updated_at)),
        message=None if error is None else str(error),
        result=result,
    )


def from_result(service: str, job_id: str, result: Any) -> JobSnapshot:
    """The snapshot of a service's typed result, by its generated client's job rule."""
    import importlib

    rule = importlib.import_module(f"jobresults_api.{service}").JOB
    if rule is None:
        raise ValueError(f"the {service} spec does not say how a job reads")
    return from_rule(service, rule, job_id, result)


def pending(service: str, job_id: str) -> JobSnapshot:
    """The snapshot of a job the service does not show yet."""
    return JobSnapshot(service, job_id, JobState.PENDING)


def job_rule(client: _ClientCommon) -> tuple[JobRule, Operation]:
    """The client's job rule and the operation it calls; ValueError if its spec has none."""
    rule = client.job_rule
    if rule is not None:
        for operation in client.operations:
            if operation.operation_id == rule.operation_id:
                return rule, operation
    raise ValueError(
        f"the {client.service.name} spec does not say how a job reads: give the operation that"
        " reads one an x-jobresults-job extension (or a status enum of common words)"
    )


def snapshot(client: BaseClient, job_id: str, *, tolerate_not_found: bool = True) -> JobSnapshot:
    """Fetch a job once and return its normalized snapshot.

    A 404 from a service that shows new jobs late (its rule's `not_found` is "pending": Modzy
    results, LlamaCloud results) is a PENDING snapshot with no `result`, unless
    `tolerate_not_found=False`; every other error is raised as the client raised it.
    """
    from .errors import NotFoundError

    rule, operation = job_rule(client)
    try:
        response = client._request(operation, client.job_model, _arguments(rule, job_id), {})
    except NotFoundError:
        if tolerate_not_found and rule.not_found == "pending":
            return pending(client.service.name, job_id)
        raise
    return from_rule(client.service.name, rule, job_id, response.parsed)


async def asnapshot(
    client: AsyncBaseClient, job_id: str, *, tolerate_not_found: bool = True
) -> JobSnapshot:
    """`snapshot` for an async client."""
    from .errors import NotFoundError

    rule, operation = job_rule(client)
    try:
        response = await client._request(operation, client.job_model, _arguments(rule, job_id), {})
    except NotFoundError:
        if tolerate_not_found and rule.not_found == "pending":
            return pending(client.service.name, job_id)
        raise
    return from_rule(client.service.name, rule, job_id, response.parsed)


def _arguments(rule: JobRule, job_id: str) -> dict[str, Any]:
    return {**rule.arguments, rule.id_parameter: job_id}

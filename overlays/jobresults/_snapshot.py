"""One view of a job of any service: `JobSnapshot`, and `snapshot()` to take one.

How a job reads comes from its spec (`x-jobresults-job`, or a status enum of common words; see
`jobresults.specs.read_job_rule`): the operation to call, where the status, counts and times
are. A service whose state cannot be read that way (Modzy: a `finished` flag and counts) gives
its result type a `job_snapshot(job_id)` method, which is used instead. The rule may also name
the operation that says whether a job exists (`job_exists`) and the one that returns a finished
job's result (`finished_result`); `failure` turns a failed or cancelled job into the error that
says so.
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
    from .errors import JobFailedError


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


@dataclass(frozen=True, slots=True)  # slots: wait_all holds one per job followed
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

    def to_dict(self) -> dict[str, Any]:
        """The snapshot as JSON-ready builtins: its fields and `progress`, times as RFC 3339
        strings, `result` as `jobresults.to_builtins` gives it, `error` as its type's name and
        message (or None)."""
        from ._builtins import to_builtins

        return {
            "service": self.service,
            "job_id": self.job_id,
            "state": str(self.state),
            "completed": self.completed,
            "failed": self.failed,
            "total": self.total,
            "progress": self.progress,
            **{
                name: None if moment is None else to_builtins(moment)
                for name, moment in (
                    ("created_at", self.created_at),
                    ("started_at", self.started_at),
                    ("finished_at", self.finished_at),
                    ("updated_at", self.updated_at),
                )
            },
            "message": self.message,
            "result": to_builtins(self.result),
            "error": to_builtins(self.error) if self.error is not None else None,
        }

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
    # What `isinstance(result, ReadsAsJob)` asks, without a runtime Protocol check's cost.
    if hasattr(result, "job_snapshot"):
        reads: ReadsAsJob = result
        return reads.job_snapshot(service, job_id)
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
        return rule, _operation(client, rule.operation_id)
    raise ValueError(
        f"the {client.service.name} spec does not say how a job reads: give the operation that"
        " reads one an x-jobresults-job extension (or a status enum of common words)"
    )


def _operation(client: _ClientCommon, operation_id: str) -> Operation:
    for operation in client.operations:
        if operation.operation_id == operation_id:
            return operation
    raise ValueError(f"the {client.service.name} client has no operation {operation_id}")


def snapshot(client: BaseClient, job_id: str, *, tolerate_not_found: bool = True) -> JobSnapshot:
    """Fetch a job once and return its normalized snapshot.

    A 404 from a service that shows new jobs late (its rule's `not_found` is "pending": Modzy
    results) is a PENDING snapshot with no `result`, unless `tolerate_not_found=False`. Where
    the rule names an operation that says whether the job exists (Modzy's job details), that
    404 is followed by one call to it, and an unknown job raises its `NotFoundError` at once.
    Every other error is raised as the client raised it.
    """
    return read_job(client, job_id, tolerate_not_found=tolerate_not_found, look_up=True)


async def asnapshot(
    client: AsyncBaseClient, job_id: str, *, tolerate_not_found: bool = True
) -> JobSnapshot:
    """`snapshot` for an async client."""
    return await aread_job(client, job_id, tolerate_not_found=tolerate_not_found, look_up=True)


def read_job(
    client: BaseClient, job_id: str, *, tolerate_not_found: bool, look_up: bool
) -> JobSnapshot:
    """`snapshot`, looking up whether the job exists on a tolerated 404 only if `look_up` (a
    wait looks up once: a job known to exist needs no second look)."""
    from .errors import NotFoundError

    rule, operation = job_rule(client)
    try:
        response = client._request(operation, client.job_model, _arguments(rule, job_id), {})
    except NotFoundError as error:
        if not tolerate_not_found or rule.not_found != "pending":
            raise
        if look_up and not job_exists(client, job_id):
            raise error from None
        return pending(client.service.name, job_id)
    return from_rule(client.service.name, rule, job_id, response.parsed)


async def aread_job(
    client: AsyncBaseClient, job_id: str, *, tolerate_not_found: bool, look_up: bool
) -> JobSnapshot:
    """`read_job` for an async client."""
    from .errors import NotFoundError

    rule, operation = job_rule(client)
    try:
        response = await client._request(operation, client.job_model, _arguments(rule, job_id), {})
    except NotFoundError as error:
        if not tolerate_not_found or rule.not_found != "pending":
            raise
        if look_up and not await ajob_exists(client, job_id):
            raise error from None
        return pending(client.service.name, job_id)
    return from_rule(client.service.name, rule, job_id, response.parsed)


def job_exists(client: BaseClient, job_id: str) -> bool:
    """Whether the service knows the job, by the operation the rule names for it (`exists`);
    True when it names none (nothing says otherwise). Errors other than a 404 are raised."""
    from .errors import NotFoundError

    rule, _ = job_rule(client)
    if rule.exists_operation is None:
        return True
    operation = _operation(client, rule.exists_operation)
    try:
        client._request(operation, Any, {rule.id_parameter: job_id}, {})
    except NotFoundError:
        return False
    return True


async def ajob_exists(client: AsyncBaseClient, job_id: str) -> bool:
    """`job_exists` for an async client."""
    from .errors import NotFoundError

    rule, _ = job_rule(client)
    if rule.exists_operation is None:
        return True
    operation = _operation(client, rule.exists_operation)
    try:
        await client._request(operation, Any, {rule.id_parameter: job_id}, {})
    except NotFoundError:
        return False
    return True


def finished_result(client: BaseClient, status: JobSnapshot) -> Any:
    """The result of a job that ended well: what the rule's `result` operation returns, decoded
    into the client's `result_model`; the job itself (`status.result`) where it names none."""
    rule, _ = job_rule(client)
    if rule.result_operation is None:
        return status.result
    operation = _operation(client, rule.result_operation)
    arguments = {rule.id_parameter: status.job_id}
    return client._request(operation, client.result_model, arguments, {}).parsed


async def afinished_result(client: AsyncBaseClient, status: JobSnapshot) -> Any:
    """`finished_result` for an async client."""
    rule, _ = job_rule(client)
    if rule.result_operation is None:
        return status.result
    operation = _operation(client, rule.result_operation)
    arguments = {rule.id_parameter: status.job_id}
    response = await client._request(operation, client.result_model, arguments, {})
    return response.parsed


def failure(client: _ClientCommon, status: JobSnapshot) -> JobFailedError | None:
    """The `JobFailedError` of a job that ended without a result: FAILED, CANCELLED, or
    TIMED_OUT as the service says (None for any other state). Its message names the job, the
    status as the service wrote it, and the service's text on why."""
    from .errors import JobFailedError

    if status.state not in (JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT):
        return None
    raw: Any = None
    if client.job_rule is not None and status.result is not None:
        raw = read_pointer(status.result, client.job_rule.status)
    written = None if raw is None else str(getattr(raw, "value", raw))
    message = f"{status.service} job {status.job_id} {status.state}"
    if written is not None and written.lower() != status.state:
        message += f" (status {written})"
    message += f": {status.message}" if status.message else " (the service gives no reason)"
    return JobFailedError(
        message, job=status.result, status=written, state=str(status.state), error=status.message
    )


def _arguments(rule: JobRule, job_id: str) -> dict[str, Any]:
    return {**rule.arguments, rule.id_parameter: job_id}

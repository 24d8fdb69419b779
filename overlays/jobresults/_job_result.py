"""Waiting for one job by its spec's job rule, then taking its result.

`wait_for_result(client, job_id)` polls the operation the rule names until the job ends, as
`snapshot` reads it. A job that failed or was cancelled raises `JobFailedError` with the
service's text, as soon as the service says so; one that succeeded returns its result
(`finished_result`: what the rule's `result` operation returns, or else the job itself).

A 404 is an unknown job at once, unless the rule says the service shows new jobs late: then it
is "not visible yet" for the rule's grace period, and where the rule names an operation that
says whether a job exists, the first 404 is followed by one call to it (an unknown job ends the
wait at once, a known one is waited for). `looking_up` / `alooking_up` add that lookup to any
wait's fetch (Modzy's `results.wait` uses them).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._polling import DEFAULT_WAIT_TIMEOUT, Poller, await_until, wait_until
from ._snapshot import (
    JobSnapshot,
    afinished_result,
    ajob_exists,
    aread_job,
    failure,
    finished_result,
    from_rule,
    job_exists,
    job_rule,
    read_job,
)
from .errors import APIError, NotFoundError

if TYPE_CHECKING:
    from ._client_base import AsyncBaseClient, BaseClient, _ClientCommon

T = TypeVar("T")


def looking_up(
    fetch: Callable[[], T], exists: Callable[[], bool], poller: Poller[T]
) -> Callable[[], T]:
    """`fetch`, its first 404 followed by one call of `exists` (does the job exist?), whose
    answer `poller` keeps (`Poller.exists`); the 404 goes on to the poller either way. A lookup
    that fails otherwise (a 5xx after the retries, say) leaves the grace period to decide, and
    is tried again at the next 404."""

    def fetched() -> T:
        try:
            return fetch()
        except NotFoundError:
            if poller.exists is None:
                with contextlib.suppress(APIError):
                    poller.exists = exists()
            raise

    return fetched


def alooking_up(
    fetch: Callable[[], Awaitable[T]], exists: Callable[[], Awaitable[bool]], poller: Poller[T]
) -> Callable[[], Awaitable[T]]:
    """`looking_up` for asyncio."""

    async def fetched() -> T:
        try:
            return await fetch()
        except NotFoundError:
            if poller.exists is None:
                with contextlib.suppress(APIError):
                    poller.exists = await exists()
            raise

    return fetched


def _poller(
    client: _ClientCommon,
    job_id: str,
    *,
    timeout: float | None,
    poll_interval: float,
    max_poll_interval: float,
    on_update: Callable[[Any], object] | None,
) -> Poller[Any]:
    rule, _ = job_rule(client)
    service = client.service.name
    grace = 0.0
    if rule.not_found == "pending":
        grace = math.inf if rule.not_found_grace is None else rule.not_found_grace

    def describe(job: Any) -> str:
        status = from_rule(service, rule, job_id, job)
        return str(status.state) + (f" ({status.message})" if status.message else "")

    return Poller.for_wait(
        f"{service} job {job_id}",
        is_done=lambda job: from_rule(service, rule, job_id, job).is_terminal,
        describe=describe,
        clock=client._clock,
        timeout=timeout,
        poll_interval=poll_interval,
        max_poll_interval=max_poll_interval,
        not_found_grace=grace,
        on_update=on_update,
    )


def wait_for_result(
    client: BaseClient,
    job_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = 1.0,
    max_poll_interval: float = 10.0,
    on_update: Callable[[Any], object] | None = None,
) -> Any:
    """Poll a job until it ends; return its result, or raise `JobFailedError` (see the module).

    `on_update(job)` sees every job fetched (the rule's operation's typed object). After
    `timeout` seconds (None: no limit) raises `WaitTimeoutError`, `.last` the last job seen.
    """
    poller = _poller(
        client,
        job_id,
        timeout=timeout,
        poll_interval=poll_interval,
        max_poll_interval=max_poll_interval,
        on_update=on_update,
    )

    def fetch() -> Any:
        return read_job(client, job_id, tolerate_not_found=False, look_up=False).result

    if job_rule(client)[0].exists_operation is not None:
        fetch = looking_up(fetch, lambda: job_exists(client, job_id), poller)
    job = wait_until(fetch, poller, client._sleep)
    return finished_result(client, _ended_well(client, job_id, job))


async def await_result(
    client: AsyncBaseClient,
    job_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = 1.0,
    max_poll_interval: float = 10.0,
    on_update: Callable[[Any], object] | None = None,
) -> Any:
    """`wait_for_result` for an async client."""
    poller = _poller(
        client,
        job_id,
        timeout=timeout,
        poll_interval=poll_interval,
        max_poll_interval=max_poll_interval,
        on_update=on_update,
    )

    async def fetch() -> Any:
        status = await aread_job(client, job_id, tolerate_not_found=False, look_up=False)
        return status.result

    async def exists() -> bool:
        return await ajob_exists(client, job_id)

    looks_up = job_rule(client)[0].exists_operation is not None
    fetched = alooking_up(fetch, exists, poller) if looks_up else fetch
    job = await await_until(fetched, poller, client._sleep)
    return await afinished_result(client, _ended_well(client, job_id, job))


def _ended_well(client: _ClientCommon, job_id: str, job: Any) -> JobSnapshot:
    """The snapshot of a job that ended, or, if it ended without a result, its
    `JobFailedError` raised."""
    rule, _ = job_rule(client)
    status = from_rule(client.service.name, rule, job_id, job)
    failed = failure(client, status)
    if failed is not None:
        raise failed
    return status

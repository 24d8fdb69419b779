"""Follow many jobs of any of the four services at once until each one ends."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ._client_base import AsyncBaseClient, BaseClient
from ._deadline import FINAL_POLL, Limit
from ._snapshot import JobSnapshot, JobState, aread_job, pending

if TYPE_CHECKING:
    from rich.console import Console

JobRef = tuple[BaseClient | AsyncBaseClient, str]
"""A job to follow: the client of its service and the job's id."""

UNSTARTED_PER_SLOT = 2
"""Followers waiting for their first poll, per request allowed in flight (see `await_all`)."""


@dataclass
class PollSchedule:
    """When to poll a job next.

    The first poll happens at once. Once a job has shown progress in two polls, the next poll is
    aimed at its estimated finish (from the rate its progress moved since the first poll that
    showed any: a poll made while the job was still pending says nothing of its rate), a little
    after it so that one poll usually sees the end. After the first sign of progress, the next
    poll comes after `interval`, to measure the rate. Without progress, the interval grows by
    `backoff` from `interval`, but to no more than `lateness` times the time the job has been
    followed (and at least `interval`), so a job that ends unannounced is seen about that
    fraction late at most. Every delay stays within [`min_interval`, `max_interval`].
    """

    interval: float = 0.5
    min_interval: float = 0.1
    max_interval: float = 5.0
    backoff: float = 1.5
    overshoot: float = 1.05
    lateness: float = 0.1

    def next_delay(self, previous: float | None, seen: Sequence[tuple[float, float]]) -> float:
        """The delay before the next poll, given past (time, progress) observations."""
        delay = self.interval if previous is None else previous * self.backoff
        followed = seen[-1][0] - seen[0][0] if seen else 0.0
        delay = min(delay, max(self.interval, self.lateness * followed))
        moving = [(when, done) for when, done in seen if done > 0.0]
        if len(moving) == 1 and seen[-1][1] > 0.0:
            delay = self.interval
        elif len(moving) >= 2:
            (t1, p1), (t2, p2) = moving[0], moving[-1]
            if p2 > p1 and t2 > t1:
                delay = (1.0 - p2) / ((p2 - p1) / (t2 - t1)) * self.overshoot
        return max(self.min_interval, min(self.max_interval, delay))


@dataclass
class _Tally:
    """Counts shared by the followers, for the progress display and the caller."""

    total: int
    done: int = 0
    states: dict[JobState, int] = field(default_factory=dict)


async def _follow(
    client: AsyncBaseClient,
    job_id: str,
    *,
    gate: asyncio.Semaphore,
    deadline: float | None,
    schedule: PollSchedule,
    on_update: Callable[[JobSnapshot], None] | None,
    clock: Callable[[], float],
    sleep: Callable[[float], Awaitable[None]],
    not_found_grace: float | None,
    keep_results: bool,
    started: float,
    first_poll_made: Callable[[], None],
) -> JobSnapshot:
    from .errors import APIError

    service = client.service.name
    # Where the rule names an operation that says whether a job exists, the first 404 is
    # followed by one call to it, which decides instead of the grace period.
    looks_up = client.job_rule is not None and client.job_rule.exists_operation is not None
    last = pending(service, job_id)
    seen: list[tuple[float, float]] = []
    delay: float | None = None
    first = True
    shown = False  # the job was seen, or a lookup found it: a 404 is "not visible yet"
    while True:
        within_grace = not_found_grace is None or clock() - started < not_found_grace
        left = None if deadline is None else max(FINAL_POLL, deadline - clock())
        limit = Limit(left)
        try:
            with limit:
                # A backstop: the clients end the poll at the limit themselves, saying why.
                backstop = None if left is None else left + FINAL_POLL / 5
                async with asyncio.timeout(backstop), gate:
                    last = await aread_job(
                        client,
                        job_id,
                        tolerate_not_found=shown or looks_up or within_grace,
                        look_up=looks_up and not shown,
                    )
        except TimeoutError:
            return last.with_state(JobState.TIMED_OUT)
        except APIError as error:
            state = JobState.TIMED_OUT if limit.ended(error) else last.state
            return last.with_state(state, error=error)
        finally:
            if first:
                first = False
                first_poll_made()
        shown = shown or looks_up or last.result is not None  # (a lookup did not say unknown)
        if on_update is not None:
            on_update(last)
        if not keep_results and last.result is not None:
            last = replace(last, result=None)  # held while the job sleeps, and returned
        if last.is_terminal:
            return last
        now = clock()
        if deadline is not None and now >= deadline:
            return last.with_state(JobState.TIMED_OUT)
        seen.append((now, last.progress))
        delay = schedule.next_delay(delay, seen)
        if deadline is not None:
            delay = min(delay, max(0.0, deadline - now))
        await sleep(delay)


async def _slot_before(
    slots: asyncio.Semaphore, deadline: float | None, clock: Callable[[], float]
) -> bool:
    """Take one of `slots`; False if `deadline` (on `clock`) passes first. A follower started
    later would get a final poll of its own, and followers start a few at a time: past the
    deadline the last of them would end long after it."""
    if deadline is None:
        await slots.acquire()
        return True
    left = deadline - clock()
    if left <= 0:
        return False
    try:
        async with asyncio.timeout(left):
            await slots.acquire()
    except TimeoutError:
        return False
    return True


async def await_all(
    jobs: Iterable[JobRef],
    *,
    concurrency: int = 64,
    timeout: float | None = None,
    schedule: PollSchedule | None = None,
    progress: bool = False,
    console: Console | None = None,
    on_update: Callable[[JobSnapshot], None] | None = None,
    not_found_grace: float | None = None,
    keep_results: bool = True,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> list[JobSnapshot]:
    """Follow every job until it ends; return their final statuses in the order given.

    At most `concurrency` requests are in flight at once. A job still running when `timeout`
    seconds have passed comes back TIMED_OUT with its last status, within `timeout` plus half
    a second whatever the servers do: a poll still under way then is cancelled, and a retry a
    server asks for after the deadline is not waited for (`.error` then says so); a job whose
    polling failed
    (after the client's retries) comes back with `.error` set. Neither stops the others.
    The first `concurrency` jobs are polled at least once (`timeout=0` is one look at them);
    a later job whose turn comes only after the deadline comes back TIMED_OUT unpolled.
    Sync clients are followed through async twins of themselves (`to_async()`, closed at the
    end; pass async clients to keep a custom `http_client` such as a validating transport).
    `progress=True` shows one combined bar (jobs ended of all, rate, time left, the final
    states so far) on `console` (default: rich's console); `on_update` sees every status polled.
    A service whose rule says it shows new jobs late (Modzy's results) answers 404 for a job
    accepted moments ago: it counts as PENDING, for `not_found_grace` seconds if given (then
    the job comes back with its NotFoundError), for ever if None. Where the rule names an
    operation that says whether a job exists (Modzy's job details), the first 404 is followed
    by one call to it: an unknown job comes back at once with its NotFoundError, a known one is
    followed to its end. Once a job was seen, a later 404 is PENDING too.

    `keep_results=False` drops each status's `result` (the service's typed object) once
    `on_update` has seen it: the statuses returned keep their state, counts, times and
    message, and memory stays at about a kilobyte a job however large the results are (kept,
    a Modzy result of 20 items is about 40 KB with its raw response). Hand the results on from
    `on_update` when they matter, or fetch the finished ones afterwards.
    """
    if concurrency < 1:  # no request could ever go out: every follower would wait for ever
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    refs = list(jobs)
    twins: dict[int, AsyncBaseClient] = {}
    clients: list[AsyncBaseClient] = []
    for client, _ in refs:
        if isinstance(client, AsyncBaseClient):
            clients.append(client)
        else:
            if id(client) not in twins:  # one twin per client, not one per job
                twins[id(client)] = client.to_async()
            clients.append(twins[id(client)])
    tally = _Tally(total=len(refs))
    display = _Display(tally, console) if progress else None

    def updated(status: JobSnapshot) -> None:
        if status.is_terminal:
            tally.done += 1
            tally.states[status.state] = tally.states.get(status.state, 0) + 1
        if display is not None:
            display.refresh()
        if on_update is not None:
            on_update(status)

    gate = asyncio.Semaphore(concurrency)
    schedule = schedule or PollSchedule()  # one for all: it keeps no state of its own
    # Followers start as earlier ones make their first poll, at most `UNSTARTED_PER_SLOT`
    # times `concurrency` waiting for theirs: a job not started yet is a tuple, a started one
    # a task with its frame, about 2 KB (10,000 at once were 20 MB of 60 for nothing).
    unstarted = asyncio.Semaphore(UNSTARTED_PER_SLOT * concurrency)
    started = clock()
    deadline = None if timeout is None else started + timeout
    results: list[JobSnapshot | None] = [None] * len(refs)
    running: set[asyncio.Future[JobSnapshot]] = set()
    failures: list[BaseException] = []

    def ended(index: int, follower: asyncio.Future[JobSnapshot]) -> None:
        # A follower that ended is dropped at once: only its status is kept.
        running.discard(follower)
        if follower.cancelled():
            return
        error = follower.exception()
        if error is None:
            results[index] = follower.result()
        else:
            failures.append(error)  # outside the errors it reports: no more are started

    try:
        if display is not None:
            display.start()
        not_started = len(refs)
        for index, (client, (_, job_id)) in enumerate(zip(clients, refs, strict=True)):
            # The first `concurrency` jobs are polled even past the deadline: their polls go
            # out together, each a final one within its bound (`timeout=0` is one look).
            if not await _slot_before(unstarted, None if index < concurrency else deadline, clock):
                not_started = index
                break
            if failures:
                break
            following = _follow(
                client,
                job_id,
                gate=gate,
                deadline=deadline,
                schedule=schedule,
                on_update=updated,
                clock=clock,
                sleep=sleep,
                not_found_grace=not_found_grace,
                keep_results=keep_results,
                started=started,
                first_poll_made=unstarted.release,
            )
            follower = asyncio.ensure_future(following)
            follower.add_done_callback(functools.partial(ended, index))
            running.add(follower)
        # Jobs whose turn came after the deadline were never polled: they time out as they are.
        for index in range(not_started, len(refs)):
            service = clients[index].service.name
            results[index] = pending(service, refs[index][1]).with_state(JobState.TIMED_OUT)
        while running and not failures:
            await asyncio.wait(running, return_when=asyncio.FIRST_EXCEPTION)
        if failures:
            raise failures[0]
        statuses = [status for status in results if status is not None]
        assert len(statuses) == len(results)  # every follower ended with a status
        return statuses
    finally:
        unfinished = list(running)
        for task in unfinished:
            task.cancel()
        await asyncio.gather(*unfinished, return_exceptions=True)
        if display is not None:
            display.stop()
        for twin in twins.values():
            await twin.aclose()


def wait_all(
    jobs: Iterable[JobRef],
    *,
    concurrency: int = 64,
    timeout: float | None = None,
    schedule: PollSchedule | None = None,
    progress: bool = False,
    console: Console | None = None,
    on_update: Callable[[JobSnapshot], None] | None = None,
    not_found_grace: float | None = None,
    keep_results: bool = True,
) -> list[JobSnapshot]:
    """`await_all` for sync code: runs its own event loop (use `await_all` inside one)."""
    return asyncio.run(
        await_all(
            jobs,
            concurrency=concurrency,
            timeout=timeout,
            schedule=schedule,
            progress=progress,
            console=console,
            on_update=on_update,
            not_found_grace=not_found_grace,
            keep_results=keep_results,
        )
    )


class _Display:
    """A combined progress bar over all followed jobs: done of total, rate, time left, states."""

    def __init__(self, tally: _Tally, console: Console | None) -> None:
        from ._display import item_progress

        self._tally = tally
        self._progress = item_progress(console, unit="jobs")
        self._task: Any = None

    def start(self) -> None:
        self._progress.start()
        self._task = self._progress.add_task("jobs", total=self._tally.total, detail="")

    def refresh(self) -> None:
        states = ", ".join(f"{n} {state}" for state, n in sorted(self._tally.states.items()))
        self._progress.update(self._task, completed=self._tally.done, detail=states)

    def stop(self) -> None:
        self._progress.stop()

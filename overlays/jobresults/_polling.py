"""Waiting for one job: poll until it is done, with backoff, a deadline and a 404 grace period.

`wait_until` (blocking) and `await_until` (asyncio) share one `Poller`, which decides after each
poll whether to stop, how long to pause, and when to give up; only the I/O differs. Clock and
sleep are injected, so tests run without waiting.

A wait's timeout holds whatever the server does: each poll runs under a `Limit` of the time the
wait has left (at least `FINAL_POLL`), so a poll still under way at the deadline is cancelled,
and a retry the server asks for after it (a long Retry-After) is not waited for. Either ends
the wait with `WaitTimeoutError` saying so, within the timeout plus `FINAL_POLL`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ._deadline import FINAL_POLL, Limit, deadline_reason
from .errors import APIError, NotFoundError, WaitTimeoutError

T = TypeVar("T")

logger = logging.getLogger("jobresults")

DEFAULT_WAIT_TIMEOUT = 600.0
"""How long a wait lasts by default, in seconds."""


@dataclass(frozen=True)
class PollSettings:
    """How to poll one job.

    The first pause is `interval` seconds; each next one is `backoff` times longer, up to
    `max_interval`. A wait gives up `timeout` seconds after it started (None: never). A 404 is
    taken as "not visible yet" for `not_found_grace` seconds from the start of the wait, as long
    as no result has been seen; after that, or once the job was seen, it is raised (a lookup
    that found the job lifts the grace period: `Poller.exists`).
    """

    timeout: float | None = DEFAULT_WAIT_TIMEOUT
    interval: float = 1.0
    max_interval: float = 10.0
    backoff: float = 1.5
    not_found_grace: float = 0.0

    def __post_init__(self) -> None:
        if self.timeout is not None and not self.timeout >= 0:
            raise ValueError(f"timeout must be >= 0 seconds or None, got {self.timeout!r}")
        if not (self.interval > 0 and math.isfinite(self.interval)):
            raise ValueError(f"poll_interval must be a positive number, got {self.interval!r}")
        if not self.max_interval >= self.interval:
            raise ValueError(
                f"max_poll_interval ({self.max_interval!r}) must be >= poll_interval "
                f"({self.interval!r})"
            )
        if not self.backoff >= 1.0:
            raise ValueError(f"backoff must be >= 1, got {self.backoff!r}")
        if not self.not_found_grace >= 0:
            raise ValueError(f"not_found_grace must be >= 0, got {self.not_found_grace!r}")


class Poller(Generic[T]):
    """The decisions of one wait, without I/O: call `started()`, then after each poll
    `on_result(result)` or `on_not_found(error)`; each returns the pause before the next poll,
    or None when the job is done, and raises when the wait must end."""

    def __init__(
        self,
        settings: PollSettings,
        *,
        is_done: Callable[[T], bool],
        what: str,
        clock: Callable[[], float],
        on_update: Callable[[T], object] | None = None,
        describe: Callable[[T], str] | None = None,
    ) -> None:
        self.settings = settings
        self.is_done = is_done
        self.what = what
        self.clock = clock
        self.on_update = on_update
        self.describe = describe
        self.last: T | None = None
        """The last result seen (None before the first)."""
        self.polls = 0
        self.exists: bool | None = None
        """Whether a lookup found the job (None: none was made). A job known to exist is
        waited for through its 404s beyond the grace period; an unknown one ends the wait at
        its next 404."""
        self._seen = False
        self._said: str | None = None
        self._start = 0.0
        self._interval = settings.interval

    @classmethod
    def for_wait(
        cls,
        what: str,
        *,
        is_done: Callable[[T], bool],
        clock: Callable[[], float],
        timeout: float | None,
        poll_interval: float,
        max_poll_interval: float,
        not_found_grace: float = 0.0,
        on_update: Callable[[T], object] | None = None,
        describe: Callable[[T], str] | None = None,
    ) -> Poller[T]:
        """The poller of a wait, from the keyword arguments the wait methods take (the names
        users pass: `poll_interval`, `max_poll_interval`, ...); `what` names the job in errors."""
        settings = PollSettings(
            timeout=timeout,
            interval=poll_interval,
            max_interval=max_poll_interval,
            not_found_grace=not_found_grace,
        )
        return cls(
            settings,
            is_done=is_done,
            what=what,
            clock=clock,
            on_update=on_update,
            describe=describe,
        )

    def started(self) -> None:
        """Mark the start of the wait (the deadline and grace period count from here)."""
        self._start = self.clock()

    def elapsed(self) -> float:
        """Seconds since the wait started."""
        return self.clock() - self._start

    def poll_limit(self) -> float | None:
        """How long the next poll may take: the time the wait has left, and at least
        `FINAL_POLL` so that a poll made right at the deadline still gets its answer (None:
        the wait has no timeout)."""
        if self.settings.timeout is None:
            return None
        return max(FINAL_POLL, self.settings.timeout - self.elapsed())

    def ended_by_deadline(self, error: APIError) -> WaitTimeoutError:
        """The wait's timeout error for a poll that its deadline ended (cut short while under
        way, or a retry the server asked for after the deadline); it says which."""
        why = deadline_reason(error) or "the deadline passed"
        timeout = self._timeout_error()
        message = f"{timeout}: {why}"
        ended = WaitTimeoutError(message, last=timeout.last, elapsed=timeout.elapsed)
        ended.__cause__ = error
        return ended

    def on_result(self, result: T) -> float | None:
        """Record a poll's result: None if the job is done, else the pause before the next poll.

        Raises `WaitTimeoutError` (carrying this result) when the deadline has passed.
        """
        self.polls += 1
        self.last = result
        self._seen = True
        if self.describe is not None:
            said = self.describe(result)
            if said != self._said:  # each change of state once, at INFO
                logger.info("%s: %s (after %.1f s)", self.what, said, self.elapsed())
                self._said = said
        if self.on_update is not None:
            self.on_update(result)
        if self.is_done(result):
            return None
        pause = self._next_pause()
        logger.debug("%s: next poll in %.2f s", self.what, pause)
        return pause

    def on_not_found(self, error: NotFoundError) -> float:
        """Record a 404: the pause before the next poll while in the grace period; else raise it."""
        self.polls += 1
        if self._seen or self.exists is False:
            raise error
        if self.exists:
            return self._next_pause()
        if self.elapsed() >= self.settings.not_found_grace:
            raise error
        return self._next_pause(grace_left=self.settings.not_found_grace - self.elapsed())

    def _next_pause(self, grace_left: float = math.inf) -> float:
        pause = self._interval
        self._interval = min(self.settings.max_interval, self._interval * self.settings.backoff)
        if self.settings.timeout is None:
            return min(pause, grace_left)
        left = self.settings.timeout - self.elapsed()
        if left <= 0:
            raise self._timeout_error()
        return min(pause, left, grace_left)

    def _timeout_error(self) -> WaitTimeoutError:
        elapsed = self.elapsed()
        if self.last is None:
            seen = "nothing seen yet: every poll answered 404"
        elif self.describe is not None:
            seen = f"last seen: {self.describe(self.last)}"
        else:
            seen = "not done at the last poll"
        return WaitTimeoutError(
            f"{self.what} did not finish within {self.settings.timeout:g} s "
            f"({self.polls} polls; {seen})",
            last=self.last,
            elapsed=elapsed,
        )


def wait_until(
    fetch: Callable[[], T],
    poller: Poller[T],
    sleep: Callable[[float], None],
) -> T:
    """Call `fetch` until `poller` says the job is done; return the last result."""
    poller.started()
    while True:
        limit = Limit(poller.poll_limit())
        try:
            with limit:
                result = fetch()
        except NotFoundError as error:
            pause = poller.on_not_found(error)
        except APIError as error:
            if limit.ended(error):
                raise poller.ended_by_deadline(error) from error
            raise
        else:
            next_pause = poller.on_result(result)
            if next_pause is None:
                return result
            pause = next_pause
        sleep(pause)


async def await_until(
    fetch: Callable[[], Awaitable[T]],
    poller: Poller[T],
    sleep: Callable[[float], Awaitable[None]],
) -> T:
    """`wait_until` for asyncio: await `fetch` until `poller` says the job is done."""
    poller.started()
    while True:
        limit = Limit(poller.poll_limit())
        try:
            with limit:
                result = await fetch()
        except NotFoundError as error:
            pause = poller.on_not_found(error)
        except APIError as error:
            if limit.ended(error):
                raise poller.ended_by_deadline(error) from error
            raise
        else:
            next_pause = poller.on_result(result)
            if next_pause is None:
                return result
            pause = next_pause
        await sleep(pause)

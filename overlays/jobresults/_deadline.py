"""Whole-call deadlines: a bound on a call's total time, beside httpx's per-read timeouts.

httpx's timeouts bound each read: a server that trickles a byte just inside the read timeout,
or floods `100 Continue` responses, holds a request as long as it likes. A `Deadline` bounds the
whole call, its retries and their pauses included:

- no attempt starts after it, and a pause before a retry that would end after it (a long
  `Retry-After`, or the backoff) is not taken: the call ends at once with the error that would
  have been retried, its `.deadline` set and a note saying why;
- every phase of an attempt gets at most the time left (the request's timeouts are clamped);
- on the clients' own connection pools every read and write is bounded by the time left (see
  `_deadline_transport.DeadlineBackend`), so neither trickling nor a flood of informational
  responses outlasts it;
  on a caller's own sync `http_client` the body is checked between chunks; the async clients
  cancel the attempt at the deadline (`asyncio.timeout`), whatever the client.

A deadline comes from the call (`deadline=`), the client (`deadline=` when it is built; None,
no deadline, by default) or the surrounding code (`Limit`, which waits use for every poll):
the earliest applies. A deadline also carries the stop signal of an iterator being closed
(`stop`): then nothing more is sent, and pauses end at once.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import socket
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, TypeVar

import httpx

from .errors import APITimeoutError

if TYPE_CHECKING:
    import httpcore  # the streams' transport (`_deadline_transport`) loads it when it is made

E = TypeVar("E", bound=BaseException)

FINAL_POLL: Final = 0.5
"""Seconds a wait's poll may take when the wait's own time is (nearly) up: a poll made right at
the deadline still gets an answer, and the wait ends within its timeout plus this."""


class Limit:
    """A time limit for everything sent within `with Limit(seconds):` (None: no limit), in
    this thread or asyncio task; `ended(error)` tells whether it is what ended a call."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = math.inf if seconds is None else time.monotonic() + max(0.0, seconds)
        self._token: contextvars.Token[Limit | None] | None = None

    def __enter__(self) -> Limit:
        self._token = _AMBIENT.set(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._token is not None:
            _AMBIENT.reset(self._token)

    def ended(self, error: BaseException) -> bool:
        """True if `error` ended its call because this limit was reached."""
        return getattr(error, "_ended_by", None) is self


_EARLY: Final = 0.005

_AMBIENT: contextvars.ContextVar[Limit | None] = contextvars.ContextVar(
    "jobresults_limit", default=None
)
_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "jobresults_deadline", default=None
)
_STOP: contextvars.ContextVar[Stop | None] = contextvars.ContextVar("jobresults_stop", default=None)


def deadline_reason(error: BaseException) -> str | None:
    """Why a deadline ended the call that raised `error`, for a wait's message: a poll cut
    short, or a retry not waited for (None if no deadline ended it)."""
    reason = getattr(error, "_deadline_reason", None)
    if not isinstance(reason, str):
        return None
    if isinstance(error, APITimeoutError):
        return "a poll still under way at the deadline was cancelled"
    return reason


class Stopped(Exception):  # noqa: N818 (a signal, not an error a caller sees)
    """The iterator this call fetched for was closed: nothing more is sent."""


class Stop:
    """The stop signal of an iterator's fetching, set when the iterator is closed: pauses
    before retries end at once, nothing more is sent, and reads under way on the clients' own
    connections are cut (their sockets shut down), so no fetching thread lingers."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._reading: set[httpcore.NetworkStream] = set()

    def is_set(self) -> bool:
        """True once the iterator was closed."""
        return self._event.is_set()

    def wait(self, seconds: float) -> None:
        """Pause `seconds`, or less if the stop comes meanwhile."""
        self._event.wait(seconds)

    def set(self) -> None:
        """Stop: wake every pause, cut every read under way."""
        with self._lock:
            self._event.set()
            reading = list(self._reading)
        for stream in reading:
            _shut_down(stream)

    @contextlib.contextmanager
    def reading(self, stream: httpcore.NetworkStream) -> Iterator[None]:
        """Mark `stream` as being read, so that `set()` can cut it."""
        with self._lock:
            if self._event.is_set():
                import httpcore  # loaded already: the stream is one of its own

                raise httpcore.ReadError("the iterator was closed")
            self._reading.add(stream)
        try:
            yield
        finally:
            with self._lock:
                self._reading.discard(stream)


def _shut_down(stream: httpcore.NetworkStream) -> None:
    sock = stream.get_extra_info("socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the raw socket, even under TLS


@contextlib.contextmanager
def stopping(stop: Stop) -> Iterator[None]:
    """Every call sent within (in this thread or task) ends once `stop` is set: how an
    iterator's fetches, made through the generated methods, carry its stop signal."""
    token = _STOP.set(stop)
    try:
        yield
    finally:
        _STOP.reset(token)


class Deadline:
    """The deadline of one call: the earliest of `seconds` (from now) and the surrounding
    `Limit`; `stop` (or the one of a surrounding `stopping`), when set, ends the call as soon
    as it is seen."""

    def __init__(self, seconds: float | None, *, stop: Stop | None = None) -> None:
        if seconds is not None and not seconds >= 0:
            raise ValueError(f"deadline must be >= 0 seconds or None, got {seconds!r}")
        own = None if seconds is None else Limit(seconds)
        ambient = _AMBIENT.get()
        limits = [limit for limit in (own, ambient) if limit is not None]
        self.binding = min(limits, key=lambda limit: limit.at) if limits else None
        self.stop = stop if stop is not None else _STOP.get()

    @property
    def seconds(self) -> float | None:
        """The binding limit, in seconds (None: no deadline)."""
        return None if self.binding is None else self.binding.seconds

    def left(self) -> float:
        """Seconds left (inf without a deadline; 0 once passed or stopped)."""
        if self.stop is not None and self.stop.is_set():
            return 0.0
        if self.binding is None:
            return math.inf
        return max(0.0, self.binding.at - time.monotonic())

    def check(self) -> None:
        """Raise `Stopped` if the iterator was closed."""
        if self.stop is not None and self.stop.is_set():
            raise Stopped

    def passed(self) -> bool:
        """True once the deadline has passed (within the few milliseconds by which a timer
        may fire early)."""
        return self.binding is not None and time.monotonic() >= self.binding.at - _EARLY

    def timeouts(self, timeout: Any) -> Any:
        """httpx timeouts (a Timeout, a number or None) with no phase longer than the time left."""
        left = self.left()
        if left == math.inf:
            return timeout
        phases = httpx.Timeout(timeout)
        return httpx.Timeout(
            connect=_at_most(phases.connect, left),
            read=_at_most(phases.read, left),
            write=_at_most(phases.write, left),
            pool=_at_most(phases.pool, left),
        )

    def mark(self, error: E, reason: str) -> E:
        """`error` (an `APIError`), marked as ended by this deadline, `reason` noted on it."""
        error.deadline = self.seconds  # type: ignore[attr-defined]
        error._ended_by = self.binding  # type: ignore[attr-defined]
        error._deadline_reason = reason  # type: ignore[attr-defined]
        error.add_note(reason)
        return error

    def allows_pause(self, seconds: float) -> bool:
        """True if a pause of `seconds` ends before the deadline."""
        return seconds < self.left()

    def pause(self, sleep: Callable[[float], None], seconds: float) -> None:
        """Pause before a retry: on `stop`'s event when there is one and `sleep` is the real
        one (so that closing an iterator wakes it at once), else with `sleep`."""
        if self.stop is not None and sleep is time.sleep:
            self.stop.wait(seconds)
        else:
            sleep(seconds)
        self.check()

    def __enter__(self) -> Deadline:
        self._token = _CURRENT.set(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _CURRENT.reset(self._token)


def _at_most(phase: float | None, left: float) -> float:
    return left if phase is None else min(phase, left)


def _bounded(timeout: float | None, timeout_type: type[Exception]) -> float | None:
    """`timeout` for one network operation, cut to the time left of the current deadline."""
    deadline = _CURRENT.get()
    if deadline is None:
        return timeout
    left = deadline.left()
    if left == math.inf:
        return timeout
    if left <= 0:
        raise timeout_type("the call's deadline passed")
    return left if timeout is None else min(timeout, left)

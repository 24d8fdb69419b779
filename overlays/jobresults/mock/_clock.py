"""Simulated time (real time scaled by a speed, plus manual advances) and timestamp formats."""

from __future__ import annotations

import time
from typing import Final

_DAY_PREFIXES: dict[int, str] = {}

MAX_SPEED: Final = 1e6
"""Simulated time runs at most a million times as fast as real time."""
MAX_ADVANCE: Final = 100 * 365 * 86400.0
"""Simulated time moves at most a century ahead of real time by `advance`, so that every
timestamp the mock writes stays a valid date."""


class SimulatedClock:
    """Seconds of simulated time: real elapsed time times `speed`, plus what `advance` added."""

    def __init__(self, speed: float = 1.0) -> None:
        if not 0 < speed <= MAX_SPEED:
            raise ValueError(f"speed must be positive and at most {MAX_SPEED:g}, not {speed!r}")
        self.speed = speed
        self._started_real = time.monotonic()
        self._started_wall = time.time()
        self._advanced = 0.0

    def elapsed(self) -> float:
        """Simulated seconds since the clock started."""
        return (time.monotonic() - self._started_real) * self.speed + self._advanced

    def now(self) -> float:
        """The simulated wall-clock time, in seconds since the epoch."""
        return self._started_wall + self.elapsed()

    def advance(self, seconds: float) -> None:
        """Move simulated time forward by `seconds` (not backwards, nor past `MAX_ADVANCE`
        in all); ValueError, changing nothing, for a value out of range."""
        if seconds < 0:
            raise ValueError("the clock cannot go backwards")
        left = MAX_ADVANCE - self._advanced
        if not seconds <= left:
            raise ValueError(f"advance must be between 0 and {left:.0f} seconds, got {seconds!r}")
        self._advanced += seconds


def _day_prefix(day: int) -> str:
    prefix = _DAY_PREFIXES.get(day)
    if prefix is None:
        prefix = _DAY_PREFIXES[day] = time.strftime("%Y-%m-%dT", time.gmtime(day * 86400))
    return prefix


def iso_z(epoch: float) -> str:
    """`2024-12-18T10:01:30Z` (whole seconds, UTC)."""
    day, second = divmod(int(epoch), 86400)
    hours, rest = divmod(second, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{_day_prefix(day)}{hours:02d}:{minutes:02d}:{seconds:02d}Z"


def iso_millis_z(epoch: float) -> str:
    """`2019-12-27T18:11:19.117Z` (milliseconds, UTC)."""
    millis = round(epoch * 1000)
    return f"{iso_z(millis // 1000)[:-1]}.{millis % 1000:03d}Z"


def iso_millis_offset(epoch: float) -> str:
    """`2021-04-13T16:32:14.135+00:00` (milliseconds, explicit UTC offset), as Modzy writes it."""
    return iso_millis_z(epoch)[:-1] + "+00:00"

"""Timing helpers: interleaved rounds of several candidates, gc left on (as users run)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Timing:
    """Seconds per call of one candidate, one figure per round."""

    rounds: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median over rounds of the mean time per call."""
        return statistics.median(self.rounds)

    @property
    def best(self) -> float:
        """The fastest round's mean time per call."""
        return min(self.rounds)


def time_calls(call: Callable[[], object], number: int) -> float:
    """Mean seconds per call over `number` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(number):
        call()
    return (time.perf_counter() - start) / number


def compare(
    candidates: Mapping[str, Callable[[], object]], *, number: int, rounds: int
) -> dict[str, Timing]:
    """Time every candidate in `rounds` interleaved rounds of `number` calls each.

    Each candidate is called once first (warm-up: caches, lazy imports). Interleaving the
    rounds spreads any slow spell of the machine over all candidates alike.
    """
    for call in candidates.values():
        call()
    figures: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, call in candidates.items():
            figures[name].append(time_calls(call, number))
    return {name: Timing(tuple(values)) for name, values in figures.items()}


def stopwatch(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def timed(call: Callable[[], T]) -> tuple[T, float]:
    """What one call returns, and the seconds it took."""
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start

"""Timing helpers: candidates in interleaved rounds, their order shuffled every round, gc on
(as users run).

With a fixed order, the garbage collector's full collections land on the same candidate round
after round and move its median alone; shuffling spreads them, and any slow spell of the
machine, over all candidates alike.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .report import Span, Watch

T = TypeVar("T")
SEED = 17
"""The shuffles' seed: a run's candidate orders are the same every time it is repeated."""


@dataclass(frozen=True)
class Timing:
    """Seconds per call of one candidate, one figure per round, and how busy the machine was
    from the first round to the last."""

    rounds: tuple[float, ...]
    span: Span | None = None

    @property
    def median(self) -> float:
        """The median over rounds of the mean time per call."""
        return statistics.median(self.rounds)

    @property
    def best(self) -> float:
        """The fastest round's mean time per call."""
        return min(self.rounds)


def shuffled_rounds(names: Sequence[str], rounds: int, *, seed: int = SEED) -> Iterator[list[str]]:
    """`rounds` orders of `names`, each shuffled anew."""
    rng = random.Random(seed)
    order = list(names)
    for _ in range(rounds):
        rng.shuffle(order)
        yield list(order)


def time_calls(call: Callable[[], object], number: int) -> float:
    """Mean seconds per call over `number` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(number):
        call()
    return (time.perf_counter() - start) / number


def compare(
    candidates: Mapping[str, Callable[[], object]],
    *,
    number: int,
    rounds: int,
    warm_up: bool = True,
) -> dict[str, Timing]:
    """Time every candidate in `rounds` interleaved rounds of `number` calls each, in an order
    shuffled every round, with the garbage collector on.

    Each candidate is called once first (warm-up: caches, lazy imports) unless `warm_up` is
    false (the caller has called each already, e.g. to check what it returns).
    """
    gc.enable()
    if warm_up:
        for call in candidates.values():
            call()
    figures: dict[str, list[float]] = {name: [] for name in candidates}
    watch = Watch()
    for order in shuffled_rounds(list(candidates), rounds):
        for name in order:
            figures[name].append(time_calls(candidates[name], number))
    span = watch.stop()
    return {name: Timing(tuple(values), span) for name, values in figures.items()}


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

"""Item counts as services report them: any JSON integer, however large, or negative.

A count beyond float range (`"completed": 10**400` is valid JSON) makes `a / b` raise
OverflowError, and so does any float arithmetic on it (a progress bar's rate, its time left).
Fractions here are computed without it, and counts handed to a display are clamped.
"""

from __future__ import annotations

from typing import Final

DISPLAY_LIMIT: Final = 2**53
"""Counts shown in a progress bar are clamped to +-this (the largest integers floats hold
exactly), so that the bar's own float arithmetic cannot overflow."""


def fraction(done: int, total: int) -> float:
    """`done / total` clamped to [0.0, 1.0]; 0.0 for a total of 0 or less. Never raises for
    integers of any size."""
    if total <= 0 or done <= 0:
        return 0.0
    if done >= total:
        return 1.0
    return done / total  # below 1: within float range


def for_display(count: float) -> float:
    """`count` clamped to what a progress bar can compute with (see `DISPLAY_LIMIT`)."""
    return max(-DISPLAY_LIMIT, min(DISPLAY_LIMIT, count))

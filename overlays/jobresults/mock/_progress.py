"""How a job created through the control API moves from pending through running to its end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Phase = Literal["pending", "running", "completed", "failed"]
Outcome = Literal["completed", "failed"]

QUEUED_SHARE = 0.2
"""The share of a job's duration it spends pending, before its first item starts."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A progressing job's plan, in simulated seconds since the clock started.

    The job is pending for the first fifth of `seconds`, then its `items` finish one by one at
    even intervals (the items chosen by `fails` fail), and at `seconds` it ends in `outcome`.
    """

    created: float
    """Simulated elapsed time at creation."""
    created_wall: float
    """Simulated wall-clock time at creation (seconds since the epoch)."""
    seconds: float
    items: int
    failures: int
    outcome: Outcome

    @property
    def started(self) -> float:
        """Simulated elapsed time when the job leaves pending."""
        return self.created + self.seconds * QUEUED_SHARE

    @property
    def finished(self) -> float:
        """Simulated elapsed time when the job ends."""
        return self.created + self.seconds

    def wall(self, elapsed: float) -> float:
        """The simulated wall-clock time of simulated elapsed time `elapsed`."""
        return self.created_wall + (elapsed - self.created)

    def phase(self, now: float) -> Phase:
        """Where the job is at simulated elapsed time `now`."""
        if now >= self.finished:
            return self.outcome
        return "running" if now >= self.started else "pending"

    def done(self, now: float) -> int:
        """How many items have finished (succeeded or failed) at `now`."""
        if now >= self.finished:
            return self.items
        if now < self.started or self.items == 0:
            return 0
        share = (now - self.started) / (self.finished - self.started)
        return min(self.items - 1, int(share * self.items))

    def item_done_at(self, index: int) -> float:
        """Simulated elapsed time when item `index` (from 0) finishes."""
        running = self.finished - self.started
        return self.started + running * (index + 1) / self.items

    def fails(self, index: int) -> bool:
        """Whether item `index` fails (the failures are spread evenly over the items)."""
        if self.failures <= 0:
            return False
        return (index * self.failures) // self.items != ((index + 1) * self.failures) // self.items

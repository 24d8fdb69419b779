"""Overmind's typed job: the generated `Job` Struct with methods over its iterations."""

from __future__ import annotations

import math
from typing import Final

from jobresults_structs import overmind as structs

TERMINAL_STATUSES: Final = (
    structs.JobStatus.COMPLETED,
    structs.JobStatus.FAILED,
    structs.JobStatus.CANCELLED,
)
"""The statuses after which a job no longer changes."""


class Job(structs.Job):
    """An Overmind job with its iterations (the generated `Job`, plus the methods below).

    Optional fields the server left out are None. A `status`, `job_type` or iteration
    `status` the spec does not list is kept as its string (`jobresults.is_unknown(job.status)`
    is then True).
    """

    @property
    def is_terminal(self) -> bool:
        """True once the job is completed, failed or cancelled (an unknown status is not)."""
        return self.status in TERMINAL_STATUSES

    def kept_iterations(self) -> list[structs.Iteration]:
        """The iterations whose status is `keep`, in the order the job lists them."""
        return [it for it in self.iterations if it.status == structs.IterationStatus.KEEP]

    def best_iteration(self, *, include_discarded: bool = False) -> structs.Iteration | None:
        """The iteration with the highest `avg_score`, or None if no iteration has a score.

        Iterations marked `discard` do not count unless `include_discarded=True`: the job
        rejected them, so they are not a result it offers (iterations without a status, or
        with one the spec does not list, do count). Among equal scores the lowest `order`
        wins (iterations without an `order` come after those with one), then the first
        listed.
        """
        best: structs.Iteration | None = None
        best_key: tuple[float, float, int] | None = None
        for position, iteration in enumerate(self.iterations):
            score = iteration.avg_score
            if not isinstance(score, int | float) or math.isnan(score):
                continue
            if iteration.status == structs.IterationStatus.DISCARD and not include_discarded:
                continue
            order = iteration.order if isinstance(iteration.order, int) else math.inf
            key = (-float(score), order, position)
            if best_key is None or key < best_key:
                best, best_key = iteration, key
        return best


def describe(job: structs.Job) -> str:
    """One line on a job's state, for messages."""
    status = job.status if isinstance(job.status, str) else "no status"
    return f"status {status}, {len(job.iterations)} iterations"

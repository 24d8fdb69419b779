"""A job store of jobs by id: the seeded ones, then those created through the control API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ._progress import Progress

JobT = TypeVar("JobT")


class JobsById(Generic[JobT]):
    """Jobs by id: `seeded`, then created ones (`new_id(number)` names the `number`th, and
    `created(job_id, progress)` makes it)."""

    def __init__(
        self,
        seeded: dict[str, JobT],
        *,
        new_id: Callable[[int], str],
        created: Callable[[str, Progress], JobT],
    ) -> None:
        self.jobs = seeded
        self._seeded = list(seeded)
        self._new_id = new_id
        self._created = created

    def get(self, job_id: str) -> JobT | None:
        """The job with this id, if the store has it."""
        return self.jobs.get(job_id)

    def seeded_ids(self) -> list[str]:
        """The seeded jobs' ids, in the order they were seeded."""
        return list(self._seeded)

    def seed_progressing(self, job_id: str, progress: Progress) -> None:
        """Add a seeded job that progresses (it stays when created jobs are deleted)."""
        self.jobs[job_id] = self._created(job_id, progress)
        self._seeded.append(job_id)

    def create(self, number: int, progress: Progress) -> str:
        """Add the `number`th created job; return its id."""
        job_id = self._new_id(number)
        self.jobs[job_id] = self._created(job_id, progress)
        return job_id

    def remove(self, job_id: str) -> None:
        """Forget a created job (seeded jobs stay)."""
        if job_id not in self._seeded:
            self.jobs.pop(job_id, None)

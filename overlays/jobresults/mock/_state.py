"""Everything one mock app serves: the seeded jobs, the jobs created through the control API,
the simulated clock and the cache of encoded bodies."""

from __future__ import annotations

import itertools
from typing import Any, Final

from . import _llamacloud_data, _modzy_data, _overmind_data, _wickson_data
from ._cache import BodyCache
from ._clock import SimulatedClock, iso_millis_z
from ._progress import Outcome, Progress
from ._random import token, uuid4_text
from ._services import API_KEYS, BASE_PATHS, SERVICES, ServiceName

MAX_CREATED_AT_ONCE: Final = 10_000
MAX_ITEMS: Final = 10_000
MAX_SECONDS: Final = 365 * 86400.0
"""The longest a created job may take (a year of simulated time)."""


class MockState:
    """The data behind one mock app (one per `create_app` call)."""

    def __init__(self, seed: int = 0, speed: float = 1.0) -> None:
        self.seed = seed
        self.clock = SimulatedClock(speed)
        self.cache = BodyCache()
        self.modzy = _modzy_data.ModzyCatalog(seed)
        self.llamacloud = _llamacloud_data.seeded_jobs(seed)
        self.wickson = _wickson_data.seeded_batches(seed)
        self.overmind = _overmind_data.seeded_jobs(seed)
        self.created: dict[str, tuple[ServiceName, Progress]] = {}
        self._numbers = itertools.count(1)
        self._run = token(seed, "run", length=4)
        self._seeded_ids: dict[ServiceName, list[str]] = {
            "modzy": [job.job_id for job in self.modzy.showcase],
            "llamacloud": list(self.llamacloud),
            "wickson": list(self.wickson),
            "overmind": list(self.overmind),
        }

    def create_jobs(
        self,
        service: ServiceName,
        *,
        count: int = 1,
        items: int = 3,
        seconds: float = 5.0,
        outcome: Outcome = "completed",
        failures: int | None = None,
    ) -> list[str]:
        """Create `count` progressing jobs of `service`; return their ids."""
        if not 1 <= count <= MAX_CREATED_AT_ONCE:
            raise ValueError(f"count must be between 1 and {MAX_CREATED_AT_ONCE}")
        if not 1 <= items <= MAX_ITEMS:
            raise ValueError(f"items must be between 1 and {MAX_ITEMS}")
        if not 0 < seconds <= MAX_SECONDS:
            raise ValueError(f"seconds must be positive and at most {MAX_SECONDS:.0f}")
        if outcome not in ("completed", "failed"):
            raise ValueError("outcome must be 'completed' or 'failed'")
        if failures is None:
            failures = items if outcome == "failed" else 0
        if not 0 <= failures <= items:
            raise ValueError("failures must be between 0 and items")
        created, wall = self.clock.elapsed(), self.clock.now()
        progress = Progress(created, wall, seconds, items, failures, outcome)
        ids = []
        for _ in range(count):
            number = next(self._numbers)
            job_id = self._new_id(service, number)
            self._add(service, job_id, progress)
            self.created[job_id] = (service, progress)
            ids.append(job_id)
        return ids

    def _new_id(self, service: ServiceName, number: int) -> str:
        if service == "wickson":
            return f"batch-mock-{self._run}-{number:06d}"
        return uuid4_text(self.seed, "created", service, number)

    def _add(self, service: ServiceName, job_id: str, progress: Progress) -> None:
        if service == "modzy":
            self.modzy.created[job_id] = _modzy_data.CreatedJob(job_id, progress, self.seed)
        elif service == "llamacloud":
            job = _llamacloud_data.CreatedExtractionJob(job_id, progress, self.seed)
            self.llamacloud[job_id] = job
        elif service == "wickson":
            self.wickson[job_id] = _wickson_data.CreatedBatch(job_id, progress)
        else:
            self.overmind[job_id] = _overmind_data.CreatedOvermindJob(job_id, progress, self.seed)

    def describe(self, job_id: str) -> dict[str, Any] | None:
        """Where a created job stands (None if no job with this id was created)."""
        found = self.created.get(job_id)
        if found is None:
            return None
        service, progress = found
        now = self.clock.elapsed()
        return {
            "id": job_id,
            "service": service,
            "status": progress.phase(now),
            "items": progress.items,
            "done": progress.done(now),
            "failures": progress.failures,
            "created_at": iso_millis_z(progress.created_wall),
            "finishes_at": iso_millis_z(progress.wall(progress.finished)),
        }

    def delete_created(self) -> int:
        """Forget every job created through the control API; return how many there were."""
        for job_id, (service, _) in self.created.items():
            if service == "modzy":
                self.modzy.created.pop(job_id, None)
            elif service == "llamacloud":
                self.llamacloud.pop(job_id, None)
            elif service == "wickson":
                self.wickson.pop(job_id, None)
            else:
                self.overmind.pop(job_id, None)
        deleted = len(self.created)
        self.created.clear()
        return deleted

    def seeded_ids(self, service: ServiceName) -> list[str]:
        """The seeded jobs (batches for Wickson) worth naming: examples, every status, large."""
        return list(self._seeded_ids[service])

    def listing(self, root_url: str) -> dict[str, dict[str, Any]]:
        """What `jobresults mock --list` prints: each service's base URL, key and job ids."""
        listing: dict[str, dict[str, Any]] = {}
        for service in SERVICES:
            ids_key = "batches" if service == "wickson" else "jobs"
            listing[service] = {
                "base_url": root_url.rstrip("/") + BASE_PATHS[service],
                "api_key": API_KEYS[service],
                ids_key: self.seeded_ids(service),
            }
        return listing

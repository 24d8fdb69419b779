"""Everything one mock app serves: the services, the stateful services' jobs (seeded, and
created through the control API), the simulated clock and the cache of encoded bodies."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from . import seeded
from ._cache import BodyCache
from ._clock import SimulatedClock, iso_millis_z
from ._handlers import JobStore
from ._progress import Outcome, Progress
from ._stateful import STATEFUL
from ._stores import JobsById

if TYPE_CHECKING:
    from ._served import ServedService

MAX_CREATED_AT_ONCE: Final = 10_000
MAX_ITEMS: Final = 10_000
MAX_ITEMS_BY_SERVICE: Final = {"wickson": 1_000_000}
"""Services whose created jobs may hold more items: a Wickson batch's items are generated
lazily, page by page, so a batch of a million costs no memory until it is read."""
MAX_SECONDS: Final = 365 * 86400.0
"""The longest a created job may take (a year of simulated time)."""


class MockState:
    """The data behind one mock app (one per `create_app` call)."""

    def __init__(
        self, seed: int = 0, speed: float = 1.0, services: Sequence[ServedService] = ()
    ) -> None:
        self.seed = seed
        self.clock = SimulatedClock(speed)
        self.cache = BodyCache()
        self.services = tuple(services)
        self.stores: dict[str, JobStore] = {
            served.name: STATEFUL[served.name].store(seed)
            for served in self.services
            if served.name in STATEFUL
        }
        self.created: dict[str, tuple[str, Progress]] = {}
        self._numbers = itertools.count(1)
        for service, job_id in seeded.PROGRESSING_JOBS.items():
            store = self.stores.get(service)
            if isinstance(store, JobsById):
                progress = Progress(
                    self.clock.elapsed(),
                    self.clock.now(),
                    seeded.PROGRESSING_JOB_SECONDS,
                    seeded.PROGRESSING_JOB_ITEMS,
                    0,
                    "completed",
                )
                store.seed_progressing(job_id, progress)

    def create_jobs(
        self,
        service: str,
        *,
        count: int = 1,
        items: int = 3,
        seconds: float = 5.0,
        outcome: Outcome = "completed",
        failures: int | None = None,
    ) -> list[str]:
        """Create `count` progressing jobs of `service`; return their ids."""
        store = self.stores.get(service)
        if store is None:
            having = ", ".join(self.stores) or "none"
            raise ValueError(
                f"the mock keeps no jobs of {service!r}, it serves its spec's examples"
                f" (services with jobs that progress: {having})"
            )
        if not 1 <= count <= MAX_CREATED_AT_ONCE:
            raise ValueError(f"count must be between 1 and {MAX_CREATED_AT_ONCE}")
        most = MAX_ITEMS_BY_SERVICE.get(service, MAX_ITEMS)
        if not 1 <= items <= most:
            raise ValueError(f"items must be between 1 and {most:,} for {service}")
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
            job_id = store.create(next(self._numbers), progress)
            self.created[job_id] = (service, progress)
            ids.append(job_id)
        return ids

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
            self.stores[service].remove(job_id)
        deleted = len(self.created)
        self.created.clear()
        return deleted

    def seeded_ids(self, service: str) -> list[str]:
        """The seeded jobs (batches for Wickson) worth naming: examples, every status, large."""
        store = self.stores.get(service)
        return [] if store is None else store.seeded_ids()

    def listing(self, root_url: str) -> dict[str, dict[str, Any]]:
        """What `jobresults mock --list` prints: every service's base URL, key and example ids
        (`{operationId: {id: status}}`); for the services whose jobs the mock keeps, their seeded
        ids (under `jobs` or `batches`), `"progress": true` (the control API creates jobs
        that progress) and `progressing`, the seeded ones that progress by themselves (read
        from the jobs: those with a `Progress`; the others keep the state they were seeded
        in)."""
        listing: dict[str, dict[str, Any]] = {}
        for served in self.services:
            entry: dict[str, Any] = {
                "base_url": root_url.rstrip("/") + served.base_path,
                "api_key": served.api_key,
                "examples": served.example_ids(),
                "progress": served.name in self.stores,
            }
            if served.name in self.stores:
                store = self.stores[served.name]
                ids = self.seeded_ids(served.name)
                entry[STATEFUL[served.name].ids_label] = ids
                lookup = getattr(store, "get", None)  # a store may not expose its jobs
                entry["progressing"] = [
                    ident
                    for ident in ids
                    if callable(lookup)
                    and isinstance(getattr(lookup(ident), "progress", None), Progress)
                ]
            listing[served.name] = entry
        return listing

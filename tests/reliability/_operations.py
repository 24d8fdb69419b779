"""Every fetching call of the public clients, sync and async, in one table.

Each `Operation` makes its service's client and calls it the way users do (iterators are read up
to a bound, so a hostile server that never ends a listing cannot make a test loop forever).
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from jobresults.mock import auth_headers, seeded, sync_transport

ITERATION_BOUND = 50
"""At most this many items are read from an iterator."""

IDS = {
    "modzy": seeded.MODZY_EXAMPLE_JOB,
    "llamacloud": seeded.LLAMACLOUD_EXAMPLE_JOB,
    "wickson": seeded.WICKSON_EXAMPLE_BATCH,
    "overmind": seeded.OVERMIND_EXAMPLE_JOB,
}


async def _take(iterator: AsyncIterator[Any]) -> list[Any]:
    items = []
    async for item in iterator:
        items.append(item)
        if len(items) >= ITERATION_BOUND:
            break
    return items


def _bounded(iterator: Any) -> list[Any]:
    return list(itertools.islice(iterator, ITERATION_BOUND))


@dataclass(frozen=True)
class Operation:
    """One public call: `call(client, id)` on a sync client, `acall(client, id)` on an async one."""

    service: str
    operation_id: str
    name: str
    call: Callable[[Any, str], Any]
    acall: Callable[[Any, str], Awaitable[Any]]
    sample: str
    """A request (path and query on the mock) answered with a typical 200 body."""

    def __str__(self) -> str:
        return f"{self.service}.{self.name}"

    def client(self, **options: Any) -> Any:
        """A sync client of the service."""
        return importlib.import_module(f"jobresults.{self.service}").Client(**options)

    def async_client(self, **options: Any) -> Any:
        """An async client of the service."""
        return importlib.import_module(f"jobresults.{self.service}").AsyncClient(**options)


OPERATIONS = [
    Operation(
        "modzy",
        "getResults",
        "results.get",
        lambda c, job: c.results.get(job),
        lambda c, job: c.results.get(job),
        f"/modzy/api/results/{IDS['modzy']}",
    ),
    Operation(
        "modzy",
        "getJobHistory",
        "jobs.history_page",
        lambda c, _: c.jobs.history_page(page=1, per_page=5, status="all"),
        lambda c, _: c.jobs.history_page(page=1, per_page=5, status="all"),
        "/modzy/api/jobs/history?per-page=5",
    ),
    Operation(
        "modzy",
        "getJobHistory",
        "jobs.history",
        lambda c, _: _bounded(c.jobs.history(per_page=5)),
        lambda c, _: _take(c.jobs.history(per_page=5)),
        "/modzy/api/jobs/history?per-page=5",
    ),
    Operation(
        "llamacloud",
        "getExtractionJobResult",
        "extraction.jobs.get_result",
        lambda c, job: c.extraction.jobs.get_result(job),
        lambda c, job: c.extraction.jobs.get_result(job),
        f"/llamacloud/api/v1/extraction/jobs/{IDS['llamacloud']}/result",
    ),
    Operation(
        "wickson",
        "getBatchResults",
        "batches.results",
        lambda c, batch: c.batches.results(batch, page=1, page_size=10),
        lambda c, batch: c.batches.results(batch, page=1, page_size=10),
        f"/wickson/v1/batches/{IDS['wickson']}/results?page_size=10",
    ),
    Operation(
        "wickson",
        "getBatchResults",
        "batches.iter_results",
        lambda c, batch: _bounded(c.batches.iter_results(batch, page_size=10)),
        lambda c, batch: _take(c.batches.iter_results(batch, page_size=10)),
        f"/wickson/v1/batches/{IDS['wickson']}/results?page_size=10",
    ),
    Operation(
        "overmind",
        "getJob",
        "jobs.get",
        lambda c, job: c.jobs.get(job),
        lambda c, job: c.jobs.get(job),
        f"/overmind/api/jobs/{IDS['overmind']}/",
    ),
]
"""Every fetching call of the four clients (waiting calls poll through these)."""


def operation(name: str) -> Operation:
    """The operation called `name`, e.g. "wickson.batches.results"."""
    return next(op for op in OPERATIONS if str(op) == name)


def sample_bodies() -> dict[str, bytes]:
    """The mock's 200 body for each operation's `sample` request, by `str(operation)`."""
    bodies = {}
    with httpx.Client(transport=sync_transport(), base_url="http://mock") as http:
        for operation in OPERATIONS:
            response = http.get(operation.sample, headers=auth_headers(operation.service))
            response.raise_for_status()
            bodies[str(operation)] = response.content
    return bodies

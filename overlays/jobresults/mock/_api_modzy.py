"""Modzy's stateful layer: getResults (404 while a just-created job is still queued, then results
fill item by item), getJob (a job's details from the moment it is created: SUBMITTED,
IN_PROGRESS, COMPLETED) and getJobHistory (5,000 seeded jobs, the created ones, filters and
order). Parameters arrive checked against the spec.

Two undocumented helper routes answer what the official SDK (modzy-sdk) reads when its
`ApiClient` is built, so that it runs against the mock unchanged: `GET /models` (a list of
models) and `GET /models/requirements/account` (the account's hardware requirements). No
page documents them, so no spec has them: they are neither validated nor contract-checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.types import ASGIApp

from ._handlers import Call, StatefulService, register
from ._modzy_data import MODELS, ModzyCatalog, ModzyJob
from ._params import parse_date_time
from ._responses import json_body, json_cached

DEFAULT_PER_PAGE = 10
"""The page size of the history when `per-page` is not given (the spec leaves it to servers)."""


async def get_results(call: Call, catalog: ModzyCatalog) -> ASGIApp:
    """The results of one job (404 while a just-created job is still queued)."""
    job = catalog.get(call.values[0])
    result = None if job is None else job.result(call.state.clock.elapsed())
    if job is None or result is None:
        return call.error(404)
    return json_cached(call.state.cache, ("modzy", job.job_id), result, cacheable=job.cacheable)


async def get_job(call: Call, catalog: ModzyCatalog) -> ASGIApp:
    """One job's details (there from the moment the job is created)."""
    job = catalog.get(call.values[0])
    if job is None:
        return call.error(404)
    return json_body(orjson.dumps(job.details(call.state.clock.elapsed())))


def models(catalog: ModzyCatalog) -> ASGIApp:
    """`GET /models` (undocumented helper): the models the seeded jobs ran, as the SDK lists
    them (`modelId`, `latestVersion`, `versions`)."""
    listed = [
        {"modelId": m["identifier"], "latestVersion": m["version"], "versions": [m["version"]]}
        for m in MODELS
    ]
    return json_body(orjson.dumps(listed))


def account_requirements(catalog: ModzyCatalog) -> ASGIApp:
    """`GET /models/requirements/account` (undocumented helper): the hardware the account may
    run models on, in the form the SDK reads (`requirementId`, `status`, `cpuAmount` in
    millicores, `memoryAmount` in gigabytes)."""
    listed = [
        {"requirementId": 1, "status": "ACTIVE", "cpuAmount": "1000m", "memoryAmount": "2Gi"},
        {"requirementId": 2, "status": "ACTIVE", "cpuAmount": "4000m", "memoryAmount": "16Gi"},
    ]
    return json_body(orjson.dumps(listed))


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """The job history's filters and order."""

    user: str | None = None
    access_key: str | None = None
    start: float | None = None
    end: float | None = None
    model: str | None = None
    status: str | None = None
    sort_by: str = "createdAt"
    descending: bool = True

    def matches(self, entry: dict[str, Any], created: float) -> bool:
        """Whether a job (its history entry and creation time) passes the filters."""
        if self.status not in (None, "all") and entry["status"] != self.status:
            return False
        if self.access_key is not None and entry["submittedBy"] != self.access_key:
            return False
        if self.start is not None and created < self.start:
            return False
        if self.end is not None and created > self.end:
            return False
        if self.user is not None and self.user not in _values(entry.get("user")):
            return False
        return self.model is None or self.model in _values(entry.get("model"))

    def sort_key(self) -> Callable[[dict[str, Any]], tuple[int, Any]]:
        """A key ordering entries by `sort_by` (entries without a scalar value go last)."""
        field = self.sort_by

        def key(entry: dict[str, Any]) -> tuple[int, Any]:
            value = entry.get(field)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return (0, value)
            if isinstance(value, bool):
                return (0, int(value))
            return (1, 0)

        return key


def _values(found: Any) -> Iterable[str]:
    if not isinstance(found, dict):
        return ()
    return [value for key, value in found.items() if isinstance(value, str) and key != "version"]


def _query(call: Call) -> tuple[HistoryQuery, int, int]:
    query = call.query
    start, end = query.get("startDate"), query.get("endDate")
    history = HistoryQuery(
        user=query.get("user"),
        access_key=query.get("accessKey"),
        start=None if start is None else parse_date_time(start, "startDate"),
        end=None if end is None else parse_date_time(end, "endDate"),
        model=query.get("model"),
        status=query.get("status"),
        sort_by=query.get("sort-by") or "createdAt",
        descending=query.get("direction") != "asc",
    )
    return history, query.get("page", 1), query.get("per-page", DEFAULT_PER_PAGE)


async def get_job_history(call: Call, catalog: ModzyCatalog) -> ASGIApp:
    """One page of the filtered, sorted job history."""
    history, page, per_page = _query(call)
    now = call.state.clock.elapsed()
    start = (page - 1) * per_page
    if not catalog.created:
        indices = _seeded_order(catalog, history)
        encoded = catalog.encoded_entries
        parts = [encoded[index] for index in indices[start : start + per_page]]
        return json_body(b"[" + b",".join(parts) + b"]")
    jobs: list[tuple[dict[str, Any], ModzyJob]] = [
        *zip(catalog.seeded_entries, catalog.seeded, strict=True),
        *((job.history_entry(now), job) for job in catalog.created.values()),
    ]
    selected = [entry for entry, job in jobs if history.matches(entry, job.created_at)]
    selected.sort(key=history.sort_key(), reverse=history.descending)
    return json_body(orjson.dumps(selected[start : start + per_page]))


MAX_CACHED_ORDERS = 64


def _seeded_order(catalog: ModzyCatalog, history: HistoryQuery) -> list[int]:
    """Positions of the seeded jobs that pass `history`'s filters, in its order (cached)."""
    order = catalog.orders.get(history)
    if order is not None:
        return order
    entries = catalog.seeded_entries
    seeded = catalog.seeded
    order = [
        index
        for index, entry in enumerate(entries)
        if history.matches(entry, seeded[index].created_at)
    ]
    key = history.sort_key()
    order.sort(key=lambda index: key(entries[index]), reverse=history.descending)
    if len(catalog.orders) >= MAX_CACHED_ORDERS:
        catalog.orders.clear()
    catalog.orders[history] = order
    return order


MODZY = register(
    StatefulService(
        "modzy",
        "jobs",
        ModzyCatalog,
        {"getResults": get_results, "getJob": get_job, "getJobHistory": get_job_history},
        helpers={"/models": models, "/models/requirements/account": account_requirements},
    )
)

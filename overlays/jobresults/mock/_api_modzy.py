"""Modzy: GET /api/results/{jobIdentifier} (getResults) and GET /api/jobs/history
(getJobHistory)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ._errors import error_response, validation_error_response
from ._modzy_data import HISTORY_STATUSES, ModzyCatalog, ModzyJob
from ._params import ParameterError, choice, date_time, integer, non_empty, text
from ._responses import json_body, state_of

DEFAULT_PER_PAGE = 10


async def get_results(request: Request) -> Response:
    """The results of one job (404 while a just-created job is still queued)."""
    job_id: str = request.path_params["jobIdentifier"]
    try:
        non_empty(job_id, "jobIdentifier")
    except ParameterError as error:
        return validation_error_response("modzy", error.name, error.location, error.message)
    state = state_of(request)
    job = state.modzy.get(job_id)
    result = None if job is None else job.result(state.clock.elapsed())
    if job is None or result is None:
        return error_response("modzy", 404, f"Job {job_id} not found")
    if job.cacheable:
        return json_body(state.cache.get_or_make(("modzy", job_id), lambda: orjson.dumps(result)))
    return json_body(orjson.dumps(result))


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


def _query(request: Request) -> tuple[HistoryQuery, int, int]:
    query = request.query_params
    start, end = date_time(query, "startDate"), date_time(query, "endDate")
    direction = choice(query, "direction", ("asc", "desc"))
    history = HistoryQuery(
        user=text(query, "user"),
        access_key=text(query, "accessKey"),
        start=start,
        end=end,
        model=text(query, "model"),
        status=choice(query, "status", ("all", *HISTORY_STATUSES)),
        sort_by=text(query, "sort-by") or "createdAt",
        descending=direction != "asc",
    )
    page = integer(query, "page", default=1, minimum=1)
    per_page = integer(query, "per-page", default=DEFAULT_PER_PAGE, minimum=1)
    return history, page, per_page


async def get_job_history(request: Request) -> Response:
    """One page of the filtered, sorted job history."""
    try:
        history, page, per_page = _query(request)
    except ParameterError as error:
        return validation_error_response("modzy", error.name, error.location, error.message)
    state = state_of(request)
    catalog = state.modzy
    now = state.clock.elapsed()
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

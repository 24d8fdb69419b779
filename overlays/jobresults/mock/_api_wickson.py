"""Wickson's stateful layer: getBatchResults pages through the seeded and created batches (the
page and page size are already checked against the spec, its defaults filled in)."""

from __future__ import annotations

from starlette.types import ASGIApp

from ._handlers import Call, StatefulService, register
from ._responses import dumps, json_body
from ._stores import JobsById
from ._wickson_data import Batch, store


async def get_batch_results(call: Call, batches: JobsById[Batch]) -> ASGIApp:
    """One page of a batch's results."""
    batch = batches.get(call.values[0])
    if batch is None:
        return call.error(404)
    page, page_size = call.query["page"], call.query["page_size"]
    now = call.state.clock.elapsed()
    if not batch.ended(now):
        return json_body(render_page(batch, page, page_size, now))
    # A batch that ended (every seeded one, a created one once it completed or failed) never
    # changes again: its pages are rendered once while the cache keeps them.
    key = ("wickson", batch.batch_id, page, page_size)
    body = call.state.cache.get_or_make(key, lambda: render_page(batch, page, page_size, now))
    return json_body(body)


def render_page(batch: Batch, page: int, page_size: int, now: float) -> bytes:
    """The encoded response body of one page of `batch` at simulated elapsed time `now`."""
    snapshot = batch.snapshot(now)
    start = (page - 1) * page_size
    stop = min(start + page_size, snapshot.listed)
    job_results = batch.items(start, stop) if start < snapshot.listed else []
    return dumps(
        {
            "success": True,
            "message": "Batch results retrieved successfully",
            "data": {
                "batch_summary": batch.summary(snapshot),
                "job_results": job_results,
                "statistics": batch.statistics(snapshot),
                "pagination": {
                    "page": page,
                    "page_size": page_size,
                    "total_items": snapshot.listed,
                    "total_pages": -(-snapshot.listed // page_size),
                },
            },
            "metadata": batch.metadata(),
        }
    )


WICKSON = register(
    StatefulService("wickson", "batches", store, {"getBatchResults": get_batch_results})
)

"""Wickson: GET /v1/batches/{batch_id}/results (getBatchResults)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ._errors import error_response, validation_error_response
from ._params import ParameterError, integer, non_empty
from ._responses import dumps, json_body, state_of
from ._wickson_data import Batch

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


async def get_batch_results(request: Request) -> Response:
    """One page of a batch's results."""
    batch_id: str = request.path_params["batch_id"]
    try:
        non_empty(batch_id, "batch_id")
        page = integer(request.query_params, "page", default=1, minimum=1)
        page_size = integer(
            request.query_params,
            "page_size",
            default=DEFAULT_PAGE_SIZE,
            minimum=1,
            maximum=MAX_PAGE_SIZE,
        )
    except ParameterError as error:
        return validation_error_response("wickson", error.name, error.location, error.message)
    state = state_of(request)
    batch = state.wickson.get(batch_id)
    if batch is None:
        return error_response("wickson", 404, f"Batch {batch_id} not found")
    now = state.clock.elapsed()
    if not batch.cacheable:
        return json_body(render_page(batch, page, page_size, now))
    key = ("wickson", batch_id, page, page_size)
    body = state.cache.get_or_make(key, lambda: render_page(batch, page, page_size, now))
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

"""Overmind: GET /api/jobs/{id}/ (getJob)."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ._errors import error_response
from ._params import ParameterError, uuid_text
from ._responses import json_body, state_of


async def get_job(request: Request) -> Response:
    """A job with its iterations."""
    job_id: str = request.path_params["id"]
    try:
        uuid_text(job_id, "id")
    except ParameterError as error:
        return error_response("overmind", 400, error.message)
    state = state_of(request)
    job = state.overmind.get(job_id.lower())
    if job is None:
        return error_response("overmind", 404, "Not found.")
    body = job.body(state.clock.elapsed())
    if job.cacheable:
        return json_body(
            state.cache.get_or_make(("overmind", job.job_id), lambda: orjson.dumps(body))
        )
    return json_body(orjson.dumps(body))

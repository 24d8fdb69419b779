"""LlamaCloud: GET /api/v1/extraction/jobs/{job_id}/result (getExtractionJobResult)."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ._errors import error_response, validation_error_response
from ._params import ParameterError, non_empty, query_value
from ._responses import json_body, state_of


async def get_extraction_job_result(request: Request) -> Response:
    """The result of an extraction job."""
    job_id: str = request.path_params["job_id"]
    try:
        non_empty(job_id, "job_id")
        query_value(request.query_params, "organization_id")
        query_value(request.query_params, "project_id")
    except ParameterError as error:
        return validation_error_response("llamacloud", error.name, error.location, error.message)
    state = state_of(request)
    job = state.llamacloud.get(job_id)
    if job is None:
        return error_response("llamacloud", 404, "Extraction job not found")
    now = state.clock.elapsed()
    result = job.result(now)
    if isinstance(result, str):
        return error_response("llamacloud", 404, result)
    if job.cacheable:
        return json_body(
            state.cache.get_or_make(("llamacloud", job_id), lambda: orjson.dumps(result))
        )
    return json_body(orjson.dumps(result))

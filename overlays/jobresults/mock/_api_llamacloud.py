"""LlamaCloud's stateful layer: getExtractionJob answers each job's status (PENDING, then
SUCCESS, PARTIAL_SUCCESS, ERROR or CANCELLED, with its error text), and getExtractionJobResult
its result once it succeeded (a 404 saying why before, and for good if it failed)."""

from __future__ import annotations

from starlette.types import ASGIApp

from ._handlers import Call, StatefulService, register
from ._llamacloud_data import ExtractionJob, store
from ._responses import json_cached, json_reply
from ._stores import JobsById


async def get_extraction_job(call: Call, jobs: JobsById[ExtractionJob]) -> ASGIApp:
    """An extraction job as it is now (404 for an unknown id)."""
    job = jobs.get(call.values[0])
    if job is None:
        return call.error(404)
    return json_reply(job.details(call.state.clock.elapsed()))


async def get_extraction_job_result(call: Call, jobs: JobsById[ExtractionJob]) -> ASGIApp:
    """The result of an extraction job (a 404 saying why when it has none)."""
    job = jobs.get(call.values[0])
    if job is None:
        return call.error(404)
    found = job.result(call.state.clock.elapsed())
    if isinstance(found, str):
        return call.error(404, found)
    key = ("llamacloud", job.job_id)
    return json_cached(call.state.cache, key, found, cacheable=job.cacheable)


LLAMACLOUD = register(
    StatefulService(
        "llamacloud",
        "jobs",
        store,
        {
            "getExtractionJob": get_extraction_job,
            "getExtractionJobResult": get_extraction_job_result,
        },
    )
)

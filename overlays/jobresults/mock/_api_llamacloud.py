"""LlamaCloud's stateful layer: getExtractionJobResult answers the seeded and created jobs (404
until a created job's result exists, and for good if the job failed)."""

from __future__ import annotations

from starlette.types import ASGIApp

from ._handlers import Call, StatefulService, register
from ._llamacloud_data import ExtractionJob, store
from ._responses import json_cached
from ._stores import JobsById


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
        "llamacloud", "jobs", store, {"getExtractionJobResult": get_extraction_job_result}
    )
)

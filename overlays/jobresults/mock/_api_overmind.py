"""Overmind's stateful layer: getJob answers the seeded and created jobs (iterations appear one
by one on a created job)."""

from __future__ import annotations

from starlette.types import ASGIApp

from ._handlers import Call, StatefulService, register
from ._overmind_data import OvermindJob, store
from ._responses import json_cached
from ._stores import JobsById


async def get_job(call: Call, jobs: JobsById[OvermindJob]) -> ASGIApp:
    """A job with its iterations (ids are UUIDs: any case finds the job)."""
    job = jobs.get(call.values[0].lower())
    if job is None:
        return call.error(404)
    body = job.body(call.state.clock.elapsed())
    return json_cached(call.state.cache, ("overmind", job.job_id), body, cacheable=job.cacheable)


OVERMIND = register(StatefulService("overmind", "jobs", store, {"getJob": get_job}))

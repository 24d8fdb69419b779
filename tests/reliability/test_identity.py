"""A response about another job than the one asked is an error naming both ids, never the asked
job's result: single calls, iteration, waits and `await_all`, sync and async."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from jobresults import JobState, await_all
from jobresults.errors import ResponseParseError

from ._operations import IDS, OPERATIONS, Operation, sample_bodies
from ._support import JSON, AsyncRecordingSleep, RecordingSleep, awithin, within

SAMPLES = sample_bodies()
OTHER = {
    "modzy": "another-modzy-job",
    "wickson": "batch-another",
    "overmind": str(uuid.UUID(int=7)),
}
"""An id to ask for, where the served body is about `IDS[service]`."""
CHECKED = [op for op in OPERATIONS if op.service in OTHER and op.operation_id != "getJobHistory"]


def answering_about_another_job(operation: Operation) -> httpx.MockTransport:
    body = SAMPLES[str(operation)]
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers=JSON))


def check(error: ResponseParseError, operation: Operation) -> None:
    message = str(error)
    assert OTHER[operation.service] in message
    assert IDS[operation.service] in message
    assert error.reason.startswith("a response about another")
    assert error.body == SAMPLES[str(operation)]


@pytest.mark.parametrize("operation", CHECKED, ids=str)
async def test_a_response_about_another_job_is_a_parse_error_naming_both(
    operation: Operation,
) -> None:
    transport = answering_about_another_job(operation)
    options: dict[str, Any] = {"api_key": "test-key", "base_url": "https://service.invalid"}
    sync = operation.client(
        **options, http_client=httpx.Client(transport=transport), sleep=RecordingSleep()
    )
    with pytest.raises(ResponseParseError) as caught:
        within(5, lambda: operation.call(sync, OTHER[operation.service]))
    check(caught.value, operation)
    asynchronous = operation.async_client(
        **options, http_client=httpx.AsyncClient(transport=transport), sleep=AsyncRecordingSleep()
    )
    with pytest.raises(ResponseParseError) as caught:
        await awithin(5, operation.acall(asynchronous, OTHER[operation.service]))
    check(caught.value, operation)
    if operation.name in ("results.get", "jobs.get"):
        resource = sync.results if operation.service == "modzy" else sync.jobs
        with pytest.raises(ResponseParseError) as caught:
            within(5, lambda: resource.wait(OTHER[operation.service], timeout=2))
        check(caught.value, operation)
    if operation.name != "batches.iter_results":
        jobs = [(asynchronous, OTHER[operation.service])]
        [status] = await awithin(5, await_all(jobs, timeout=2))
        assert isinstance(status.error, ResponseParseError)
        assert status.result is None
        assert status.state is JobState.PENDING
    sync.close()
    await asynchronous.aclose()

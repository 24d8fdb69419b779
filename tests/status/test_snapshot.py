"""snapshot / asnapshot against the mock: one normalized view of each service's job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from jobresults import JobState, asnapshot, llamacloud, modzy, overmind, snapshot, wickson
from jobresults.errors import NotFoundError
from jobresults.mock import MockServer, seeded

CLIENTS = {
    "modzy": (modzy.Client, modzy.AsyncClient),
    "llamacloud": (llamacloud.Client, llamacloud.AsyncClient),
    "wickson": (wickson.Client, wickson.AsyncClient),
    "overmind": (overmind.Client, overmind.AsyncClient),
}


def client_of(server: MockServer, service: str, asynchronous: bool = False) -> Any:
    client_type = CLIENTS[service][1 if asynchronous else 0]
    return client_type(server.api_key(service), base_url=server.base_url(service), max_retries=0)


@pytest.fixture
def frozen(jobresults_mock_factory: Callable[..., MockServer]) -> MockServer:
    """A mock whose simulated time moves only when the test advances it."""
    return jobresults_mock_factory(speed=1e-6)


def test_the_page_examples_normalize(jobresults_mock: MockServer) -> None:
    with client_of(jobresults_mock, "modzy") as client:
        status = snapshot(client, seeded.MODZY_EXAMPLE_JOB)
    assert (status.state, status.completed, status.failed, status.total) == (
        JobState.SUCCEEDED,
        1,
        0,
        1,
    )
    assert status.progress == 1.0
    assert isinstance(status.result, modzy.Result)

    with client_of(jobresults_mock, "llamacloud") as client:
        status = snapshot(client, seeded.LLAMACLOUD_EXAMPLE_JOB)
    assert status.state is JobState.SUCCEEDED  # the job's status: SUCCESS
    assert status.message is None
    assert isinstance(status.result, llamacloud.ExtractionJob)

    with client_of(jobresults_mock, "wickson") as client:
        status = snapshot(client, seeded.WICKSON_EXAMPLE_BATCH)
    assert (status.state, status.completed, status.failed, status.total) == (
        JobState.SUCCEEDED,
        180,
        20,
        200,
    )
    assert status.created_at is not None
    assert status.finished_at is not None
    assert status.finished_at > status.created_at

    with client_of(jobresults_mock, "overmind") as client:
        status = snapshot(client, seeded.OVERMIND_EXAMPLE_JOB)
    assert status.state is JobState.PENDING  # the page's example job says "pending"
    assert status.total is None  # its num_iterations is negative: not a plan
    assert status.completed == 1
    assert isinstance(status.result, overmind.Job)


def test_a_404_is_pending_only_for_a_job_the_service_knows_but_shows_late(
    frozen: MockServer,
) -> None:
    unknown = "00000000-0000-4000-8000-0000000000aa"
    queued = frozen.create_job("modzy", items=2, seconds=10.0)  # its results: 404 for now
    with client_of(frozen, "modzy") as client:
        status = snapshot(client, queued)  # a 404, then its details: it exists
        assert status.state is JobState.PENDING
        assert status.result is None
        with pytest.raises(NotFoundError):
            snapshot(client, queued, tolerate_not_found=False)
        with pytest.raises(NotFoundError):
            snapshot(client, unknown)  # its details are a 404 too
    for service in ("llamacloud", "overmind"):
        with client_of(frozen, service) as client, pytest.raises(NotFoundError):
            snapshot(client, unknown)


@pytest.mark.parametrize(
    ("outcome", "failures", "state", "message"),
    [
        ("completed", 0, JobState.SUCCEEDED, None),
        ("completed", 1, JobState.SUCCEEDED, "pages 5 of 5 could not be read"),
        ("failed", None, JobState.FAILED, "extraction failed on page 1 of 5"),
    ],
)
async def test_a_llamacloud_job_is_pending_then_ends_with_its_status_and_error(
    frozen: MockServer,
    outcome: str,
    failures: int | None,
    state: JobState,
    message: str | None,
) -> None:
    job_id = frozen.create_job(
        "llamacloud", items=5, seconds=10.0, outcome=outcome, failures=failures
    )
    async with client_of(frozen, "llamacloud", asynchronous=True) as client:
        first = await asnapshot(client, job_id)
        frozen.advance(6.0)
        middle = await asnapshot(client, job_id)  # LlamaCloud has no running status
        frozen.advance(5.0)
        done = await asnapshot(client, job_id)
    assert (first.state, middle.state) == (JobState.PENDING, JobState.PENDING)
    assert (done.state, done.message) == (state, message)
    assert done.is_terminal
    assert isinstance(done.result, llamacloud.ExtractionJob)
    assert done.result.id == job_id


@pytest.mark.parametrize("service", ["modzy", "wickson", "overmind"])
async def test_a_created_job_goes_pending_running_then_ends_as_planned(
    frozen: MockServer, service: str
) -> None:
    completed = frozen.create_job(service, items=5, seconds=10.0)
    failed = frozen.create_job(service, items=5, seconds=10.0, outcome="failed")
    async with client_of(frozen, service, asynchronous=True) as client:
        first = await asnapshot(client, completed)
        assert first.state is JobState.PENDING
        assert not first.is_terminal
        frozen.advance(6.0)  # past the queued fifth, half way through the items
        middle = await asnapshot(client, completed)
        assert middle.state is JobState.RUNNING
        assert 0 < middle.completed + middle.failed < 5
        assert 0.0 < middle.progress < 1.0
        frozen.advance(5.0)
        done = await asnapshot(client, completed)
        ended = await asnapshot(client, failed)
    assert done.state is JobState.SUCCEEDED
    assert done.progress == 1.0
    assert done.completed == 5
    assert ended.state is JobState.FAILED
    assert ended.is_terminal

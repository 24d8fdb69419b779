"""Overmind's client over in-memory transports: the page's job, iterations, status, waiting.

Every client test runs twice, with `Client` and with `AsyncClient`.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import orjson
import pytest
from jobresults import is_unknown, overmind, specs
from jobresults.errors import NotFoundError, ResponseParseError, WaitTimeoutError
from jobresults_structs import overmind as structs

KEY = "overmind-test-key-0123456789"
JOB = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
Handler = Callable[[httpx.Request], httpx.Response]


def page_example() -> dict[str, Any]:
    """The page's job, as the spec carries it."""
    operation = specs.load("overmind")["paths"]["/api/jobs/{id}/"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return copy.deepcopy(example["job"]["value"])


def iteration(
    n: int, score: float | None = None, status: str | None = "keep", order: int | None = None
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": str(uuid.UUID(int=n + 1)),
        "created_at": "2026-01-01T00:00:00Z",
        "iteration_name": f"iteration {n}",
        "job": JOB,
        "order": n if order is None else order,
    }
    if score is not None:
        found["avg_score"] = score
    if status is not None:
        found["status"] = status
    return found


def job_body(
    status: str | None = "running", iterations: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": JOB,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:05:00Z",
        "iterations": iterations or [],
    }
    if status is not None:
        body["status"] = status
    return body


def json_response(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json"}
    )


class FakeClock:
    """Time that moves only when the client sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Api:
    """Builds a sync or async Overmind client whose requests go to a handler, and records them."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.clock = FakeClock()
        self.requests: list[httpx.Request] = []

    def client(self, handler: Handler, **options: Any) -> Any:
        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        if self.mode == "sync":
            return overmind.Client(
                KEY,
                http_client=httpx.Client(transport=transport),
                sleep=self.clock.sleep,
                clock=self.clock,
                **options,
            )
        return overmind.AsyncClient(
            KEY,
            http_client=httpx.AsyncClient(transport=transport),
            sleep=self.clock.asleep,
            clock=self.clock,
            **options,
        )

    def serve(self, body: Any, **options: Any) -> Any:
        return self.client(lambda request: json_response(body), **options)


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)


async def resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def decode(body: dict[str, Any]) -> overmind.Job:
    return msgspec.json.decode(orjson.dumps(body), type=overmind.Job)


# jobs.get


async def test_the_page_example(api: Api) -> None:
    client = api.serve(page_example())
    job = await resolve(client.jobs.get(JOB))
    assert isinstance(job, overmind.Job)
    assert isinstance(job, structs.Job)
    assert job.id == uuid.UUID(JOB)
    assert job.created_at == dt.datetime(2019, 12, 27, 18, 11, 19, 117000, tzinfo=dt.UTC)
    assert job.status == overmind.JobStatus.PENDING
    assert job.job_type == overmind.JobType.INFERENCE
    assert not job.is_terminal
    [only] = job.iterations
    assert isinstance(only, overmind.Iteration)
    assert only.order == -9007199254740991
    assert only.status == overmind.IterationStatus.KEEP
    assert job.best_iteration() is only
    assert job.kept_iterations() == [only]


async def test_the_request_on_the_wire(api: Api) -> None:
    client = api.serve(page_example())
    await resolve(client.jobs.get(JOB))
    [request] = api.requests
    assert request.method == "GET"
    assert str(request.url) == f"https://api.overmindlab.ai/api/jobs/{JOB}/"
    assert request.headers["x-api-key"] == KEY
    assert "authorization" not in request.headers


@pytest.mark.parametrize(
    "job_id",
    [
        uuid.UUID(JOB),
        JOB.upper(),
        "{" + JOB + "}",
        JOB.replace("-", ""),
        f"urn:uuid:{JOB}",
    ],
)
async def test_uuid_forms_are_sent_canonical(api: Api, job_id: Any) -> None:
    client = api.serve(page_example())
    await resolve(client.jobs.get(job_id))
    assert api.requests[0].url.path == f"/api/jobs/{JOB}/"


async def test_a_job_fetched_before_names_itself(api: Api) -> None:
    client = api.serve(page_example())
    job = await resolve(client.jobs.get(JOB))
    await resolve(client.jobs.get(job))
    assert [r.url.path for r in api.requests] == [f"/api/jobs/{JOB}/"] * 2


@pytest.mark.parametrize(
    "job_id", ["not-a-uuid", "", "..", "../../admin", f"{JOB}/../x", f"{JOB}?a=1", f" {JOB}"]
)
async def test_ids_that_are_not_uuids_are_refused_before_sending(api: Api, job_id: str) -> None:
    client = api.serve(page_example())
    with pytest.raises(ValueError, match="an Overmind job id is a UUID"):
        await resolve(client.jobs.get(job_id))
    with pytest.raises(ValueError, match="UUID"):
        await resolve(client.jobs.wait(job_id))
    assert api.requests == []


async def test_other_types_are_refused(api: Api) -> None:
    client = api.serve(page_example())
    with pytest.raises(TypeError):
        await resolve(client.jobs.get(12345))


async def test_404_is_typed(api: Api) -> None:
    client = api.client(lambda request: json_response({"detail": "Not found."}, 404))
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.jobs.get(JOB))
    assert caught.value.error_message == "Not found."
    assert KEY not in str(caught.value)


async def test_an_unknown_status_parses_and_is_flagged(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    body = job_body("paused", [iteration(0, 0.5, status="shelved")])
    body["job_type"] = "inference"
    client = api.serve(body)
    with caplog.at_level(logging.WARNING, logger="jobresults"):
        job = await resolve(client.jobs.get(JOB))
    assert job.status == "paused"
    assert is_unknown(job.status)
    assert is_unknown(job.iterations[0].status)
    assert not is_unknown(job.job_type)
    assert not job.is_terminal
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "JobStatus(paused)" in warnings[0].getMessage()
    assert "IterationStatus(shelved)" in warnings[0].getMessage()


async def test_known_values_log_nothing(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    client = api.serve(page_example())
    with caplog.at_level(logging.WARNING, logger="jobresults"):
        await resolve(client.jobs.get(JOB))
    assert caplog.records == []


async def test_strict_raises_on_an_unknown_status(api: Api) -> None:
    client = api.serve(job_body("paused"), strict=True)
    with pytest.raises(ResponseParseError, match="paused"):
        await resolve(client.jobs.get(JOB))
    assert (
        await resolve(api.serve(job_body("running"), strict=True).jobs.get(JOB))
    ).status == "running"


async def test_get_response_keeps_the_raw_body(api: Api) -> None:
    body = page_example()
    body["new_field"] = [1, 2]
    response = await resolve(api.serve(body).jobs.get_response(JOB))
    assert isinstance(response.parsed, overmind.Job)
    assert response.json()["new_field"] == [1, 2]
    assert response.extra_fields() == {"/new_field": [1, 2]}
    assert response.parsed.extra_fields() == {"/new_field": [1, 2]}


async def test_a_job_with_only_the_required_fields(api: Api) -> None:
    job = await resolve(api.serve(job_body(None)).jobs.get(JOB))
    assert job.status is None
    assert not job.is_terminal
    assert job.best_iteration() is None
    assert job.kept_iterations() == []


# iterations and status


@pytest.mark.parametrize(
    ("status", "terminal"),
    [
        ("pending", False),
        ("running", False),
        ("completed", True),
        ("failed", True),
        ("cancelled", True),
        ("canceled", False),  # not a listed status: unknown, so not terminal
        (None, False),
    ],
)
def test_is_terminal_for_each_status(status: str | None, terminal: bool) -> None:
    assert decode(job_body(status)).is_terminal is terminal


def test_best_iteration_is_the_highest_kept_score() -> None:
    job = decode(
        job_body(
            iterations=[
                iteration(0, 0.5),
                iteration(1, 0.9, status="discard"),
                iteration(2, 0.7),
                iteration(3),  # not scored yet
                iteration(4, 0.6),
            ]
        )
    )
    assert job.best_iteration().iteration_name == "iteration 2"
    assert job.best_iteration(include_discarded=True).iteration_name == "iteration 1"
    assert [it.iteration_name for it in job.kept_iterations()] == [
        "iteration 0",
        "iteration 2",
        "iteration 3",
        "iteration 4",
    ]


def test_ties_go_to_the_lowest_order_then_the_first_listed() -> None:
    job = decode(
        job_body(
            iterations=[
                iteration(0, 0.8, order=5),
                iteration(1, 0.8, order=2),
                iteration(2, 0.8, order=2),
                iteration(3, 0.1, order=0),
            ]
        )
    )
    assert job.best_iteration().iteration_name == "iteration 1"


def test_iterations_without_an_order_lose_ties() -> None:
    body = job_body(iterations=[iteration(0, 0.8), iteration(1, 0.8, order=7)])
    del body["iterations"][0]["order"]
    assert decode(body).best_iteration().iteration_name == "iteration 1"


def test_iterations_without_a_status_or_with_an_unknown_one_count() -> None:
    job = decode(
        job_body(
            iterations=[
                iteration(0, 0.4),
                iteration(1, 0.5, status=None),
                iteration(2, 0.6, status="new"),
            ]
        )
    )
    assert job.best_iteration().iteration_name == "iteration 2"
    assert [it.iteration_name for it in job.kept_iterations()] == ["iteration 0"]


def test_no_scored_iteration_means_no_best() -> None:
    assert decode(job_body(iterations=[iteration(0), iteration(1)])).best_iteration() is None
    assert (
        decode(job_body(iterations=[iteration(0, 0.9, status="discard")])).best_iteration() is None
    )


def test_integer_scores_count() -> None:
    job = decode(job_body(iterations=[iteration(0, 0.5), iteration(1, 2)]))
    assert job.best_iteration().iteration_name == "iteration 1"


# jobs.wait


async def test_wait_until_terminal(api: Api) -> None:
    answers = iter(
        [
            json_response(job_body("pending")),
            json_response(job_body("running", [iteration(0, 0.3)])),
            json_response(job_body("running", [iteration(0, 0.3), iteration(1, 0.6)])),
            json_response(job_body("completed", [iteration(0, 0.3), iteration(1, 0.6)])),
        ]
    )
    client = api.client(lambda request: next(answers))
    seen: list[str] = []
    job = await resolve(
        client.jobs.wait(
            uuid.UUID(JOB), timeout=60, poll_interval=0.5, on_update=lambda j: seen.append(j.status)
        )
    )
    assert job.status == overmind.JobStatus.COMPLETED
    assert job.best_iteration().iteration_name == "iteration 1"
    assert seen == ["pending", "running", "running", "completed"]
    assert api.clock.pauses == [0.5, 0.75, 1.125]


@pytest.mark.parametrize("status", ["failed", "cancelled"])
async def test_wait_ends_on_failed_and_cancelled(api: Api, status: str) -> None:
    job = await resolve(api.serve(job_body(status)).jobs.wait(JOB))
    assert job.status == status
    assert api.clock.pauses == []


async def test_wait_timeout_carries_the_last_job(api: Api) -> None:
    client = api.serve(job_body("running", [iteration(0, 0.3)]))
    with pytest.raises(WaitTimeoutError) as caught:
        await resolve(client.jobs.wait(JOB, timeout=20, poll_interval=1, max_poll_interval=4))
    assert isinstance(caught.value.last, overmind.Job)
    assert caught.value.last.status == "running"
    assert caught.value.elapsed == pytest.approx(20)
    assert "status running, 1 iterations" in str(caught.value)


async def test_wait_raises_a_404_at_once_by_default(api: Api) -> None:
    client = api.client(lambda request: json_response({"detail": "Not found."}, 404))
    with pytest.raises(NotFoundError):
        await resolve(client.jobs.wait(JOB))
    assert len(api.requests) == 1


async def test_wait_can_give_new_jobs_time_to_appear(api: Api) -> None:
    answers = iter(
        [json_response({"detail": "Not found."}, 404), json_response(job_body("completed"))]
    )
    client = api.client(lambda request: next(answers))
    job = await resolve(client.jobs.wait(JOB, not_found_grace=10))
    assert job.is_terminal


def test_default_base_url_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERMIND_API_KEY", KEY)
    monkeypatch.delenv("OVERMIND_BASE_URL", raising=False)
    with overmind.Client() as client:
        assert client.base_url == "https://api.overmindlab.ai"
        assert KEY not in repr(client)
    monkeypatch.setenv("OVERMIND_BASE_URL", "https://overmind.example.com")
    with overmind.Client() as client:
        assert client.base_url == "https://overmind.example.com"
    monkeypatch.delenv("OVERMIND_API_KEY")
    with pytest.raises(ValueError, match="OVERMIND_API_KEY"):
        overmind.Client()

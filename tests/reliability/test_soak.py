"""Soaks under faults, against the mock over real sockets: every item and every job delivered
exactly once, retries within their bounds, requests counted; when faults are so heavy that
retries run out, a typed error that says where to resume, and nothing lost or repeated."""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from jobresults import JobSnapshot, JobState, llamacloud, modzy, overmind, wait_all, wickson
from jobresults._retry import RetryPolicy
from jobresults.errors import APIError
from jobresults.mock import FaultPlan, MockServer, seeded

from ._servers import Recorder
from ._support import AsyncRecordingSleep, RecordingSleep, awithin, within

FAULTS = "429=0.2,500=0.1,reset=0.05,truncate=0.02,latency=2ms"
"""The issue's mix: 20% 429 with Retry-After (1 s), 10% 5xx, 5% resets, 2% truncated bodies,
and a latency on every request."""
HEAVY_FAULTS = "500=0.35,reset=0.1,truncate=0.05,latency=1ms"
"""Half the requests fail: with 2 retries, about one page in eight runs out of them."""

BATCH = seeded.WICKSON_LARGE_BATCH
ITEMS = seeded.WICKSON_LARGE_BATCH_ITEMS
PAGE_SIZE = 1000
PAGES = ITEMS // PAGE_SIZE
SOAK_RETRY = RetryPolicy(max_retries=12, initial_delay=0.01, max_delay=0.05)
"""Enough retries that a 37% fault rate never exhausts them (0.37**13 per request)."""
SLEEP_SCALE = 0.01
"""Retry pauses are recorded as asked and slept a hundredth as long (Retry-After: 1 -> 10 ms)."""
TIME_LIMIT = 40.0


@dataclass(frozen=True)
class Retry:
    """One retry, as the HTTP layer logged it."""

    attempt: int
    delay: float
    why: str


class RetryLog(logging.Handler):
    """Collects the HTTP layer's retry records (logger "jobresults", DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.retries: list[Retry] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("retrying ") and isinstance(record.args, tuple):
            _, attempt, delay, why = record.args
            self.retries.append(Retry(int(attempt), float(delay), str(why)))  # type: ignore[arg-type]

    def kinds(self) -> Counter[str]:
        """How many retries each cause had (a status, or the connection error's name)."""
        names = Counter[str]()
        for retry in self.retries:
            match = re.search(r": (\w+Error)|timed out", retry.why)
            names[retry.why if match is None else match.group(1) or "timeout"] += 1
        return names


@pytest.fixture
def retry_log() -> Iterator[RetryLog]:
    logger = logging.getLogger("jobresults")
    handler, level = RetryLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def check_retry_bounds(log: RetryLog, policy: RetryPolicy, retry_after: float) -> None:
    """Each retry within the policy: attempt numbers up to max_retries; a 429 waits exactly its
    Retry-After; anything else at most the capped exponential ceiling."""
    for retry in log.retries:
        assert 1 <= retry.attempt <= policy.max_retries, retry
        if retry.why == "429":
            assert retry.delay == pytest.approx(retry_after, abs=0.005), retry
        else:
            ceiling = min(policy.max_delay, policy.initial_delay * 2 ** (retry.attempt - 1))
            assert 0 <= retry.delay <= ceiling + 0.005, retry


def position(job_id: str) -> int:
    """The position of a large-batch item, from its id (`job-<token>-<000000>`)."""
    return int(job_id.rsplit("-", 1)[1])


def counting_http_client(**options: Any) -> tuple[httpx.Client, list[int]]:
    """An httpx client that counts the requests it puts on the wire (an event hook)."""
    sent = [0]

    def count(request: httpx.Request) -> None:
        sent[0] += 1

    return httpx.Client(event_hooks={"request": [count]}, timeout=10, **options), sent


def serve(faults: str) -> tuple[MockServer, Recorder]:
    """A started mock with `faults`, its app wrapped to count the requests that reached it."""
    server = MockServer(seed=7, speed=20.0, faults=faults, log_level="critical")
    recorder = Recorder(server.app)
    server.app = recorder  # type: ignore[assignment]
    return server.start(), recorder


def test_iter_results_over_100k_items_under_faults(
    retry_log: RetryLog, record_property: Any
) -> None:
    server, recorder = serve(FAULTS)
    sleep = RecordingSleep(scale=SLEEP_SCALE)
    http_client, on_wire = counting_http_client()
    client = wickson.Client(
        server.api_key("wickson"),
        base_url=server.base_url("wickson"),
        retry=SOAK_RETRY,
        http_client=http_client,
        sleep=sleep,
    )
    started = time.monotonic()
    try:
        ids = within(
            TIME_LIMIT,
            lambda: [item.job_id for item in client.batches.iter_results(BATCH, PAGE_SIZE)],
        )
    finally:
        server.stop()
    elapsed = time.monotonic() - started

    assert [position(job_id) for job_id in ids] == list(range(ITEMS))  # each once, in order
    assert len(set(ids)) == ITEMS
    retries = len(retry_log.retries)
    assert client.requests_sent == PAGES + retries == on_wire[0]
    assert len(recorder.seen) == client.requests_sent
    check_retry_bounds(retry_log, SOAK_RETRY, retry_after=1.0)
    kinds = retry_log.kinds()
    assert kinds["429"] > 0, kinds
    assert kinds["500"] > 0, kinds
    assert kinds["ReadError"] + kinds["RemoteProtocolError"] > 0, kinds
    assert len(sleep.delays) == retries
    report = (
        f"{ITEMS} items in {PAGES} pages: {client.requests_sent} requests, {retries} retries "
        f"({dict(kinds)}), {elapsed:.1f} s"
    )
    print(report)
    record_property("iter_results soak", report)


async def test_async_iter_results_under_faults(retry_log: RetryLog) -> None:
    server, recorder = serve(FAULTS)
    sleep = AsyncRecordingSleep(scale=SLEEP_SCALE)
    client = wickson.AsyncClient(
        server.api_key("wickson"),
        base_url=server.base_url("wickson"),
        retry=SOAK_RETRY,
        sleep=sleep,
    )

    async def read() -> list[str]:
        return [item.job_id async for item in client.batches.iter_results(BATCH, PAGE_SIZE)]

    try:
        ids = await awithin(TIME_LIMIT, read())
    finally:
        await client.aclose()
        server.stop()
    assert [position(job_id) for job_id in ids] == list(range(ITEMS))
    assert client.requests_sent == PAGES + len(retry_log.retries) == len(recorder.seen)
    check_retry_bounds(retry_log, SOAK_RETRY, retry_after=1.0)
    assert retry_log.retries


def test_iter_results_with_retries_running_out_resumes_to_every_item_once(
    retry_log: RetryLog, record_property: Any
) -> None:
    server, _ = serve(HEAVY_FAULTS)
    policy = RetryPolicy(max_retries=2, initial_delay=0.01, max_delay=0.05)
    client = wickson.Client(
        server.api_key("wickson"),
        base_url=server.base_url("wickson"),
        retry=policy,
        sleep=RecordingSleep(),
    )
    delivered: list[str] = []
    errors: list[APIError] = []
    runs: list[tuple[int, int | None, int]] = []  # (start page, resume page, items delivered)

    def read_everything() -> None:
        start_page = 1
        for _ in range(PAGES * 2):  # bounded: far more runs than one per failing page
            try:
                for item in client.batches.iter_results(BATCH, PAGE_SIZE, start_page=start_page):
                    delivered.append(item.job_id)
                return
            except APIError as error:
                errors.append(error)
                runs.append((start_page, error.resume_page, len(delivered)))
                start_page = error.resume_page or start_page
        pytest.fail("the batch was not read to its end")

    try:
        within(TIME_LIMIT, read_everything)
    finally:
        server.stop()
        client.close()
    assert [position(job_id) for job_id in delivered] == list(range(ITEMS))
    assert errors, "the faults never exhausted the retries"
    for start_page, resume_page, count in runs:
        # Every item before the page to resume from was delivered, none after it.
        assert resume_page is not None
        assert resume_page >= start_page
        assert count == (resume_page - 1) * PAGE_SIZE
    assert all(
        "resume with iter_results(..., start_page=" in " ".join(getattr(e, "__notes__", []))
        for e in errors
    )
    assert all(retry.attempt <= policy.max_retries for retry in retry_log.retries)
    kinds = Counter(type(error).__name__ for error in errors)
    report = f"{len(errors)} runs ended by exhausted retries ({dict(kinds)}); resumed each time"
    print(report)
    record_property("iter_results heavy faults", report)


JOBS_PER_SERVICE = 250
FAILED_PER_SERVICE = 50
CLIENTS = {
    "modzy": modzy.Client,
    "llamacloud": llamacloud.Client,
    "wickson": wickson.Client,
    "overmind": overmind.Client,
}
SCHEDULE_OPTIONS = {"interval": 0.1, "min_interval": 0.05, "max_interval": 0.3}


def create_jobs(
    server: MockServer, retry: RetryPolicy = SOAK_RETRY
) -> tuple[list[tuple[Any, str]], dict[str, JobState]]:
    """1,000 progressing jobs, a quarter per service; some end failed (not on LlamaCloud,
    whose failed jobs never show a result)."""
    jobs: list[tuple[Any, str]] = []
    expected: dict[str, JobState] = {}
    for service, client_class in CLIENTS.items():
        client = client_class(
            server.api_key(service), base_url=server.base_url(service), retry=retry
        )
        failed = 0 if service == "llamacloud" else FAILED_PER_SERVICE
        batches = [("completed", JOBS_PER_SERVICE - failed), ("failed", failed)]
        for outcome, count in batches:
            if not count:
                continue
            created = server.create_jobs(service, count, items=4, seconds=20.0, outcome=outcome)
            for job_id in created:
                jobs.append((client, job_id))
                expected[job_id] = JobState.SUCCEEDED if outcome == "completed" else JobState.FAILED
    return jobs, expected


def test_wait_all_over_1000_jobs_of_four_services_under_faults(
    retry_log: RetryLog, record_property: Any
) -> None:
    from jobresults import PollSchedule

    server, recorder = serve(FAULTS.replace("429=0.2", "429=0.2,retry-after=0"))
    jobs, expected = create_jobs(server)
    updates: list[JobSnapshot] = []
    recorder.seen.clear()
    started = time.monotonic()
    try:
        statuses = within(
            TIME_LIMIT,
            lambda: wait_all(
                jobs,
                concurrency=64,
                timeout=TIME_LIMIT - 5,
                schedule=PollSchedule(**SCHEDULE_OPTIONS),
                on_update=updates.append,
            ),
        )
    finally:
        server.stop()
    elapsed = time.monotonic() - started

    assert [status.job_id for status in statuses] == [job_id for _, job_id in jobs]
    assert {status.job_id: status.state for status in statuses} == expected
    assert all(status.error is None for status in statuses)
    terminal = Counter(status.job_id for status in updates if status.is_terminal)
    assert terminal == Counter(list(expected))  # each job reported ended exactly once
    paths = [seen["path"] for seen in recorder.seen if not seen["path"].startswith("/_mock")]
    requests = len(paths)
    # A Modzy job polled before the service shows it (a 404) is looked up once by its job
    # details: a request that is neither a poll answered nor a retry.
    lookups = len([path for path in paths if path.startswith("/modzy/api/jobs/")])
    retries = len(retry_log.retries)
    # Every poll reached the server, and every retry but those of a request the server never
    # saw: one sent on a pooled connection just as the mock closed it for being idle.
    assert len(updates) <= requests - lookups <= len(updates) + retries
    check_retry_bounds(retry_log, SOAK_RETRY, retry_after=0.0)
    kinds = retry_log.kinds()
    assert kinds["429"] > 0, kinds
    assert kinds["500"] > 0, kinds
    report = (
        f"{len(jobs)} jobs of 4 services: {requests} requests ({len(updates)} polls, "
        f"{retries} retries: {dict(kinds)}), {elapsed:.1f} s"
    )
    print(report)
    record_property("wait_all soak", report)


def test_wait_all_with_retries_running_out_reports_each_job_once(
    retry_log: RetryLog, record_property: Any
) -> None:
    from jobresults import PollSchedule

    server, recorder = serve(HEAVY_FAULTS)
    short = RetryPolicy(max_retries=1, initial_delay=0.01, max_delay=0.05)
    jobs, expected = create_jobs(server, retry=short)  # retries run out under these faults
    jobs = jobs[::4]  # 250 jobs, of every service
    schedule = PollSchedule(**SCHEDULE_OPTIONS)
    try:
        first = within(
            TIME_LIMIT, lambda: wait_all(jobs, timeout=TIME_LIMIT - 5, schedule=schedule)
        )
        failed = [status for status in first if status.error is not None]
        assert failed, "the faults never exhausted the retries"
        assert all(isinstance(status.error, APIError) for status in failed)
        assert all(not status.is_terminal for status in failed)  # left where they were seen
        ended = [status for status in first if status.error is None]
        assert all(status.state is expected[status.job_id] for status in ended)

        recorder.app.faults.plan = FaultPlan()  # the faults stop: follow the rest again
        by_id = {job_id: client for client, job_id in jobs}
        rest = [(by_id[status.job_id], status.job_id) for status in failed]
        second = within(
            TIME_LIMIT, lambda: wait_all(rest, timeout=TIME_LIMIT - 5, schedule=schedule)
        )
    finally:
        server.stop()
    assert [status.job_id for status in first] == [job_id for _, job_id in jobs]
    assert [status.job_id for status in second] == [job_id for _, job_id in rest]
    assert all(status.error is None for status in second)
    final = {status.job_id: status.state for status in [*ended, *second]}
    assert len(final) == len(jobs)  # none lost, none twice
    assert final == {job_id: expected[job_id] for _, job_id in jobs}
    kinds = Counter(type(status.error).__name__ for status in failed)
    report = f"{len(failed)} of {len(jobs)} jobs ended by exhausted retries ({dict(kinds)})"
    print(report)
    record_property("wait_all heavy faults", report)


def test_wait_all_follows_a_sync_clients_jobs_through_one_twin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jobresults import PollSchedule

    made: list[Any] = []
    to_async = overmind.Client.to_async

    def counted(self: Any) -> Any:
        twin = to_async(self)
        made.append(twin)
        return twin

    monkeypatch.setattr(overmind.Client, "to_async", counted)
    with MockServer(speed=50.0, log_level="critical") as server:
        client = overmind.Client(server.api_key("overmind"), base_url=server.base_url("overmind"))
        jobs = [(client, job_id) for job_id in server.create_jobs("overmind", 20, seconds=2)]
        statuses = wait_all(jobs, timeout=20, schedule=PollSchedule(interval=0.05))
    assert all(status.state is JobState.SUCCEEDED for status in statuses)
    assert len(made) == 1  # not one per job: each twin is a connection pool of its own
    assert made[0]._http.client.is_closed

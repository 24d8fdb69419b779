"""wait_all follows many jobs at once; one job's failure or slowness does not stop the others."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest
from jobresults import JobState, PollSchedule, await_all, modzy, overmind
from jobresults.errors import APIStatusError, AuthenticationError
from jobresults_structs import overmind as structs

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def overmind_job(job_id: str, status: str, iterations: int = 0) -> structs.Job:
    return structs.Job(
        id=uuid.UUID(job_id),
        created_at=NOW,
        updated_at=NOW,
        iterations=[
            structs.Iteration(
                id=uuid.uuid4(), created_at=NOW, iteration_name=f"i{n}", job=uuid.UUID(job_id)
            )
            for n in range(iterations)
        ],
        status=structs.JobStatus(status),
        num_iterations=4,
    )


def _json(value: Any) -> httpx.Response:
    return httpx.Response(
        200, content=msgspec.json.encode(value), headers={"content-type": "application/json"}
    )


def _error(error: APIStatusError) -> httpx.Response:
    return httpx.Response(error.status_code, content=error.response.content)


class FakeOvermind(overmind.AsyncClient):
    """An async Overmind client whose jobs follow a script: (job_id, nth poll) -> job (or a
    raised status error, answered as its response), served by an in-memory transport."""

    def __init__(self, script: Callable[[str, int], structs.Job]) -> None:
        self.script = script
        self.calls: dict[str, int] = {}
        transport = httpx.MockTransport(self._serve)
        super().__init__(
            "key",
            base_url="http://127.0.0.1:9",
            http_client=httpx.AsyncClient(transport=transport),
            max_retries=0,
        )

    def _serve(self, request: httpx.Request) -> httpx.Response:
        job_id = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.calls[job_id] = self.calls.get(job_id, 0) + 1
        try:
            return _json(self.script(job_id, self.calls[job_id]))
        except APIStatusError as error:
            return _error(error)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def ids(n: int) -> list[str]:
    return [str(uuid.UUID(int=i + 1)) for i in range(n)]


async def test_every_job_is_followed_to_its_end_in_the_order_given() -> None:
    def script(job_id: str, nth: int) -> structs.Job:
        finish_after = int(job_id[-1], 16) % 3 + 1
        if nth <= finish_after:
            return overmind_job(job_id, "running", iterations=nth)
        return overmind_job(job_id, "completed", iterations=4)

    clock = FakeClock()
    client = FakeOvermind(script)
    jobs = ids(9)
    statuses = await await_all(
        [(client, j) for j in jobs], concurrency=3, clock=clock, sleep=clock.sleep
    )
    assert [s.job_id for s in statuses] == jobs
    assert all(s.state is JobState.SUCCEEDED for s in statuses)
    assert all(s.completed == 4 and s.total == 4 and s.progress == 1.0 for s in statuses)
    for job_id in jobs:
        assert client.calls[job_id] == int(job_id[-1], 16) % 3 + 2


async def test_a_job_still_running_at_the_timeout_comes_back_timed_out() -> None:
    def script(job_id: str, nth: int) -> structs.Job:
        if job_id.endswith("1"):
            return overmind_job(job_id, "completed", iterations=4)
        return overmind_job(job_id, "running", iterations=1)

    clock = FakeClock()
    client = FakeOvermind(script)
    statuses = await await_all(
        [(client, j) for j in ids(2)], timeout=30.0, clock=clock, sleep=clock.sleep
    )
    assert statuses[0].state is JobState.SUCCEEDED
    assert statuses[1].state is JobState.TIMED_OUT
    assert statuses[1].result is not None
    assert statuses[1].completed == 1
    assert clock.now == pytest.approx(30.0)


async def test_one_jobs_failure_does_not_stop_the_others() -> None:
    request = httpx.Request("GET", "http://127.0.0.1:9/api/jobs/x/")
    denied = httpx.Response(401, json={"detail": "no"}, request=request)

    def script(job_id: str, nth: int) -> structs.Job:
        if job_id.endswith("2"):
            raise AuthenticationError("denied", response=denied)
        return overmind_job(job_id, "failed" if job_id.endswith("3") else "completed")

    clock = FakeClock()
    statuses = await await_all(
        [(FakeOvermind(script), j) for j in ids(3)], clock=clock, sleep=clock.sleep
    )
    assert statuses[0].state is JobState.SUCCEEDED
    assert isinstance(statuses[1].error, AuthenticationError)
    assert statuses[1].state is JobState.PENDING
    assert statuses[2].state is JobState.FAILED


async def test_progress_updates_reach_the_callback() -> None:
    def script(job_id: str, nth: int) -> structs.Job:
        return overmind_job(job_id, "completed" if nth > 2 else "running", iterations=nth)

    seen: list[Any] = []
    clock = FakeClock()
    await await_all(
        [(FakeOvermind(script), ids(1)[0])],
        on_update=seen.append,
        clock=clock,
        sleep=clock.sleep,
    )
    assert [s.state for s in seen] == [JobState.RUNNING, JobState.RUNNING, JobState.SUCCEEDED]
    assert [s.completed for s in seen] == [1, 2, 3]


def test_the_schedule_aims_at_the_estimated_finish() -> None:
    schedule = PollSchedule(
        interval=0.5, min_interval=0.1, max_interval=5.0, overshoot=1.0, lateness=0.2
    )
    assert schedule.next_delay(None, [(0.0, 0.0)]) == 0.5
    # 10% done per second, 40% done: six more seconds, capped at max_interval.
    assert schedule.next_delay(0.5, [(0.0, 0.3), (1.0, 0.4)]) == 5.0
    # 10% per second at 80%: two seconds.
    assert schedule.next_delay(0.5, [(0.0, 0.7), (1.0, 0.8)]) == pytest.approx(2.0)
    # No progress: back off from the previous delay, to at most `lateness` of the time followed.
    assert schedule.next_delay(1.0, [(0.0, 0.5), (10.0, 0.5)]) == pytest.approx(1.5)
    assert schedule.next_delay(3.0, [(0.0, 0.0), (10.0, 0.0)]) == pytest.approx(2.0)
    assert schedule.next_delay(1.0, [(0.0, 0.0), (1.0, 0.0)]) == pytest.approx(0.5)
    # Never below the minimum.
    assert schedule.next_delay(0.5, [(0.0, 0.5), (1.0, 0.999)]) == 0.1
    # A poll made while the job was pending says nothing of its rate: after the first sign of
    # progress the next poll comes after `interval`, then the rate counts from that sign on.
    assert schedule.next_delay(0.5, [(0.0, 0.0), (5.0, 0.02)]) == 0.5
    seen = [(0.0, 0.0), (5.0, 0.02), (5.5, 0.12)]
    assert schedule.next_delay(0.5, seen) == pytest.approx(4.4)


async def test_the_combined_progress_bar_counts_ended_jobs_and_their_states() -> None:
    import io

    from rich.console import Console

    def script(job_id: str, nth: int) -> structs.Job:
        if nth == 1:
            return overmind_job(job_id, "running", iterations=1)
        return overmind_job(job_id, "failed" if job_id.endswith("3") else "completed")

    out = io.StringIO()
    clock = FakeClock()
    await await_all(
        [(FakeOvermind(script), j) for j in ids(4)],
        progress=True,
        console=Console(file=out, width=160, color_system=None),
        clock=clock,
        sleep=clock.sleep,
    )
    text = out.getvalue()
    assert text.count("jobs") >= 1
    assert "4/4" in text
    assert "100%" in text
    assert "1 failed, 3 succeeded" in text


class FakeModzy(modzy.AsyncClient):
    """Modzy results that 404 until poll `appears_at`, then show a finished job; its details
    answer when `known` (a job accepted moments ago), else 404 (an unknown id)."""

    def __init__(self, appears_at: int | None, *, known: bool = True) -> None:
        self.appears_at = appears_at
        self.known = known
        self.calls = 0
        self.lookups = 0
        transport = httpx.MockTransport(self._serve)
        super().__init__(
            "key",
            base_url="http://127.0.0.1:9/api",
            http_client=httpx.AsyncClient(transport=transport),
            max_retries=0,
        )

    def _serve(self, request: httpx.Request) -> httpx.Response:
        job_id = request.url.path.rsplit("/", 1)[-1]
        if request.url.path.startswith("/api/jobs/"):
            self.lookups += 1
            if not self.known:
                return httpx.Response(404, json={"statusCode": 404, "message": "no such job"})
            return _json(
                {
                    "jobIdentifier": job_id,
                    "submittedBy": "key",
                    "accountIdentifier": "a",
                    "status": "SUBMITTED",
                    "createdAt": "2026-01-01T00:00:00+00:00",
                    "total": 2,
                    "pending": 2,
                    "completed": 0,
                    "failed": 0,
                }
            )
        self.calls += 1
        if self.appears_at is None or self.calls < self.appears_at:
            return httpx.Response(404, json={"message": "no such job"})
        return _json(
            {
                "job_identifier": job_id,
                "account_identifier": "a",
                "completed": 2,
                "failed": 0,
                "total": 2,
                "finished": True,
                "results": {"0001": {}, "0002": {}},
            }
        )


async def test_a_modzy_404_is_followed_by_one_lookup_that_decides() -> None:
    from jobresults.errors import NotFoundError

    clock = FakeClock()
    late = FakeModzy(appears_at=12)
    unknown = FakeModzy(appears_at=None, known=False)
    statuses = await await_all(
        [(late, "job-late"), (unknown, "job-unknown")],
        not_found_grace=5.0,
        clock=clock,
        sleep=clock.sleep,
    )
    # The job accepted moments ago is followed beyond the grace, with one lookup in all.
    assert statuses[0].state is JobState.SUCCEEDED
    assert statuses[0].completed == 2
    assert (late.calls, late.lookups) == (12, 1)
    assert clock.now > 5.0
    # The unknown id is a NotFoundError at once: one 404, one lookup, no pause for it.
    assert isinstance(statuses[1].error, NotFoundError)
    assert statuses[1].state is JobState.PENDING
    assert (unknown.calls, unknown.lookups) == (1, 1)


async def test_a_known_modzy_job_whose_results_never_show_times_out() -> None:
    clock = FakeClock()
    never = FakeModzy(appears_at=None)
    [status] = await await_all(
        [(never, "job-never")], timeout=20.0, not_found_grace=1.0, clock=clock, sleep=clock.sleep
    )
    assert status.state is JobState.TIMED_OUT
    assert status.error is None
    assert never.lookups == 1


async def test_without_keep_results_the_statuses_keep_all_but_the_result() -> None:
    def script(job_id: str, nth: int) -> structs.Job:
        return overmind_job(job_id, "running" if nth == 1 else "completed", iterations=2 * nth)

    clock = FakeClock()
    seen: list[Any] = []
    kept = await await_all(
        [(FakeOvermind(script), j) for j in ids(3)],
        clock=clock,
        sleep=clock.sleep,
        on_update=seen.append,
    )
    client = FakeOvermind(script)
    lean = await await_all(
        [(client, j) for j in ids(3)],
        clock=clock,
        sleep=clock.sleep,
        keep_results=False,
        on_update=seen.append,
    )
    assert all(status.result is not None for status in seen)  # the callback sees every result
    assert all(status.result is None for status in lean)
    assert [s.state for s in lean] == [s.state for s in kept] == [JobState.SUCCEEDED] * 3
    assert [(s.completed, s.total, s.updated_at) for s in lean] == [
        (s.completed, s.total, s.updated_at) for s in kept
    ]


async def test_followers_start_as_earlier_ones_make_their_first_poll() -> None:
    """A job not started yet costs no task: at most two per request slot wait for a poll."""
    live: list[int] = []

    def script(job_id: str, nth: int) -> structs.Job:
        live.append(len(asyncio.all_tasks()))
        return overmind_job(job_id, "completed", iterations=4)

    clock = FakeClock()
    client = FakeOvermind(script)
    jobs = ids(200)
    statuses = await await_all(
        [(client, j) for j in jobs], concurrency=4, clock=clock, sleep=clock.sleep
    )
    assert [s.job_id for s in statuses] == jobs
    assert all(s.state is JobState.SUCCEEDED for s in statuses)
    assert len(live) == 200
    assert max(live) <= 1 + 2 * 4  # this test's own task, and the followers started


async def test_a_follower_that_fails_unexpectedly_stops_the_rest() -> None:
    def script(job_id: str, nth: int) -> structs.Job:
        raise RuntimeError("a bug in the server's script")

    clock = FakeClock()
    client = FakeOvermind(script)
    with pytest.raises(RuntimeError, match="a bug"):
        await await_all(
            [(client, j) for j in ids(100)], concurrency=2, clock=clock, sleep=clock.sleep
        )
    assert sum(client.calls.values()) < 100  # no more followers were started after it
    assert len(asyncio.all_tasks()) == 1  # and none is left running


async def test_jobs_whose_turn_comes_after_the_deadline_time_out_without_a_poll() -> None:
    """With far more jobs than the requests in flight allow before the timeout, wait_all
    still returns at the timeout (plus the final poll's bound), not one batch after another."""
    import time

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)
        job_id = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        return _json(overmind_job(job_id, "running", iterations=1))

    http = httpx.AsyncClient(transport=httpx.MockTransport(slow))
    client = overmind.AsyncClient("key", base_url="http://127.0.0.1:9", http_client=http)
    jobs = ids(400)
    started = time.monotonic()
    statuses = await await_all([(client, j) for j in jobs], concurrency=1, timeout=0.3)
    elapsed = time.monotonic() - started
    await http.aclose()
    assert elapsed < 0.3 + 0.6 + 0.3, elapsed  # the timeout, the final poll's bound, slack
    assert [s.job_id for s in statuses] == jobs
    assert all(s.state is JobState.TIMED_OUT for s in statuses)
    never_polled = [s for s in statuses if s.result is None]
    assert len(never_polled) > 300  # about six polls fit in 0.3 s, one at a time


async def test_a_zero_timeout_still_polls_as_many_jobs_as_go_out_at_once() -> None:
    """`timeout=0` is one look at the jobs the requests in flight allow, not a guess."""

    def script(job_id: str, nth: int) -> structs.Job:
        return overmind_job(job_id, "completed", iterations=4)

    client = FakeOvermind(script)
    statuses = await await_all([(client, j) for j in ids(5)], concurrency=3, timeout=0)
    assert [s.state for s in statuses] == [JobState.SUCCEEDED] * 3 + [JobState.TIMED_OUT] * 2
    assert sum(client.calls.values()) == 3


@pytest.mark.parametrize("concurrency", [0, -1])
async def test_a_concurrency_below_one_is_refused(concurrency: int) -> None:
    client = FakeOvermind(lambda job_id, nth: overmind_job(job_id, "completed"))
    with pytest.raises(ValueError, match="concurrency must be at least 1"):
        await await_all([(client, ids(1)[0])], concurrency=concurrency)
    assert client.calls == {}

"""Deadlines that hold whatever the server does: a whole-call `deadline=` beside the per-read
timeouts, retries that never sleep past it, and waits (`wait`, `wait_all`, `get --wait`) that
end within their timeout plus one second."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from jobresults import JobState, modzy, overmind, wait_all
from jobresults._retry import RetryPolicy
from jobresults.cli import app
from jobresults.errors import APITimeoutError, InternalServerError, RateLimitError, WaitTimeoutError
from typer.testing import CliRunner

from ._operations import IDS, sample_bodies
from ._servers import STALLS, TRICKLES, Reply, ScriptedServer, Seen, StallingServer, TricklingServer
from ._support import AsyncRecordingSleep, RecordingSleep, awithin, within

SLACK = 1.0
"""The issue's bound: a deadline of T ends the call within T plus this."""
DEADLINE = 0.25
PER_READ = 5.0
"""The per-read timeout of the clients below: far longer than any deadline here."""


def modzy_options(url: str, **extra: Any) -> dict[str, Any]:
    return {"api_key": "test-key", "base_url": url + "/api", "timeout": PER_READ, **extra}


CASES = [(trickle, where) for trickle in TRICKLES for where in ("client", "call")]
CASES.append(("a body byte at a time", "own http_client"))
"""Where the deadline is set; a caller's own sync client is bounded between the body's chunks
(its connections are its own), so only a trickling body is tried with it."""


@pytest.mark.parametrize(("trickle", "where"), CASES)
async def test_a_trickling_or_continue_flooding_server_cannot_hold_a_call_past_its_deadline(
    trickle: str, where: str
) -> None:
    with TricklingServer(*TRICKLES[trickle]) as server:
        client_deadline = DEADLINE if where == "client" else None
        options = modzy_options(server.url, deadline=client_deadline, max_retries=2)
        per_call: dict[str, Any] = {} if where == "client" else {"deadline": DEADLINE}
        http: dict[str, Any] = {}
        if where == "own http_client":
            http = {"http_client": httpx.Client(timeout=PER_READ)}
        client = modzy.Client(**options, **http, sleep=RecordingSleep())

        def sync_call() -> None:
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as caught:
                within(DEADLINE + SLACK, lambda: client.results.get(IDS["modzy"], **per_call))
            assert time.monotonic() - started < DEADLINE + SLACK
            assert caught.value.deadline == DEADLINE
            assert "deadline of 0.25 s passed" in str(caught.value)

        async def async_call() -> None:
            if where == "own http_client":
                return
            asynchronous = modzy.AsyncClient(**options, sleep=AsyncRecordingSleep())
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as caught:
                await awithin(DEADLINE + SLACK, asynchronous.results.get(IDS["modzy"], **per_call))
            assert time.monotonic() - started < DEADLINE + SLACK
            assert caught.value.deadline == DEADLINE
            await asynchronous.aclose()

        await asyncio.gather(asyncio.to_thread(sync_call), async_call())  # at once: both wait
        client.close()


def rate_limited(seconds: int) -> ScriptedServer:
    body = b'{"statusCode": 429, "status": "Too Many Requests", "message": "slow down"}'
    headers = {"Content-Type": "application/json", "Retry-After": str(seconds)}
    return ScriptedServer(lambda seen: Reply(429, body, headers))


async def test_retries_never_sleep_past_the_deadline() -> None:
    with rate_limited(30) as server:
        sleep = RecordingSleep(scale=1.0)
        client = modzy.Client(**modzy_options(server.url, deadline=2.0), sleep=sleep)
        started = time.monotonic()
        with pytest.raises(RateLimitError) as caught:
            within(SLACK, lambda: client.results.get(IDS["modzy"]))
        assert time.monotonic() - started < SLACK
        assert sleep.delays == []
        assert caught.value.deadline == 2.0
        assert "asked to wait 30 s (Retry-After)" in " ".join(caught.value.__notes__)
        assert len(server.seen) == 1
        asleep = AsyncRecordingSleep(scale=1.0)
        asynchronous = modzy.AsyncClient(**modzy_options(server.url), sleep=asleep)
        with pytest.raises(RateLimitError):
            await awithin(SLACK, asynchronous.results.get(IDS["modzy"], deadline=2.0))
        assert asleep.delays == []
        await asynchronous.aclose()
    failing = Reply(503, b'{"message": "down"}', {"Content-Type": "application/json"})
    with ScriptedServer(lambda seen: failing) as server:
        slow_backoff = RetryPolicy(max_retries=3, initial_delay=5.0, max_delay=5.0)
        client = modzy.Client(
            **modzy_options(server.url, deadline=1.0), retry=slow_backoff, sleep=sleep
        )
        with pytest.raises(InternalServerError) as failed:
            within(SLACK, lambda: _retried_until_the_deadline(client))
        assert all(delay < 1.0 for delay in sleep.delays)
        assert "would end after the deadline" in " ".join(failed.value.__notes__)


def _retried_until_the_deadline(client: modzy.Client) -> Any:
    return client.results.get(IDS["modzy"])


WAIT = 0.3


def unfinished_then(seconds: int) -> ScriptedServer:
    """Modzy (and Overmind) answering one poll "not finished", then 429 with Retry-After."""
    samples = sample_bodies()
    answered: list[str] = []

    def answer(seen: Seen) -> Reply:
        answered.append(seen.path)
        if len(answered) > 1:
            body = b'{"message": "slow down", "detail": "slow down"}'
            headers = {"Content-Type": "application/json", "Retry-After": str(seconds)}
            return Reply(429, body, headers)
        if "/jobs/" in seen.path:
            return Reply(200, samples["overmind.jobs.get"])
        body = samples["modzy.results.get"].replace(b'"finished":true', b'"finished":false')
        return Reply(200, body)

    return ScriptedServer(answer)


def waits(url: str, sleep: Any = None) -> list[tuple[str, Any]]:
    """Each kind of wait, with its client, against `url`."""
    options: dict[str, Any] = {"api_key": "test-key", "timeout": PER_READ}
    if sleep is not None:
        options["sleep"] = sleep
    return [
        ("modzy", modzy.Client(base_url=url + "/api", **options)),
        ("overmind", overmind.Client(base_url=url, **options)),
    ]


def wait_on(service: str, client: Any) -> Any:
    resource = client.results if service == "modzy" else client.jobs
    return resource.wait(IDS[service], timeout=WAIT, poll_interval=0.05)


@pytest.mark.parametrize("server", ["Retry-After beyond the deadline", "a stalled poll"])
def test_waits_end_within_their_timeout_whatever_the_server_does(server: str) -> None:
    serving = (
        unfinished_then(30) if server.startswith("Retry") else StallingServer(STALLS["in the body"])
    )
    expected = "asked to wait 30 s" if server.startswith("Retry") else "was cancelled"

    def wait(service: str, client: Any) -> tuple[float, str]:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as caught:
            wait_on(service, client)
        client.close()
        return time.monotonic() - started, str(caught.value)

    with serving as running, ThreadPoolExecutor(2) as pool:  # both waits at once
        clients = waits(running.url)
        outcomes = within(
            WAIT + SLACK + 0.5, lambda: list(pool.map(lambda pair: wait(*pair), clients))
        )
    for elapsed, message in outcomes:
        assert elapsed < WAIT + SLACK
        assert expected in message, message


@pytest.mark.parametrize("server", ["Retry-After beyond the deadline", "a stalled poll"])
def test_wait_all_and_get_wait_end_within_their_timeout(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving = (
        unfinished_then(30) if server.startswith("Retry") else StallingServer(STALLS["in the body"])
    )
    expected = "asked to wait 30 s" if server.startswith("Retry") else "was cancelled"
    with serving as running:
        jobs = [(client, IDS[service]) for service, client in waits(running.url)]
        started = time.monotonic()
        statuses = within(WAIT + SLACK, lambda: wait_all(jobs, timeout=WAIT))
        assert time.monotonic() - started < WAIT + SLACK
        assert [status.state for status in statuses] == [JobState.TIMED_OUT] * 2
        monkeypatch.setenv("MODZY_API_KEY", "test-key")
        command = ["get", "modzy", IDS["modzy"], "--base-url", running.url + "/api"]
        command += ["--wait", "--timeout", str(WAIT)]
        started = time.monotonic()
        result = within(WAIT + SLACK + 1.0, lambda: CliRunner().invoke(app, command))
        elapsed = time.monotonic() - started
    assert result.exit_code == 9, result.output
    assert expected in result.stderr
    assert elapsed < WAIT + SLACK + 0.5  # the command's own start included

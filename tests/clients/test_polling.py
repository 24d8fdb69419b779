"""The shared polling helper: backoff, deadline, 404 grace, progress callback; sync and async."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from jobresults._polling import Poller, PollSettings, await_until, wait_until
from jobresults.errors import InternalServerError, NotFoundError, WaitTimeoutError


class FakeClock:
    """A clock that only moves when something sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.pauses.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def not_found() -> NotFoundError:
    request = httpx.Request("GET", "https://example.test/api/results/job-1")
    return NotFoundError("404", response=httpx.Response(404, request=request))


def script(*steps: Any) -> Callable[[], Any]:
    """A fetch that returns (or raises) the steps in order, then repeats the last one."""
    queue: Iterator[Any] = iter(steps)
    last: list[Any] = []

    def fetch() -> Any:
        step = next(queue, None)
        if step is None:
            step = last[0]
        else:
            last[:] = [step]
        if isinstance(step, BaseException):
            raise step
        return step

    return fetch


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest, clock: FakeClock) -> Callable[..., Any]:
    """Run a wait the given way (sync or async) on the fake clock."""

    async def runner(fetch: Callable[[], Any], poller: Poller[Any]) -> Any:
        if request.param == "sync":
            return wait_until(fetch, poller, clock.sleep)

        async def afetch() -> Any:
            return fetch()

        return await await_until(afetch, poller, clock.asleep)

    return runner


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def poller(clock: FakeClock, **settings: Any) -> Poller[dict[str, Any]]:
    on_update = settings.pop("on_update", None)
    return Poller(
        PollSettings(**settings),
        is_done=lambda result: bool(result["done"]),
        what="test job",
        clock=clock,
        on_update=on_update,
        describe=lambda result: f"step {result['step']}",
    )


def step(n: int, done: bool = False) -> dict[str, Any]:
    return {"step": n, "done": done}


async def test_a_job_done_at_the_first_poll_returns_without_pausing(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    result = await run(script(step(1, done=True)), poller(clock))
    assert result == step(1, done=True)
    assert clock.pauses == []


async def test_pauses_grow_by_the_backoff_up_to_the_cap(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    steps = [step(n) for n in range(7)] + [step(7, done=True)]
    wait = poller(clock, interval=1.0, max_interval=4.0, backoff=2.0, timeout=None)
    result = await run(script(*steps), wait)
    assert result["step"] == 7
    assert clock.pauses == [1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0]
    assert wait.polls == 8


async def test_every_result_goes_to_on_update_in_order(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    seen: list[int] = []
    wait = poller(clock, on_update=lambda result: seen.append(result["step"]))
    await run(script(step(1), step(2), step(3, done=True)), wait)
    assert seen == [1, 2, 3]


async def test_timeout_carries_the_last_result_and_the_last_poll_is_at_the_deadline(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    counter = iter(range(1000))
    start = clock.now

    def fetch() -> dict[str, Any]:
        return step(next(counter))

    with pytest.raises(WaitTimeoutError) as caught:
        await run(fetch, poller(clock, timeout=10.0, interval=3.0, max_interval=3.0))
    # polls at 0, 3, 6, 9 and 10 (the last pause is cut to the deadline)
    assert clock.pauses == [3.0, 3.0, 3.0, 1.0]
    assert caught.value.last == step(4)
    assert caught.value.elapsed == pytest.approx(10.0)
    assert clock.now - start == pytest.approx(10.0)
    assert "test job did not finish within 10 s" in str(caught.value)
    assert "last seen: step 4" in str(caught.value)


async def test_timeout_zero_polls_once(run: Callable[..., Any], clock: FakeClock) -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        await run(script(step(1)), poller(clock, timeout=0.0))
    assert caught.value.last == step(1)
    assert clock.pauses == []


async def test_a_404_in_the_grace_period_is_polled_through(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    fetch = script(not_found(), not_found(), step(1), step(2, done=True))
    wait = poller(clock, not_found_grace=30.0, interval=1.0, backoff=1.0)
    result = await run(fetch, wait)
    assert result == step(2, done=True)
    assert clock.pauses == [1.0, 1.0, 1.0]


async def test_a_404_after_the_grace_period_is_raised(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    wait = poller(clock, not_found_grace=5.0, interval=2.0, backoff=1.0)
    with pytest.raises(NotFoundError):
        await run(script(not_found()), wait)
    # polls at 0, 2, 4 and 5 (the pause is cut to the end of the grace), raised at 5
    assert clock.pauses == [2.0, 2.0, 1.0]


async def test_without_grace_a_404_is_raised_at_once(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    with pytest.raises(NotFoundError):
        await run(script(not_found()), poller(clock))
    assert clock.pauses == []


async def test_a_404_after_the_job_was_seen_is_raised(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    wait = poller(clock, not_found_grace=60.0)
    with pytest.raises(NotFoundError):
        await run(script(step(1), not_found()), wait)
    assert len(clock.pauses) == 1


async def test_a_timeout_while_the_job_is_not_visible_carries_none(
    run: Callable[..., Any], clock: FakeClock
) -> None:
    wait = poller(clock, not_found_grace=60.0, timeout=5.0, interval=2.0, backoff=1.0)
    with pytest.raises(WaitTimeoutError) as caught:
        await run(script(not_found()), wait)
    assert caught.value.last is None
    assert "nothing seen yet" in str(caught.value)


async def test_other_errors_end_the_wait(run: Callable[..., Any], clock: FakeClock) -> None:
    request = httpx.Request("GET", "https://example.test/x")
    error = InternalServerError("500", response=httpx.Response(500, request=request))
    with pytest.raises(InternalServerError):
        await run(script(step(1), error), poller(clock, not_found_grace=60.0))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timeout": -1.0}, "timeout"),
        ({"interval": 0.0}, "poll_interval"),
        ({"interval": float("inf")}, "poll_interval"),
        ({"interval": 5.0, "max_interval": 1.0}, "max_poll_interval"),
        ({"backoff": 0.5}, "backoff"),
        ({"not_found_grace": -1.0}, "not_found_grace"),
    ],
)
def test_settings_are_checked(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PollSettings(**settings)

"""What the reliability tests share: a watchdog, recording sleeps, canary keys, error shapes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

SERVICES = ("modzy", "llamacloud", "wickson", "overmind")

CANARY_KEYS = {service: f"canary-{service}-Qz7xW4pL9kR2" for service in SERVICES}
"""Recognizable fake API keys: the secret-hygiene tests look for them in everything printed."""


class WatchdogError(AssertionError):
    """The work under a watchdog did not end within its time limit."""


def within(seconds: float, work: Callable[[], T]) -> T:
    """Run `work` on a daemon thread and return its result; fail if it takes over `seconds`.

    pytest has no time limit of its own here: this one makes a hang a failure instead of a
    stuck run (the stuck thread is a daemon, so the process can still exit).
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:
            outcome.append((False, error))

    thread = threading.Thread(target=run, name="reliability-watchdog", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise WatchdogError(f"did not end within {seconds} s")
    ok, value = outcome[0]
    if not ok:
        raise value
    result: T = value
    return result


async def awithin(seconds: float, work: Awaitable[T]) -> T:
    """`within` for a coroutine."""
    try:
        return await asyncio.wait_for(work, seconds)
    except TimeoutError:
        raise WatchdogError(f"did not end within {seconds} s") from None


class RecordingSleep:
    """A sleep for retries that records each delay asked and sleeps `scale` times as long."""

    def __init__(self, scale: float = 0.0) -> None:
        self.scale = scale
        self.delays: list[float] = []
        self._lock = threading.Lock()

    def __call__(self, seconds: float) -> None:
        with self._lock:
            self.delays.append(seconds)
        if self.scale:
            time.sleep(seconds * self.scale)


class AsyncRecordingSleep(RecordingSleep):
    """`RecordingSleep` for async clients."""

    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        self.delays.append(seconds)
        await asyncio.sleep(seconds * self.scale)


def has_error_shape(service: str, body: Any) -> bool:
    """True if `body` (parsed JSON) is an error in `service`'s documented shape."""
    if not isinstance(body, dict):
        return False
    if service == "modzy":
        return isinstance(body.get("statusCode"), int) and isinstance(body.get("message"), str)
    if service == "wickson":
        return (
            body.get("success") is False
            and isinstance(body.get("message"), str)
            and isinstance(body.get("code"), str)
        )
    return "detail" in body


def serving(
    status: int, body: bytes, headers: dict[str, str] | None = None
) -> tuple[httpx.Client, httpx.AsyncClient]:
    """httpx clients (sync, async) whose every request is answered with this response."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers=headers)

    transport = httpx.MockTransport(answer)
    return httpx.Client(transport=transport), httpx.AsyncClient(transport=transport)


JSON = {"content-type": "application/json"}

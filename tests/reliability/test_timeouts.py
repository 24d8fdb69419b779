"""A server that stalls ends in APITimeoutError within the configured timeout; a refused
connection is APIConnectionError at once."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jobresults.errors import APIConnectionError, APITimeoutError

from ._operations import IDS, OPERATIONS, Operation
from ._operations import operation as named
from ._servers import STALLS, StallingServer, refusing_port
from ._support import AsyncRecordingSleep, RecordingSleep, awithin, within

TIMEOUT = 0.15
SLACK = 1.0
"""Time allowed beyond the configured timeouts (thread start, connection setup)."""


def base_url(root: str, service: str) -> str:
    return root + ("/api" if service == "modzy" else "")


def options(root: str, operation: Operation, sleep: Any, **extra: Any) -> dict[str, Any]:
    return {
        "api_key": "test-key",
        "base_url": base_url(root, operation.service),
        "sleep": sleep,
        **extra,
    }


@pytest.mark.parametrize("where", list(STALLS))
def test_a_stall_ends_in_a_timeout_error_within_the_timeout(where: str) -> None:
    operation = named("wickson.batches.results")
    with StallingServer(STALLS[where]) as server:
        client = operation.client(
            **options(server.url, operation, RecordingSleep(), timeout=TIMEOUT, max_retries=0)
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            within(TIMEOUT + SLACK, lambda: operation.call(client, IDS[operation.service]))
        elapsed = time.monotonic() - started
        client.close()
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + SLACK
    assert "timed out" in str(caught.value)
    assert caught.value.request is not None


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_call_times_out_on_a_stalled_body_sync(operation: Operation) -> None:
    with StallingServer(STALLS["in the body"]) as server:
        client = operation.client(
            **options(server.url, operation, RecordingSleep(), timeout=TIMEOUT, max_retries=0)
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            within(TIMEOUT + SLACK, lambda: operation.call(client, IDS[operation.service]))
        assert time.monotonic() - started < TIMEOUT + SLACK
        client.close()


def test_a_per_call_timeout_overrides_the_clients() -> None:
    operation = named("overmind.jobs.get")
    with StallingServer(STALLS["in the body"]) as server:
        client = operation.client(**options(server.url, operation, RecordingSleep()))
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            within(
                TIMEOUT + SLACK,
                lambda: client.jobs.get(IDS["overmind"], timeout=TIMEOUT, max_retries=0),
            )
        assert time.monotonic() - started < TIMEOUT + SLACK
        client.close()


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
async def test_every_call_times_out_on_a_stalled_body_async(operation: Operation) -> None:
    with StallingServer(STALLS["in the body"]) as server:
        client = operation.async_client(
            **options(server.url, operation, AsyncRecordingSleep(), timeout=TIMEOUT, max_retries=0)
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await awithin(TIMEOUT + SLACK, operation.acall(client, IDS[operation.service]))
        assert time.monotonic() - started < TIMEOUT + SLACK
        await client.aclose()


def test_timeouts_are_retried_and_the_whole_call_stays_bounded() -> None:
    operation = named("modzy.results.get")
    sleep = RecordingSleep()
    with StallingServer(STALLS["in the body"]) as server:
        client = operation.client(
            **options(server.url, operation, sleep, timeout=TIMEOUT, max_retries=2)
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            within(3 * TIMEOUT + SLACK, lambda: operation.call(client, IDS["modzy"]))
        elapsed = time.monotonic() - started
        assert client.requests_sent == 3
        assert server.connections == 3
        client.close()
    assert 3 * TIMEOUT * 0.9 <= elapsed < 3 * TIMEOUT + SLACK
    assert len(sleep.delays) == 2
    assert all(0 <= delay <= 8.0 for delay in sleep.delays)


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_a_refused_connection_is_a_connection_error_at_once(operation: Operation) -> None:
    sleep = RecordingSleep()
    with refusing_port() as port:
        client = operation.client(
            **options(f"http://127.0.0.1:{port}", operation, sleep, max_retries=2)
        )
        started = time.monotonic()
        with pytest.raises(APIConnectionError) as caught:
            within(SLACK, lambda: operation.call(client, IDS[operation.service]))
        elapsed = time.monotonic() - started
    assert not isinstance(caught.value, APITimeoutError)
    assert "ConnectError" in str(caught.value)
    assert elapsed < 0.5
    assert client.requests_sent == 3
    assert len(sleep.delays) == 2
    assert sleep.delays[0] <= 0.5
    assert sleep.delays[1] <= 1.0
    client.close()


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
async def test_a_refused_connection_is_a_connection_error_at_once_async(
    operation: Operation,
) -> None:
    with refusing_port() as port:
        client = operation.async_client(
            **options(f"http://127.0.0.1:{port}", operation, AsyncRecordingSleep(), max_retries=0)
        )
        started = time.monotonic()
        with pytest.raises(APIConnectionError) as caught:
            await awithin(SLACK, operation.acall(client, IDS[operation.service]))
    assert not isinstance(caught.value, APITimeoutError)
    assert time.monotonic() - started < 0.5
    assert client.requests_sent == 1
    await client.aclose()

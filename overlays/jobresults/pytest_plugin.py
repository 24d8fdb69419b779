"""The pytest plugin that jobresults registers (fixtures for the mock server and validation)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from jobresults._extras import installed

if TYPE_CHECKING:
    import httpx

    from jobresults.mock import MockServer, MockSyncTransport


@pytest.fixture(scope="session")
def jobresults_mock() -> Iterator[MockServer]:
    """The embedded mock of every service, on a free loopback port for the whole session.

    `server.base_url(service)`, `server.api_key(service)`, `server.client(service)`, and
    `server.create_jobs(...)` for jobs that progress. Tests sharing it should not rely on
    the clock or on jobs created by others.
    """
    from jobresults.mock import MockServer

    with MockServer(log_level="error") as server:
        yield server


@pytest.fixture
def jobresults_mock_factory() -> Iterator[Callable[..., MockServer]]:
    """Start mock servers of your own (`factory(seed=1, speed=100, faults="500=0.5")`,
    `factory(replay=["session.har"], replay_strict=True)`); they stop at the end of the test."""
    from jobresults.mock import MockServer

    started: list[MockServer] = []

    def start(**options: Any) -> MockServer:
        options.setdefault("log_level", "error")
        server = MockServer(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def jobresults_mock_transport() -> httpx.AsyncBaseTransport:
    """An in-memory async httpx transport to a new mock app (seed 0)."""
    from jobresults.mock import transport

    return transport()


@pytest.fixture
def jobresults_mock_sync_transport() -> Iterator[MockSyncTransport]:
    """An in-memory synchronous httpx transport to a new mock app (seed 0)."""
    from jobresults.mock import sync_transport

    mock_transport = sync_transport()
    yield mock_transport
    mock_transport.close()


# Response validation: the validating_transport fixtures and --jobresults-strict-responses,
# where the `validate` extra is installed (pytest loads this plugin for every project of an
# environment holding jobresults: without the extra, it must still load).
pytest_plugins = ["jobresults.validate._pytest"] if installed("validate") else []

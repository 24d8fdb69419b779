"""Fixtures of the mock's tests: in-memory clients of each service of one mock app."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from jobresults.mock import BASE_PATHS, SERVICES, auth_headers, create_app, sync_transport
from starlette.applications import Starlette

Clients = dict[str, httpx.Client]


def clients_of(app: Starlette) -> Iterator[Clients]:
    """One in-memory client per service (base URL and key set), closed afterwards."""
    transport = sync_transport(app)
    clients = {
        service: httpx.Client(
            transport=transport,
            base_url="http://mock" + BASE_PATHS[service],
            headers=auth_headers(service),
        )
        for service in SERVICES
    }
    yield clients
    for client in clients.values():
        client.close()
    transport.close()


@pytest.fixture(scope="module")
def shared_app() -> Starlette:
    """A seed-0 mock app shared by a module's read-only tests."""
    return create_app(seed=0)


@pytest.fixture(scope="module")
def clients(shared_app: Starlette) -> Iterator[Clients]:
    """In-memory clients of the shared app (do not create jobs through them)."""
    yield from clients_of(shared_app)


@pytest.fixture
def fresh_clients() -> Iterator[Clients]:
    """In-memory clients of a new app (for tests that create jobs or move the clock)."""
    yield from clients_of(create_app(seed=0, speed=1.0))

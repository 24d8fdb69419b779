"""Fixtures of the proxy's tests: the mock as the upstream, proxies in front of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from jobresults.proxy import BackgroundServer, ProxyServer
from jobresults.proxy._server import server_config

StartServer = Callable[[Any], BackgroundServer]


class Proxied(NamedTuple):
    """A started proxy and the violation lines it printed so far."""

    proxy: ProxyServer
    lines: list[str]


StartProxy = Callable[..., Proxied]


@pytest.fixture(autouse=True)
def _no_configured_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """No service key of the environment is scrubbed unless a test sets one."""
    for name in ("MODZY_API_KEY", "LLAMA_CLOUD_API_KEY", "WICKSON_API_KEY", "OVERMIND_API_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def start_proxy() -> Iterator[StartProxy]:
    """`start_proxy(service, upstream, **options)`: a `ProxyServer` on a free port and the
    lines it prints; stopped at the end of the test."""
    started: list[ProxyServer] = []

    def start(service: str, upstream: str, **options: Any) -> Proxied:
        lines: list[str] = []
        proxy = ProxyServer(service, upstream, output=lines.append, log_level="error", **options)
        started.append(proxy.start())
        return Proxied(proxy, lines)

    yield start
    for proxy in started:
        proxy.stop()


@pytest.fixture
def start_server() -> Iterator[StartServer]:
    """`start_server(app)`: any ASGI app on a free loopback port; stopped at the end."""
    started: list[BackgroundServer] = []

    def start(app: Any) -> BackgroundServer:
        server = BackgroundServer(app, server_config, log_level="error")
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()

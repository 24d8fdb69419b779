"""Running the proxy on uvicorn: `ProxyServer` (a background thread, for Python and tests) and
`serve` (the command's foreground server, one process or `workers` processes)."""

from __future__ import annotations

import dataclasses
import os
import socket
import tempfile
from collections.abc import Callable
from typing import Any, Self

import httpx
import uvicorn

from .._serving import BackgroundServer, bind_socket
from ._app import Output, ProxyApp, create_app
from ._config import ENVIRONMENT_VARIABLE, ProxyConfig
from ._record import begin

BACKLOG = 2048
"""Connections waiting to be accepted (hundreds of clients may connect at once)."""
WORKER_APP = "jobresults.proxy._app:app_from_environment"


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port` (0: a free port) with a deep accept queue."""
    return bind_socket(host, port, BACKLOG)


def server_config(app: Any, log_level: str, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for the proxy: no access log (a query may hold a key), no
    Server or Date header of its own (the upstream's pass through)."""
    return uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        loop="asyncio",
        http="h11",
        server_header=False,
        date_header=False,
        proxy_headers=False,  # the request's own X-Forwarded-* go upstream, not into the scope
        timeout_graceful_shutdown=2,
        **options,
    )


class ProxyServer(BackgroundServer):
    """The proxy served by uvicorn on `host:port` (0: a free port) in a background thread.

        with MockServer() as mock, ProxyServer("wickson", mock.base_url("wickson")) as proxy:
            httpx.get(proxy.url + "/v1/batches/batch-abc123/results", headers=...)
            proxy.report()["violations"]

    The keyword arguments are `ProxyConfig`'s; `output` receives the violation lines
    (standard output by default). Use it as a context manager (or `start()` and `stop()`).
    """

    app: ProxyApp
    label = "proxy"
    backlog = BACKLOG

    def __init__(
        self,
        service: str,
        upstream: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        output: Output | None = None,
        log_level: str = "warning",
        **options: Any,
    ) -> None:
        self.config = ProxyConfig(service=service, upstream=upstream, **options)
        app = create_app(self.config, output=output)
        super().__init__(app, server_config, host=host, port=port, log_level=log_level)

    def __repr__(self) -> str:
        where = self.url if self._socket is not None else "not started"
        return f"ProxyServer({where}, service={self.config.service!r})"

    def report(self) -> dict[str, Any]:
        """The running summary, as `GET /_proxy/report` returns it."""
        with httpx.Client(timeout=30) as client:
            document: dict[str, Any] = client.get(self.url + "/_proxy/report").json()
        return document

    def start(self) -> Self:
        """Start a new HAR file when recording, then the server (see `BackgroundServer`)."""
        if self.config.record is not None and self._socket is None:
            begin(self.config.record)
        return super().start()


def serve(
    config: ProxyConfig,
    sock: socket.socket,
    *,
    workers: int = 1,
    log_level: str = "warning",
    started: Callable[[], None] | None = None,
) -> None:
    """Serve the proxy on `sock` until interrupted: in this process, or in `workers` worker
    processes sharing the socket, whose counts one report sums (see `_tally`)."""
    if config.record is not None:
        begin(config.record)
    if workers <= 1:
        server = uvicorn.Server(server_config(create_app(config), log_level))
        if started is not None:
            started()
        server.run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    with tempfile.TemporaryDirectory(prefix="jobresults-proxy-") as tally_dir:
        shared = dataclasses.replace(config, tally_dir=tally_dir)
        os.environ[ENVIRONMENT_VARIABLE] = shared.to_json()  # what the workers read
        options = server_config(WORKER_APP, log_level, factory=True, workers=workers)
        if started is not None:
            started()
        Multiprocess(options, sockets=[sock]).run()

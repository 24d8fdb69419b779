"""Running the proxy on uvicorn: `ProxyServer` (a background thread, for Python and tests) and
`serve` (the command's foreground server, one process or `workers` processes)."""

from __future__ import annotations

import dataclasses
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import httpx
import uvicorn

from ..mock._server import bind_socket, root_url
from ._app import Output, ProxyApp, create_app
from ._config import ENVIRONMENT_VARIABLE, ProxyConfig
from ._record import begin

BACKLOG = 2048
"""Connections waiting to be accepted (hundreds of clients may connect at once)."""
STARTUP_TIMEOUT = 10.0
SHUTDOWN_TIMEOUT = 10.0
WORKER_APP = "jobresults.proxy._app:app_from_environment"


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port` (0: a free port) with a deep accept queue."""
    sock = bind_socket(host, port)
    sock.listen(BACKLOG)
    return sock


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


class BackgroundServer:
    """An ASGI app served by uvicorn on `host:port` (0: a free port) in a background thread,
    with the proxy's server settings. Use it as a context manager (or `start()`, `stop()`)."""

    def __init__(
        self, app: Any, *, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
    ) -> None:
        self.app = app
        self.host = host
        self._requested_port = port
        self._log_level = log_level
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._socket is not None else "not started"
        return f"{type(self).__name__}({where})"

    @property
    def port(self) -> int:
        """The port the server listens on (known once started)."""
        if self._socket is None:
            raise RuntimeError("the server is not started")
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:8766`."""
        return root_url(self.host, self.port)

    def start(self) -> Self:
        """Bind, start uvicorn in a background thread and wait until it accepts connections."""
        if self._socket is not None:
            raise RuntimeError("the server is already started")
        self._socket = listening_socket(self.host, self._requested_port)
        server = uvicorn.Server(server_config(self.app, self._log_level))
        self._server = server
        self._thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [self._socket]},
            name=f"jobresults-{type(self).__name__}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{type(self).__name__} did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop the server and wait for its thread (idempotent)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(SHUTDOWN_TIMEOUT)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class ProxyServer(BackgroundServer):
    """The proxy served by uvicorn on `host:port` (0: a free port) in a background thread.

        with MockServer() as mock, ProxyServer("wickson", mock.base_url("wickson")) as proxy:
            httpx.get(proxy.url + "/v1/batches/batch-abc123/results", headers=...)
            proxy.report()["violations"]

    The keyword arguments are `ProxyConfig`'s; `output` receives the violation lines
    (standard output by default). Use it as a context manager (or `start()` and `stop()`).
    """

    app: ProxyApp

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
        super().__init__(app, host=host, port=port, log_level=log_level)

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

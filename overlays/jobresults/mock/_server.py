"""`MockServer`: the mock app on a real uvicorn server, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any, Self

import httpx
import uvicorn

from ._app import create_app
from ._protocol import DEFAULT_KEEP_ALIVE_TIMEOUT, GuardedH11Protocol
from ._services import API_KEYS, BASE_PATHS, CONTROL_PATH, auth_headers, check_service

STARTUP_TIMEOUT = 10.0
SHUTDOWN_TIMEOUT = 10.0


def root_url(host: str, port: int) -> str:
    """The root URL clients reach a server bound to `host:port` at (loopback for wildcards)."""
    host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on `host:port` (port 0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that name it.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def server_config(
    app: Any, log_level: str, *, keep_alive_timeout: float = DEFAULT_KEEP_ALIVE_TIMEOUT
) -> uvicorn.Config:
    """The uvicorn configuration the mock runs with: h11, with every connection closed once it
    has been idle, or held a request incomplete, for `keep_alive_timeout` seconds."""
    return uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        loop="asyncio",
        http=GuardedH11Protocol,
        timeout_keep_alive=keep_alive_timeout,  # type: ignore[arg-type]
        timeout_graceful_shutdown=2,
    )


class MockServer:
    """The mock served by uvicorn on `host:port` (port 0: a free port) in a background thread.

    A connection idle for `keep_alive_timeout` seconds, or holding an incomplete request that
    long, is closed (the latter with a 408).

        with MockServer(seed=1, speed=50) as server:
            client = httpx.Client(base_url=server.base_url("wickson"),
                                  headers=server.auth_headers("wickson"))
            ids = server.create_jobs("overmind", 1000, items=5, seconds=10)

    Use it as a context manager (or call `start()` and `stop()`).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        seed: int = 0,
        speed: float = 1.0,
        faults: str | None = None,
        log_level: str = "warning",
        keep_alive_timeout: float = DEFAULT_KEEP_ALIVE_TIMEOUT,
    ) -> None:
        if not 0 < keep_alive_timeout < float("inf"):
            raise ValueError(f"keep_alive_timeout must be positive, not {keep_alive_timeout!r}")
        self.host = host
        self.keep_alive_timeout = keep_alive_timeout
        self.app = create_app(seed=seed, speed=speed, faults=faults)
        self.seed = seed
        self._requested_port = port
        self._log_level = log_level
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._control: httpx.Client | None = None

    def __repr__(self) -> str:
        where = self.url if self._socket is not None else "not started"
        return f"MockServer({where}, seed={self.seed})"

    @property
    def port(self) -> int:
        """The port the server listens on (known once started)."""
        if self._socket is None:
            raise RuntimeError("the mock server is not started")
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:8765`."""
        return root_url(self.host, self.port)

    def base_url(self, service: str) -> str:
        """A service's base URL on this server (Modzy's ends in /api)."""
        return self.url + BASE_PATHS[check_service(service)]

    def api_key(self, service: str) -> str:
        """The API key the mock accepts for `service`."""
        return API_KEYS[check_service(service)]

    def auth_headers(self, service: str) -> dict[str, str]:
        """The header that authenticates a request to `service` on the mock."""
        return auth_headers(service)

    def client(self, service: str, **kwargs: Any) -> httpx.Client:
        """An `httpx.Client` for `service`: its base URL and auth header set."""
        headers = {**self.auth_headers(service), **kwargs.pop("headers", {})}
        return httpx.Client(base_url=self.base_url(service), headers=headers, **kwargs)

    def listing(self) -> dict[str, dict[str, Any]]:
        """What `jobresults mock --list` prints for this server."""
        listing: dict[str, dict[str, Any]] = self._call("GET", "/")
        return listing

    def create_job(self, service: str, **options: Any) -> str:
        """Create one progressing job (see `create_jobs`); return its id."""
        return self.create_jobs(service, 1, **options)[0]

    def create_jobs(
        self,
        service: str,
        count: int,
        *,
        items: int = 3,
        seconds: float = 5.0,
        outcome: str = "completed",
        failures: int | None = None,
    ) -> list[str]:
        """Create `count` jobs that go pending -> running -> `outcome` over `seconds` of simulated
        time, finishing their `items` one by one (`failures` of them fail); return their ids."""
        body = {
            "service": check_service(service),
            "count": count,
            "items": items,
            "seconds": seconds,
            "outcome": outcome,
            "failures": failures,
        }
        ids: list[str] = self._call("POST", "/jobs", json=body)["ids"]
        return ids

    def job_state(self, job_id: str) -> dict[str, Any]:
        """Where a job created through the control API stands."""
        state: dict[str, Any] = self._call("GET", f"/jobs/{job_id}")
        return state

    def delete_jobs(self) -> int:
        """Forget every job created through the control API; return how many."""
        deleted: int = self._call("DELETE", "/jobs")["deleted"]
        return deleted

    def advance(self, seconds: float) -> float:
        """Move simulated time forward; return the simulated seconds elapsed since start."""
        elapsed: float = self._call("POST", "/clock", json={"advance": seconds})["elapsed"]
        return elapsed

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        if self._control is None:
            self._control = httpx.Client(base_url=self.url + CONTROL_PATH, timeout=30)
        response = self._control.request(method, path, **kwargs)
        if response.is_error:
            raise RuntimeError(f"mock control API: {response.status_code} {response.text}")
        return response.json()

    def start(self) -> Self:
        """Bind, start uvicorn in a background thread and wait until it accepts connections."""
        if self._socket is not None:
            raise RuntimeError("the mock server is already started")
        sock = bind_socket(self.host, self._requested_port)
        self._socket = sock
        config = server_config(
            self.app, self._log_level, keep_alive_timeout=self.keep_alive_timeout
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="jobresults-mock", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the mock server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop the server and wait for its thread (idempotent)."""
        if self._control is not None:
            self._control.close()
            self._control = None
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

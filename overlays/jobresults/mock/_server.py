"""`MockServer`: the mock app on a real uvicorn server, in a background thread."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from .._serving import BackgroundServer
from ._app import create_app
from ._protocol import DEFAULT_KEEP_ALIVE_TIMEOUT, guarded_protocol
from ._replay import with_replay
from ._services import API_KEYS, BASE_PATHS, CONTROL_PATH, auth_headers, check_service


def server_config(
    app: Any, log_level: str, *, keep_alive_timeout: float = DEFAULT_KEEP_ALIVE_TIMEOUT
) -> uvicorn.Config:
    """The uvicorn configuration the mock runs with: the guarded protocol (httptools, or h11
    without it), every connection closed once it has been idle, or held a request incomplete,
    for `keep_alive_timeout` seconds."""
    return uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        loop="asyncio",
        http=guarded_protocol(),
        # No WebSocket protocol: an upgrade is served as the HTTP request it is, so the
        # connection stays under the guarded protocol's deadlines.
        ws="none",
        proxy_headers=False,  # clients reach the mock directly: no X-Forwarded-* to trust
        timeout_keep_alive=keep_alive_timeout,  # type: ignore[arg-type]
        timeout_graceful_shutdown=2,
    )


class MockServer(BackgroundServer):
    """The mock served by uvicorn on `host:port` (port 0: a free port) in a background thread.

    A connection idle for `keep_alive_timeout` seconds, or holding an incomplete request that
    long, is closed (the latter with a 408).

        with MockServer(seed=1, speed=50) as server:
            client = httpx.Client(base_url=server.base_url("wickson"),
                                  headers=server.auth_headers("wickson"))
            ids = server.create_jobs("overmind", 1000, items=5, seconds=10)

    `replay` names HAR files to answer from first (`replay_strict`: only from them; see
    `jobresults.mock._replay`). Use it as a context manager (or call `start()` and `stop()`).
    """

    label = "mock server"

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        seed: int = 0,
        speed: float = 1.0,
        faults: str | None = None,
        log_level: str = "warning",
        replay: Iterable[str | Path] | None = None,
        replay_strict: bool = False,
        keep_alive_timeout: float = DEFAULT_KEEP_ALIVE_TIMEOUT,
    ) -> None:
        if not 0 < keep_alive_timeout < float("inf"):
            raise ValueError(f"keep_alive_timeout must be positive, not {keep_alive_timeout!r}")
        self.keep_alive_timeout = keep_alive_timeout
        app = create_app(seed=seed, speed=speed, faults=faults)
        served = with_replay(app, replay, strict=replay_strict)  # recorded exchanges first
        config = functools.partial(server_config, keep_alive_timeout=keep_alive_timeout)
        super().__init__(served, config, host=host, port=port, log_level=log_level)
        self.seed = seed
        self._control: httpx.Client | None = None

    def __repr__(self) -> str:
        where = self.url if self._socket is not None else "not started"
        return f"MockServer({where}, seed={self.seed})"

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

    def stop(self) -> None:
        """Stop the server and wait for its thread (idempotent)."""
        if self._control is not None:
            self._control.close()
            self._control = None
        super().stop()

"""The mock server in a process of its own, so that its CPU use stays out of the client's
measurements; both sides of a comparison talk to the same server."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

_SERVE = """
import sys
from jobresults.mock import MockServer

with MockServer(port=0, faults=sys.argv[1] or None) as server:
    print(server.url, flush=True)
    sys.stdin.read()
"""

STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class MockProcess:
    """A running mock server: its root URL and the control API."""

    url: str
    http: httpx.Client
    """The client that calls the control API."""
    pid: int = 0
    """The server's process id (for its CPU time)."""

    def base_url(self, service: str) -> str:
        """A service's base URL on this server."""
        from jobresults.mock import BASE_PATHS

        return self.url + BASE_PATHS[service]

    def api_key(self, service: str) -> str:
        """The key the mock accepts for `service`."""
        from jobresults.mock import API_KEYS

        return API_KEYS[service]

    def headers(self, service: str) -> dict[str, str]:
        """The auth header of `service`."""
        from jobresults.mock import auth_headers

        return auth_headers(service)

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the control API (`/_mock/...`) and return its JSON answer."""
        response = self.http.request(method, f"{self.url}/_mock{path}", **kwargs)
        response.raise_for_status()
        return response.json()


@contextmanager
def running_mock(faults: str = "") -> Iterator[MockProcess]:
    """Start `jobresults.mock.MockServer` (with the run's `faults`) in a child process."""
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE, faults],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        url = process.stdout.readline().strip()
        if not url.startswith("http"):
            raise RuntimeError("the mock server process did not start")
        with httpx.Client(timeout=60) as http:
            yield MockProcess(url, http, process.pid)
    finally:
        process.stdin.close()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

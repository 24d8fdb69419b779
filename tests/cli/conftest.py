"""Running the command line against the mock server."""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from jobresults.cli import app
from typer.testing import CliRunner

if TYPE_CHECKING:
    from jobresults.mock import MockServer

ENV_KEYS = ("MODZY_API_KEY", "LLAMA_CLOUD_API_KEY", "WICKSON_API_KEY", "OVERMIND_API_KEY")
ENV_URLS = ("MODZY_BASE_URL", "LLAMA_CLOUD_BASE_URL", "WICKSON_BASE_URL", "OVERMIND_BASE_URL")

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _no_service_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests say which key and URL they use; none leaks in from the environment."""
    for name in (*ENV_KEYS, *ENV_URLS, "LLAMACLOUD_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def mock_args(server: MockServer, service: str, api_key: str | None = None) -> list[str]:
    """The --base-url and --api-key options that point a command at `service` on `server`."""
    key = server.api_key(service) if api_key is None else api_key
    return ["--base-url", server.base_url(service), "--api-key", key]


@pytest.fixture
def invoke() -> Invoke:
    """Run `jobresults ARGS...` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def run(args: Sequence[str], **kwargs: object) -> Result:
        return runner.invoke(app, list(args), **kwargs)  # type: ignore[arg-type]

    return run


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"

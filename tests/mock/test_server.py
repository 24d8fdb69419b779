"""MockServer, the pytest fixtures, the transports and the `jobresults mock` command."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable

import httpx
import pytest
from jobresults.cli import app as cli_app
from jobresults.mock import API_KEYS, SERVICES, MockServer, MockSyncTransport, auth_headers, seeded
from typer.testing import CliRunner

from ._contract import assert_conforms

EXAMPLES = {
    "modzy": seeded.MODZY_EXAMPLE_JOB,
    "llamacloud": seeded.LLAMACLOUD_EXAMPLE_JOB,
    "wickson": seeded.WICKSON_EXAMPLE_BATCH,
    "overmind": seeded.OVERMIND_EXAMPLE_JOB,
}


def _check_listing(listing: dict, root: str) -> None:
    assert list(listing) == list(SERVICES)
    for service, entry in listing.items():
        path = "/modzy/api" if service == "modzy" else f"/{service}"
        assert entry["base_url"] == root + path
        assert entry["api_key"] == API_KEYS[service]
        ids = entry["batches"] if service == "wickson" else entry["jobs"]
        assert EXAMPLES[service] in ids
    assert seeded.WICKSON_LARGE_BATCH in listing["wickson"]["batches"]
    assert seeded.MODZY_LARGE_JOB in listing["modzy"]["jobs"]


def test_the_session_fixture_serves_every_service(jobresults_mock: MockServer) -> None:
    server = jobresults_mock
    assert server.url == f"http://127.0.0.1:{server.port}"
    assert server.base_url("modzy") == f"{server.url}/modzy/api"
    assert server.base_url("wickson") == f"{server.url}/wickson"
    _check_listing(server.listing(), server.url)
    with server.client("llamacloud") as client:
        response = client.get(f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result")
        assert_conforms("getExtractionJobResult", response)
    with pytest.raises(ValueError, match="unknown service"):
        server.base_url("acme")


def test_the_repr_shows_no_key(jobresults_mock: MockServer) -> None:
    text = repr(jobresults_mock)
    assert str(jobresults_mock.port) in text
    assert not any(key in text for key in API_KEYS.values())


def test_the_factory_starts_servers_with_their_own_seed(
    jobresults_mock_factory: Callable[..., MockServer], jobresults_mock: MockServer
) -> None:
    other = jobresults_mock_factory(seed=3)
    assert other.port != jobresults_mock.port
    mine, theirs = jobresults_mock.listing(), other.listing()
    assert mine["overmind"]["jobs"][0] == theirs["overmind"]["jobs"][0]  # the page's example
    assert mine["overmind"]["jobs"][1:] != theirs["overmind"]["jobs"][1:]


def test_a_stopped_server_frees_its_port() -> None:
    server = MockServer(log_level="error").start()
    port = server.port
    with pytest.raises(RuntimeError, match="already started"):
        server.start()
    server.stop()
    server.stop()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
        pass
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.port


def test_a_taken_port_is_an_error(jobresults_mock: MockServer) -> None:
    with pytest.raises(OSError, match="in use"):
        MockServer(port=jobresults_mock.port).start()


async def test_the_async_transport_fixture(
    jobresults_mock_transport: httpx.AsyncBaseTransport,
) -> None:
    async with httpx.AsyncClient(
        transport=jobresults_mock_transport,
        base_url="http://mock/wickson",
        headers=auth_headers("wickson"),
    ) as client:
        response = await client.get(f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results")
        assert_conforms("getBatchResults", response)


def test_the_sync_transport_fixture_runs_and_stops_its_thread(
    jobresults_mock_sync_transport: MockSyncTransport,
) -> None:
    before = set(threading.enumerate())
    with httpx.Client(
        transport=jobresults_mock_sync_transport,
        base_url="http://mock/overmind",
        headers=auth_headers("overmind"),
    ) as client:
        assert_conforms("overmind.getJob", client.get(f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/"))
        helper = [
            thread
            for thread in set(threading.enumerate()) - before
            if thread.name == "jobresults-mock-transport"
        ]
        assert helper
    assert not any(thread.is_alive() for thread in helper)


def test_cli_list_prints_the_listing_without_starting_anything() -> None:
    result = CliRunner().invoke(cli_app, ["mock", "--list", "--port", "9123", "--seed", "2"])
    assert result.exit_code == 0, result.output
    _check_listing(json.loads(result.output), "http://127.0.0.1:9123")
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", 9123), 1):
        pass


def test_cli_rejects_bad_faults() -> None:
    result = CliRunner().invoke(cli_app, ["mock", "--faults", "500=2"])
    assert result.exit_code == 2
    assert "between 0 and 1" in result.output


def test_cli_serves_and_prints_one_line_per_service() -> None:
    command = [sys.executable, "-m", "jobresults", "mock", "--port", "0", "--seed", "1"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(len(SERVICES) + 2)]
        services = [line.split()[0] for line in lines]
        assert services == [*SERVICES, "jobs", "control"]
        assert "POST /_mock/jobs creates jobs that progress" in lines[-2]
        line = lines[services.index("wickson")]
        wickson = line.split()
        base_url = wickson[1]
        assert wickson[wickson.index("key:") + 1] == API_KEYS["wickson"]
        assert seeded.WICKSON_EXAMPLE_BATCH in line
        with httpx.Client(base_url=base_url, headers=auth_headers("wickson"), timeout=10) as client:
            response = client.get(f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results")
            assert_conforms("getBatchResults", response)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode in (0, 128 + signal.SIGINT, -signal.SIGINT)  # stopped by Ctrl+C


def test_the_plugin_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, jobresults.pytest_plugin; "
        "heavy = {'starlette', 'uvicorn', 'httpx', 'schemathesis'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert output.strip() == "[]"

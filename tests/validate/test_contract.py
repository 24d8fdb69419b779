"""`jobresults contract` runs schemathesis's checks against a running server: the mock passes
all of them; a wrong key and an unknown service do not."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from jobresults.cli import app
from jobresults.mock import MockServer
from jobresults.validate._contract import KEY_VARIABLE, auth_header, schemathesis_arguments
from typer.testing import CliRunner

MAX_EXAMPLES = "3"


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(log_level="critical") as running:
        yield running


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """schemathesis and hypothesis write their caches in the working folder."""
    monkeypatch.chdir(tmp_path)
    for name in ("MODZY_API_KEY", "LLAMA_CLOUD_API_KEY", "WICKSON_API_KEY", "OVERMIND_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def contract(*args: str) -> Result:
    return CliRunner().invoke(app, ["contract", *args, "--max-examples", MAX_EXAMPLES])


@pytest.mark.parametrize("service", ["modzy", "llamacloud", "wickson", "overmind"])
def test_the_mock_passes_every_check(server: MockServer, service: str) -> None:
    result = contract(
        service, "--base-url", server.base_url(service), "--api-key", server.api_key(service)
    )
    assert result.exit_code == 0, result.output[-3000:]
    assert "No issues found" in result.stdout
    assert server.api_key(service) not in result.output
    assert result.stdout.rstrip().endswith(
        f"contract {service} at {server.base_url(service)}: every check passed"
    )


def test_without_a_key_it_sends_the_mocks(server: MockServer) -> None:
    result = contract("overmind", "--base-url", server.base_url("overmind"))
    assert result.exit_code == 0, result.output[-3000:]
    assert "sending the mock server's key" in result.stderr


def test_a_refused_key_fails_the_run(server: MockServer) -> None:
    result = contract("wickson", "--base-url", server.base_url("wickson"), "--api-key", "nope")
    assert result.exit_code == 11
    assert "401" in result.stdout
    assert result.stderr.splitlines()[-1] == (
        f"error: check failed: contract wickson at {server.base_url('wickson')}: some checks"
        " failed (see the report above)"
    )


def test_an_unreachable_server_could_not_be_tested(closed_url: str) -> None:
    result = contract("wickson", "--base-url", closed_url, "--api-key", "k")
    assert result.exit_code == 13, result.output[-3000:]
    assert result.stderr.splitlines()[-1].startswith(
        f"error: could not test: contract wickson at {closed_url}: the run could not test: no"
    )


def test_unknown_options_go_to_schemathesis(server: MockServer, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    result = contract(
        "wickson",
        "--base-url",
        server.base_url("wickson"),
        "--api-key",
        server.api_key("wickson"),
        "--report",
        "junit",
        "--report-dir",
        str(reports),
    )
    assert result.exit_code == 0, result.output[-3000:]
    (junit,) = reports.glob("*.xml")
    assert "<testsuite" in junit.read_text()
    refused = contract("wickson", "--base-url", server.base_url("wickson"), "--no-such-flag")
    assert refused.exit_code == 2
    (line,) = [line for line in refused.stderr.splitlines() if line.startswith("error:")]
    assert refused.stderr.endswith(line + "\n")
    assert line.startswith("error: invalid input: schemathesis: No such option")
    assert "--no-such-flag" in line


@pytest.fixture
def closed_url() -> str:
    """A loopback URL on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_unknown_service_is_a_usage_error() -> None:
    result = contract("wikson", "--base-url", "http://127.0.0.1:9")
    assert result.exit_code == 2
    assert "valid services: llamacloud, modzy, overmind, wickson" in result.stderr


def test_the_key_goes_to_schemathesis_by_the_specs_security_scheme() -> None:
    assert auth_header("modzy", "k") == ("Authorization", "ApiKey k")
    assert auth_header("llamacloud", "k") == ("Authorization", "Bearer k")
    assert auth_header("overmind", "k") == ("X-Api-Key", "k")
    run = schemathesis_arguments("wickson", "http://h/wickson/", "k", max_examples=7)
    arguments = run.arguments
    assert arguments[:2] == ["run", arguments[1]]
    assert arguments[1].endswith("wickson.yaml")
    assert arguments[arguments.index("--url") + 1] == "http://h/wickson"
    assert arguments[arguments.index("--checks") + 1] == "all"
    assert arguments[arguments.index("--max-examples") + 1] == "7"
    assert "--header" not in arguments
    # The configuration names the key by a variable; the key itself is never written down.
    assert run.auth == f'[auth.openapi."ApiKey"]\napi_key = "${{{KEY_VARIABLE}}}"\n'
    assert run.api_key == "k"
    modzy = schemathesis_arguments("modzy", "http://h/modzy/api", "k")
    assert (modzy.api_key, "api_key =" in modzy.auth) == ("ApiKey k", True)
    llamacloud = schemathesis_arguments("llamacloud", "http://h/llamacloud", "k")
    assert (llamacloud.api_key, '"BearerAuth"]\nbearer =' in llamacloud.auth) == ("k", True)
    assert schemathesis_arguments("overmind", "http://h", None).auth == ""

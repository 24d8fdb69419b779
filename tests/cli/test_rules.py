"""The command line's own rules: options named as typed, plain http only where it is safe."""

from __future__ import annotations

import pytest
from jobresults.mock import MockServer

from .conftest import Invoke, mock_args


@pytest.mark.parametrize(
    ("option", "value"),
    [("--start-date", "yesterday"), ("--end-date", "2024-13-01"), ("--model", "")],
)
def test_messages_name_options_as_typed(
    invoke: Invoke, jobresults_mock: MockServer, option: str, value: str
) -> None:
    result = invoke(["history", option, value, *mock_args(jobresults_mock, "modzy")])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: invalid input: {option} must be ")
    assert "_date" not in line


def test_plain_http_off_loopback_needs_the_option(invoke: Invoke) -> None:
    args = ["get", "wickson", "batch-abc123", "--api-key", "k"]
    refused = invoke([*args, "--base-url", "http://192.0.2.1:9/wickson"])
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: invalid input: refusing to send the wickson API key over plain http to"
        " 192.0.2.1; use https, or pass --allow-insecure-http\n"
    )


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (["get", "wickson", "batch-abc123"], "_get"),
        (["history"], "_history"),
        (["batch-results", "batch-abc123"], "_batch_results"),
    ],
)
def test_the_option_reaches_the_client(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: list[str], module: str
) -> None:
    import importlib

    seen: dict[str, object] = {}

    def open_client(service: str, **options: object) -> None:
        seen.update(options)
        raise ValueError("stop here")

    monkeypatch.setattr(
        importlib.import_module(f"jobresults.cli.{module}"), "open_client", open_client
    )
    result = invoke([*command, "--allow-insecure-http", "--base-url", "http://192.0.2.1/x"])
    assert result.exit_code == 2
    assert seen["allow_insecure_http"] is True
    assert invoke(command).exit_code == 2
    assert seen["allow_insecure_http"] is False


def test_mock_list_env_prints_export_lines_for_every_service(invoke: Invoke) -> None:
    import shlex
    import subprocess

    from jobresults import specs
    from jobresults.mock import API_KEYS

    result = invoke(["mock", "--list", "--env", "--port", "9123"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 * len(specs.services())
    script = (
        result.stdout
        + "\n"
        + "\n".join(
            f'echo "${{{specs.service(s).api_key_env}}} ${{{specs.service(s).base_url_env}}}"'
            for s in specs.services()
        )
    )
    shown = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, timeout=10
    ).stdout.splitlines()
    for service, line in zip(specs.services(), shown, strict=True):
        key, url = shlex.split(line)
        assert key == API_KEYS[service]
        assert url.startswith("http://127.0.0.1:9123/")
    assert invoke(["mock", "--env"]).exit_code == 2


def test_mock_list_says_which_seeded_jobs_progress(invoke: Invoke) -> None:
    import json

    listing = json.loads(invoke(["mock", "--list"]).stdout)
    for service, entry in listing.items():
        if entry["progress"]:
            ids = entry.get("jobs", entry.get("batches"))
            assert isinstance(entry["progressing"], list), service
            assert set(entry["progressing"]) <= set(ids)


def test_history_limit_0_pages_with_the_largest_page_size_the_spec_allows(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    import httpx
    from jobresults import modzy
    from jobresults.cli import _history
    from jobresults.mock import API_KEYS, sync_transport

    operations = modzy.Client.operations
    assert _history.largest_page_size(operations) is None  # the shipped spec sets no bound

    def bounded(operation: object) -> object:
        if getattr(operation, "operation_id", None) != "getJobHistory":
            return operation
        parameters = tuple(
            dataclasses.replace(p, maximum=2000) if p.name == "per_page" else p
            for p in operation.parameters  # type: ignore[attr-defined]
        )
        return dataclasses.replace(operation, parameters=parameters)  # type: ignore[type-var]

    class Bounded(modzy.Client):
        operations = tuple(bounded(op) for op in modzy.Client.operations)  # type: ignore[misc]

    assert _history.largest_page_size(Bounded.operations) == 2000
    sent: list[str | None] = []
    mock = sync_transport()

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.params.get("per-page"))
        return mock.handle_request(request)

    def open_client(service: str, **options: object) -> modzy.Client:
        http = httpx.Client(transport=httpx.MockTransport(handle))
        return Bounded(API_KEYS["modzy"], base_url="http://127.0.0.1/modzy/api", http_client=http)

    monkeypatch.setattr(_history, "open_client", open_client)
    result = invoke(["history", "--limit", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert sent
    assert set(sent) == {"2000"}
    sent.clear()
    assert invoke(["history", "--limit", "0", "--json", "--per-page", "700"]).exit_code == 0
    assert set(sent) == {"700"}


@pytest.mark.parametrize("command", [["mock"], ["proxy", "wickson", "--upstream", "http://h"]])
def test_a_port_in_use_is_one_line(invoke: Invoke, command: list[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke([*command, "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: invalid input: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )


def test_a_full_disk_on_stdout_is_one_line() -> None:
    import subprocess
    import sys
    from pathlib import Path

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "jobresults", "operations"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "error: invalid input: cannot write the output: No space left on device\n"
    )

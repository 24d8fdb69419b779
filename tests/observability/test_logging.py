"""The package's logs on stderr: JOBRESULTS_LOG and `jobresults -v`; never the key."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jobresults import _logging, wickson
from jobresults.mock import API_KEYS, sync_transport

KEY = API_KEYS["wickson"]
BASE_URL = "http://127.0.0.1/wickson"


@pytest.fixture(autouse=True)
def _logging_as_before() -> Iterator[None]:
    had = _logging.handler() is not None
    yield
    if not had:
        _logging.disable()


def flaky_client() -> wickson.Client:
    """A client over the in-memory mock whose first request gets a 503."""
    mock = sync_transport()
    calls = {"n": 0}

    def handle(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503, json={"error": "busy"}, headers={"Retry-After": "0"})
        return mock.handle_request(request)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    return wickson.Client(KEY, base_url=BASE_URL, http_client=http, sleep=lambda _: None)


def test_each_request_and_retry_is_logged_on_stderr_without_the_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WICKSON_API_KEY", KEY)
    monkeypatch.setenv(_logging.VARIABLE, "debug")
    _logging.enable_from_environment()
    with flaky_client() as client:
        client.batches.results("batch-abc123", page_size=2, page=3)
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert any(" INFO jobresults: retrying GET " in line and "after 503" in line for line in lines)
    assert any(
        " INFO jobresults: GET " in line and "page=3" in line and line.endswith("-> 200")
        for line in lines
    ), err
    assert KEY not in err


def test_info_leaves_out_the_debug_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_logging.VARIABLE, "INFO")
    _logging.enable_from_environment()
    logging.getLogger("jobresults.validate").debug("a report")
    with flaky_client() as client:
        client.batches.results("batch-abc123", page_size=2)
    err = capsys.readouterr().err
    assert "retrying GET" in err
    assert " DEBUG " not in err
    _logging.enable("debug")
    logging.getLogger("jobresults.validate").debug("a report")
    assert capsys.readouterr().err.endswith(" DEBUG jobresults.validate: a report\n")


def test_nothing_is_logged_by_default_and_a_bad_level_is_said(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.delenv(_logging.VARIABLE, raising=False)
    _logging.enable_from_environment()
    assert _logging.handler() is None
    with flaky_client() as client:
        client.batches.results("batch-abc123", page_size=2)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(_logging.VARIABLE, "loud")
    _logging.enable_from_environment()
    assert _logging.handler() is None
    (warning,) = [r for r in caplog.records if r.levelname == "WARNING"]
    assert "JOBRESULTS_LOG=loud is ignored: unknown log level 'loud'" in warning.getMessage()


def test_a_key_in_a_message_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WICKSON_API_KEY", KEY)
    assert _logging.masked(f"the server said {KEY}!") == "the server said ****!"


def test_the_variable_is_read_at_import() -> None:
    script = (
        "import logging, jobresults;"
        "logging.getLogger('jobresults').info('hello %s', 'there');"
        "logging.getLogger('jobresults.validate').debug('hidden')"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        env={"JOBRESULTS_LOG": "info", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.endswith(" INFO jobresults: hello there")


def test_verbose_logs_a_command_to_stderr(jobresults_mock: Any) -> None:
    from jobresults.cli import app
    from typer.testing import CliRunner

    args = [
        "batch-results",
        "batch-abc123",
        "--page-size",
        "100",
        "--base-url",
        jobresults_mock.base_url("wickson"),
        "--api-key",
        KEY,
    ]
    quiet = CliRunner().invoke(app, args)
    assert quiet.exit_code == 0, quiet.stderr
    assert " INFO jobresults" not in quiet.stderr
    for flag, levels in (("-v", {"INFO"}), ("--verbose", {"INFO"}), ("-vv", {"INFO", "DEBUG"})):
        result = CliRunner().invoke(app, [flag, *args])
        assert result.exit_code == 0, result.stderr
        logged = [line for line in result.stderr.splitlines() if " jobresults" in line]
        assert any("GET http://" in line and "page=2" in line for line in logged), logged
        assert {line.split()[2] for line in logged} <= levels
        assert result.stdout == quiet.stdout
        assert KEY not in result.stderr
    assert _logging.handler() is None  # the command's logging ended with it

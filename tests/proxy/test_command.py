"""`jobresults proxy` as a command: its options, and `--workers 2` with one report for both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest
from jobresults.cli import app
from jobresults.mock import MockServer, auth_headers
from typer.testing import CliRunner

BATCH = "/v1/batches/batch-abc123/results"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nosuch", "--upstream", "http://127.0.0.1:1"], "unknown service 'nosuch'"),
        (["wickson", "--upstream", "ftp://example.com"], "must be an http(s) URL"),
        (["wickson", "--upstream", "http://h/?q=1"], "takes no query"),
        (["wickson", "--upstream", "http://h", "--mode", "drop"], "'drop' is not one of"),
        (["wickson", "--upstream", "http://h", "--workers", "0"], "0 is not in the range"),
    ],
)
def test_bad_options_are_usage_errors(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["proxy", *arguments])
    assert result.exit_code == 2
    assert message in result.output


def test_two_workers_answer_and_one_report_counts_both(
    jobresults_mock: MockServer, tmp_path: Path
) -> None:
    har = tmp_path / "workers.har"
    command = [sys.executable, "-m", "jobresults", "proxy", "wickson"]
    command += ["--upstream", jobresults_mock.base_url("wickson"), "--port", "0"]
    command += ["--workers", "2", "--record", str(har)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert banner.startswith("proxy http://127.0.0.1:")
        assert "2 workers" in banner
        url = banner.split()[1]
        headers = auth_headers("wickson")
        deadline = time.monotonic() + 60
        while True:  # the workers start after the banner, each making its counts file
            try:
                if httpx.get(url + "/_proxy/report", timeout=5).json()["workers"] == 2:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.1)
        for index in range(30):
            fault = "unknown-enum" if index % 3 == 0 else "none"
            # A new connection each time: the kernel hands them to either worker.
            answer = httpx.get(url + BATCH, headers={**headers, "X-Mock-Fault": fault})
            assert answer.status_code == 200
        report = httpx.get(url + "/_proxy/report").json()
        assert report["workers"] == 2
        assert report["responses"] == 30
        assert report["violations_by_kind"] == {"not_in_enum": 10}
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert output.count("[not_in_enum]") == 10
    entries = orjson.loads(har.read_bytes())["log"]["entries"]
    assert len(entries) == 30
    assert jobresults_mock.api_key("wickson") not in har.read_text()

"""Contract tests: schemathesis runs every operation of every spec against the mock over a real
socket, with all its checks, positive and negative data (invalid ids, page=0, absurd page
sizes) and missing auth, and finds nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from jobresults import specs
from jobresults.mock import SERVICES, MockServer, auth_headers

MAX_EXAMPLES = 40
SEED = 20240601
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _command(server: MockServer, service: str, max_examples: int) -> list[str]:
    ((header, value),) = auth_headers(service).items()
    return [
        str(SCHEMATHESIS) if SCHEMATHESIS.exists() else shutil.which("schemathesis") or "",
        "run",
        str(specs.path(service)),
        "--url",
        server.base_url(service),
        "--header",
        f"{header}: {value}",
        "--checks",
        "all",
        "--mode",
        "all",
        "--max-examples",
        str(max_examples),
        "--seed",
        str(SEED),
        "--request-timeout",
        "10",
        "--continue-on-failure",
        "--no-color",
    ]


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(log_level="critical") as running:
        yield running


def test_schemathesis_finds_no_failure_in_any_service(server: MockServer, tmp_path: Path) -> None:
    # The four runs go in parallel; each takes a few seconds.
    runs = {
        service: subprocess.Popen(
            _command(server, service, MAX_EXAMPLES),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for service in SERVICES
    }
    outputs = {service: run.communicate(timeout=120)[0] for service, run in runs.items()}
    for service, run in runs.items():
        assert run.returncode == 0, f"{service}:\n{outputs[service][-4000:]}"
        assert "No issues found" in outputs[service]
        assert "Coverage" in outputs[service]
        assert "Fuzzing" in outputs[service]


def test_schemathesis_does_fail_a_server_that_breaks_the_contract(tmp_path: Path) -> None:
    # The same run against a mock whose every answer is a 502 HTML page must fail.
    with MockServer(faults="html=1.0", log_level="critical") as broken:
        run = subprocess.run(
            _command(broken, "overmind", 5),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode != 0
    assert "Server error" in run.stdout or "Undocumented" in run.stdout

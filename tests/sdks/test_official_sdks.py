"""The services' official SDKs, unchanged, against the mock over real sockets: llama-cloud's
`extraction.jobs.get`, `wait_for_completion` and `get_result`; modzy-sdk's `ApiClient()`,
`jobs.get` and `jobs.block_until_complete`. Each SDK runs in a virtual environment of its own
(`_venvs`: made on first use, then cached), in a subprocess (`*_flow.py`) that prints what it
saw; the mock's clock stands still unless the flow moves it, so each state is seen for sure.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from jobresults.mock import MockServer, seeded

from ._venvs import sdk_python

HERE = Path(__file__).resolve().parent
SDKS = {"llama-cloud": "1.6.0", "modzy-sdk": "0.11.6"}
"""The SDK versions whose typed sources the specs were read from."""

FLOW_TIMEOUT = 120.0


@pytest.fixture(scope="module")
def pythons() -> dict[str, Path | BaseException]:
    """Each SDK's Python (both virtual environments made at once when missing); a failure to
    make one is kept, for its own test to report (skip or fail)."""

    def made(distribution: str) -> Path | BaseException:
        try:
            return sdk_python(distribution, SDKS[distribution])
        except BaseException as error:  # pytest's skip and fail outcomes included
            return error

    with ThreadPoolExecutor(max_workers=len(SDKS)) as pool:
        return dict(zip(SDKS, pool.map(made, SDKS), strict=True))


def python_of(pythons: dict[str, Path | BaseException], distribution: str) -> Path:
    found = pythons[distribution]
    if isinstance(found, BaseException):
        raise found
    return found


@pytest.fixture
def frozen(jobresults_mock_factory: Callable[..., MockServer]) -> MockServer:
    """A mock whose simulated time moves only when told to (through its control API)."""
    return jobresults_mock_factory(speed=1e-6)


def run_flow(python: Path, script: str, *arguments: str) -> dict[str, Any]:
    done = subprocess.run(
        [str(python), str(HERE / script), *arguments],
        capture_output=True,
        text=True,
        timeout=FLOW_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_llama_cloud_sdk_gets_waits_for_and_reads_extraction_jobs(
    pythons: dict[str, Path | BaseException], frozen: MockServer
) -> None:
    python = python_of(pythons, "llama-cloud")
    succeeds = frozen.create_job("llamacloud", items=2, seconds=10.0)
    fails = frozen.create_job("llamacloud", items=2, seconds=1.0, outcome="failed")
    seen = run_flow(
        python,
        "llama_cloud_flow.py",
        frozen.base_url("llamacloud"),
        frozen.api_key("llamacloud"),
        f"{frozen.url}/_mock",
        succeeds,
        fails,
        seeded.LLAMACLOUD_EXAMPLE_JOB,
    )
    assert seen["first"]["id"] == succeeds
    assert seen["first"]["status"] == "PENDING"
    assert seen["first"]["file"]
    assert seen["types"] == ["ExtractJob", "ExtractAgent"]
    assert seen["waited"]["status"] == "SUCCESS"
    assert seen["waited"]["seconds"] >= 0.2  # it polled through PENDING until the job ended
    pages = seen["result"]["data"]["pages"]
    assert [page["page"] for page in pages] == [1, 2]
    # The SDK's own failure, with the mock's error text.
    assert seen["failed"] == (
        f"Job {fails} failed with status: ERROR | Error: extraction failed on page 1 of 2"
    )
    assert seen["failed_job"] == "extraction failed on page 1 of 2"
    assert seen["unknown"] == 404
    assert seen["example"] == {
        "status": "SUCCESS",
        "agent": "invoices",
        "data": {"foo": {"foo": "bar"}},
    }


def test_modzy_sdk_gets_and_blocks_until_a_job_completes(
    pythons: dict[str, Path | BaseException], frozen: MockServer
) -> None:
    python = python_of(pythons, "modzy-sdk")
    created = frozen.create_job("modzy", items=4, seconds=10.0)
    seen = run_flow(
        python,
        "modzy_sdk_flow.py",
        frozen.base_url("modzy"),
        frozen.api_key("modzy"),
        f"{frozen.url}/_mock",
        created,
        seeded.MODZY_EXAMPLE_JOB,
    )
    assert seen["statuses"] == ["SUBMITTED", "IN_PROGRESS"]
    assert seen["counts"] == [4, 2, 0, created]
    assert seen["completed"]["status"] == "COMPLETED"
    assert seen["completed"]["seconds"] >= 0.2  # it polled IN_PROGRESS until the job ended
    assert seen["result"] == {"finished": True, "completed": 4}
    assert "not found" in seen["unknown"]
    assert seen["example"] == {"status": "COMPLETED", "identifier": seeded.MODZY_EXAMPLE_JOB}
    assert seen["example_outputs"] == {"confidence": "3.2059302", "result": "six"}

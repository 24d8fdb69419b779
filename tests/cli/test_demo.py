"""`jobresults demo` end to end, as `make demo` runs it, and its job plan."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from jobresults.cli import _demo
from jobresults.cli._demo import SERVICES, Demo, StepFailedError, plan_jobs
from jobresults.cli._exit_codes import ExitCode

from .conftest import Invoke

DEMO_BUDGET = 30.0


def test_the_demo_runs_every_flow_and_validates_every_response() -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    command = Path(sys.executable).with_name("jobresults")
    started = time.monotonic()
    done = subprocess.run(
        [str(command), "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=DEMO_BUDGET * 2,
        check=False,
    )
    elapsed = time.monotonic() - started
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert elapsed < DEMO_BUDGET
    assert "\x1b[" not in out
    assert "Traceback" not in out + done.stderr
    # 1. Modzy: a new job waited for, its first outputs printed.
    assert re.search(r"Modzy job \S+: finished, 8 completed, 0 failed of 8 items", out)
    assert re.search(r'first output results\.json: \{"confidence":"[0-9.]+","result":"\w+"\}', out)
    # 2. LlamaCloud: the page's extraction job, and a failed extraction reported as failed,
    # with the service's text, as soon as the service says so.
    assert "LlamaCloud extraction run" in out
    failed = re.search(
        r"reported as failed after ([0-9.]+) s: llamacloud job \S+ failed \(status ERROR\):"
        r" extraction failed on page 1 of 3",
        out,
    )
    assert failed is not None, out
    assert float(failed.group(1)) < 5.0
    # 3. Wickson: every item of the large batch exactly once, then its error summary.
    assert "100000/100000" in out
    assert re.search(r"100,000 items in 100 pages, each exactly once, [0-9,]+ failed", out)
    assert "error summary:" in out
    # 4. Overmind: the best iteration marked.
    assert "★ best" in out
    assert re.search(r"best iteration \S+ \(avg score [0-9.]+\)", out)
    # 5. wait_all over 100 new jobs, every one ending as planned.
    planned = Counter(options["outcome"] for _, options in plan_jobs(100, seed=1))
    assert f"100 jobs ended: {planned['failed']} failed, {planned['completed']} succeeded" in out
    # 6. Every response validated, none off its spec.
    checked = re.search(r"validated ([0-9,]+) responses against the specs: 0 violations", out)
    assert checked is not None
    assert int(checked.group(1).replace(",", "")) > 200
    lines = [line for line in out.splitlines() if line.strip()]
    repeated = [line for line in set(lines) if lines.count(line) > 1 and not line.startswith("│")]
    assert repeated == [], repeated  # each sentence said once
    assert out.count("responses against the specs") == 1
    assert re.search(r"demo finished in [0-9.]+ s: 6 of 6 steps passed", out)


def test_the_job_plan_spreads_jobs_and_failures_over_the_services() -> None:
    plan = plan_jobs(100, seed=1)
    assert Counter(service for service, _ in plan) == dict.fromkeys(SERVICES, 25)
    failing = {service for service, options in plan if options["outcome"] == "failed"}
    assert failing == set(SERVICES)  # LlamaCloud's too: its job says when it failed
    assert 5 <= sum(options["outcome"] == "failed" for _, options in plan) <= 30
    assert all(2 <= options["items"] <= 6 for _, options in plan)
    assert plan == plan_jobs(100, seed=1)


def test_a_failed_step_is_reported_and_the_demo_exits_with_check_failed(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def passes(demo: Demo, notes: list[str]) -> None:
        notes.append(f"the mock answers on {demo.server.url}")

    def finds_a_problem(demo: Demo, notes: list[str]) -> None:
        raise StepFailedError("3 jobs ended otherwise than planned")

    def hits_a_bug(demo: Demo, notes: list[str]) -> None:
        raise RuntimeError("boom")

    steps = (("first", passes), ("second", finds_a_problem), ("third", hits_a_bug))
    monkeypatch.setattr(_demo, "STEPS", steps)
    result = invoke(["demo"])
    assert result.exit_code == ExitCode.CHECK_FAILED
    out = result.stdout
    assert re.search(r"ok in [0-9.]+ s: the mock answers on http://127\.0\.0\.1:\d+", out)
    assert re.search(r"FAILED in [0-9.]+ s: 3 jobs ended otherwise than planned", out)
    assert re.search(r"FAILED in [0-9.]+ s: unexpected RuntimeError: boom", out)
    assert "demo finished in" in out
    assert "1 of 3 steps passed" in out
    assert result.stderr == "error: check failed: 2 of 3 demo steps failed: second; third\n"

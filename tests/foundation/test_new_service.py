"""A new service costs its spec: copied next to the shipped specs and generated, with no Python
edit it has a typed client (checked by mypy), a snapshot from its status enum, validation, the
mock serving its examples with 401 and 404, and a contract run that finds nothing.

The spec (tests/foundation/sixth/taskqueue.yaml) is not shipped; everything runs in a fresh
interpreter that sees the generated tree of the copy first and the copy's folder of specs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ._openapi import ROOT

SPEC = Path(__file__).parent / "sixth" / "taskqueue.yaml"
BIN = Path(sys.executable).parent
TIMEOUT = 300

USE = textwrap.dedent(
    """
    import jobresults
    from jobresults import JobState, snapshot, specs
    from jobresults.errors import AuthenticationError, NotFoundError
    from jobresults.mock import MockServer
    from jobresults.validate import validate_response
    from jobresults_api import taskqueue

    assert "taskqueue" in specs.services()
    with MockServer() as server:
        url, key = server.base_url("taskqueue"), server.api_key("taskqueue")
        assert url.endswith("/taskqueue")
        with taskqueue.Client(key, base_url=url) as client:
            task = client.get_task("task-0001", verbose=True)
            assert type(task).__name__ == "Task", type(task)
            assert task.status == "SUCCEEDED"
            assert task.items_done == 3
            taken = snapshot(client, "task-0001")
            assert taken.state is JobState.SUCCEEDED, taken
            assert taken.created_at is not None
            answer = client.get_task_response("task-0001")
            report = validate_response("taskqueue", "getTask", 200, answer.content, answer.headers)
            assert report.ok, report.violations
            try:
                client.get_task("task-0404")
            except NotFoundError as error:
                assert error.response.json() == {"error": "not found"}
            else:
                raise AssertionError("an unknown task was found")
            try:
                client.get_task("   ")
            except ValueError as error:
                assert "task_id" in str(error)
            else:
                raise AssertionError("an empty id was sent")
        with jobresults.client("taskqueue", "not-the-key", base_url=url) as stranger:
            try:
                stranger.get_task("task-0001")
            except AuthenticationError as error:
                assert error.response.json() == {"error": "unauthorized"}
            else:
                raise AssertionError("a wrong key was accepted")
        print(url)
        import sys

        sys.stdout.flush()
        input()  # the contract run goes on against this server, then says to stop
    """
)

TYPED = textwrap.dedent(
    """
    from typing import assert_type

    from jobresults_api import taskqueue
    from jobresults_structs.taskqueue import Task, TaskStatus

    def read(client: taskqueue.Client) -> TaskStatus:
        task = assert_type(client.get_task("task-0001", verbose=False), Task)
        return task.status
    """
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of openapi/ with the new spec, and the tree `make generate` writes from it."""
    work = tmp_path_factory.mktemp("new-service")
    specs, generated = work / "openapi", work / "generated"
    shutil.copytree(ROOT / "openapi", specs)
    shutil.copy(SPEC, specs)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate.py"),
            "--specs",
            str(specs),
            "--output",
            str(generated),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return specs, generated


def _environment(specs: Path, generated: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(generated), os.environ.get("PYTHONPATH", "")]),
        "JOBRESULTS_SPEC_PATH": str(specs),
    }


def test_generation_writes_the_new_service_beside_the_others(copy: tuple[Path, Path]) -> None:
    _, generated = copy
    for path in (
        "jobresults_api/taskqueue.py",
        "jobresults_structs/taskqueue.py",
        "jobresults_schemas/taskqueue.py",
        "jobresults_clients/taskqueue/__init__.py",
    ):
        assert (generated / path).is_file(), path
    assert (generated / "jobresults_api" / "wickson.py").read_bytes() == (
        ROOT / "generated" / "jobresults_api" / "wickson.py"
    ).read_bytes()


def test_the_new_service_works_end_to_end(copy: tuple[Path, Path], tmp_path: Path) -> None:
    specs, generated = copy
    environment = _environment(specs, generated)
    with subprocess.Popen(
        [sys.executable, "-c", USE],
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as use:
        try:
            assert use.stdout is not None
            url = use.stdout.readline().strip()
            assert url, use.stderr.read() if use.stderr else ""
            contract = subprocess.run(
                [
                    str(BIN / "jobresults"),
                    "contract",
                    "taskqueue",
                    "--base-url",
                    url,
                    "--max-examples",
                    "20",
                ],
                env=environment,
                cwd=tmp_path,  # schemathesis and hypothesis write caches where they run
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
            _, errors = use.communicate("\n", timeout=TIMEOUT)
        finally:
            if use.poll() is None:
                use.kill()
    assert use.returncode == 0, errors
    assert contract.returncode == 0, contract.stdout[-3000:] + contract.stderr[-3000:]
    assert "No issues found" in contract.stdout


def test_mypy_sees_the_typed_call(copy: tuple[Path, Path], tmp_path: Path) -> None:
    specs, generated = copy
    (tmp_path / "typed.py").write_text(TYPED)
    result = subprocess.run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--config-file",
            "/dev/null",
            "typed.py",
        ],
        cwd=tmp_path,
        env={
            **_environment(specs, generated),
            "MYPYPATH": os.pathsep.join([str(generated), str(ROOT / "overlays")]),
        },
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stdout + result.stderr

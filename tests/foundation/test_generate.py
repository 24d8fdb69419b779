"""Generation is deterministic and `generate.py --check` catches any drift of generated/.

Each generation takes seconds, so this module generates twice, in parallel, in one
module-scoped fixture: a second tree (compared with the committed one, and checked with
`--check --fresh`) and a check of edited specs (a changed description, a spec added, a spec
removed), which regenerates.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ._openapi import ROOT

SCRIPT = ROOT / "scripts" / "generate.py"
GENERATED = ROOT / "generated"
PACKAGES = ("jobresults_api", "jobresults_clients", "jobresults_schemas", "jobresults_structs")
TIMEOUT = 300

EDITED_FILE = "jobresults_structs/wickson.py"
EDITED_FROM, EDITED_TO = "class BatchResultsResponse(", "class BatchResultsResponsE("
SPEC_FROM = "description: The current page and how many pages there are."
SPEC_TO = "description: The current page and how many pages there are!"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Runs:
    second_tree: Path
    second: Run
    check_committed: Run
    check_edited_file: Run
    check_edited_spec: Run
    check_orphans: Run


def tree(root: Path) -> dict[str, bytes]:
    """`{relative path: bytes}` of the generated packages under `root`."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for package in PACKAGES
        for path in sorted((root / package).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    work = tmp_path_factory.mktemp("generate")
    edited_tree = work / "edited-generated"
    shutil.copytree(GENERATED, edited_tree, ignore=shutil.ignore_patterns("__pycache__"))
    edited = edited_tree / EDITED_FILE
    text = edited.read_text()
    assert text.count(EDITED_FROM) == 1
    edited.write_text(text.replace(EDITED_FROM, EDITED_TO))

    edited_specs = work / "edited-openapi"
    shutil.copytree(ROOT / "openapi", edited_specs)
    spec = edited_specs / "wickson.yaml"
    text = spec.read_text()
    assert text.count(SPEC_FROM) == 1
    spec.write_text(text.replace(SPEC_FROM, SPEC_TO))

    orphan_specs = work / "orphan-openapi"
    shutil.copytree(ROOT / "openapi", orphan_specs)
    (orphan_specs / "overmind.yaml").rename(orphan_specs / "sixth.yaml")

    second_tree = work / "second"
    fresh = ["--check", "--fresh", str(second_tree)]
    results = _run_all(
        {
            "second": ["--output", str(second_tree)],
            "check_edited_spec": ["--check", "--specs", str(edited_specs)],
        }
    )
    results |= _run_all(
        {
            "check_committed": fresh,
            "check_edited_file": [*fresh, "--output", str(edited_tree)],
            "check_orphans": ["--check", "--specs", str(orphan_specs)],
        }
    )
    return Runs(second_tree=second_tree, **results)


def _run_all(commands: dict[str, list[str]]) -> dict[str, Run]:
    """Run generate.py with each list of arguments, all at once; their outcomes by name."""
    processes = {
        name: subprocess.Popen(
            [sys.executable, str(SCRIPT), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in commands.items()
    }
    results: dict[str, Run] = {}
    try:
        for name, process in processes.items():
            stdout, stderr = process.communicate(timeout=TIMEOUT)
            results[name] = Run(process.returncode, stdout, stderr)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return results


def test_committed_tree_matches_the_specs(runs: Runs) -> None:
    assert runs.check_committed.returncode == 0, runs.check_committed.stdout
    assert "generated/ matches the specs" in runs.check_committed.stdout


def test_an_independent_run_is_byte_identical(runs: Runs) -> None:
    """The check regenerated once and matched generated/; a second run matches it too."""
    assert runs.second.returncode == 0, runs.second.stderr
    second, committed = tree(runs.second_tree), tree(GENERATED)
    assert sorted(second) == sorted(committed)
    differing = [path for path in committed if second[path] != committed[path]]
    assert differing == []


def test_generated_code_is_formatted(runs: Runs) -> None:
    second = tree(runs.second_tree)
    assert any(path.startswith("jobresults_clients/wickson/") for path in second)
    assert not any(".ruff_cache" in path for path in second)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "format", "--check", "--isolated", "."],
        cwd=runs.second_tree,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_shows_a_one_character_edit_as_a_diff(runs: Runs) -> None:
    run = runs.check_edited_file
    assert run.returncode == 1
    assert f"--- generated/{EDITED_FILE}" in run.stdout
    assert f"+++ regenerated/{EDITED_FILE}" in run.stdout
    assert f"-{EDITED_TO}" in run.stdout
    assert f"+{EDITED_FROM}" in run.stdout
    assert "run `make generate` and commit" in run.stdout
    changed = [line for line in run.stdout.splitlines() if line.startswith("--- ")]
    assert changed == [f"--- generated/{EDITED_FILE}"]


def test_check_shows_an_unregenerated_spec_change_as_a_diff(runs: Runs) -> None:
    run = runs.check_edited_spec
    assert run.returncode == 1
    assert "--- generated/jobresults_structs/wickson.py" in run.stdout
    assert "--- generated/jobresults_schemas/wickson.py" in run.stdout
    assert "--- generated/jobresults_clients/wickson/models/pagination.py" in run.stdout
    assert "how many pages there are!" in run.stdout
    changed = [line for line in run.stdout.splitlines() if line.startswith("--- ")]
    assert all("wickson" in line for line in changed), changed


def test_check_names_a_spec_without_code_and_code_without_a_spec(runs: Runs) -> None:
    run = runs.check_orphans
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "orphan-openapi/sixth.yaml has no generated code in generated/:" in run.stdout
    for package in ("jobresults_api/overmind.py", "jobresults_structs/overmind.py"):
        assert any(line.startswith(f"generated/{package} has no spec") for line in lines)


def test_a_number_that_would_decode_integers_as_floats_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # generate.py imports its sibling modules
    loader = importlib.util.spec_from_file_location("generate_script", SCRIPT)
    assert loader is not None
    assert loader.loader is not None
    script = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(script)
    schema = {
        "properties": {
            "score": {"type": "number"},
            "maybe": {"type": ["number", "null"]},
            "ratio": {"type": "number", "format": "double"},
            "count": {"type": ["integer", "number"]},
        },
        "anyOf": [{"type": "number"}],
    }
    assert script.inexact_numbers(schema) == [
        "#/properties/score",
        "#/properties/maybe",
        "#/anyOf/0",
    ]
    for spec_file in (ROOT / "openapi").glob("*.yaml"):  # the shipped specs say what each is
        assert script.inexact_numbers(script.yaml.safe_load(spec_file.read_text())) == []

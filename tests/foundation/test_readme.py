"""Every Python block of README.md type-checks under `mypy --strict` as written, and runs
against the mock (each block is self-contained: its imports, its data; the services' keys and
base URLs come from the environment, as the README says)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from jobresults import specs
from jobresults.mock import MockServer

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[tuple[int, str]]:
    """(line, code) of every Python block of the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(readme.count("\n", 0, m.start()) + 1, m.group(1)) for m in BLOCK.finditer(readme)]


BLOCKS = blocks()


def test_the_readme_has_python_blocks() -> None:
    assert len(BLOCKS) >= 6


def test_every_block_type_checks_strictly(tmp_path: Path) -> None:
    files = []
    for line, code in BLOCKS:
        file = tmp_path / f"readme_line_{line}.py"
        file.write_text(code, encoding="utf-8")
        files.append(str(file))
    # One run over every block (mypy starts slowly); the repository's cache makes it quick.
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(("line", "code"), BLOCKS, ids=[f"line{line}" for line, _ in BLOCKS])
def test_every_block_runs_against_the_mock(
    line: int,
    code: str,
    jobresults_mock: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for service in specs.services():
        facts = specs.service(service)
        monkeypatch.setenv(facts.api_key_env, jobresults_mock.api_key(service))
        monkeypatch.setenv(facts.base_url_env, jobresults_mock.base_url(service))
    exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.strip(), "the block printed nothing"

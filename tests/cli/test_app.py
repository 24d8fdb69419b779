"""The command line's shape: --help everywhere, --version, a --help that imports little."""

from __future__ import annotations

import subprocess
import sys

import jobresults
import pytest

from .conftest import Invoke

COMMANDS = ["get", "history", "batch-results", "demo"]


def test_version(invoke: Invoke) -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"jobresults {jobresults.__version__}\n"


def test_root_help_lists_the_commands(invoke: Invoke) -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(invoke: Invoke, command: str) -> None:
    result = invoke([command, "--help"])
    assert result.exit_code == 0
    assert f"Usage: jobresults {command}" in result.stdout
    assert "\x1b[" not in result.stdout


def test_fetching_commands_document_the_exit_codes(invoke: Invoke) -> None:
    for command in ["get", "history", "batch-results"]:
        text = " ".join(invoke([command, "--help"]).stdout.split())
        assert "3 auth, 4 not found, 5 rate limited, 6 server error, 7 network" in text


def test_help_imports_neither_httpx_nor_rich_nor_the_mock() -> None:
    code = (
        "import sys\n"
        "from jobresults.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('httpx', 'rich', 'jobresults.mock', 'msgspec')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "LOADED []" in out

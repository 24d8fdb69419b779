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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["frob"], "No such command 'frob'"),
        (["get"], "Missing argument 'SERVICE'"),
        (["get", "wickson", "x", "--timeout", "abc"], "Invalid value for '--timeout'"),
        (["history", "--per-page", "0"], "Invalid value for '--per-page'"),
        (["batch-results", "b", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_of_the_option_parser_are_one_line(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: invalid input: ")
    assert message in line
    assert line.endswith("--help)")


def test_no_arguments_print_the_help(invoke: Invoke) -> None:
    result = invoke([])
    assert result.exit_code == 0
    assert "Usage: " in result.stdout
    assert result.stderr == ""


def test_an_unexpected_error_is_one_line_too(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobresults import specs

    def broken() -> tuple[str, ...]:
        raise RuntimeError("the registry broke")

    monkeypatch.setattr(specs, "services", broken)
    result = invoke(["operations"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: error: unexpected RuntimeError: the registry broke (a bug: please report it;"
        " JOBRESULTS_LOG=debug shows the traceback)\n"
    )


def test_a_file_error_is_one_line(invoke: Invoke) -> None:
    result = invoke(
        [
            "proxy",
            "wickson",
            "--upstream",
            "http://127.0.0.1:9",
            "--port",
            "0",
            "--record",
            "/nonexistent/dir/x.har",
        ]
    )
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "error: invalid input: /nonexistent/dir/x.har: No such file or directory\n"
    )

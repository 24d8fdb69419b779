"""Color only on a terminal, and never when NO_COLOR is set."""

from __future__ import annotations

import io

import pytest
from jobresults._display import format_rate, item_progress
from jobresults.cli._console import PLAIN_WIDTH, color_enabled, make_console


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_needs_a_terminal_and_no_no_color() -> None:
    assert color_enabled(FakeTerminal(), environ={})
    assert not color_enabled(io.StringIO(), environ={})
    assert not color_enabled(FakeTerminal(), environ={"NO_COLOR": "1"})
    # no-color.org: an empty NO_COLOR does not count.
    assert color_enabled(FakeTerminal(), environ={"NO_COLOR": ""})


def test_a_console_off_a_terminal_writes_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    console = make_console()
    assert not console.is_terminal
    assert console.color_system is None
    assert console.width == PLAIN_WIDTH
    console.print("[bold red]plain[/]")
    assert capsys.readouterr().out == "plain\n"


def test_no_color_on_a_terminal_keeps_the_terminal_but_drops_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    console = make_console()
    assert console.is_terminal
    assert console.color_system is None
    console.print("[bold red]x[/]")
    assert "\x1b[31" not in terminal.getvalue()
    monkeypatch.delenv("NO_COLOR")
    colored = make_console()
    assert colored.color_system is not None
    colored.print("[red]x[/]")
    assert "\x1b[" in terminal.getvalue()


def test_the_progress_bar_prints_its_final_state_once_off_a_terminal() -> None:
    out = io.StringIO()
    from rich.console import Console

    progress = item_progress(Console(file=out, width=150, color_system=None))
    task = progress.add_task("batch b-1", total=2000)
    with progress:
        progress.update(task, completed=1000)
        progress.update(task, completed=2000)
    text = out.getvalue()
    assert text.count("batch b-1") == 1
    assert "2000/2000" in text
    assert "100%" in text
    assert "items/s" in text


def test_format_rate() -> None:
    assert format_rate(None) == "- items/s"
    assert format_rate(12.345) == "12.3 items/s"
    assert format_rate(12345.6, "jobs") == "12,346 jobs/s"

"""The rich consoles the commands write to: color only on a terminal and never with NO_COLOR."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

PLAIN_WIDTH = 120
"""The width of output that does not go to a terminal (a file, a pipe, a test)."""


def is_terminal(stream: IO[str]) -> bool:
    """True when `stream` is an interactive terminal."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


def color_enabled(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is a terminal and NO_COLOR is unset or empty (see no-color.org)."""
    env = os.environ if environ is None else environ
    return not env.get("NO_COLOR") and is_terminal(stream)


def make_console(*, stderr: bool = False) -> Console:
    """A console on stdout (or stderr), colored only when `color_enabled` says so.

    Off a terminal it neither colors nor animates and writes `PLAIN_WIDTH` columns. Created
    per command run, so that it writes to the streams of that run.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = is_terminal(stream)
    color = color_enabled(stream)
    return Console(
        file=stream,
        color_system="auto" if color else None,
        no_color=not color,
        force_terminal=terminal,
        highlight=False,
        emoji=False,
        width=None if terminal else PLAIN_WIDTH,
    )

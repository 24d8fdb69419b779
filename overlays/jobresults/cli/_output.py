"""Writing results: a readable summary per service, or the typed result as JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._console import is_terminal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def summary(service: str, result: Any) -> RenderableType:
    """The readable summary of a service's typed result: the summary its type has, or the
    result as indented JSON."""
    from . import _summaries

    return _summaries.summary_of(result)


def json_bytes(value: Any, *, indent: int = 0) -> bytes:
    """`value` (a typed result, or lists and dicts of them) as JSON."""
    import msgspec

    encoded = msgspec.json.encode(value)
    return msgspec.json.format(encoded, indent=indent) if indent else encoded


def print_json(value: Any) -> None:
    """Print `value` as JSON on stdout: indented on a terminal, compact otherwise."""
    text = json_bytes(value, indent=2 if is_terminal(sys.stdout) else 0).decode()
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def print_summary(console: Console, service: str, result: Any) -> None:
    """Print the readable summary of `result` on `console`."""
    console.print(summary(service, result))

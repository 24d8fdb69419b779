"""Registers the fetching commands (get, history, batch-results, demo) on the Typer app."""

from __future__ import annotations

import typer

from ._batch_results import batch_results
from ._demo import demo
from ._exit_codes import EXIT_CODES_HELP
from ._get import get
from ._history import history


def register(app: typer.Typer) -> None:
    """Add the commands to `app`; each imports the clients, rich and the mock only when run."""
    app.command("get", epilog=EXIT_CODES_HELP)(get)
    app.command("history", epilog=EXIT_CODES_HELP)(history)
    app.command("batch-results", epilog=EXIT_CODES_HELP)(batch_results)
    app.command("demo")(demo)

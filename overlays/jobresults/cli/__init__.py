"""The `jobresults` command line (`pip install 'jobresults[cli]'`).

`app` (the Typer application) loads on first use, so that without the extra, `jobresults`
still says in one line what to install.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .._extras import MissingExtraError, require

if TYPE_CHECKING:
    from ._app import app

MISSING_EXTRA_EXIT_CODE = 2
"""The exit code of `jobresults` run without the `cli` extra (a usage error: install it)."""


def main() -> None:
    """Run the `jobresults` command."""
    try:
        require("cli", "the jobresults command")
    except MissingExtraError as error:
        sys.stderr.write(f"error: missing extra: {error}\n")
        raise SystemExit(MISSING_EXTRA_EXIT_CODE) from None
    from ._app import app

    app()


def __getattr__(name: str) -> Any:
    if name == "app":
        require("cli", "the jobresults command")
        from ._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]

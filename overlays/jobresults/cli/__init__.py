"""The `jobresults` command line."""

from __future__ import annotations

from ._app import app


def main() -> None:
    """Run the `jobresults` command."""
    app()


__all__ = ["app", "main"]

"""The Typer application behind `jobresults`; each command imports what it needs when it runs."""

from __future__ import annotations

import typer

from .. import __version__
from ._commands import register as register_fetching_commands
from ._mock import mock
from ._proxy import proxy
from ._validate import register as register_validation_commands

app = typer.Typer(
    name="jobresults",
    help="Fetch, follow and validate the results of Modzy, LlamaCloud, Wickson and Overmind jobs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: `jobresults --help` does not import rich
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"jobresults {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version."
    ),
    verbose: int = typer.Option(
        0,
        "--verbose",
        "-v",
        count=True,
        help="Log to stderr what the command does: -v each request, retry and change of"
        " state, -vv more (as JOBRESULTS_LOG=info or debug does). API keys are never logged.",
    ),
) -> None:
    """Fetch, follow and validate the results of jobs of four AI services."""
    if verbose:
        from .. import _logging

        already = _logging.handler() is not None
        _logging.enable("info" if verbose == 1 else "debug")
        if not already:  # in-process runs (tests) get the logging they had back
            ctx.call_on_close(_logging.disable)


@app.command()
def operations() -> None:
    """List the operations of every spec shipped with the package."""
    from .. import specs

    for service in specs.services():
        for operation_id, (method, template) in specs.operations(service).items():
            typer.echo(f"{service:<11} {operation_id:<24} {method} {template}")


register_fetching_commands(app)
app.command("mock")(mock)
app.command("proxy")(proxy)
register_validation_commands(app)

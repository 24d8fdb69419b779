"""The Typer application behind `jobresults`; each command imports what it needs when it runs."""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import exceptions as parser_errors  # typer's own copy of click's errors
from typer.core import TyperGroup

from .. import __version__
from ._commands import register as register_fetching_commands
from ._mock import mock
from ._proxy import proxy
from ._validate import register as register_validation_commands


class OneLineErrors(TyperGroup):
    """The root command, whose option parser keeps the command line's rule: a usage error is
    one line on stderr, `error: usage: ...` (with a hint of `--help`), and exit code 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from ._exit_codes import ExitCode, kind, one_line

        try:
            # Not standalone, click returns what the command returned or the code it exited with.
            returned = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except parser_errors.NoArgsIsHelpError as shown:  # `jobresults` alone: the help
            typer.echo(shown.ctx.get_help())
            code = 0
        except parser_errors.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "jobresults"
            message = f"{error.format_message()} (see {where} --help)"
            typer.echo(one_line(f"error: {kind(ExitCode.USAGE)}: {message}"), err=True)
            code = int(ExitCode.USAGE)
        except parser_errors.ClickException as error:
            typer.echo(
                one_line(f"error: {kind(ExitCode.USAGE)}: {error.format_message()}"), err=True
            )
            code = error.exit_code
        except typer.Abort:
            typer.echo("interrupted", err=True)
            code = 130
        except OSError as error:  # a file a command could not read or write
            full = error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            where = (
                f"{error.filename}: "
                if error.filename
                else "cannot write the output: "
                if full
                else ""
            )
            reason = error.strerror or str(error)
            typer.echo(one_line(f"error: {kind(ExitCode.USAGE)}: {where}{reason}"), err=True)
            code = int(ExitCode.USAGE)
        except Exception as error:  # a bug: still one line (the traceback goes to the log)
            from .._logging import logger, masked

            logger.debug("unexpected error", exc_info=True)
            line = (
                f"error: {kind(ExitCode.ERROR)}: unexpected {type(error).__name__}: {error}"
                " (a bug: please report it; JOBRESULTS_LOG=debug shows the traceback)"
            )
            typer.echo(one_line(masked(line)), err=True)
            code = int(ExitCode.ERROR)
        else:
            if not standalone_mode:
                return returned
            code = returned if isinstance(returned, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="jobresults",
    cls=OneLineErrors,
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

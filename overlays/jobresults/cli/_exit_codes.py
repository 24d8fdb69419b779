"""How the command line reports a failure: one line on stderr and an exit code per kind.

    code  kind               when
    0     ok                 the command did what was asked (with --wait: the job succeeded)
    1     error              anything else that went wrong (a bug: please report it)
    2     usage              a bad option or argument, a missing API key, an id the spec refuses
    3     auth               the service refused the API key (401, 403)
    4     not found          no such job, batch or result (404)
    5     rate limited       still 429 after the retries
    6     server             the service failed (5xx), still after the retries
    7     network            no connection, a reset or a timeout, still after the retries
    8     invalid response   a 2xx body (or an item in it) that is not the documented shape
    9     wait timed out     `--wait` gave up before the job ended
    10    rejected           any other 4xx (400, 409, 422, ...)
    11    check failed       responses off their spec: `validate` found violations,
                             `contract` failed checks, the demo a failed step
    12    job failed         `--wait` saw the job end failed or cancelled (the service's text)
    13    could not test     `contract` could not test the server (unreachable, refused, ...)

The modules here import `jobresults.errors` (and so httpx) only when an error is reported.
"""

from __future__ import annotations

import enum
import errno
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer


class ExitCode(enum.IntEnum):
    """The exit codes of `jobresults`, one per kind of failure (see the module's table)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    AUTH = 3
    NOT_FOUND = 4
    RATE_LIMITED = 5
    SERVER = 6
    NETWORK = 7
    INVALID_RESPONSE = 8
    WAIT_TIMEOUT = 9
    REJECTED = 10
    CHECK_FAILED = 11
    JOB_FAILED = 12
    NOT_TESTED = 13


EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 rate limited, 6 server error,"
    " 7 network, 8 invalid response, 9 wait timed out, 10 request rejected, 11 check failed,"
    " 12 job failed, 13 could not test."
)
"""The exit code table in one paragraph, for `--help` epilogs."""

_KIND = {
    ExitCode.ERROR: "error",
    ExitCode.USAGE: "invalid input",
    ExitCode.AUTH: "authentication failed",
    ExitCode.NOT_FOUND: "not found",
    ExitCode.RATE_LIMITED: "rate limited",
    ExitCode.SERVER: "server error",
    ExitCode.NETWORK: "network error",
    ExitCode.INVALID_RESPONSE: "invalid response",
    ExitCode.WAIT_TIMEOUT: "timed out",
    ExitCode.REJECTED: "request rejected",
    ExitCode.CHECK_FAILED: "check failed",
    ExitCode.JOB_FAILED: "job failed",
    ExitCode.NOT_TESTED: "could not test",
}


def kind(code: ExitCode) -> str:
    """The words that start the error line of `code`, e.g. "authentication failed"."""
    return _KIND.get(code, "error")


def classify(error: BaseException) -> ExitCode:
    """The exit code that reports `error`."""
    from .. import errors

    if isinstance(error, errors.AuthenticationError | errors.PermissionDeniedError):
        return ExitCode.AUTH
    if isinstance(error, errors.NotFoundError):
        return ExitCode.NOT_FOUND
    if isinstance(error, errors.RateLimitError):
        return ExitCode.RATE_LIMITED
    if isinstance(error, errors.APIStatusError):
        return ExitCode.SERVER if error.status_code >= 500 else ExitCode.REJECTED
    if isinstance(error, errors.APIConnectionError):
        return ExitCode.NETWORK
    if isinstance(error, errors.ResponseParseError | errors.ItemFormatError):
        return ExitCode.INVALID_RESPONSE
    if isinstance(error, errors.WaitTimeoutError):
        return ExitCode.WAIT_TIMEOUT
    if isinstance(error, errors.JobFailedError):
        return ExitCode.JOB_FAILED
    if isinstance(error, ValueError):
        return ExitCode.USAGE
    return ExitCode.ERROR


def one_line(text: str, limit: int = 400) -> str:
    """`text` on a single line (whitespace runs collapsed), cut at `limit` characters."""
    line = re.sub(r"\s+", " ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def as_typed(message: str) -> str:
    """`message` with the Python names of the running command's parameters, as the clients'
    errors say them (`start_date must be ...`, `allow_insecure_http=True`), turned into the
    options the user types (`--start-date must be ...`, `--allow-insecure-http`)."""
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    if context is None:
        return message
    for parameter in context.command.params:
        options = [opt for opt in parameter.opts if opt.startswith("--")]
        if not options or parameter.name is None:
            continue
        name, option = parameter.name, options[0]
        message = re.sub(rf"\b{re.escape(name)}=(True|False|\S+)", option, message)
        if message.startswith(f"{name} "):
            message = option + message[len(name) :]
    return message


def error_line(error: BaseException) -> str:
    """The line that reports `error`: its kind, then what happened."""
    code = classify(error)
    message = str(error) or type(error).__name__
    if isinstance(error, ValueError):
        message = as_typed(message)
    hint = ""
    from .. import errors

    if isinstance(error, errors.RateLimitError) and error.retry_after is not None:
        hint = f" (the service asks to retry after {error.retry_after:g} s)"
    return one_line(f"error: {kind(code)}: {message}{hint}")


def fail(message: str, code: ExitCode) -> NoReturn:
    """Print `error: <kind>: <message>` on stderr and exit with `code`."""
    typer.echo(one_line(f"error: {kind(code)}: {message}"), err=True)
    raise typer.Exit(int(code))


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn the package's errors (and invalid input) into one line on stderr and an exit code."""
    from .. import errors

    try:
        yield
    except (errors.JobResultsError, ValueError) as error:
        typer.echo(error_line(error), err=True)
        raise typer.Exit(int(classify(error))) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        _silence_stdout()
        raise typer.Exit(int(ExitCode.OK)) from None
    except OSError as error:  # a file that cannot be read or written: a usage error
        full = error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
        where = (
            f"{error.filename}: " if error.filename else "cannot write the output: " if full else ""
        )
        typer.echo(
            one_line(f"error: {kind(ExitCode.USAGE)}: {where}{error.strerror or error}"), err=True
        )
        raise typer.Exit(int(ExitCode.USAGE)) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

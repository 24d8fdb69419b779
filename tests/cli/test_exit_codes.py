"""Each kind of failure is one line on stderr and its own exit code."""

from __future__ import annotations

import httpx
import pytest
import typer
from jobresults import errors
from jobresults.cli._exit_codes import (
    EXIT_CODES_HELP,
    ExitCode,
    classify,
    error_line,
    one_line,
    reporting_errors,
)
from typer.testing import CliRunner

URL = "http://127.0.0.1:9/wickson/v1/batches/b-1/results"


def response(status: int, **kwargs: object) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("GET", URL), **kwargs)  # type: ignore[arg-type]


def status_error(cls: type[errors.APIStatusError], status: int) -> errors.APIStatusError:
    return cls(f"GET {URL} -> {status}", response=response(status))


CASES = [
    (status_error(errors.AuthenticationError, 401), ExitCode.AUTH, "authentication failed"),
    (status_error(errors.PermissionDeniedError, 403), ExitCode.AUTH, "authentication failed"),
    (status_error(errors.NotFoundError, 404), ExitCode.NOT_FOUND, "not found"),
    (
        errors.RateLimitError(f"GET {URL} -> 429", response=response(429), retry_after=3.0),
        ExitCode.RATE_LIMITED,
        "rate limited",
    ),
    (status_error(errors.InternalServerError, 503), ExitCode.SERVER, "server error"),
    (status_error(errors.BadRequestError, 400), ExitCode.REJECTED, "request rejected"),
    (status_error(errors.APIStatusError, 418), ExitCode.REJECTED, "request rejected"),
    (
        errors.APIConnectionError(f"GET {URL}: ConnectError", request=httpx.Request("GET", URL)),
        ExitCode.NETWORK,
        "network error",
    ),
    (
        errors.APITimeoutError(f"GET {URL}: timed out", request=httpx.Request("GET", URL)),
        ExitCode.NETWORK,
        "network error",
    ),
    (
        errors.ResponseParseError(
            f"GET {URL}: not JSON", response=response(200, content=b"{"), reason="not JSON"
        ),
        ExitCode.INVALID_RESPONSE,
        "invalid response",
    ),
    (
        errors.WaitTimeoutError("job j did not finish", last=None, elapsed=1.0),
        ExitCode.WAIT_TIMEOUT,
        "timed out",
    ),
    (
        errors.JobFailedError("llamacloud job j failed (status ERROR): no pages", error="no pages"),
        ExitCode.JOB_FAILED,
        "job failed",
    ),
    (ValueError("id 'x' is not a UUID"), ExitCode.USAGE, "invalid input"),
    (errors.ResultsError("item failed", source="0001", error="x"), ExitCode.ERROR, "error"),
]


@pytest.mark.parametrize(("error", "code", "words"), CASES)
def test_each_error_kind_has_its_exit_code_and_words(
    error: Exception, code: ExitCode, words: str
) -> None:
    assert classify(error) is code
    line = error_line(error)
    assert line.startswith(f"error: {words}: ")
    assert str(error) in line


def test_the_exit_codes_are_distinct_and_documented() -> None:
    kinds = [code for _, code, _ in CASES]
    assert len({ExitCode.AUTH, ExitCode.NOT_FOUND, ExitCode.RATE_LIMITED, ExitCode.SERVER}) == 4
    assert len({int(code) for code in ExitCode}) == len(ExitCode)
    for code in set(kinds):
        assert f"{int(code)} " in EXIT_CODES_HELP


def test_rate_limit_line_says_when_to_retry() -> None:
    error = errors.RateLimitError("GET x -> 429", response=response(429), retry_after=3.0)
    assert error_line(error).endswith("(the service asks to retry after 3 s)")


def test_one_line_collapses_newlines_and_cuts_long_messages() -> None:
    assert one_line("a\n  b\tc\n") == "a b c"
    assert len(one_line("x" * 1000, limit=50)) == 50


def test_reporting_errors_prints_one_line_without_traceback() -> None:
    app = typer.Typer()

    @app.command()
    def boom(kind: str) -> None:
        with reporting_errors():
            if kind == "auth":
                raise status_error(errors.AuthenticationError, 401)
            raise ValueError("line one\nline two")

    runner = CliRunner()
    result = runner.invoke(app, ["auth"])
    assert result.exit_code == ExitCode.AUTH
    assert result.stderr.strip() == f"error: authentication failed: GET {URL} -> 401"
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["value"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "error: invalid input: line one line two\n"

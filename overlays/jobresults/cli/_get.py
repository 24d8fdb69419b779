"""`jobresults get SERVICE ID`: fetch a job's results, or follow the job to its end first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._clients import open_client
from ._exit_codes import ExitCode, fail, reporting_errors
from ._options import (
    AllowInsecureHttpOption,
    ApiKeyOption,
    BaseUrlOption,
    JsonOption,
    MaxRetriesOption,
)

if TYPE_CHECKING:
    from rich.console import Console

    from .._snapshot import JobSnapshot

DEFAULT_WAIT_TIMEOUT = 600.0


def fetch(client: Any, job_id: str) -> Any:
    """A job's current typed result, fetched once by the operation its spec's job rule names,
    with the job's id alone (a Wickson batch: its first page, at the server's page size)."""
    from .._snapshot import job_rule

    rule, operation = job_rule(client)
    return client._request(operation, client.job_model, {rule.id_parameter: job_id}, {}).parsed


def follow(
    client: Any, job_id: str, *, timeout: float, console: Console
) -> tuple[JobSnapshot, JobSnapshot | None]:
    """Follow one job to its end with a progress bar on `console`; return its last status and
    the last status a poll read (None if none did: a wait that timed out is TIMED_OUT, and
    what the service last said is in the second).

    A polling error (after the client's retries) is raised, and so is the 404 of an unknown
    job: at once, also where the service shows new jobs late, when the rule's lookup says so
    (Modzy's job details), else once it lasts beyond the grace the rule gives; a job still
    running at `timeout` comes back TIMED_OUT.
    """
    from .. import wait_all
    from .._display import item_progress
    from .._snapshot import job_rule

    service = client.service.name
    rule, _ = job_rule(client)
    progress = item_progress(console, rule.unit)
    task = progress.add_task(f"{service} {job_id}", total=None)

    polled: list[JobSnapshot] = []

    def update(status: JobSnapshot) -> None:
        polled[:] = [status]
        done = status.completed + status.failed
        total = status.total if status.total is not None else (done if status.is_terminal else None)
        progress.update(task, completed=done, total=total)

    with progress:
        [status] = wait_all(
            [(client, job_id)],
            timeout=timeout,
            on_update=update,
            not_found_grace=rule.not_found_grace,
        )
    if status.error is not None and status.state != "timed_out":
        raise status.error
    return status, (polled[0] if polled else None)


def get(
    service: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="The job's service (`jobresults specs` lists them: modzy, wickson, ...).",
        ),
    ],
    job_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The job's id (for Wickson, the batch's id)."),
    ],
    wait: Annotated[
        bool,
        typer.Option(
            "--wait",
            help="Follow the job to its end with a progress bar first (exit code 12 if it fails).",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="S",
            min=0.0,
            help="With --wait, give up after S seconds (exit code 9).",
        ),
    ] = DEFAULT_WAIT_TIMEOUT,
    as_json: JsonOption = False,
    api_key: ApiKeyOption = None,
    base_url: BaseUrlOption = None,
    max_retries: MaxRetriesOption = None,
    allow_insecure_http: AllowInsecureHttpOption = False,
) -> None:
    """Fetch a job's results and print a readable summary (or, with --json, the typed result).

    Modzy: each item's status and outputs. LlamaCloud: the extracted records (or, for a job
    without a result yet, the job's status and error). Wickson: the batch's completion and
    error summary. Overmind: the iterations with their scores, the best one marked. With
    --wait, a job that ends failed or cancelled is printed as last seen, then its failure
    (exit code 12).
    """
    from ._console import make_console

    name = service
    with reporting_errors():
        client = open_client(
            name,
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        with client:
            if wait:
                status, polled = follow(
                    client, job_id, timeout=timeout, console=make_console(stderr=True)
                )
                if status.state == "timed_out":
                    _timed_out(name, job_id, timeout, status, polled, as_json)
                _failed(client, status, as_json)
                result = finished(client, status)
            else:
                result = current(client, job_id)
        _print(name, result, as_json)  # a result a summary cannot show is reported too


def finished(client: Any, status: JobSnapshot) -> Any:
    """What `get --wait` prints for a job that ended well: its result, where the spec's job
    rule names the operation that returns it (LlamaCloud's records); else the job as last
    polled, or fetched again when the poll took only part of it (a Wickson batch's first
    item)."""
    from .._snapshot import finished_result

    rule = client.job_rule
    if rule.result_operation is None and rule.arguments:
        return fetch(client, status.job_id)
    return finished_result(client, status)


def current(client: Any, job_id: str) -> Any:
    """What `get` prints without --wait: the job's result if it has one now, where the spec's
    job rule reads the job and its result apart (LlamaCloud); else the job as it is now."""
    from .._snapshot import JobState, finished_result, snapshot

    if client.job_rule.result_operation is None:
        return fetch(client, job_id)
    status = snapshot(client, job_id, tolerate_not_found=False)
    if status.state is JobState.SUCCEEDED:
        return finished_result(client, status)
    return status.result


def _failed(client: Any, status: JobSnapshot, as_json: bool) -> None:
    """If the job ended failed or cancelled: print it as last seen, then its failure (the
    service's text) on stderr, and exit with the "job failed" code."""
    from .._snapshot import failure

    error = failure(client, status)
    if error is None:
        return
    if status.result is not None:
        _print(status.service, status.result, as_json)
    fail(error.message, ExitCode.JOB_FAILED)


def _print(service: str, result: Any, as_json: bool) -> None:
    from ._console import make_console
    from ._output import print_json, print_summary

    if as_json:
        print_json(result)
    else:
        print_summary(make_console(), service, result)


def _timed_out(
    service: str,
    job_id: str,
    timeout: float,
    status: JobSnapshot,
    polled: JobSnapshot | None,
    as_json: bool,
) -> None:
    """Print the job as last polled (as JSON with --json), then the wait's timeout line:
    the last state a poll read, and how much was done then."""
    if status.result is not None:
        _print(service, status.result, as_json)
    if polled is None:
        seen = "no poll answered: nothing seen"
    else:
        seen = f"last seen {polled.state.value}, {polled.completed + polled.failed:,}"
        if polled.total is not None:
            seen += f" of {polled.total:,}"
        seen += " done"
    why = ""
    if status.error is not None:
        from .._deadline import deadline_reason

        why = f": {deadline_reason(status.error) or status.error}"
    fail(
        f"{service} job {job_id} did not end within {timeout:g} s ({seen}){why}",
        ExitCode.WAIT_TIMEOUT,
    )

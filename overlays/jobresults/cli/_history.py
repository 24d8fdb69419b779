"""`jobresults history`: Modzy's job history, filtered, across as many pages as it takes."""

from __future__ import annotations

import contextlib
import enum
import itertools
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._clients import open_client
from ._exit_codes import reporting_errors
from ._options import (
    AllowInsecureHttpOption,
    ApiKeyOption,
    BaseUrlOption,
    JsonOption,
    MaxRetriesOption,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

DEFAULT_LIMIT = 50


class HistoryStatus(enum.StrEnum):
    """The statuses Modzy's job history filters on."""

    ALL = "all"
    PENDING = "pending"
    TERMINATED = "terminated"
    TIMEDOUT = "timedout"


class Direction(enum.StrEnum):
    """The sort directions of Modzy's job history."""

    ASC = "asc"
    DESC = "desc"


def _model_name(model: Any) -> str:
    if not isinstance(model, dict):
        return "-"
    name = model.get("name") or model.get("identifier")
    version = model.get("version")
    if not name:
        return "-"
    return f"{name} {version}" if version else str(name)


def history_table(jobs: Sequence[Any], *, more: bool) -> RenderableType:
    """Jobs of Modzy's history as a table (id, status, created, items, model)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ._summaries import count, timestamp

    table = Table("job", "status", "created", "completed", "failed", "total", "model")
    for column in (table.columns[0], table.columns[2]):
        column.no_wrap = True
    for job in jobs:
        model = job.model
        table.add_row(
            job.job_identifier,
            job.status,
            timestamp(job.created_at),
            f"{job.completed:,}",
            f"{job.failed:,}",
            f"{job.total:,}",
            _model_name(model),
        )
    footer = f"{count(len(jobs), 'job')}"
    if more:
        footer += " shown; more match (raise --limit, or --limit 0 for all)"
    parts: list[RenderableType] = [table] if jobs else []
    parts.append(Text(footer if jobs else "no jobs match"))
    return Group(*parts)


HISTORY_OPERATION = "getJobHistory"


def largest_page_size(
    operations: Sequence[Any], operation_id: str = HISTORY_OPERATION
) -> int | None:
    """The largest `per_page` the spec allows for the history (its parameter's `maximum`), or
    None when the spec sets no bound (then the server's default page size is used)."""
    for operation in operations:
        if operation.operation_id == operation_id:
            try:
                maximum = operation.parameter("per_page").maximum
            except KeyError:
                return None
            return int(maximum) if isinstance(maximum, int | float) and maximum >= 1 else None
    return None


def history(
    status: Annotated[
        HistoryStatus | None,
        typer.Option(
            "--status", help="Only jobs in this status (default: all).", show_default=False
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", metavar="MODEL", help="Only jobs of this model.", show_default=False
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", metavar="USER", help="Only jobs of this user.", show_default=False),
    ] = None,
    access_key: Annotated[
        str | None,
        typer.Option(
            "--access-key",
            metavar="KEY",
            help="Only jobs submitted with this access key.",
            show_default=False,
        ),
    ] = None,
    start_date: Annotated[
        str | None,
        typer.Option(
            "--start-date",
            metavar="ISO8601",
            help="Only jobs created at or after this time.",
            show_default=False,
        ),
    ] = None,
    end_date: Annotated[
        str | None,
        typer.Option(
            "--end-date",
            metavar="ISO8601",
            help="Only jobs created at or before this time.",
            show_default=False,
        ),
    ] = None,
    sort_by: Annotated[
        str | None,
        typer.Option(
            "--sort-by",
            metavar="FIELD",
            help="The job field to sort by, e.g. createdAt.",
            show_default=False,
        ),
    ] = None,
    direction: Annotated[
        Direction | None,
        typer.Option("--direction", help="The sort direction.", show_default=False),
    ] = None,
    per_page: Annotated[
        int | None,
        typer.Option(
            "--per-page",
            min=1,
            metavar="N",
            help="Jobs per request (default: the server's; with --limit 0, the largest the spec"
            " allows, where it sets a maximum).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, metavar="N", help="Show at most N jobs (0: all)."),
    ] = DEFAULT_LIMIT,
    as_json: JsonOption = False,
    api_key: ApiKeyOption = None,
    base_url: BaseUrlOption = None,
    max_retries: MaxRetriesOption = None,
    allow_insecure_http: AllowInsecureHttpOption = False,
) -> None:
    """List Modzy's job history: the jobs that match the filters, across every page."""
    from ._console import make_console
    from ._output import print_json

    filters: dict[str, Any] = {
        "status": status.value if status is not None else None,
        "model": model,
        "user": user,
        "access_key": access_key,
        "start_date": start_date,
        "end_date": end_date,
        "sort_by": sort_by,
        "direction": direction.value if direction is not None else None,
        "per_page": per_page,
    }
    given = {name: value for name, value in filters.items() if value is not None}
    with reporting_errors():
        client = open_client(
            "modzy",
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        with client:
            if limit == 0 and per_page is None:  # every match: as few requests as allowed
                largest = largest_page_size(type(client).operations)
                if largest is not None:
                    given["per_page"] = largest
            stop = None if limit == 0 else limit + 1
            with contextlib.closing(client.jobs.history(**given)) as jobs_iter:
                jobs = list(itertools.islice(jobs_iter, stop))
    more = limit != 0 and len(jobs) > limit
    if more:
        jobs = jobs[:limit]
    if as_json:
        print_json(jobs)
    else:
        make_console().print(history_table(jobs, more=more))

"""Readable summaries of the services' typed results, as rich renderables.

Each function takes a typed result and returns what to print; none of them does I/O, so they
are tested by rendering them to text (`to_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import msgspec
from jobresults_structs import wickson as wickson_structs
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import ItemFormatError
from ..llamacloud import ExtractionJob, ExtractionResult
from ..modzy import Result
from ..overmind import Job as OvermindJob

MAX_ROWS = 20
"""Rows a summary table shows before it says how many more there are."""
MAX_VALUE_CHARS = 80
"""Characters of a JSON value a table cell shows."""
BEST_MARKER = "★ best"
"""What marks the best iteration of an Overmind job."""


def to_text(renderable: RenderableType, width: int = 120) -> str:
    """`renderable` as plain text (no color, no control codes)."""
    console = Console(width=width, color_system=None, force_terminal=False, record=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def compact_json(value: Any, limit: int = MAX_VALUE_CHARS) -> str:
    """`value` as compact JSON, cut at `limit` characters."""
    text = value if isinstance(value, str) else msgspec.json.encode(value).decode()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count(n: int, noun: str) -> str:
    """`n` and `noun`, pluralized with an s: "1 item", "1,000 items"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def timestamp(value: datetime | None) -> str:
    """A timestamp as the server sent it (RFC 3339): its offset kept (UTC as Z) and its
    fraction of a second at the precision it had, e.g. "2024-12-18T10:00:00Z",
    "2024-12-18T10:00:00.123Z", "2024-12-18T11:00:00+01:00"; or "-"."""
    if value is None:
        return "-"
    if not value.microsecond:
        spec = "seconds"
    elif value.microsecond % 1000 == 0:
        spec = "milliseconds"
    else:
        spec = "microseconds"
    text = value.isoformat(timespec=spec)
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _more(shown: int, total: int, noun: str) -> Text | None:
    if total <= shown:
        return None
    left = total - shown
    plural = "" if left == 1 else "s"
    return Text(f"… and {left:,} more {noun}{plural} (use --json for all)")


def _heading(text: str) -> Text:
    return Text(text, style="bold")


# Modzy


def _modzy_status(result: Result, key: str) -> str:
    try:
        status = result.item(key).status
    except ItemFormatError:  # the item is shown as it came, its status unknown
        return "-"
    return status if isinstance(status, str) else "-"


def modzy_summary(result: Result, max_rows: int = MAX_ROWS) -> RenderableType:
    """A Modzy result: whether it finished, its counts, and each item's status and outputs."""
    state = "finished" if result.finished else "running"
    head = _heading(
        f"Modzy job {result.job_identifier}: {state}, {result.completed:,} completed, "
        f"{result.failed:,} failed of {count(result.total, 'item')}"
    )
    table = Table("item", "status", "outputs", expand=False)
    sources = sorted(result.sources)
    for key in sources[:max_rows]:
        if key in result.results:
            outputs = result.get_source_outputs(key)
            cell = "\n".join(f"{name}: {compact_json(value)}" for name, value in outputs.items())
            table.add_row(key, _modzy_status(result, key), cell or "-")
        else:
            try:
                failure = result.failure(key)
            except ItemFormatError:
                failures = result.failures if isinstance(result.failures, dict) else {}
                table.add_row(key, "FAILED", f"error: {compact_json(failures.get(key))}")
                continue
            status = failure.status if isinstance(failure.status, str) else "FAILED"
            table.add_row(key, status, f"error: {compact_json(failure.error)}")
    parts: list[RenderableType] = [head, table if sources else Text("no item results yet")]
    more = _more(min(len(sources), max_rows), len(sources), "item")
    if more is not None:
        parts.append(more)
    return Group(*parts)


# LlamaCloud


def _columns(records: Iterable[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for record in records:
        seen.update(dict.fromkeys(record))
    return list(seen)


def llamacloud_summary(result: ExtractionResult, max_rows: int = MAX_ROWS) -> RenderableType:
    """A LlamaCloud extraction result: its run, its agent and the extracted records."""
    records = result.records()
    head = _heading(
        f"LlamaCloud extraction run {result.run_id} (agent {result.extraction_agent_id}): "
        f"{count(len(records), 'record')}"
    )
    parts: list[RenderableType] = [head]
    if records:
        columns = _columns(records)
        table = Table("#", *columns)
        for index, record in enumerate(records[:max_rows], start=1):
            cells = [compact_json(record[c]) if c in record else "-" for c in columns]
            table.add_row(str(index), *cells)
        parts.append(table)
        more = _more(min(len(records), max_rows), len(records), "record")
        if more is not None:
            parts.append(more)
    else:
        parts.append(Text("no records extracted"))
    if result.extraction_metadata:
        metadata = ", ".join(
            f"{key}: {compact_json(value, 40)}" for key, value in result.extraction_metadata.items()
        )
        parts.append(Text(f"metadata: {metadata}"))
    return Group(*parts)


def llamacloud_job_summary(job: ExtractionJob) -> RenderableType:
    """A LlamaCloud extraction job (one without a result to show): its status, its error, its
    file and its agent."""
    status = getattr(job.status, "value", job.status)
    parts: list[RenderableType] = [_heading(f"LlamaCloud extraction job {job.id}: {status}")]
    error = job.error
    if error:
        parts.append(Text(f"error: {error}"))
    file = job.file
    if file is not None:
        size = file.file_size
        shown = f" ({size:,} bytes)" if isinstance(size, int) else ""
        parts.append(Text(f"file: {file.name}{shown}, id {file.id}"))
    elif job.file_id:
        parts.append(Text(f"file: id {job.file_id}"))
    agent = job.extraction_agent
    parts.append(Text(f"agent: {agent.name}, id {agent.id}"))
    return Group(*parts)


# Wickson


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m {secs:02d}s"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{seconds:.1f}s"


def wickson_error_table(entries: Sequence[wickson_structs.ErrorSummaryEntry]) -> Table:
    """The error summary of a Wickson batch as a table: type, count, files, resolution."""
    table = Table("error type", "count", "affected files", "resolution")
    for entry in entries:
        files = ", ".join(entry.affected_files[:3])
        if len(entry.affected_files) > 3:
            files += f", … ({len(entry.affected_files):,} listed)"
        table.add_row(str(entry.error_type), f"{entry.count:,}", files or "-", entry.resolution)
    return table


def wickson_summary(page: wickson_structs.BatchResultsResponse) -> RenderableType:
    """A Wickson batch: its status, completion, timeline and error summary."""
    summary = page.data.batch_summary
    completion = summary.completion
    name = summary.batch_name
    named = f' "{name}"' if name else ""
    timeline = summary.timeline
    parts: list[RenderableType] = [
        _heading(
            f"Wickson batch {summary.batch_id}{named} in {summary.collection}: {summary.status}"
        ),
        Text(
            f"completion: {completion.successful:,} of {count(completion.total_items, 'item')}"
            f" succeeded, {completion.failed:,} failed ({completion.completion_rate:.1f}%)"
        ),
        Text(
            f"timeline: created {timestamp(timeline.created_at)}, "
            f"started {timestamp(timeline.started_at)}, "
            f"completed {timestamp(timeline.completed_at)}, "
            f"took {_duration(timeline.total_duration_seconds)}"
        ),
    ]
    statistics = page.data.statistics
    errors = statistics.error_summary if statistics is not None else None
    if errors:
        parts += [Text("error summary:"), wickson_error_table(errors)]
    else:
        parts.append(Text("error summary: no errors"))
    return Group(*parts)


# Overmind


def _score(value: Any) -> str:
    return "-" if not isinstance(value, int | float) else f"{value:.4g}"


def overmind_summary(job: OvermindJob, max_rows: int = MAX_ROWS) -> RenderableType:
    """An Overmind job: status, scores and its iterations, the best one marked.

    The best iteration is `job.best_iteration()`: the highest average score among the
    iterations the job did not discard.
    """
    best = job.best_iteration()
    status = job.status or "unknown"
    job_type = job.job_type
    typed = f" ({job_type})" if job_type else ""
    planned = job.num_iterations
    of = f" of {planned:,}" if isinstance(planned, int) and planned > 0 else ""
    # "1 iteration", "1 of 3 iterations": the noun agrees with the last number.
    line = count(len(job.iterations), "iteration")
    if of:
        line = f"{len(job.iterations):,}{of} {'iteration' if planned == 1 else 'iterations'}"
    baseline, best_score = job.baseline_score, job.best_score
    if baseline is not None or best_score is not None:
        line += f", baseline score {_score(baseline)}, best score {_score(best_score)}"
    improvement = job.improvement
    if improvement is not None:
        line += f" ({improvement:+.4g})"
    parts: list[RenderableType] = [
        _heading(f"Overmind job {job.id}{typed}: {status}"),
        Text(line),
    ]
    if job.iterations:
        table = Table("order", "iteration", "status", "avg score", "", "description")
        for iteration in job.iterations[:max_rows]:
            marker = BEST_MARKER if best is not None and iteration.id == best.id else ""
            order = iteration.order
            table.add_row(
                "-" if order is None else str(order),
                iteration.iteration_name,
                str(iteration.status or "-"),
                _score(iteration.avg_score),
                marker,
                compact_json(iteration.description or "-", 60),
            )
        parts.append(table)
        more = _more(min(len(job.iterations), max_rows), len(job.iterations), "iteration")
        if more is not None:
            parts.append(more)
        if best is not None and best not in job.iterations[:max_rows]:
            parts.append(Text(f"best: {best.iteration_name} (avg score {_score(best.avg_score)})"))
    else:
        parts.append(Text("no iterations yet"))
    return Group(*parts)


_SUMMARIES: tuple[tuple[type, Callable[[Any], RenderableType]], ...] = (
    (Result, modzy_summary),
    (ExtractionResult, llamacloud_summary),
    (ExtractionJob, llamacloud_job_summary),
    (wickson_structs.BatchResultsResponse, wickson_summary),
    (OvermindJob, overmind_summary),
)
"""The summaries written for the services' result types (by type, so any other service's
result still prints, as JSON)."""


def summary_of(result: Any) -> RenderableType:
    """The summary written for `result`'s type, or `result` as indented JSON."""
    for type_, render in _SUMMARIES:
        if isinstance(result, type_):
            return render(result)
    from rich.json import JSON

    return JSON(msgspec.json.encode(result).decode())

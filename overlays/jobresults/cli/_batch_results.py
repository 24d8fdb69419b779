"""`jobresults batch-results BATCH_ID`: stream every item of a Wickson batch as JSONL or CSV."""

from __future__ import annotations

import contextlib
import enum
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from ._clients import open_client
from ._exit_codes import reporting_errors
from ._options import ApiKeyOption, BaseUrlOption, MaxRetriesOption

if TYPE_CHECKING:
    from jobresults_structs.wickson import JobResult

DEFAULT_PAGE_SIZE = 1000
PROGRESS_EVERY = 500
"""Items between two progress bar updates (updating per item would cost more than writing)."""

CSV_COLUMNS = (
    "job_id",
    "media_id",
    "filename",
    "media_type",
    "status",
    "size_bytes",
    "size_mb",
    "created_at",
    "completed_at",
    "error_code",
    "error_message",
    "error_details",
)
"""The CSV header: an item's fields, flattened (error_details is JSON)."""


class OutputFormat(enum.StrEnum):
    """How `batch-results` writes items."""

    JSONL = "jsonl"
    CSV = "csv"


@dataclass
class StreamCounts:
    """What a stream wrote: items, and how many of them failed."""

    items: int = 0
    failed: int = 0

    @property
    def succeeded(self) -> int:
        """Items written that did not fail."""
        return self.items - self.failed


def csv_row(item: JobResult) -> list[Any]:
    """The CSV cells of one item, in `CSV_COLUMNS` order."""
    import msgspec

    error = item.error
    completed = item.processing_info.completed_at
    details = None if error is None else error.details
    return [
        item.job_id,
        "" if item.media_id is None else item.media_id,
        "" if item.filename is None else item.filename,
        str(item.media_type),
        str(item.status),
        item.file_info.size_bytes,
        item.file_info.size_mb,
        item.processing_info.created_at.isoformat(),
        "" if completed is None else completed.isoformat(),
        "" if error is None else str(error.code),
        "" if error is None else error.message,
        "" if details is None else msgspec.json.encode(details).decode(),
    ]


def is_failed(item: JobResult) -> bool:
    """True for an item that failed (its status says so, or it carries an error)."""
    return item.status == "failed" or item.error is not None


def write_items(
    items: Iterable[JobResult],
    out: IO[str],
    output_format: OutputFormat,
    on_progress: Callable[[int], None] | None = None,
) -> StreamCounts:
    """Write every item to `out` as JSON lines or CSV (with a header); return the counts."""
    import csv

    import msgspec

    counts = StreamCounts()
    encode = msgspec.json.Encoder().encode
    writer = csv.writer(out, lineterminator="\n") if output_format is OutputFormat.CSV else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    for item in items:
        if writer is not None:
            writer.writerow(csv_row(item))
        else:
            out.write(encode(item).decode())
            out.write("\n")
        counts.items += 1
        if is_failed(item):
            counts.failed += 1
        if on_progress is not None and counts.items % PROGRESS_EVERY == 0:
            on_progress(counts.items)
    if on_progress is not None:
        on_progress(counts.items)
    return counts


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle


def batch_results(
    batch_id: Annotated[str, typer.Argument(metavar="BATCH_ID", help="The Wickson batch's id.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="How to write each item.")
    ] = OutputFormat.JSONL,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the items to FILE (default: stdout).",
            show_default=False,
        ),
    ] = None,
    page_size: Annotated[
        int,
        typer.Option(
            "--page-size", min=1, max=1000, metavar="N", help="Items per request (at most 1000)."
        ),
    ] = DEFAULT_PAGE_SIZE,
    api_key: ApiKeyOption = None,
    base_url: BaseUrlOption = None,
    max_retries: MaxRetriesOption = None,
) -> None:
    """Stream every item of a Wickson batch, page after page, with a progress bar.

    Items go to stdout (or FILE) as JSON lines or CSV; the progress bar and the closing
    summary (counts and the batch's error summary) go to stderr, or to stdout with --output.
    """
    from .._display import item_progress
    from ._console import make_console
    from ._summaries import count, wickson_error_table

    with reporting_errors():
        client = open_client("wickson", api_key=api_key, base_url=base_url, max_retries=max_retries)
        with client:
            probe = client.batches.results(batch_id, page=1, page_size=1)
            total = probe.data.pagination.total_items
            notes = make_console(stderr=output is None)
            progress = item_progress(make_console(stderr=True))
            task = progress.add_task(f"batch {batch_id}", total=total)
            started = time.perf_counter()
            items = client.batches.iter_results(batch_id, page_size=page_size)
            with progress, _open_output(output) as out, _closing(items):
                counts = write_items(
                    items,
                    out,
                    output_format,
                    on_progress=lambda n: progress.update(task, completed=n),
                )
            elapsed = time.perf_counter() - started
    where = f" to {output}" if output is not None else ""
    notes.print(
        f"batch {batch_id}: wrote {count(counts.items, 'item')} ({counts.succeeded:,} succeeded,"
        f" {counts.failed:,} failed) as {output_format.value}{where} in {elapsed:.1f} s",
        soft_wrap=True,
    )
    statistics = probe.data.statistics
    error_summary = getattr(statistics, "error_summary", None)
    if isinstance(error_summary, list) and error_summary:
        notes.print("error summary:")
        notes.print(wickson_error_table(error_summary))


@contextlib.contextmanager
def _closing(items: Any) -> Iterator[None]:
    """Close a generator (stopping its prefetching) however the stream ends."""
    try:
        yield
    finally:
        close = getattr(items, "close", None)
        if callable(close):
            close()

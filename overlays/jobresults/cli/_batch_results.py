"""`jobresults batch-results BATCH_ID`: stream every item of a Wickson batch as JSONL or CSV.

A run that fails part-way leaves FILE holding whole pages only (every item of the pages before
the one that failed, nothing of it or after; a write that failed, on a full disk say, is cut
back to the last whole page) and its error line says which page to resume from:
`--start-page N --output FILE` then appends the rest to FILE (a CSV without a second header).
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from ._clients import open_client
from ._exit_codes import (
    ExitCode,
    classify,
    error_line,
    fail,
    kind,
    one_line,
    reporting_errors,
)
from ._options import AllowInsecureHttpOption, ApiKeyOption, BaseUrlOption, MaxRetriesOption

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
    *,
    header: bool = True,
    counts: StreamCounts | None = None,
) -> StreamCounts:
    """Write every item to `out` as JSON lines or CSV (with a header unless `header` is
    False); return the counts (`counts`, updated as items are written, when given)."""
    import csv

    import msgspec

    counts = StreamCounts() if counts is None else counts
    encode = msgspec.json.Encoder().encode
    writer = csv.writer(out, lineterminator="\n") if output_format is OutputFormat.CSV else None
    if writer is not None and header:
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


class PageFile:
    """The output FILE, written one whole page at a time: items are kept until `commit`,
    which writes them at once; a write that fails is cut back to the last commit, so that the
    file holds whole pages only (see the module)."""

    def __init__(self, path: Path, *, append: bool) -> None:
        self.path = path
        self._file = path.open("ab" if append else "wb", buffering=0)
        self.offset = self._file.seek(0, os.SEEK_END)
        self._pending: list[str] = []

    def write(self, text: str) -> int:
        self._pending.append(text)
        return len(text)

    def commit(self) -> None:
        """Write what was kept since the last commit (on failure, cut it off and raise)."""
        data = memoryview("".join(self._pending).encode("utf-8"))
        self._pending.clear()
        try:
            while data:
                written = self._file.write(data)
                data = data[written or 0 :]
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._file.fileno(), self.offset)
                self._file.seek(self.offset)
            raise
        self.offset = self._file.tell()

    def close(self) -> None:
        self._file.close()


def _open_output(path: Path | None, *, append: bool) -> PageFile | None:
    """The output FILE (None: stdout); one that cannot be opened exits with the usage code,
    before anything is fetched."""
    if path is None:
        return None
    try:
        return PageFile(path, append=append)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", ExitCode.USAGE)


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
    start_page: Annotated[
        int,
        typer.Option(
            "--start-page",
            min=1,
            metavar="N",
            help="Begin at page N (of --page-size items), to resume a run that failed: its"
            " error line names N. With --output, an existing FILE is appended to.",
        ),
    ] = 1,
    api_key: ApiKeyOption = None,
    base_url: BaseUrlOption = None,
    max_retries: MaxRetriesOption = None,
    allow_insecure_http: AllowInsecureHttpOption = False,
) -> None:
    """Stream every item of a Wickson batch, page after page, with a progress bar.

    Items go to stdout (or FILE) as JSON lines or CSV; the progress bar and the closing
    summary (counts and the batch's error summary) go to stderr, or to stdout with --output.
    A failure names the page to resume from (--start-page); FILE then holds whole pages only.
    """
    from .._display import item_progress
    from ._console import make_console
    from ._summaries import count, wickson_error_table

    with reporting_errors():
        client = open_client(
            "wickson",
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        appending = start_page > 1 and output is not None and output.exists()
        header = not (appending and output is not None and output.stat().st_size > 0)
        page_file = _open_output(output, append=appending)
        with client, contextlib.ExitStack() as stack:
            if page_file is not None:
                stack.callback(page_file.close)
            probe = client.batches.results(batch_id, page=1, page_size=1)
            total = probe.data.pagination.total_items
            notes = make_console(stderr=output is None)
            progress = item_progress(make_console(stderr=True))
            skipped = min(total, (start_page - 1) * page_size)
            task = progress.add_task(f"batch {batch_id}", total=total - skipped)
            started = time.perf_counter()
            items = client.batches.iter_results(
                batch_id, page_size=page_size, start_page=start_page
            )
            run = _Run(page_file, start_page, page_size)

            def on_progress(written: int) -> None:
                progress.update(task, completed=written)

            try:
                with progress, _closing(items):
                    counts = run.stream(items, output_format, on_progress, header)
            except (
                _StreamFailedError
            ) as failed:  # said once the progress bar has printed its last state
                typer.echo(one_line(failed.line, limit=600), err=True)
                raise typer.Exit(int(failed.code)) from None
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


class _StreamFailedError(Exception):
    """A stream that failed: its error line and exit code."""

    def __init__(self, line: str, code: ExitCode) -> None:
        super().__init__(line)
        self.line = line
        self.code = code


class _Run:
    """One stream of items to stdout or a `PageFile`, committing each whole page, and its
    failure reported with the page to resume from (see the module)."""

    def __init__(self, page_file: PageFile | None, start_page: int, page_size: int) -> None:
        self.page_file = page_file
        self.start_page = start_page
        self.page_size = page_size
        self.counts = StreamCounts()
        self.whole_pages = 0

    def _paged(self, items: Iterable[JobResult]) -> Iterator[JobResult]:
        for item in items:
            yield item  # written by the time the next one is asked for
            if self.counts.items % self.page_size == 0:
                if self.page_file is not None:
                    self.page_file.commit()
                self.whole_pages = self.counts.items // self.page_size

    def stream(
        self,
        items: Iterable[JobResult],
        output_format: OutputFormat,
        on_progress: Callable[[int], None],
        header: bool,
    ) -> StreamCounts:
        from .. import errors

        out: Any = sys.stdout if self.page_file is None else self.page_file
        where = "" if self.page_file is None else f" to {self.page_file.path}"
        try:
            try:
                write_items(
                    self._paged(items),
                    out,
                    output_format,
                    on_progress,
                    header=header,
                    counts=self.counts,
                )
            finally:  # every item yielded belongs to a page before the one that failed
                self._commit()
        except errors.JobResultsError as error:
            resume = getattr(error, "resume_page", None)
            if resume is None:
                raise
            on_progress(self.counts.items)
            done = (
                "nothing written"
                if resume <= self.start_page
                else f"{self.counts.items:,} items of pages {self.start_page}..{resume - 1}"
                f" written{where}"
            )
            line = f"{error_line(error)}; {done}: resume with --start-page {resume}"
            raise _StreamFailedError(line, classify(error)) from None
        except OSError as error:
            if isinstance(error, BrokenPipeError):
                raise
            resume = self.start_page + self.whole_pages
            kept = (
                f"it keeps the whole pages {self.start_page}..{resume - 1}"
                if resume > self.start_page
                else "it keeps no page of this run"
            )
            on_progress(self.counts.items)
            raise _StreamFailedError(
                f"error: {kind(ExitCode.USAGE)}: cannot write{where or ' the output'}:"
                f" {error.strerror or error}; {kept}: resume with --start-page {resume}",
                ExitCode.USAGE,
            ) from None
        return self.counts

    def _commit(self) -> None:
        if self.page_file is not None:
            self.page_file.commit()
        else:
            sys.stdout.flush()


@contextlib.contextmanager
def _closing(items: Any) -> Iterator[None]:
    """Close a generator (stopping its prefetching) however the stream ends."""
    try:
        yield
    finally:
        close = getattr(items, "close", None)
        if callable(close):
            close()

"""The progress bar of `wait_all` and the command line: done of total, rate, time left.

On a terminal it redraws in place; elsewhere (a pipe, a file, a test) rich prints only its
final state, one line, when it stops. rich is imported only when a bar is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._counts import for_display

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


def format_rate(per_second: float | None, unit: str = "items") -> str:
    """`per_second` as e.g. "1,234 items/s" (or "- items/s" before there is a rate)."""
    if per_second is None:
        return f"- {unit}/s"
    if per_second >= 100:
        return f"{per_second:,.0f} {unit}/s"
    return f"{per_second:,.1f} {unit}/s"


def item_progress(console: Console | None = None, unit: str = "items") -> Progress:
    """A progress display for counting `unit` towards a total, writing to `console`.

    Each task shows its description, a bar, done of total, the percentage, the rate, the
    estimated time left, the time elapsed, and its `detail` field when it has one
    (`progress.update(task, detail="3 failed")`). The default console is rich's. Counts
    beyond float range are clamped (`_counts.for_display`) rather than overflowing.
    """
    try:
        import rich  # noqa: F401
    except ModuleNotFoundError:
        from ._extras import MissingExtraError

        raise MissingExtraError("a progress bar", "cli", ("rich",)) from None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TaskID,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """How many `unit` per second, measured over rich's speed window."""

        def render(self, task: Task) -> Text:
            return Text(format_rate(task.finished_speed or task.speed, unit))

    class DetailColumn(ProgressColumn):
        """The task's `detail` field, if any."""

        def render(self, task: Task) -> Text:
            return Text(str(task.fields.get("detail", "")))

    class CountingProgress(Progress):
        """rich's Progress, with the counts clamped for its float arithmetic (`_counts`)."""

        def add_task(
            self,
            description: str,
            start: bool = True,
            total: float | None = 100.0,
            completed: int = 0,
            visible: bool = True,
            **fields: Any,
        ) -> TaskID:
            shown = None if total is None else for_display(total)
            return super().add_task(
                description, start, shown, int(for_display(completed)), visible, **fields
            )

        def update(
            self,
            task_id: TaskID,
            *,
            total: float | None = None,
            completed: float | None = None,
            advance: float | None = None,
            **options: Any,
        ) -> None:
            super().update(
                task_id,
                total=None if total is None else for_display(total),
                completed=None if completed is None else for_display(completed),
                advance=None if advance is None else for_display(advance),
                **options,
            )

    return CountingProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        DetailColumn(),
        console=console,
        transient=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )

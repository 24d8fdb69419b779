"""Results and BENCHMARKS.md: the table, the machine, the versions, how figures were measured."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = (
    "httpx",
    "msgspec",
    "orjson",
    "attrs",
    "pydantic",
    "jsonschema-rs",
    "openapi-core",
    "uvicorn",
    "starlette",
)


@dataclass(frozen=True)
class Machine:
    """How busy the machine is at one moment: the 1-minute load average and the kernel's CPU
    pressure (the share of the last 10 s in which some runnable task waited for a CPU)."""

    load: float | None
    pressure: float | None

    @classmethod
    def now(cls) -> Machine:
        """The machine's state now (None for what this system does not report)."""
        try:
            load: float | None = os.getloadavg()[0]
        except OSError:
            load = None
        return cls(load, cpu_pressure())


def cpu_pressure() -> float | None:
    """`some avg10` of /proc/pressure/cpu, in percent (None where the kernel has no PSI)."""
    try:
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        fields = dict(part.split("=", 1) for part in some.split()[1:])
        return float(fields["avg10"])
    except (OSError, IndexError, KeyError, ValueError):
        return None


def _number(value: float | None, unit: str = "") -> str:
    return "?" if value is None else f"{value:.2f}{unit}"


@dataclass(frozen=True)
class Span:
    """The machine's state when a figure's measurement started and when it ended."""

    start: Machine
    end: Machine

    def text(self) -> str:
        """e.g. `load 1.20→1.45, CPU pressure 3.10%→7.50%`."""
        start, end = self.start, self.end
        return (
            f"load {_number(start.load)}→{_number(end.load)}, "
            f"CPU pressure {_number(start.pressure, '%')}→{_number(end.pressure, '%')}"
        )


class Watch:
    """Records the machine's state at a measurement's start; `stop()` gives the `Span`.

    watch = Watch()
    ...measure...
    row = Row(..., span=watch.stop())
    """

    def __init__(self) -> None:
        self.start = Machine.now()

    def stop(self) -> Span:
        """The span from this watch's start until now."""
        return Span(self.start, Machine.now())


@dataclass(frozen=True)
class Measure:
    """One measured figure: what was timed or counted, and its value in `unit`."""

    label: str
    value: float
    unit: Literal["s", "B", "requests", "requests/s"] = "s"

    def text(self) -> str:
        """The label and the value, e.g. `orjson.loads: 12.3 ms`."""
        return f"{self.label}: {format_value(self.value, self.unit)}"


@dataclass(frozen=True)
class Row:
    """One line of the table.

    With `limit` set, the row is a floor: `ratio` (ours / baseline, or baseline / ours when
    `speedup`) must stay at most `limit` (at least, when `speedup`). Without it, the row is
    reported for comparison. `ours` is None when the thing measured is not available.
    """

    what: str
    baseline: Measure | None
    ours: Measure | None
    limit: float | None = None
    speedup: bool = False
    note: str = ""
    check: bool | None = None
    """For a pass/fail floor without figures (then `ours_text` and `floor_text` say what)."""
    ours_text: str = ""
    floor_text: str = ""
    span: Span | None = None
    """How busy the machine was while this row's figures were measured."""

    @property
    def ratio(self) -> float | None:
        """ours / baseline (baseline / ours for a speedup), None without both figures."""
        if self.baseline is None or self.ours is None:
            return None
        top, bottom = (
            (self.baseline.value, self.ours.value)
            if self.speedup
            else (self.ours.value, self.baseline.value)
        )
        return top / bottom if bottom else float("inf")

    @property
    def met(self) -> bool | None:
        """Whether the floor is met; None for a comparison row or one not measured."""
        if self.check is not None:
            return self.check
        ratio = self.ratio
        if self.limit is None or ratio is None:
            return None
        return ratio >= self.limit if self.speedup else ratio <= self.limit


@dataclass
class Section:
    """The rows of one floor, and how they were measured."""

    number: int
    title: str
    rows: list[Row] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    """Paragraphs (markdown) saying how the figures were measured."""
    span: Span | None = None
    """How busy the machine was over the whole section (for rows without a span of their own)."""


def format_value(value: float, unit: str) -> str:
    """A value in a readable unit: ms or s, MB, a count."""
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "B":
        return f"{value / 1e6:.1f} MB"
    return f"{value:,.0f} {unit}"


def _ratio_cell(row: Row) -> str:
    ratio = row.ratio
    if ratio is None:
        return "—"
    return f"{ratio:.2f}x faster" if row.speedup else f"{ratio:.2f}x"


def _floor_cell(row: Row) -> str:
    if row.floor_text:
        return row.floor_text
    if row.limit is None:
        return "(comparison)" if row.baseline is not None else "(reported)"
    return f"≥ {row.limit:g}x faster" if row.speedup else f"≤ {row.limit:g}x"


def _met_cell(row: Row) -> str:
    if row.limit is None and row.check is None:
        return "—"
    if row.met is None:
        return "**not measured**"
    return "yes" if row.met else "**missed**"


def _span_cell(row: Row, section: Section) -> str:
    span = row.span or section.span
    if span is None:
        return "—"
    return span.text() + ("" if row.span is not None else " (whole section)")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(sections: Sequence[Section]) -> list[str]:
    """The markdown table of every row."""
    lines = [
        "| floor | what | baseline | ours | ratio | floor | met? | machine (start→end) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for section in sections:
        for row in section.rows:
            ours = row.ours.text() if row.ours is not None else f"not available ({row.note})"
            ours = row.ours_text or ours
            cells = [
                str(section.number),
                row.what,
                row.baseline.text() if row.baseline is not None else "—",
                ours,
                _ratio_cell(row),
                _floor_cell(row),
                _met_cell(row),
                _span_cell(row, section),
            ]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return lines


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


MACHINE_NOTE = (
    "- The last column of the table: the 1-minute load average and the CPU pressure (`some "
    "avg10` of /proc/pressure/cpu: the share of the last 10 s in which a runnable task waited "
    "for a CPU) when the row's measurement started and when it ended. The machine is shared: "
    "a figure taken under pressure is noisier, and ratios compare figures taken together.",
)


def load_average() -> str:
    """The 1-minute load average now (other work on the machine skews every figure)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError):
        pass
    return "unknown"


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def _commit() -> str:
    """The commit measured, and whether the working tree differed from it."""
    commit = _git("rev-parse", "--short", "HEAD")
    if commit is None:
        return "unknown"
    changed = _git("status", "--porcelain", "--", "overlays", "generated")
    return commit + (" with uncommitted changes to the package" if changed else "")


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def environment() -> list[str]:
    """The machine, Python and library versions, the date, as markdown list items."""
    versions = ", ".join(f"{name} {_version(name)}" for name in LIBRARIES)
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"- Machine: {_cpu_model()}, {os.cpu_count()} cores, {_memory()} memory, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- Libraries: {versions}",
        f"- Date: {today}; commit {_commit()}",
    ]


def render(sections: Sequence[Section], *, command: str, load_before: str = "") -> str:
    """The whole of BENCHMARKS.md (`load_before`: the load average when the run began)."""
    missed = [
        f"{section.number}. {row.what}"
        for section in sections
        for row in section.rows
        if (row.limit is not None or row.check is not None) and row.met is not True
    ]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}` (`make bench`); do not edit by hand. Every ratio compares two",
        "figures measured in the same run on the same machine.",
        "",
        *table(sections),
        "",
    ]
    if missed:
        lines += ["Floors missed or not measured:", "", *(f"- {item}" for item in missed), ""]
    else:
        lines += ["Every floor is met.", ""]
    load = (
        f"- 1-minute load average: {load_before or '?'} at the start, {load_average()} at the end"
    )
    lines += ["## Machine and versions", "", *environment(), load, *MACHINE_NOTE, ""]
    lines += ["## How each figure was measured"]
    for section in sections:
        lines += ["", f"### {section.number}. {section.title}", ""]
        for paragraph in section.method:
            lines += [paragraph, ""]
        lines.pop()
    return "\n".join(lines) + "\n"

"""Floor 6: how long `make generate` takes for all specs (written to a temporary folder)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .report import Measure, Row, Section
from .timing import stopwatch

ROOT = Path(__file__).resolve().parents[2]


def run() -> Section:
    """Floor 6: one run of the generator over every spec."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(ROOT / "scripts" / "generate.py"), "--output", folder]
        seconds = stopwatch(lambda: subprocess.run(command, check=True, capture_output=True))
        written = sum(1 for path in Path(folder).rglob("*.py"))
    section = Section(6, "Generation")
    section.rows = [
        Row(
            f"`scripts/generate.py` for all specs ({written} Python files)",
            None,
            Measure("wall time", seconds),
        )
    ]
    section.method = [
        "One run of `scripts/generate.py --output <temporary folder>` (what `make generate` "
        "runs, without overwriting `generated/`), in a fresh process; wall time."
    ]
    return section

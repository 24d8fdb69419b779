"""Floor 6: how long `make generate` takes for all specs (written to a temporary folder)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .report import Measure, Row, Section
from .timing import stopwatch

ROOT = Path(__file__).resolve().parents[2]


def run(services: Sequence[str] | None = None) -> Section:
    """Floor 6: one run of the generator over every spec (or over those of `services` only,
    as the quick run does: the suite checks the whole generation elsewhere)."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "generated"
        command = [sys.executable, str(ROOT / "scripts" / "generate.py"), "--output", str(output)]
        if services is not None:
            chosen = Path(folder) / "openapi"
            chosen.mkdir()
            for service in services:
                shutil.copy(ROOT / "openapi" / f"{service}.yaml", chosen)
            command += ["--specs", str(chosen)]
        seconds = stopwatch(lambda: subprocess.run(command, check=True, capture_output=True))
        written = sum(1 for path in output.rglob("*.py"))
    which = "all specs" if services is None else ", ".join(services)
    section = Section(6, "Generation")
    section.rows = [
        Row(
            f"`scripts/generate.py` for {which} ({written} Python files)",
            None,
            Measure("wall time", seconds),
        )
    ]
    section.method = [
        "One run of `scripts/generate.py --output <temporary folder>` (what `make generate` "
        "runs, without overwriting `generated/`), in a fresh process; wall time."
    ]
    return section

"""Floor 5: how long `import jobresults` and `jobresults --help` take in a fresh process,
beside `import httpx`, and which heavy modules each loads."""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .report import Measure, Row, Section
from .timing import stopwatch

RUNS = 11
IMPORT_LIMIT = 1.5
HELP_LIMIT = 2.5
HEAVY = (
    "httpx",
    "msgspec",
    "orjson",
    "typer",
    "click",
    "rich",
    "pydantic",
    "yaml",
    "jsonschema_rs",
    "starlette",
    "uvicorn",
    "schemathesis",
    "openapi_core",
    "attrs",
)
"""Modules worth naming when they load."""
FORBIDDEN_ON_IMPORT = ("starlette", "uvicorn", "schemathesis", "rich", "pydantic")

_LIST_MODULES = "import sys, json; print(json.dumps(sorted(sys.modules)))"
_HELP_THEN_LIST = """
import json, sys
sys.argv = ["jobresults", "--help"]
from jobresults.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _environment() -> dict[str, str]:
    """This environment, writing bytecode (else every import would compile again)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def commands() -> dict[str, list[str]]:
    """The three commands timed."""
    script = Path(sys.executable).with_name("jobresults")
    return {
        "import httpx": [sys.executable, "-c", "import httpx"],
        "import jobresults": [sys.executable, "-c", "import jobresults"],
        "jobresults --help": [str(script), "--help"],
        "import a client": [sys.executable, "-c", "from jobresults import wickson"],
    }


def _run(command: list[str]) -> bool:
    done = subprocess.run(
        command, env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return done.returncode == 0


def medians(runs: int = RUNS) -> dict[str, float]:
    """Median wall time of each command that works over `runs` interleaved runs, after one
    warm-up (a command that fails, e.g. importing a client not written yet, is left out)."""
    timed = {name: command for name, command in commands().items() if _run(command)}
    seconds: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(runs):
        for name, command in timed.items():
            seconds[name].append(stopwatch(functools.partial(_run, command)))
    return {name: statistics.median(values) for name, values in seconds.items()}


def loaded_modules(code: str, *, stderr: bool = False) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    names = json.loads(done.stderr if stderr else done.stdout)
    return {name.split(".", 1)[0] for name in names}


def heavy_loaded() -> dict[str, list[str]]:
    """The heavy modules `import httpx`, `import jobresults`, `jobresults --help` and importing
    a client load (a client not written yet is left out)."""
    codes = {
        "import httpx": f"import httpx; {_LIST_MODULES}",
        "import jobresults": f"import jobresults; {_LIST_MODULES}",
        "from jobresults import wickson": f"from jobresults import wickson; {_LIST_MODULES}",
    }
    found: dict[str, set[str]] = {}
    for name, code in codes.items():
        try:
            found[name] = loaded_modules(code)
        except subprocess.CalledProcessError:
            continue
    found["jobresults --help"] = loaded_modules(_HELP_THEN_LIST, stderr=True)
    return {
        name: [module for module in HEAVY if module in loaded] for name, loaded in found.items()
    }


def _measure(label: str, figures: dict[str, float], name: str) -> Measure | None:
    return Measure(label, figures[name]) if name in figures else None


def run(*, runs: int = RUNS) -> Section:
    """Floor 5."""
    figures = medians(runs)
    base = Measure("python -c 'import httpx'", figures["import httpx"])
    heavy = heavy_loaded()
    forbidden = [name for name in FORBIDDEN_ON_IMPORT if name in heavy["import jobresults"]]
    section = Section(5, "Cold start")
    section.rows = [
        Row(
            "`python -c 'import jobresults'`",
            base,
            _measure("python -c 'import jobresults'", figures, "import jobresults"),
            IMPORT_LIMIT,
            note="the command failed",
        ),
        Row(
            "`jobresults --help`",
            base,
            _measure("jobresults --help", figures, "jobresults --help"),
            HELP_LIMIT,
            note="the command failed",
        ),
        Row(
            "`python -c 'from jobresults import wickson'` (a client, with httpx)",
            base,
            _measure("python -c 'from jobresults import wickson'", figures, "import a client"),
            note="jobresults.wickson is not available",
        ),
        Row(
            "`import jobresults` loads no heavy module",
            None,
            None,
            check=not forbidden,
            ours_text="loads " + (", ".join(forbidden) if forbidden else "none of them"),
            floor_text="none of " + ", ".join(FORBIDDEN_ON_IMPORT),
        ),
    ]
    section.method = [
        f"Each command runs in a fresh process: one warm-up run each (bytecode written, with "
        f"PYTHONDONTWRITEBYTECODE unset), then {runs} interleaved runs of each; the figure is "
        "the median wall time, interpreter start-up included.",
        "Heavy modules loaded (from `sys.modules` of a fresh interpreter): "
        + "; ".join(
            f"`{name}`: {', '.join(found) if found else 'none'}" for name, found in heavy.items()
        )
        + f" (of: {', '.join(HEAVY)}).",
    ]
    if "rich" in heavy.get("import httpx", []):
        section.method.append(
            "`import httpx` itself loads click and rich: its `httpx._main` command line imports "
            "them whenever they are installed, as they are here for typer. Every client, "
            "which needs httpx, therefore loads them too."
        )
    return section

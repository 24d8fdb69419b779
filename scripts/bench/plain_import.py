"""Floor 8: with only the core installed (`pip install jobresults`, no extras), importing a
service's client costs at most 1.3x `import httpx`."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .report import Measure, Row, Section
from .timing import stopwatch

RUNS = 11
LIMIT = 1.3
FROM_EXTRAS = (
    "yaml",
    "jsonschema_rs",
    "pydantic",
    "starlette",
    "uvicorn",
    "typer",
    "rich",
    "click",
)
"""Modules that only an extra installs: none may load with a client."""

_LIST_MODULES = "import sys, json; print(json.dumps(sorted(sys.modules)))"


def _plain_environment(folder: Path) -> Path:
    scripts = str(Path(__file__).resolve().parents[1])
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    from plain_install import environment

    return environment(folder)


def _services(python: Path) -> list[str]:
    code = "import jobresults.specs as s, json; print(json.dumps(s.services()))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    found: list[str] = json.loads(done.stdout)
    return found


def _time(python: Path, code: str) -> float:
    return stopwatch(
        lambda: subprocess.run(
            [str(python), "-c", code],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )


def medians(python: Path, codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time of each `python -c CODE` over `runs` rounds, in shuffled order within
    each round, after one warm-up run each (which also writes the bytecode)."""
    for code in codes.values():
        _time(python, code)
    seconds: dict[str, list[float]] = {name: [] for name in codes}
    order = list(codes)
    shuffle = random.Random(8)
    for _ in range(runs):
        shuffle.shuffle(order)
        for name in order:
            seconds[name].append(_time(python, codes[name]))
    return {name: statistics.median(values) for name, values in seconds.items()}


def _loaded(python: Path, code: str) -> set[str]:
    done = subprocess.run(
        [str(python), "-c", f"{code}; {_LIST_MODULES}"], capture_output=True, text=True, check=True
    )
    return {name.split(".", 1)[0] for name in json.loads(done.stdout)}


BREAKDOWN = ("asyncio", "httpcore", "msgspec", "attrs", "jobresults_structs.{service}")
"""Modules worth naming in where a client's import time goes beyond httpx's."""


def breakdown(python: Path, service: str) -> dict[str, float]:
    """Seconds `import jobresults.<service>` spends, after `import httpx`, in each module of
    `BREAKDOWN` it loads (from `-X importtime`: each one's cumulative figure) and in all
    (under "all": `jobresults.<service>`'s own cumulative figure)."""
    done = subprocess.run(
        [str(python), "-X", "importtime", "-c", f"import httpx; import jobresults.{service}"],
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = {name.format(service=service) for name in BREAKDOWN}
    wanted.add(f"jobresults.{service}")
    after_httpx = done.stderr.split("| httpx\n", 1)[-1]
    found: dict[str, float] = {}
    for line in after_httpx.splitlines():
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(parts) != 3 or not parts[1].isdigit() or parts[2] not in wanted:
            continue
        key = "all" if parts[2] == f"jobresults.{service}" else parts[2]
        found.setdefault(key, int(parts[1]) / 1e6)
    return found


def run(*, runs: int = RUNS) -> Section:
    """Floor 8."""
    section = Section(8, "Import with only the core installed")
    with tempfile.TemporaryDirectory(prefix="jobresults-plain-") as folder:
        python = _plain_environment(Path(folder))
        services = _services(python)
        codes = {"httpx": "import httpx"} | {s: f"import jobresults.{s}" for s in services}
        figures = medians(python, codes, runs)
        loaded = {s: _loaded(python, codes[s]) & set(FROM_EXTRAS) for s in services}
        spent = breakdown(python, services[-1]) if services else {}
        installed = subprocess.run(
            [
                str(python),
                "-c",
                "import importlib.metadata as m; print(' '.join(sorted("
                "d.metadata['Name'].lower() for d in m.distributions())))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    base = Measure("python -c 'import httpx'", figures["httpx"])
    section.rows = [
        Row(
            f"`python -c 'import jobresults.{service}'`, core only",
            base,
            Measure(f"python -c 'import jobresults.{service}'", figures[service]),
            LIMIT,
        )
        for service in services
    ]
    extras_loaded = sorted(set().union(*loaded.values()))
    section.rows.append(
        Row(
            "a client loads nothing an extra installs",
            None,
            None,
            check=not extras_loaded,
            ours_text="loads " + (", ".join(extras_loaded) if extras_loaded else "none of them"),
            floor_text="none of " + ", ".join(FROM_EXTRAS),
        )
    )
    section.method = [
        "The wheel is built and installed with pip, without extras and from no index, into a"
        " new virtual environment (the dependencies' wheels are made from the distributions"
        " installed in the benchmark's environment: `scripts/plain_install.py`). There it"
        f" holds: {', '.join(installed)}.",
        f"Each command runs in a fresh process of that environment: one warm-up run each"
        f" (bytecode written), then {runs} rounds running every command once, in a shuffled"
        " order; the figure is the median wall time, interpreter start-up included. Without"
        " click and rich installed, `import httpx` does not load its command line.",
    ]
    if spent:
        parts = ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in spent.items() if name != "all"
        )
        section.method.append(
            f"Where the time goes (one `-X importtime` run of `import httpx; import"
            f" jobresults.{services[-1]}`, cumulative, so nested figures overlap):"
            f" jobresults.{services[-1]} {spent.get('all', 0.0) * 1000:.0f} ms in all after"
            f" httpx; of it {parts or 'none of ' + ', '.join(BREAKDOWN)}."
        )
    return section

"""Floor 9: the mock's CPU per small GET under load from several processes (so the load
generator is not the bottleneck), with Stoplight Prism's figure for the same request beside it
when npm can install Prism here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx

from . import load
from .mock_process import running_mock
from .report import Measure, Row, Section

LIMIT = 0.0002
"""Seconds of the mock's CPU per small GET, at most."""
SECONDS = 5.0
ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "build" / "bench-tools"
"""Where the benchmark installs Prism with npm (ignored by git)."""
PRISM_PACKAGE = "@stoplight/prism-cli"
BATCH = "batch-large-100k"
TARGET = f"/v1/batches/{BATCH}/results?page=1&page_size=1"
"""The small GET: one item of the large Wickson batch (about 3 KB)."""


def prism_binary() -> tuple[Path | None, str]:
    """Prism's executable (installing it with npm on the first run), or None and why not."""
    binary = TOOLS / "node_modules" / ".bin" / "prism"
    if binary.exists():
        return binary, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed here"
    TOOLS.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", PRISM_PACKAGE],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.SubprocessError, OSError) as error:
        return None, f"`npm install {PRISM_PACKAGE}` failed ({type(error).__name__})"
    return (binary, "") if binary.exists() else (None, "npm installed no prism executable")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def prism_throughput(
    binary: Path, headers: dict[str, str], seconds: float
) -> load.Throughput | None:
    """Prism mocking the Wickson spec, under the same load (None if it did not start)."""
    port = _free_port()
    process = subprocess.Popen(
        [str(binary), "mock", str(ROOT / "openapi" / "wickson.yaml"), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + TARGET, headers=headers, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            return None
        return load.drive(url, TARGET, process.pid, seconds, headers=headers)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def run(*, seconds: float = SECONDS, with_prism: bool = True) -> Section:
    """The mock's CPU per small GET, and Prism's beside it."""
    section = Section(9, "Mock server")
    with running_mock() as mock:
        headers = mock.headers("wickson")
        base = mock.base_url("wickson").removeprefix(mock.url)
        ours = load.drive(mock.url, base + TARGET, mock.pid, seconds, headers=headers)
    section.rows.append(
        Row(
            "mock: server CPU per small GET (Wickson page of one item), multi-process load",
            None,
            Measure(f"jobresults mock ({ours.per_second:,.0f} requests/s)", ours.cpu_per_request),
            ours_text=f"{ours.cpu_per_request * 1e3:.3f} ms ({ours.per_second:,.0f} requests/s, "
            f"{ours.cores:.2f} cores busy)",
            check=ours.cpu_per_request <= LIMIT,
            floor_text=f"≤ {LIMIT * 1e3:g} ms",
            span=ours.span,
        )
    )
    note = "not run (quick)"
    prism = None
    if with_prism:
        binary, note = prism_binary()
        if binary is not None:
            prism = prism_throughput(binary, headers, seconds)
            note = "" if prism is not None else "Prism did not answer the request"
    section.rows.append(
        Row(
            "Stoplight Prism mocking the same spec: server CPU per the same GET",
            Measure(f"jobresults mock ({ours.per_second:,.0f} requests/s)", ours.cpu_per_request),
            None
            if prism is None
            else Measure(f"Prism ({prism.per_second:,.0f} requests/s)", prism.cpu_per_request),
            note=note,
            span=None if prism is None else prism.span,
        )
    )
    section.method = [
        f"The small GET: `GET {TARGET}` with the service's key (about 3 KB of JSON; the mock "
        f"caches the page's body). Load: {load.method_text(seconds)}",
        f"Prism: `{PRISM_PACKAGE}` installed by the benchmark with `npm install --prefix "
        "build/bench-tools` when npm is there (skipped with a note otherwise), started as "
        "`prism mock openapi/wickson.yaml` and driven the same way; it answers from the spec's "
        "example, the mock from its seeded batch.",
    ]
    return section

"""Floor 7: the validating proxy. Latency it adds per request (a 100 KB and a 10 MB body,
validation included) beside direct calls to the same upstream in the same run, and its
throughput with `--workers 2` beside one worker, driven from several client processes."""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from . import load
from .payloads import Payload
from .report import Measure, Row, Section, Span, Watch
from .timing import shuffled_rounds

SMALL_BODY = 100_000
OVERHEAD_LIMIT = 0.002
"""Seconds the proxy may add to the median request with a 100 KB body."""
LARGE_LIMIT = 1.5
WORKERS_LIMIT = 1.6
ROUNDS = 15
SMALL_REQUESTS = 20
"""Requests per candidate and round with the 100 KB body."""
LARGE_REQUESTS = 2
LOAD_SECONDS = 5.0
STARTUP_TIMEOUT = 60.0

_UPSTREAM = r"""
import asyncio, json, sys
bodies = {name: open(file, "rb").read() for name, file in json.loads(sys.argv[1]).items()}
answers = {
    name.encode(): b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
    + str(len(body)).encode() + b"\r\n\r\n" + body
    for name, body in bodies.items()
}
async def serve(reader, writer):
    buffer = b""
    try:
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                buffer += chunk
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            name = head.split(b" ", 2)[1].split(b"/")[-2]  # /.../batches/NAME/results
            writer.write(answers[name])
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0, backlog=1024)
    print(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
asyncio.run(main())
"""
"""A raw asyncio server that answers `/v1/batches/NAME/results` with the bytes of body NAME
(about 16 us of CPU a request: the upstream is never what is measured)."""


@dataclass(frozen=True)
class Running:
    """A started server process and its root URL."""

    process: subprocess.Popen[str]
    url: str


@contextmanager
def upstream(bodies: dict[str, bytes]) -> Iterator[Running]:
    """The raw upstream serving `bodies` by name, in a process of its own."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for name, body in bodies.items():
            files[name] = str(Path(folder) / f"{name}.json")
            Path(files[name]).write_bytes(body)
        process = subprocess.Popen(
            [sys.executable, "-c", _UPSTREAM, json.dumps(files)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdin is not None
        try:
            yield Running(process, process.stdout.readline().strip())
        finally:
            process.stdin.close()
            process.wait(15)


@contextmanager
def proxy(service: str, upstream_url: str, *, workers: int = 1) -> Iterator[Running]:
    """`jobresults proxy SERVICE --upstream URL --workers N` on a free port, ready to answer."""
    command = [sys.executable, "-m", "jobresults", "proxy", service, "--upstream", upstream_url]
    command += ["--port", "0", "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        url = process.stdout.readline().split()[1]
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            try:
                report = httpx.get(url + "/_proxy/report", timeout=5).json()
                if report["workers"] == workers:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the proxy did not start")
            time.sleep(0.05)
        yield Running(process, url)
    finally:
        process.terminate()
        process.wait(30)


def latencies(
    candidates: dict[str, tuple[str, bool]],
    path: str,
    payload: Payload,
    *,
    requests: int,
    rounds: int,
) -> dict[str, list[float]]:
    """Seconds per request of each candidate (a base URL, and whether the client validates
    the response itself, as the proxy does), in shuffled interleaved rounds, gc on; every
    request reads the whole body."""
    from jobresults.validate import validate_response

    clients = {
        name: httpx.Client(base_url=url, timeout=120) for name, (url, _) in candidates.items()
    }
    times: dict[str, list[float]] = {name: [] for name in candidates}

    def call(name: str) -> float:
        start = time.perf_counter()
        response = clients[name].get(path)
        if candidates[name][1]:
            report = validate_response(
                payload.service, payload.operation_id, 200, response.content, response.headers
            )
            if not report.ok:
                raise AssertionError(f"{name}: {report}")
        seconds = time.perf_counter() - start
        if (
            response.status_code != 200
            or response.headers.get("x-jobresults-violations", "0") != "0"
        ):
            raise AssertionError(f"{name}: {response.status_code} {response.headers}")
        return seconds

    try:
        for name in candidates:  # warm up: connections, caches
            call(name)
        for order in shuffled_rounds(list(candidates), rounds):
            for name in order:
                times[name] += [call(name) for _ in range(requests)]
    finally:
        for client in clients.values():
            client.close()
    return times


def _path(name: str) -> str:
    return f"/v1/batches/{name}/results"


def run(
    small: Payload,
    large: Payload,
    *,
    rounds: int = ROUNDS,
    small_requests: int = SMALL_REQUESTS,
    large_requests: int = LARGE_REQUESTS,
    load_seconds: float = LOAD_SECONDS,
    throughput_body: Payload | None = None,
) -> Section:
    """Floor 7."""
    section = Section(7, "Validating proxy")
    gc.enable()
    rows: list[Row] = []
    body = throughput_body or small
    bodies = {"small": small.body, "large": large.body, "throughput": body.body}
    figures = {}
    with upstream(bodies) as up:
        with proxy(small.service, up.url) as through:
            for name, payload, requests in (
                ("small", small, small_requests),
                ("large", large, large_requests),
            ):
                candidates = {
                    "direct": (up.url, False),
                    "validated": (up.url, True),
                    "proxy": (through.url, False),
                }
                watch = Watch()
                times = latencies(
                    candidates, _path(name), payload, requests=requests, rounds=rounds
                )
                medians = {key: statistics.median(values) for key, values in times.items()}
                rows += _latency_rows(payload, medians, large=name == "large", span=watch.stop())
            figures[1] = load.drive(
                through.url, _path("throughput"), through.process.pid, load_seconds
            )
        with proxy(body.service, up.url, workers=2) as through:
            figures[2] = load.drive(
                through.url, _path("throughput"), through.process.pid, load_seconds
            )
    one, two = figures[1], figures[2]
    rows.append(
        Row(
            f"proxy throughput, {body.label}: --workers 2 beside one worker",
            Measure(_throughput_text(1, one), one.per_second, "requests/s"),
            Measure(_throughput_text(2, two), two.per_second, "requests/s"),
            check=two.per_second / one.per_second >= WORKERS_LIMIT,
            floor_text=f"≥ {WORKERS_LIMIT:g}x one worker",
            span=Span(one.span.start, two.span.end),
        )
    )
    section.rows = rows
    section.method = _method(rounds, small_requests, large_requests, load_seconds)
    return section


def _throughput_text(workers: int, figure: load.Throughput) -> str:
    """e.g. `1 worker (2.40 ms proxy CPU a request, 0.84 cores busy)`."""
    noun = "worker" if workers == 1 else "workers"
    cpu = figure.cpu_per_request
    return (
        f"{workers} {noun} ({cpu * 1000:.2f} ms proxy CPU a request, {figure.cores:.2f} cores busy)"
    )


def _latency_rows(
    payload: Payload, medians: dict[str, float], *, large: bool, span: Span
) -> list[Row]:
    """The floor (against a direct call that validates the response in the client, as the
    proxy does for it) and, for comparison, the same against a direct call that only reads."""
    size = payload.label.rsplit("(", 1)[1].rstrip(")")
    proxied = Measure("through the proxy (it validates)", medians["proxy"])
    validated = Measure("direct, validated in the client", medians["validated"])
    read_only = Measure("direct, not validated", medians["direct"])
    if large:
        return [
            Row(f"proxy, {size} body: median request", validated, proxied, LARGE_LIMIT, span=span),
            Row(
                f"proxy, {size} body: median request, beside a direct read",
                read_only,
                proxied,
                span=span,
            ),
        ]
    rows = []
    for baseline, floor in ((validated, True), (read_only, False)):
        added = proxied.value - baseline.value
        rows.append(
            Row(
                f"proxy, {size} body: time added to the median request"
                + ("" if floor else ", beside a direct read"),
                baseline,
                proxied,
                check=added <= OVERHEAD_LIMIT if floor else None,
                ours_text=f"{proxied.text()} ({added * 1000:+.2f} ms)",
                floor_text=f"≤ {OVERHEAD_LIMIT * 1000:g} ms added" if floor else "(comparison)",
                span=span,
            )
        )
    return rows


def _method(rounds: int, small_requests: int, large_requests: int, seconds: float) -> list[str]:
    return [
        "The upstream is a raw asyncio server in a process of its own that answers every request "
        "with the same bytes (a Wickson results page from the mock, cut to the size named; about "
        "16 us of CPU a request), so neither side of a comparison waits for it. The proxy is "
        "`jobresults proxy wickson --upstream URL` in its own process, validating every response "
        "strictly (status, content type, body) and printing nothing, since every page is valid.",
        f"Latency: one `httpx.Client` per candidate (direct to the upstream, or through the "
        f"proxy), {rounds} rounds in shuffled order, {small_requests} requests per round with "
        f"the small body and {large_requests} with the large one, gc on; each request reads the "
        "whole body. The floors compare the proxy with what it replaces: a direct call whose "
        "client validates the response itself (`validate_response`, strict, the same check the "
        "proxy runs), so validation is included on both sides. For the small body the floor is "
        "the time added to the median request, for the 10 MB body the ratio of the medians. The "
        "rows beside a direct call that only reads the bytes show what validating costs at all "
        "(the proxy cannot answer before the whole body is parsed and checked, since the "
        "violation count is a header).",
        f"Throughput: {load.method_text(seconds)} First against one worker, then against "
        "`--workers 2` (the upstream shares the machine too).",
    ]

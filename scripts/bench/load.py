"""Driving a server's throughput from several processes, so that the load generator is never
the bottleneck it measures, and reading the server's own CPU per request beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from .report import Span, Watch

PROCESSES = 3
CONNECTIONS = 16
"""Connections per load process (each sends its next request when its answer is in)."""
START_DELAY = 1.0
"""Seconds between starting the load processes and their first request (Python starts)."""

_LOAD = r"""
import asyncio, json, sys, time
host, port, target, connections, seconds, start, headers = sys.argv[1:8]
port, connections, seconds, start = int(port), int(connections), float(seconds), float(start)
lines = "".join(f"{name}: {value}\r\n" for name, value in json.loads(headers).items())
request = f"GET {target} HTTP/1.1\r\nhost: {host}:{port}\r\n{lines}\r\n".encode()
async def connection(until):
    reader, writer = await asyncio.open_connection(host, port)
    done, failed = 0, 0
    while time.time() < until:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        done += 1
        failed += status != 200
    writer.close()
    return done, failed
async def main():
    await asyncio.sleep(max(0.0, start - time.time()))
    until = time.time() + seconds
    results = await asyncio.gather(*(connection(until) for _ in range(connections)))
    print(json.dumps([sum(r[0] for r in results), sum(r[1] for r in results)]))
asyncio.run(main())
"""
"""A load process: `connections` keep-alive connections over raw sockets, each sending its
next request as soon as its answer is in, for `seconds` from the wall-clock time `start`
(about 30 us of client CPU a request, against hundreds for an httpx client). It expects
Content-Length bodies, as both the mock and the proxy send."""


@dataclass(frozen=True)
class Throughput:
    """What a server did under the load processes."""

    per_second: float
    """Answers per second (every one checked to be a 200)."""
    cpu_per_request: float
    """Seconds of the server's CPU (all its processes) per answer."""
    span: Span

    @property
    def cores(self) -> float:
        """How many cores the server kept busy."""
        return self.per_second * self.cpu_per_request

    def text(self) -> str:
        """e.g. `142 us server CPU a request, 0.84 cores busy`."""
        return (
            f"{self.cpu_per_request * 1e6:.0f} us server CPU a request, {self.cores:.2f} cores busy"
        )


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its children still running."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    with suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def drive(
    url: str,
    target: str,
    pid: int,
    seconds: float,
    *,
    headers: Mapping[str, str] | None = None,
    processes: int = PROCESSES,
    connections: int = CONNECTIONS,
) -> Throughput:
    """GET `target` from the server at `url` (process `pid`) as fast as `processes` load
    processes of `connections` keep-alive connections each can, for `seconds`."""
    host, port = url.removeprefix("http://").split(":")
    start = time.time() + START_DELAY  # every load process started and waiting
    arguments = [host, port, target, str(connections), str(seconds), str(start)]
    loads = [
        subprocess.Popen(
            [sys.executable, "-c", _LOAD, *arguments, json.dumps(dict(headers or {}))],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    time.sleep(max(0.0, start - time.time()))
    watch = Watch()
    before = cpu_seconds(pid)
    outputs = [process.communicate(timeout=seconds + 60)[0] for process in loads]
    used = cpu_seconds(pid) - before
    span = watch.stop()
    if any(process.returncode for process in loads):
        raise AssertionError(f"a load process failed against {url}{target}")
    counts = [json.loads(output) for output in outputs]
    done = sum(count[0] for count in counts)
    if not done or any(count[1] for count in counts):
        raise AssertionError(f"{sum(c[1] for c in counts)} of {done} answers were not 200")
    return Throughput(done / seconds, used / done, span)


def method_text(seconds: float, processes: int = PROCESSES, connections: int = CONNECTIONS) -> str:
    """How the load was generated, for a section's method."""
    return (
        f"{processes} load processes of {connections} keep-alive connections each (raw "
        f"sockets, about 30 us of client CPU a request, so the load generator is not the "
        f"bottleneck), each connection sending its next request as soon as its answer is in, "
        f"for {seconds:g} s; the server's CPU per request (user and system time of every process "
        f"of the server, from /proc) is beside the requests per second. The machine has "
        f"{os.cpu_count()} cores, shared with the load processes."
    )

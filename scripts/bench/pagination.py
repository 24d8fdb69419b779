"""Floor 3: every item of Wickson batches of 10,000, 100,000 and 1,000,000 items through
`iter_results` over loopback, beside a plain sequential page loop written with httpx (the
page's own approach), both against the same mock server (a process of its own): with no
latency at every size, and with 30 ms per response; and the reader's peak RSS."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx

from .mock_process import MockProcess, running_mock
from .report import Measure, Row, Section, Watch
from .timing import shuffled_rounds, timed

LATENCY = "30ms"
PAGE_SIZE = 1000
SIZES = (10_000, 100_000, 1_000_000)
LATENCY_ITEMS = 100_000
SPEEDUP_LIMIT = 5.0
"""With latency: iter_results at least this many times as fast as the loop."""
NO_LATENCY_LIMIT = 1.0
MEMORY_LIMIT = 1.2
ROUNDS = {10_000: 5, 100_000: 3, 1_000_000: 1}
"""Timed passes of each side per size (interleaved, order shuffled; the median counts)."""

_RSS = r"""
import json, sys
from pathlib import Path
from jobresults import wickson
base_url, key, batch, page_size, items = sys.argv[1:6]
count = 0
with wickson.Client(api_key=key, base_url=base_url) as client:
    for _ in client.batches.iter_results(batch, page_size=int(page_size)):
        count += 1
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
print(json.dumps([count, int(status["VmHWM"].split()[0]) * 1024]))
"""
"""A fresh process that reads a whole batch keeping no item, then prints its peak RSS (VmHWM:
`ru_maxrss` would carry the parent's peak over the exec)."""


def page_loop(mock: MockProcess, batch_id: str, page_size: int) -> list[str]:
    """The page's approach: fetch page after page with httpx, parse with `response.json()`."""
    ids: list[str] = []
    url = f"{mock.base_url('wickson')}/v1/batches/{batch_id}/results"
    with httpx.Client(headers=mock.headers("wickson"), timeout=60) as http:
        page = 1
        while True:
            response = http.get(url, params={"page": page, "page_size": page_size})
            response.raise_for_status()
            data = response.json()["data"]
            ids += [item["job_id"] for item in data["job_results"]]
            if page >= data["pagination"]["total_pages"]:
                return ids
            page += 1


def iter_results_ids(mock: MockProcess, batch_id: str, page_size: int) -> list[str]:
    """Every job id through `wickson.Client.batches.iter_results` (default prefetching)."""
    from jobresults import wickson

    with wickson.Client(api_key=mock.api_key("wickson"), base_url=mock.base_url("wickson")) as c:
        return [item.job_id for item in c.batches.iter_results(batch_id, page_size=page_size)]


def peak_rss(mock: MockProcess, batch_id: str, page_size: int, items: int) -> int:
    """Peak RSS (bytes) of a fresh process reading every item of the batch."""
    arguments = [mock.base_url("wickson"), mock.api_key("wickson"), batch_id, str(page_size)]
    output = subprocess.run(
        [sys.executable, "-c", _RSS, *arguments, str(items)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout
    count, rss = json.loads(output)
    if count != items:
        raise AssertionError(f"iter_results gave {count} items of {items}")
    return int(rss)


def created_batch(mock: MockProcess, items: int) -> str:
    """A Wickson batch of `items` items made through the control API, already completed."""
    created = mock.control(
        "POST", "/jobs", json={"service": "wickson", "items": items, "seconds": 1.0}
    )
    mock.control("POST", "/clock", json={"advance": 2.0})
    batch: str = created["ids"][0]
    return batch


def warm_server_cache(mock: MockProcess, batch_id: str, page_size: int, total: int) -> None:
    """Have the mock render (and cache, as far as its cache holds) every page once."""
    url = f"{mock.base_url('wickson')}/v1/batches/{batch_id}/results"
    headers = {**mock.headers("wickson"), "X-Mock-Fault": "latency=0ms"}
    with httpx.Client(headers=headers, timeout=120) as http, ThreadPoolExecutor(2) as pool:

        def fetch(page: int) -> None:
            http.get(url, params={"page": page, "page_size": page_size}).raise_for_status()

        list(pool.map(fetch, range(1, math.ceil(total / page_size) + 1)))


def _checked(ids: list[str], expected: int, who: str) -> None:
    if len(ids) != expected or len(set(ids)) != expected:
        raise AssertionError(f"{who}: {len(ids)} items, {len(set(ids))} distinct, not {expected}")


def compare_reads(
    mock: MockProcess,
    batch_id: str,
    page_size: int,
    items: int,
    rounds: int,
    label: str,
    limit: float,
) -> Row:
    """The loop and iter_results in interleaved rounds (order shuffled), median wall time."""
    times: dict[str, list[float]] = {"loop": [], "ours": []}
    reads = {
        "loop": lambda: page_loop(mock, batch_id, page_size),
        "ours": lambda: iter_results_ids(mock, batch_id, page_size),
    }
    watch = Watch()
    for order in shuffled_rounds(list(reads), rounds):
        for name in order:
            ids, seconds = timed(reads[name])
            _checked(ids, items, name)
            times[name].append(seconds)
    span = watch.stop()
    base = Measure("sequential httpx page loop", sorted(times["loop"])[len(times["loop"]) // 2])
    mine = Measure("iter_results", sorted(times["ours"])[len(times["ours"]) // 2])
    return Row(label, base, mine, limit, speedup=True, span=span)


def run(
    *,
    latency: str = LATENCY,
    page_size: int = PAGE_SIZE,
    sizes: tuple[int, ...] = SIZES,
    latency_items: int = LATENCY_ITEMS,
    rounds: dict[int, int] | None = None,
) -> Section:
    """Floor 2 (smaller `sizes` make a quick run)."""
    section = Section(3, "Pagination")
    rounds = rounds or ROUNDS
    with running_mock() as mock:
        batches = {items: created_batch(mock, items) for items in sizes}
        for items, batch in batches.items():
            warm_server_cache(mock, batch, page_size, items)
            label = f"{items:,} items, page_size {page_size}, no latency"
            row = compare_reads(
                mock, batch, page_size, items, rounds.get(items, 1), label, NO_LATENCY_LIMIT
            )
            section.rows.append(row)
        small, large = min(sizes), max(sizes)
        watch = Watch()
        small_peak = peak_rss(mock, batches[small], page_size, small)
        large_peak = peak_rss(mock, batches[large], page_size, large)
        section.rows.append(
            Row(
                f"iter_results peak RSS of a fresh process, {large:,} items vs {small:,}",
                Measure(f"{small:,} items", small_peak, "B"),
                Measure(f"{large:,} items", large_peak, "B"),
                MEMORY_LIMIT,
                span=watch.stop(),
            )
        )
    with running_mock(f"latency={latency}") as slow:
        batch = created_batch(slow, latency_items)
        warm_server_cache(slow, batch, page_size, latency_items)
        label = f"{latency_items:,} items, page_size {page_size}, {latency} latency"
        section.rows.append(
            compare_reads(slow, batch, page_size, latency_items, 1, label, SPEEDUP_LIMIT)
        )
    section.method = [
        "The mock runs in a process of its own (`MockServer`, uvicorn); the batches are made "
        "through its control API (`POST /_mock/jobs` with `items` up to 1,000,000; their items "
        "are generated page by page) and completed before reading. Every page is fetched once "
        "before timing so that both sides get what the server caches (96 MB of encoded pages: "
        "all of the smaller batches, part of the 1,000,000-item one, whose other pages are "
        "rendered again on each read, for both sides alike). The latency rows use a second mock "
        f"with the fault `latency={latency}` on every response, standing in for the network.",
        f"Baseline: the loop of Wickson's page, written with httpx: one `httpx.Client`, page "
        f"after page (page_size {page_size}), `response.json()`, until `total_pages`. Ours: "
        "`wickson.Client(...).batches.iter_results(batch_id, page_size=...)` with its default "
        "prefetching. Both collect every job id; the counts and distinct ids are checked. "
        f"Rounds per size: {', '.join(f'{k:,}: {v}' for k, v in rounds.items())} (interleaved, "
        "order shuffled, the median wall time of each side); one round with latency.",
        "Memory: the peak RSS (VmHWM of /proc/self/status) of a fresh Python process that "
        "reads the whole smallest and the whole largest batch through `iter_results`, keeping "
        "no item.",
    ]
    return section

"""Floor 3: every item of the mock's 100,000-item Wickson batch through `iter_results` over
loopback, beside a plain sequential page loop written with httpx (the page's own approach),
both against the same mock server (a process of its own) with the same per-response latency."""

from __future__ import annotations

import math
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import httpx

from .mock_process import MockProcess, running_mock
from .report import Measure, Row, Section
from .timing import timed

LATENCY = "30ms"
PAGE_SIZE = 1000
SPEEDUP_LIMIT = 3.0
MEMORY_LIMIT = 1.2
SMALL = 10_000
BATCH = "batch-large-100k"
TOTAL = 100_000
MEMORY_RUNS = 5


def page_loop(mock: MockProcess, batch_id: str, page_size: int, stop_after: int) -> list[str]:
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
            if page >= data["pagination"]["total_pages"] or len(ids) >= stop_after:
                return ids[:stop_after]
            page += 1


def iter_results_ids(
    mock: MockProcess, batch_id: str, page_size: int, stop_after: int
) -> list[str] | None:
    """Every job id through `wickson.Client.batches.iter_results`, or None if it is missing."""
    try:
        from jobresults import wickson
    except ImportError:
        return None
    ids: list[str] = []
    with wickson.Client(api_key=mock.api_key("wickson"), base_url=mock.base_url("wickson")) as c:
        for item in c.batches.iter_results(batch_id, page_size=page_size):
            ids.append(item.job_id)
            if len(ids) >= stop_after:
                break
    return ids


def peak_traced_memory(mock: MockProcess, batch_id: str, page_size: int, items: int) -> int:
    """Peak traced memory (bytes) while `iter_results` yields `items` items, keeping none."""
    from jobresults import wickson

    tracemalloc.start()
    try:
        count = 0
        with wickson.Client(
            api_key=mock.api_key("wickson"), base_url=mock.base_url("wickson")
        ) as client:
            for _ in client.batches.iter_results(batch_id, page_size=page_size):
                count += 1
                if count >= items:
                    break
        if count != items:
            raise AssertionError(f"iter_results gave {count} items of {items}")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def warm_server_cache(mock: MockProcess, batch_id: str, page_size: int, total: int) -> None:
    """Have the mock render and cache every page once, without the latency, before timing."""
    url = f"{mock.base_url('wickson')}/v1/batches/{batch_id}/results"
    headers = {**mock.headers("wickson"), "X-Mock-Fault": "latency=0ms"}
    with httpx.Client(headers=headers, timeout=60) as http, ThreadPoolExecutor(4) as pool:

        def fetch(page: int) -> None:
            http.get(url, params={"page": page, "page_size": page_size}).raise_for_status()

        list(pool.map(fetch, range(1, math.ceil(total / page_size) + 1)))


def _checked(ids: list[str], expected: int, who: str) -> None:
    if len(ids) != expected or len(set(ids)) != expected:
        raise AssertionError(f"{who}: {len(ids)} items, {len(set(ids))} distinct, not {expected}")


def run(
    *,
    latency: str = LATENCY,
    page_size: int = PAGE_SIZE,
    total: int = TOTAL,
    small: int = SMALL,
) -> Section:
    """Floor 3 (`total` and `small` smaller than the batch make a quick run)."""
    section = Section(3, "Pagination")
    with running_mock(f"latency={latency}") as mock:
        warm_server_cache(mock, BATCH, page_size, total)
        theirs, base_seconds = timed(lambda: page_loop(mock, BATCH, page_size, total))
        _checked(theirs, total, "page loop")
        ours, ours_seconds = timed(lambda: iter_results_ids(mock, BATCH, page_size, total))
        label = f"{total:,} items of the large Wickson batch, page_size {page_size}"
        base = Measure("sequential httpx page loop", base_seconds)
        if ours is None:
            note = "jobresults.wickson is not available"
            section.rows.append(Row(label, base, None, SPEEDUP_LIMIT, speedup=True, note=note))
            section.rows.append(Row("peak traced memory", None, None, MEMORY_LIMIT, note=note))
        else:
            _checked(ours, total, "iter_results")
            if set(ours) != set(theirs):
                raise AssertionError("iter_results and the page loop gave different items")
            mine = Measure("iter_results", ours_seconds)
            section.rows.append(Row(label, base, mine, SPEEDUP_LIMIT, speedup=True))
            small_peak = max(
                peak_traced_memory(mock, BATCH, page_size, small) for _ in range(MEMORY_RUNS)
            )
            large_peak = max(
                peak_traced_memory(mock, BATCH, page_size, total) for _ in range(MEMORY_RUNS)
            )
            section.rows.append(
                Row(
                    f"iter_results peak traced memory, {total:,} items vs {small:,}",
                    Measure(f"{small:,} items", small_peak, "B"),
                    Measure(f"{total:,} items", large_peak, "B"),
                    MEMORY_LIMIT,
                )
            )
    section.method = [
        f"The mock runs in a process of its own (`MockServer`, uvicorn) with the fault "
        f"`latency={latency}` on every response, standing in for the network between a client "
        "and the real service; both sides talk to the same server. Every page is fetched once "
        "before timing (without the latency) so that both sides get the server's cached pages.",
        f"Baseline: the loop of Wickson's page, written with httpx: one `httpx.Client`, page "
        f"after page (page_size {page_size}), `response.json()`, until `total_pages`. Ours: "
        "`wickson.Client(...).batches.iter_results(batch_id, page_size=...)` with its default "
        "prefetching. Both collect every job id; the counts and the sets of ids are checked "
        "equal. One timed pass each (wall time).",
        f"Memory: `tracemalloc` peak while `iter_results` yields the first {small:,} items "
        f"(then stops) and while it yields all {total:,}, keeping no item; the largest peak of "
        f"{MEMORY_RUNS} runs each. The peak depends on how many fetched pages "
        "wait at once beside the one being read (at most `prefetch`), which varies with thread "
        "timing from run to run; the worst of a few runs is the bound that matters.",
    ]
    return section

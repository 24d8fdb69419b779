"""Floor 4: `wait_all` over many mock jobs that finish over a few seconds: wall time beside the
last job's finish, requests sent beside what the poll schedule needs."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .mock_process import MockProcess, running_mock
from .report import Measure, Row, Section, Span, Watch
from .timing import shuffled_rounds

JOBS = 10_000
SECONDS = 10.0
LARGE_JOBS = 100_000
LARGE_SECONDS = 60.0
LARGE_WALL_LIMIT = 1.2
"""The large run: jobs, the time over which they finish, and its wall-time floor."""
RSS_LIMIT = 80 * 2**20
"""Peak RSS of the process following `JOBS` jobs, at most (bytes)."""
GROUPS = 100
ITEMS = 20
CONCURRENCY = 64
SERVICES = ("modzy", "wickson", "overmind", "llamacloud")
WALL_LIMIT = 1.1
REQUEST_LIMIT = 1.05
CPU_LIMIT = 0.00035
"""Seconds of the client's CPU per poll, at most."""
QUEUED_SHARE = 0.2
"""The mock's documented plan of a created job: pending for the first fifth of its time, then
its items finish one by one at even intervals."""
TRANSPORT_JOBS = 3_000
TRANSPORT_SECONDS = 5.0
TRANSPORT_ROUNDS = 3
"""The transport comparison: jobs, the time over which they finish, interleaved rounds."""
WARM_UP_JOBS = 8
WARM_UP_SECONDS = 0.2
PROGRESS_SHOWN = {"modzy": True, "wickson": True, "overmind": True, "llamacloud": False}
"""Whether a service shows a running job's progress (LlamaCloud answers 404 until the end)."""


@dataclass(frozen=True)
class Group:
    """Jobs created by one control API call: same service, same plan."""

    service: str
    ids: list[str]
    seconds: float
    created: float = 0.0
    """Wall-clock time of creation (seconds since the epoch)."""
    finishes: float = 0.0


def async_clients() -> dict[str, type]:
    """The `AsyncClient` class of each service whose client exists (none without `wait_all`)."""
    try:
        importlib.import_module("jobresults._wait_all")
    except ImportError:
        return {}
    found = {}
    for name in SERVICES:
        try:
            found[name] = importlib.import_module(f"jobresults.{name}").AsyncClient
        except (ImportError, AttributeError):
            continue
    return found


def _epoch(text: str) -> float:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def create_jobs(mock: MockProcess, jobs: int, seconds: float, services: list[str]) -> list[Group]:
    """`jobs` jobs spread over `services` and over `GROUPS` durations up to `seconds`."""
    groups = []
    slots = [(g, s) for g in range(1, GROUPS + 1) for s in services]
    for index, (g, service) in enumerate(slots):
        count = jobs // len(slots) + (1 if index < jobs % len(slots) else 0)
        if not count:
            continue
        duration = seconds * g / GROUPS
        body = {"service": service, "count": count, "items": ITEMS, "seconds": duration}
        answer = mock.control("POST", "/jobs", json=body)
        groups.append(Group(service, answer["ids"], duration))
    return groups


def with_times(mock: MockProcess, groups: list[Group]) -> list[Group]:
    """The groups with their creation and finish times, as the mock reports them."""
    timed = []
    for group in groups:
        state = mock.control("GET", f"/jobs/{group.ids[0]}")
        created, finishes = _epoch(state["created_at"]), _epoch(state["finishes_at"])
        timed.append(Group(group.service, group.ids, group.seconds, created, finishes))
    return timed


@dataclass
class Followed:
    """What following the jobs gave."""

    statuses: list[Any]
    requests: int
    first_poll: dict[str, float]
    """Wall-clock time of each job's first answer."""
    polls: int
    """Answers the followers got (one per poll)."""


HttpClientFactory = Callable[[], "httpx.AsyncClient | None"]
"""Makes the `http_client` of one service's client (None: the library makes its own)."""


async def follow(
    mock: MockProcess,
    groups: list[Group],
    clients: dict[str, type],
    http_client: HttpClientFactory = lambda: None,
    *,
    keep_results: bool = True,
) -> Followed:
    """`await_all` (what `wait_all` runs on its own loop) over every job, each service's client
    on the `http_client` the factory makes."""
    from jobresults import await_all

    first_poll: dict[str, float] = {}
    answers = 0

    def seen(status: Any) -> None:
        nonlocal answers
        answers += 1
        first_poll.setdefault(status.job_id, time.time())

    own = {name: http_client() for name in clients}
    opened = {
        name: cls(api_key=mock.api_key(name), base_url=mock.base_url(name), http_client=own[name])
        for name, cls in clients.items()
    }
    try:
        refs = [(opened[group.service], job_id) for group in groups for job_id in group.ids]
        statuses = await await_all(
            refs,
            concurrency=CONCURRENCY,
            timeout=max(60.0, 10 * max(group.seconds for group in groups)),
            on_update=seen,
            keep_results=keep_results,
        )
        requests = sum(client.requests_sent for client in opened.values())
        return Followed(statuses, requests, first_poll, answers)
    finally:
        for client in opened.values():
            await client.aclose()
        for http in own.values():
            if http is not None:
                await http.aclose()


@dataclass(frozen=True)
class FreshRun:
    """`await_all` over fresh jobs in a process of its own (so that its peak RSS is its own)."""

    jobs: int
    wall: float
    """From just before the jobs were created until `await_all` returned."""
    last_finish: float
    """The last job's finish, on the same clock and from the same start."""
    requests: int
    polls: int
    needed: int
    """The polls the schedule itself needs (`polls_needed`, summed over the jobs)."""
    cpu: float
    """The process's CPU time while `await_all` ran."""
    peak_rss: int
    unfinished: int

    @property
    def cpu_per_request(self) -> float:
        return self.cpu / max(1, self.requests)


_FRESH = """
import json, sys
sys.path.insert(0, sys.argv[1])
from bench.many_jobs import follow_here
url, jobs, seconds, keep = sys.argv[2:6]
print(json.dumps(follow_here(url, int(jobs), float(seconds), keep == "1")))
"""


def fresh_run(
    mock: MockProcess, jobs: int, seconds: float, *, keep_results: bool = True
) -> FreshRun:
    """`follow_here` in a fresh Python process, against `mock`."""
    scripts = str(Path(__file__).resolve().parent.parent)
    keep = "1" if keep_results else "0"
    output = subprocess.run(
        [sys.executable, "-c", _FRESH, scripts, mock.url, str(jobs), str(seconds), keep],
        capture_output=True,
        text=True,
        check=True,
        timeout=max(600.0, 20 * seconds),
    ).stdout
    return FreshRun(**json.loads(output.strip().splitlines()[-1]))


def _peak_rss() -> int:
    """This process's peak resident set size in bytes (VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def follow_here(url: str, jobs: int, seconds: float, keep_results: bool) -> dict[str, Any]:
    """Create `jobs` jobs on the mock at `url` finishing over `seconds`, follow them all with
    `await_all(..., keep_results=keep_results)`, and say what it took (`FreshRun`'s fields)."""
    clients = async_clients()
    with httpx.Client(timeout=60) as http:
        mock = MockProcess(url, http)
        for name in clients:  # the mock's keys and paths (loaded from its specs) before timing
            mock.api_key(name)
            mock.base_url(name)
        begin = time.time()
        groups = create_jobs(mock, jobs, seconds, sorted(clients))
        cpu_before = _cpu_seconds()
        followed = asyncio.run(follow(mock, groups, clients, keep_results=keep_results))
        cpu = _cpu_seconds() - cpu_before
        end = time.time()
        groups = with_times(mock, groups)
    needed = sum(
        polls_needed(
            followed.first_poll[job_id] - group.created,
            group.seconds,
            shows_progress=PROGRESS_SHOWN[group.service],
        )
        for group in groups
        for job_id in group.ids
    )
    unfinished = sum(status.state.value != "succeeded" for status in followed.statuses)
    return {
        "jobs": jobs,
        "wall": end - begin,
        "last_finish": max(group.finishes for group in groups) - begin,
        "requests": followed.requests,
        "polls": followed.polls,
        "needed": needed,
        "cpu": cpu,
        "peak_rss": _peak_rss(),
        "unfinished": unfinished,
    }


def done_share(elapsed: float, seconds: float, items: int) -> float:
    """The share of a created job's items done `elapsed` seconds after its creation."""
    started = seconds * QUEUED_SHARE
    if elapsed < started:
        return 0.0
    share = (elapsed - started) / (seconds - started)
    return min(items - 1, int(share * items)) / items


def polls_needed(first_poll: float, seconds: float, *, shows_progress: bool) -> int:
    """How many polls `PollSchedule()` makes for one job when every poll is answered at once:
    the schedule run on simulated time against the job's plan (`first_poll` is the time of
    the first poll, in seconds since the job's creation)."""
    from jobresults import PollSchedule

    schedule = PollSchedule()
    now, delay, polls = first_poll, None, 0
    seen: list[tuple[float, float]] = []
    while True:
        polls += 1
        if now >= seconds:
            return polls
        seen.append((now, done_share(now, seconds, ITEMS) if shows_progress else 0.0))
        delay = schedule.next_delay(delay, seen)
        now += delay


def _sharded_client() -> httpx.AsyncClient | None:
    from jobresults._transport import ShardedTransport

    return httpx.AsyncClient(transport=ShardedTransport())


def _aiohttp_client() -> httpx.AsyncClient | None:
    from jobresults._aiohttp_transport import LibraryAiohttpTransport
    from jobresults._transport import MAX_CONNECTIONS

    return httpx.AsyncClient(transport=LibraryAiohttpTransport(MAX_CONNECTIONS))


TRANSPORTS: dict[str, tuple[HttpClientFactory, str | None]] = {
    "httpx's default transport": (httpx.AsyncClient, None),
    "ShardedTransport": (_sharded_client, None),
    "httpx-aiohttp's AiohttpTransport": (_aiohttp_client, "httpx_aiohttp"),
    "the library's own pool, sent to directly": (lambda: None, None),
}
"""The candidates: how each makes a service client's `http_client`, and the module it needs."""
BASELINE_TRANSPORT = "httpx's default transport"
COMPARISON = "(comparison)"


def available_transports() -> dict[str, HttpClientFactory]:
    """The candidates whose modules are installed."""
    found = {}
    for name, (factory, module) in TRANSPORTS.items():
        if module is not None:
            try:
                importlib.import_module(module)
            except ImportError:
                continue
        found[name] = factory
    return found


@dataclass(frozen=True)
class TransportRun:
    """One round of one candidate: CPU per request, wall time and the last finish."""

    cpu_per_request: float
    requests: int
    wall: float
    last_finish: float


def _one_run(
    mock: MockProcess,
    clients: dict[str, type],
    http_client: HttpClientFactory,
    jobs: int,
    seconds: float,
) -> TransportRun:
    begin = time.time()
    groups = create_jobs(mock, jobs, seconds, sorted(clients))
    cpu_before = _cpu_seconds()
    followed = asyncio.run(follow(mock, groups, clients, http_client))
    cpu = _cpu_seconds() - cpu_before
    end = time.time()
    if any(status.state.value != "succeeded" for status in followed.statuses):
        raise AssertionError("a job did not succeed in the transport comparison")
    last = max(group.finishes for group in with_times(mock, groups))
    requests = max(1, followed.requests)
    return TransportRun(cpu / requests, requests, end - begin, last - begin)


def compare_transports(
    mock: MockProcess, clients: dict[str, type], *, jobs: int, seconds: float, rounds: int
) -> tuple[dict[str, list[TransportRun]], Span]:
    """Every available candidate in `rounds` interleaved rounds, their order shuffled every
    round, fresh jobs each run (after one small untimed run each: imports, TLS contexts)."""
    candidates = available_transports()
    for factory in candidates.values():
        _one_run(mock, clients, factory, WARM_UP_JOBS, WARM_UP_SECONDS)
    runs: dict[str, list[TransportRun]] = {name: [] for name in candidates}
    watch = Watch()
    for order in shuffled_rounds(list(candidates), rounds):
        for name in order:
            runs[name].append(_one_run(mock, clients, candidates[name], jobs, seconds))
    return runs, watch.stop()


def _transport_rows(
    runs: dict[str, list[TransportRun]], span: Span, jobs: int, seconds: float
) -> list[Row]:
    what = f"wait_all over {jobs:,} jobs finishing over {seconds:g} s"
    base = runs.get(BASELINE_TRANSPORT)
    base_cpu = statistics.median(run.cpu_per_request for run in base) if base else None
    rows = []
    for name in TRANSPORTS:
        if name not in runs:
            note = "httpx-aiohttp is not installed: pip install 'jobresults[aiohttp]'"
            for figure in ("client CPU per poll", "wall time"):
                rows.append(
                    Row(f"{what}, {name}: {figure}", None, None, note=note, floor_text=COMPARISON)
                )
            continue
        cpu = statistics.median(run.cpu_per_request for run in runs[name])
        figures = ", ".join(f"{run.cpu_per_request * 1e3:.3f}" for run in runs[name])
        rows.append(
            Row(
                f"{what}, {name}: client CPU per poll",
                None if base_cpu is None else Measure(BASELINE_TRANSPORT, base_cpu),
                Measure(name, cpu),
                ours_text=f"{cpu * 1e3:.3f} ms (median of rounds: {figures} ms)",
                span=span,
            )
        )
        rows.append(
            Row(
                f"{what}, {name}: wall time",
                Measure("last job's finish", statistics.median(r.last_finish for r in runs[name])),
                Measure("wait_all returned", statistics.median(r.wall for r in runs[name])),
                span=span,
            )
        )
    return rows


def _cpu_row(run: FreshRun, what: str, *, floor: bool) -> Row:
    """The client CPU per poll of `run` (a floor row, or one for comparison)."""
    cpu = run.cpu_per_request
    return Row(
        what,
        None,
        Measure("client CPU per request", cpu),
        ours_text=f"{cpu * 1e3:.3f} ms ({run.cpu:.2f} s of CPU for {run.requests:,} requests)",
        check=cpu <= CPU_LIMIT if floor else None,
        floor_text=f"≤ {CPU_LIMIT * 1e3:g} ms" if floor else COMPARISON,
    )


def _main_rows(main: FreshRun, seconds: float, services: list[str]) -> list[Row]:
    jobs = main.jobs
    return [
        Row(
            f"wait_all over {jobs:,} jobs ({len(services)} services) finishing over "
            f"{seconds:g} s: wall time",
            Measure("last job's finish", main.last_finish),
            Measure("wait_all returned", main.wall),
            WALL_LIMIT,
        ),
        Row(
            f"wait_all over {jobs:,} jobs: requests sent",
            Measure("the poll schedule needs", main.needed, "requests"),
            Measure("sent", main.requests, "requests"),
            REQUEST_LIMIT,
        ),
        Row(
            f"wait_all over {jobs:,} jobs: requests sent per poll answered",
            Measure("polls answered", main.polls, "requests"),
            Measure("sent", main.requests, "requests"),
        ),
        Row(
            f"wait_all over {jobs:,} jobs: requests per job",
            Measure("jobs", jobs, "requests"),
            Measure("requests sent", main.requests, "requests"),
        ),
        _cpu_row(
            main,
            f"wait_all over {jobs:,} jobs: client CPU per poll (the mock in its own process)",
            floor=True,
        ),
        Row(
            f"wait_all over {jobs:,} jobs, results kept: peak RSS of the following process",
            None,
            Measure("peak RSS", main.peak_rss, "B"),
            floor_text=COMPARISON,
        ),
    ]


def _lean_rows(lean: FreshRun) -> list[Row]:
    return [
        Row(
            f"wait_all over {lean.jobs:,} jobs, keep_results=False: peak RSS of the following "
            "process",
            None,
            Measure("peak RSS", lean.peak_rss, "B"),
            check=lean.peak_rss <= RSS_LIMIT,
            floor_text=f"≤ {RSS_LIMIT // 2**20} MiB",
        ),
        _cpu_row(
            lean,
            f"wait_all over {lean.jobs:,} jobs, keep_results=False: client CPU per poll",
            floor=False,
        ),
    ]


def _large_rows(large: FreshRun, seconds: float) -> list[Row]:
    jobs = large.jobs
    return [
        Row(
            f"wait_all over {jobs:,} jobs finishing over {seconds:g} s: wall time",
            Measure("last job's finish", large.last_finish),
            Measure("wait_all returned", large.wall),
            LARGE_WALL_LIMIT,
        ),
        Row(
            f"wait_all over {jobs:,} jobs: requests per job",
            Measure("jobs", jobs, "requests"),
            Measure("requests sent", large.requests, "requests"),
        ),
        _cpu_row(large, f"wait_all over {jobs:,} jobs: client CPU per poll", floor=False),
        Row(
            f"wait_all over {jobs:,} jobs: peak RSS of the following process",
            None,
            Measure("peak RSS", large.peak_rss, "B"),
            floor_text=COMPARISON,
        ),
    ]


def run(
    *,
    jobs: int = JOBS,
    seconds: float = SECONDS,
    large_jobs: int = LARGE_JOBS,
    large_seconds: float = LARGE_SECONDS,
    transport_jobs: int = TRANSPORT_JOBS,
    transport_seconds: float = TRANSPORT_SECONDS,
    transport_rounds: int = TRANSPORT_ROUNDS,
) -> Section:
    """Floor 4, and the transports compared."""
    section = Section(4, "Many jobs")
    clients = async_clients()
    services = sorted(clients)
    section.method = _method(jobs, seconds, large_jobs, large_seconds, services)
    section.method += _transport_method(transport_jobs, transport_seconds, transport_rounds)
    if not clients:
        note = "the service clients or wait_all are not available"
        section.rows = [
            Row("wait_all wall time", None, None, WALL_LIMIT, note=note),
            Row("wait_all requests", None, None, REQUEST_LIMIT, note=note),
        ]
        return section
    with running_mock() as mock:
        main = fresh_run(mock, jobs, seconds)
        lean = fresh_run(mock, jobs, seconds, keep_results=False)
        large = (
            fresh_run(mock, large_jobs, large_seconds, keep_results=False) if large_jobs else None
        )
        runs, span = compare_transports(
            mock,
            clients,
            jobs=transport_jobs,
            seconds=transport_seconds,
            rounds=transport_rounds,
        )
    for run_ in (main, lean, large):
        if run_ is not None and run_.unfinished:
            raise AssertionError(f"{run_.unfinished} of {run_.jobs} jobs did not succeed")
    section.rows = [
        *_main_rows(main, seconds, services),
        *_lean_rows(lean),
        *([] if large is None else _large_rows(large, large_seconds)),
        *_transport_rows(runs, span, transport_jobs, transport_seconds),
    ]
    return section


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _method(
    jobs: int, seconds: float, large_jobs: int, large_seconds: float, services: list[str]
) -> list[str]:
    return [
        f"{jobs:,} jobs created through the mock's control API (its own process, no faults), "
        f"spread evenly over the services whose clients exist ({', '.join(services)}) and "
        f"over {GROUPS} durations from "
        f"{seconds / GROUPS:g} s to {seconds:g} s, {ITEMS} items each; then "
        f"`await_all(refs, concurrency={CONCURRENCY})` (what `wait_all` runs on its own event "
        "loop; called here on the benchmark's loop so the async clients' request counters can "
        "be read and the clients closed) with one `AsyncClient` per service and the default "
        "`PollSchedule`. Every job is checked to end succeeded.",
        "Wall time: from just before the jobs are created until `await_all` returns, beside the "
        "same clock's time at which the last job finished (the mock's `finishes_at`).",
        "Requests: the clients' `requests_sent` (every request on the wire, retries included), "
        "beside the polls the schedule itself needs: `PollSchedule().next_delay` run on "
        "simulated time against each job's plan (pending for the first fifth of its time, then "
        "its items finish one by one; LlamaCloud shows no progress before the end), starting at "
        "each job's actual first poll, every later poll answered at the very moment the "
        "schedule asks for it. The schedule aims at each job's estimated finish from two "
        "observations of its progress, so the count is sensitive to when exactly polls land: "
        "real polls land a little late under load, see more progress and often need fewer "
        "polls than the ideal. The row below it counts the answers the followers got, beside "
        "the requests sent (retries and any extra request per poll show there).",
        "Client CPU: user and system time of the following process (all its threads) while "
        "`await_all` runs, per request sent; the mock's CPU is its own process's.",
        "Each run follows its jobs in a fresh Python process (the mock in another), which "
        "creates them, follows them and reports; its peak RSS (VmHWM) is that process's, the "
        "interpreter, the library and its imports included. The rows above follow with the "
        "default `keep_results=True` (every final status holds its typed result, which keeps "
        "its raw response); the memory floor is measured on a second run of fresh jobs with "
        "`keep_results=False` (statuses without the result: what a caller who hands results "
        "on from `on_update`, or only wants the states, runs).",
        f"The large run: the same over {large_jobs:,} jobs finishing over {large_seconds:g} s "
        "(durations from "
        f"{large_seconds / GROUPS:g} s to {large_seconds:g} s), in a fresh process too, with "
        "`keep_results=False` (the results kept would be a few GB).",
    ]


def _transport_method(jobs: int, seconds: float, rounds: int) -> list[str]:
    return [
        f"Transports compared (comparison rows): the same `await_all` over {jobs:,} fresh jobs "
        f"finishing over {seconds:g} s, once per candidate in each of {rounds} rounds, the "
        "candidates' order shuffled every round, gc on: each service's `AsyncClient` given "
        "`http_client=httpx.AsyncClient(transport=...)` with httpx's default transport, the "
        "library's `ShardedTransport` (what it uses without the `aiohttp` extra) or "
        "httpx-aiohttp's `AiohttpTransport` as the library uses it with the extra "
        "(`LibraryAiohttpTransport`: httpcore's error types, no hidden resend; skipped with a "
        "note when httpx-aiohttp is not installed), each through `httpx.AsyncClient.send` as "
        "a caller's own client is; and the library's own pool (no `http_client`: the same "
        "transport as the library picks, sent to past `send`, see `jobresults._direct`). "
        "Client CPU per poll is "
        "the process's CPU per request sent, the median over rounds (each round's figure "
        "beside it), its ratio against httpx's default transport; wall time is the median of "
        "`await_all`'s return beside the median of the last job's finish, both from just "
        "before the jobs were created.",
    ]

"""`jobresults demo`: the mock server, then each service's main flow as a user would run it.

Every request the clients send goes through a validating transport, so the demo ends by
saying how many responses it checked against the specs and how many deviated.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._exit_codes import ExitCode, fail

if TYPE_CHECKING:
    from rich.console import Console

    from ..mock import MockServer

SERVICES = ("modzy", "llamacloud", "wickson", "overmind")


@dataclass
class DemoSettings:
    """What the demo runs: the mock's seed and speed, how many jobs wait_all follows, sizes."""

    seed: int = 1
    speed: float = 10.0
    jobs: int = 100
    page_size: int = 1000
    step_timeout: float = 20.0


@dataclass
class StepOutcome:
    """How one step went."""

    title: str
    ok: bool
    seconds: float
    note: str = ""


class StepFailedError(Exception):
    """A step found something wrong (not an error of the service: a wrong outcome)."""


@dataclass
class Demo:
    """The running demo: the server, the clients made so far, their validating transports."""

    server: MockServer
    console: Console
    settings: DemoSettings
    transports: list[Any] = field(default_factory=list)
    clients: list[Any] = field(default_factory=list)
    outcomes: list[StepOutcome] = field(default_factory=list)

    def client(self, service: str, *, asynchronous: bool = False) -> Any:
        """A client of `service` on the mock, every response validated against the spec."""
        import httpx

        from ..validate import ValidatingTransport
        from ._clients import open_client

        if asynchronous:
            transport: Any = ValidatingTransport(httpx.AsyncHTTPTransport(), mode="collect")
            http_client: Any = httpx.AsyncClient(transport=transport, timeout=30.0)
        else:
            transport = ValidatingTransport(httpx.HTTPTransport(), mode="collect")
            http_client = httpx.Client(transport=transport, timeout=30.0)
        self.transports.append(transport)
        self.clients.append(http_client)
        return open_client(
            service,
            api_key=self.server.api_key(service),
            base_url=self.server.base_url(service),
            asynchronous=asynchronous,
            http_client=http_client,
        )

    def validation_counts(self) -> tuple[int, list[Any]]:
        """How many responses were validated, and every violation found."""
        reports = [report for transport in self.transports for report in transport.reports]
        return len(reports), [v for report in reports for v in report.violations]

    @contextmanager
    def step(self, title: str) -> Iterator[list[str]]:
        """Run one step under a heading; record whether it passed and how long it took.

        The step appends its one-line outcome to the list it is given. A service error or a
        `StepFailedError` fails the step, and the demo goes on with the next one.
        """
        from rich.rule import Rule

        from ..errors import JobResultsError
        from ._exit_codes import error_line

        number = len(self.outcomes) + 1
        self.console.print(Rule(f"{number}. {title}", align="left"))
        notes: list[str] = []
        started = time.perf_counter()
        ok = True
        try:
            yield notes
        except (JobResultsError, StepFailedError) as error:
            ok = False
            message = str(error) if isinstance(error, StepFailedError) else error_line(error)
            notes.append(message)
        except Exception as error:  # a bug: report it, and still run the other steps
            ok = False
            notes.append(f"unexpected {type(error).__name__}: {error}")
        seconds = time.perf_counter() - started
        note = "; ".join(notes)
        self.console.print(
            f"{'ok' if ok else 'FAILED'} in {seconds:.2f} s" + (": " + note if note else "")
        )
        self.outcomes.append(StepOutcome(title, ok, seconds, note))

    def close(self) -> None:
        """Close the blocking HTTP clients the demo opened (async ones close in their loop)."""
        import httpx

        for http_client in self.clients:
            if isinstance(http_client, httpx.Client):
                http_client.close()

    async def aclose(self) -> None:
        """Close the async HTTP clients the demo opened, in the loop that used them."""
        import httpx

        for http_client in self.clients:
            if isinstance(http_client, httpx.AsyncClient):
                await http_client.aclose()


@contextmanager
def _bar(demo: Demo, description: str, unit: str) -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar on the demo's console; yields `update(done, total)`."""
    from .._display import item_progress

    progress = item_progress(demo.console, unit)
    task = progress.add_task(description, total=None)
    with progress:
        yield lambda done, total: progress.update(task, completed=done, total=total)


def modzy_flow(demo: Demo, notes: list[str]) -> None:
    """A new job appears; the client waits for it to finish, then reads its first outputs."""
    from ._output import json_bytes, print_summary

    items = 8
    job_id = demo.server.create_job("modzy", items=items, seconds=10.0)
    with demo.client("modzy") as client, _bar(demo, f"modzy {job_id}", "items") as update:
        result = client.results.wait(
            job_id,
            timeout=demo.settings.step_timeout,
            poll_interval=0.2,
            max_poll_interval=0.5,
            on_update=lambda seen: update(seen.completed + seen.failed, seen.total),
        )
    print_summary(demo.console, "modzy", result)
    outputs = result.get_first_outputs()
    for name, value in outputs.items():
        demo.console.print(f"first output {name}: {json_bytes(value).decode()}", soft_wrap=True)
    if not result.finished or result.completed != items:
        raise StepFailedError(f"job {job_id} ended with {result.completed} of {items} completed")
    notes.append(f"job {job_id}: {result.completed} items, first outputs: {', '.join(outputs)}")


def llamacloud_flow(demo: Demo, notes: list[str]) -> None:
    """Read every extraction job the mock lists and the result of those that succeeded; show
    the page's example and the result with the most records; then wait for a new extraction
    that fails, and report it as failed, with the service's text, as soon as it says so."""
    from ..errors import JobFailedError
    from ..mock import seeded
    from ._output import print_summary
    from ._summaries import count

    job_ids = demo.server.listing()["llamacloud"]["jobs"]
    results = []
    statuses: Counter[str] = Counter()
    with demo.client("llamacloud") as client:
        for job_id in job_ids:
            job = client.extraction.jobs.get(job_id)
            statuses[str(job.status)] += 1
            if job.status in ("SUCCESS", "PARTIAL_SUCCESS"):
                results.append(client.extraction.jobs.get_result(job_id))
        example = next(r for r in results if str(r.run_id) == seeded.LLAMACLOUD_EXAMPLE_JOB)
        richest = max(results, key=lambda result: len(result.records()))
        for result in (example, richest) if richest is not example else (example,):
            print_summary(demo.console, "llamacloud", result)
        records = sum(len(result.records()) for result in results)
        if not example.records():
            raise StepFailedError("the page's example extraction job has no records")
        failing = demo.server.create_job("llamacloud", items=3, seconds=2.0, outcome="failed")
        started = time.perf_counter()
        try:
            client.extraction.jobs.wait(
                failing, timeout=demo.settings.step_timeout, poll_interval=0.05
            )
        except JobFailedError as error:
            took = time.perf_counter() - started
            demo.console.print(f"reported as failed after {took:.2f} s: {error}", soft_wrap=True)
        else:
            raise StepFailedError(f"extraction job {failing} was meant to fail, and did not")
    listed = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    notes.append(
        f"{count(len(job_ids), 'job')} ({listed}), {count(records, 'record')} in their results;"
        f" a failing extraction reported as failed in {took:.2f} s"
    )


def wickson_flow(demo: Demo, notes: list[str]) -> None:
    """Stream every item of the 100,000-item batch with a progress bar; print its errors."""
    from .._display import item_progress
    from ..mock import seeded
    from ._batch_results import is_failed
    from ._summaries import wickson_error_table

    batch_id = seeded.WICKSON_LARGE_BATCH
    page_size = demo.settings.page_size
    with demo.client("wickson") as client:
        first = client.batches.results(batch_id, page=1, page_size=1)
        total = first.data.pagination.total_items
        seen: set[str] = set()
        failed = 0
        progress = item_progress(demo.console)
        task = progress.add_task(f"batch {batch_id}", total=total)
        with progress:
            for n, item in enumerate(
                client.batches.iter_results(batch_id, page_size=page_size), start=1
            ):
                seen.add(item.job_id)
                failed += is_failed(item)
                if n % page_size == 0:
                    progress.update(task, completed=n)
            progress.update(task, completed=len(seen))
        pages = -(-total // page_size)
    statistics = first.data.statistics
    errors = getattr(statistics, "error_summary", None)
    if isinstance(errors, list) and errors:
        demo.console.print("error summary:")
        demo.console.print(wickson_error_table(errors))
    if len(seen) != total:
        raise StepFailedError(f"streamed {len(seen):,} distinct items of {total:,}")
    expected_failed = first.data.batch_summary.completion.failed
    if failed != expected_failed:
        raise StepFailedError(
            f"{failed:,} failed items streamed, the summary says {expected_failed:,}"
        )
    notes.append(f"{len(seen):,} items in {pages:,} pages, each exactly once, {failed:,} failed")


def overmind_flow(demo: Demo, notes: list[str]) -> None:
    """Follow a new tuning job to its end and show its iterations, the best one marked."""
    from ._output import print_summary

    planned = 6
    job_id = demo.server.create_job("overmind", items=planned, seconds=10.0)
    bar = _bar(demo, f"overmind {job_id}", "iterations")
    with demo.client("overmind") as client, bar as update:
        job = client.jobs.wait(
            job_id,
            timeout=demo.settings.step_timeout,
            poll_interval=0.2,
            max_poll_interval=0.5,
            on_update=lambda seen: update(len(seen.iterations), planned),
        )
    print_summary(demo.console, "overmind", job)
    best = job.best_iteration()
    if best is None:
        raise StepFailedError(f"job {job_id} has no scored iteration")
    notes.append(f"best iteration {best.iteration_name} (avg score {best.avg_score:.4g})")


def plan_jobs(count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """`count` jobs spread evenly over the four services: (service, control API options).

    Durations vary; about one job in six ends failed.
    """
    rng = random.Random(seed)
    plan = []
    for n in range(count):
        service = SERVICES[n % len(SERVICES)]
        fails = rng.random() < 1 / 6
        options = {
            "items": rng.randint(2, 6),
            "seconds": round(rng.uniform(5.0, 25.0), 1),
            "outcome": "failed" if fails else "completed",
        }
        plan.append((service, options))
    return plan


def wait_all_flow(demo: Demo, notes: list[str]) -> None:
    """Create many jobs across the four services and follow them all at once.

    This is `wait_all` in its async form (`await_all`), so that the validating async
    transports live and close in one event loop.
    """
    import asyncio

    from .. import JobState, PollSchedule, await_all

    plan = plan_jobs(demo.settings.jobs, demo.settings.seed)
    clients = {service: demo.client(service, asynchronous=True) for service in SERVICES}
    refs: list[tuple[Any, str]] = []
    expected: list[JobState] = []
    for service, options in plan:
        job_id = demo.server.create_job(service, **options)
        refs.append((clients[service], job_id))
        failed = options["outcome"] == "failed"
        expected.append(JobState.FAILED if failed else JobState.SUCCEEDED)
    by_service = Counter(service for service, _ in plan)
    demo.console.print(
        f"created {len(plan)} jobs: "
        + ", ".join(f"{by_service[s]} {s}" for s in SERVICES if by_service[s])
    )

    async def follow() -> list[Any]:
        try:
            return await await_all(
                refs,
                concurrency=32,
                timeout=demo.settings.step_timeout,
                schedule=PollSchedule(interval=0.2, min_interval=0.05, max_interval=1.0),
                progress=True,
                console=demo.console,
            )
        finally:
            await demo.aclose()

    statuses = asyncio.run(follow())
    states = Counter(status.state for status in statuses)
    summary = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
    notes.append(f"{len(statuses)} jobs ended: {summary}")
    wrong = [
        f"{status.service} {status.job_id}: {status.state} (expected {want})"
        + (f", {status.error}" if status.error else "")
        for status, want in zip(statuses, expected, strict=True)
        if status.state is not want
    ]
    if wrong:
        raise StepFailedError(f"{len(wrong)} jobs ended otherwise than planned, e.g. {wrong[0]}")


def validation_flow(demo: Demo, notes: list[str]) -> None:
    """Say how many responses were validated against the specs, and list any violation."""
    checked, violations = demo.validation_counts()
    line = (
        f"validated {checked:,} responses against the specs: "
        f"{len(violations):,} violation{'' if len(violations) == 1 else 's'}"
    )
    for violation in violations[:5]:
        demo.console.print(f"  {violation}")
    notes.append(line)  # said once, on the step's closing line
    if violations:
        raise StepFailedError(line)


STEPS: tuple[tuple[str, Callable[[Demo, list[str]], None]], ...] = (
    ("Modzy: wait for a new job, then read its first outputs", modzy_flow),
    ("LlamaCloud: extraction jobs, their records, and a failure reported", llamacloud_flow),
    ("Wickson: stream every page of a 100,000-item batch", wickson_flow),
    ("Overmind: follow a tuning job, show its best iteration", overmind_flow),
    ("wait_all: follow new jobs of all four services at once", wait_all_flow),
    ("Validation: every response against the specs", validation_flow),
)


def run_demo(settings: DemoSettings, console: Console) -> list[StepOutcome]:
    """Start the mock, run every step against it, stop it; return how each step went."""
    from ..mock import MockServer

    started = time.perf_counter()
    with MockServer(seed=settings.seed, speed=settings.speed, log_level="error") as server:
        console.print(
            f"jobresults demo: the mock of the four services on {server.url} "
            f"(seed {settings.seed}, simulated time {settings.speed:g}x), "
            f"started in {time.perf_counter() - started:.2f} s"
        )
        demo = Demo(server, console, settings)
        try:
            for title, flow in STEPS:
                with demo.step(title) as notes:
                    flow(demo, notes)
        finally:
            demo.close()
    return demo.outcomes


def demo(
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="The mock's seed.")] = 1,
    speed: Annotated[
        float,
        typer.Option(
            "--speed", min=0.1, metavar="X", help="How much faster than real time jobs progress."
        ),
    ] = 10.0,
    jobs: Annotated[
        int, typer.Option("--jobs", min=4, metavar="N", help="Jobs that wait_all follows.")
    ] = 100,
    page_size: Annotated[
        int,
        typer.Option(
            "--page-size", min=1, max=1000, metavar="N", help="Wickson items per request."
        ),
    ] = 1000,
) -> None:
    """Run each service's main flow against the embedded mock server, then check the specs.

    Starts the mock on a free loopback port; waits for a Modzy job and prints its first
    outputs; reads LlamaCloud extraction jobs and results, and reports a failed extraction
    as failed; streams a 100,000-item Wickson batch and
    prints its error summary; shows an Overmind job's best iteration; follows new jobs of all
    four services with wait_all; validates every response against the specs; stops the mock.
    Exit code 0 when every step passed, 11 otherwise.
    """
    from ._console import make_console

    console = make_console()
    started = time.perf_counter()
    settings = DemoSettings(seed=seed, speed=speed, jobs=jobs, page_size=page_size)
    outcomes = run_demo(settings, console)
    passed = sum(outcome.ok for outcome in outcomes)
    elapsed = time.perf_counter() - started
    console.print(
        f"demo finished in {elapsed:.1f} s: {passed} of {len(outcomes)} steps passed"
        + "".join(f"\n  {o.title}: {o.seconds:.2f} s" for o in outcomes)
    )
    if passed != len(outcomes):
        failed = [o.title for o in outcomes if not o.ok]
        fail(
            f"{len(failed)} of {len(outcomes)} demo steps failed: {'; '.join(failed)}",
            ExitCode.CHECK_FAILED,
        )

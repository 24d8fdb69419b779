"""Run every benchmark and write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import (
    cold_start,
    generation,
    many_jobs,
    mock_server,
    pagination,
    payloads,
    plain_import,
    proxy,
    typed_results,
    validation,
)
from .mock_process import running_mock
from .report import Section, Watch, load_average, render, table

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "python scripts/bench"


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark runs: the real run, or a quick one that only checks the code."""

    items: int = 10_000
    large_body: int = payloads.TEN_MB
    rounds: int = typed_results.ROUNDS
    number: int = typed_results.NUMBER
    openapi_core_calls: int = validation.OPENAPI_CORE_CALLS
    batch_sizes: tuple[int, ...] = pagination.SIZES
    latency_items: int = pagination.LATENCY_ITEMS
    page_size: int = pagination.PAGE_SIZE
    latency: str = pagination.LATENCY
    jobs: int = many_jobs.JOBS
    jobs_seconds: float = many_jobs.SECONDS
    large_jobs: int = many_jobs.LARGE_JOBS
    large_jobs_seconds: float = many_jobs.LARGE_SECONDS
    transport_jobs: int = many_jobs.TRANSPORT_JOBS
    transport_seconds: float = many_jobs.TRANSPORT_SECONDS
    transport_rounds: int = many_jobs.TRANSPORT_ROUNDS
    cold_runs: int = cold_start.RUNS
    plain_import_runs: int = plain_import.RUNS
    proxy_body: int = proxy.SMALL_BODY
    proxy_rounds: int = proxy.ROUNDS
    proxy_small_requests: int = proxy.SMALL_REQUESTS
    proxy_large_requests: int = proxy.LARGE_REQUESTS
    proxy_load_seconds: float = proxy.LOAD_SECONDS
    generation_services: tuple[str, ...] | None = None
    """The specs generation is timed over (None: all of them)."""
    mock_seconds: float = mock_server.SECONDS
    prism: bool = True


QUICK = Sizes(
    items=300,
    large_body=300_000,
    rounds=1,
    number=1,
    openapi_core_calls=1,
    batch_sizes=(500, 2_000),
    latency_items=1_000,
    page_size=250,
    latency="1ms",
    jobs=40,
    jobs_seconds=1.0,
    large_jobs=24,
    large_jobs_seconds=0.5,
    transport_jobs=16,
    transport_seconds=0.5,
    transport_rounds=1,
    cold_runs=1,
    plain_import_runs=1,
    proxy_body=20_000,
    proxy_rounds=1,
    proxy_small_requests=2,
    proxy_large_requests=1,
    proxy_load_seconds=0.5,
    generation_services=("overmind",),
    mock_seconds=0.5,
    prism=False,
)


def run_all(sizes: Sizes) -> list[Section]:
    """Every floor's section, in order, printing each as it completes."""
    with running_mock() as mock:
        wickson = payloads.wickson_page(mock, sizes.items)
        modzy = payloads.modzy_result(mock, sizes.items)
        llamacloud = payloads.llamacloud_result(mock, sizes.items)
        large = payloads.wickson_page_of_size(mock, sizes.large_body, wickson)
        proxied = payloads.wickson_page_of_size(mock, sizes.proxy_body, wickson)
        smallest = payloads.wickson_page(mock, 1)
    steps = [
        lambda: typed_results.run(
            [wickson, modzy, llamacloud], number=sizes.number, rounds=sizes.rounds
        ),
        lambda: validation.run(
            [wickson, modzy, large],
            number=sizes.number,
            rounds=sizes.rounds,
            openapi_core_calls=sizes.openapi_core_calls,
        ),
        lambda: pagination.run(
            latency=sizes.latency,
            page_size=sizes.page_size,
            sizes=sizes.batch_sizes,
            latency_items=sizes.latency_items,
        ),
        lambda: many_jobs.run(
            jobs=sizes.jobs,
            seconds=sizes.jobs_seconds,
            large_jobs=sizes.large_jobs,
            large_seconds=sizes.large_jobs_seconds,
            transport_jobs=sizes.transport_jobs,
            transport_seconds=sizes.transport_seconds,
            transport_rounds=sizes.transport_rounds,
        ),
        lambda: cold_start.run(runs=sizes.cold_runs),
        lambda: generation.run(sizes.generation_services),
        lambda: proxy.run(
            proxied,
            large,
            throughput_body=smallest,
            rounds=sizes.proxy_rounds,
            small_requests=sizes.proxy_small_requests,
            large_requests=sizes.proxy_large_requests,
            load_seconds=sizes.proxy_load_seconds,
        ),
        lambda: plain_import.run(runs=sizes.plain_import_runs),
        lambda: mock_server.run(seconds=sizes.mock_seconds, with_prism=sizes.prism),
    ]
    sections = []
    for step in steps:
        started = time.perf_counter()
        watch = Watch()
        section = step()
        section.span = watch.stop()
        sections.append(section)
        took = time.perf_counter() - started
        print(f"\n{section.number}. {section.title} ({took:.1f} s)", file=sys.stderr)
        print("\n".join(table([section])[2:]), file=sys.stderr)
    return sections


def main(argv: list[str] | None = None) -> int:
    """`python scripts/bench [--quick] [--output PATH]`."""
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__)
    parser.add_argument(
        "--output", type=Path, help="where to write the report (default: BENCHMARKS.md)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes, to check that every benchmark runs; writes no file without --output",
    )
    options = parser.parse_args(argv)
    load_before = load_average()
    sections = run_all(QUICK if options.quick else Sizes())
    output = options.output or (None if options.quick else ROOT / "BENCHMARKS.md")
    if output is not None:
        output.write_text(
            render(sections, command=COMMAND, load_before=load_before), encoding="utf-8"
        )
        print(f"\nwrote {output}", file=sys.stderr)
    return 0

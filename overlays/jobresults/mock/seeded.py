"""The ids the mock always serves, whatever the seed.

The services' documentation pages show example jobs; the specs carry them as examples, and the
mock serves each of them exactly, under its own id: the ids here are read from the specs'
examples. Beside them it serves large jobs for benchmarks, with fixed ids. The other seeded jobs
are generated from the seed: `MockServer.listing()` (or `jobresults mock --list`) names them.
"""

from __future__ import annotations

from typing import Final

from ._examples import path_parameter_example, response_example

MODZY_EXAMPLE_JOB: Final = path_parameter_example("modzy", "getResults", "jobIdentifier")
"""The job of Modzy's results page: item `0001`, output `results.json` with result "six"."""

MODZY_EXAMPLE_ACCESS_KEY: Final[str] = response_example("modzy", "getResults")["submitted_by_key"]
"""The access key that submitted the example job; `accessKey=` filters the history to it."""

MODZY_LARGE_JOB: Final = "5eed0000-0000-4000-8000-000000010000"
"""A finished Modzy job of `MODZY_LARGE_JOB_ITEMS` input items (1% of them failed)."""

MODZY_LARGE_JOB_ITEMS: Final = 10_000

MODZY_HISTORY_JOBS: Final = 5_000
"""How many jobs the Modzy job history holds before any job is created through the control API."""

LLAMACLOUD_EXAMPLE_JOB: Final = path_parameter_example(
    "llamacloud", "getExtractionJobResult", "job_id"
)
"""The extraction job of LlamaCloud's "Get Job Result" page."""

WICKSON_EXAMPLE_BATCH: Final = path_parameter_example("wickson", "getBatchResults", "batch_id")
"""The batch of Wickson's "Get Batch Results" page: 200 items, 180 succeeded, 20 failed."""

WICKSON_EXAMPLE_BATCH_ITEMS: Final[int] = response_example("wickson", "getBatchResults")["data"][
    "batch_summary"
]["completion"]["total_items"]

WICKSON_LARGE_BATCH: Final = "batch-large-100k"
"""A completed Wickson batch of `WICKSON_LARGE_BATCH_ITEMS` items (2% of them failed)."""

WICKSON_LARGE_BATCH_ITEMS: Final = 100_000

OVERMIND_EXAMPLE_JOB: Final = path_parameter_example("overmind", "getJob", "id")
"""The job of Overmind's "Get job (with iterations)" page (it stays as the page shows it)."""

OVERMIND_PROGRESSING_JOB: Final = "5eed0000-0000-4000-8000-00000000a001"
"""An Overmind job that progresses as if created when the mock started: pending, then running
while its `PROGRESSING_JOB_ITEMS` iterations appear, completed `PROGRESSING_JOB_SECONDS`
(simulated) seconds after the start."""

PROGRESSING_JOB_ITEMS: Final = 3
PROGRESSING_JOB_SECONDS: Final = 2.0

PROGRESSING_JOBS: Final = {"overmind": OVERMIND_PROGRESSING_JOB}
"""The seeded jobs that progress, by service (every other seeded job stays as it is)."""

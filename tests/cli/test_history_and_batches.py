"""`jobresults history` and `jobresults batch-results` against the mock."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from jobresults.cli._batch_results import CSV_COLUMNS
from jobresults.cli._exit_codes import ExitCode
from jobresults.mock import MockServer, seeded

from .conftest import Invoke, mock_args


def test_history_lists_jobs_up_to_the_limit_and_says_more_match(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    args = ["history", "--limit", "5", "--per-page", "2", *mock_args(jobresults_mock, "modzy")]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    ids = re.findall(r"^│ ([0-9a-f-]{36}) ", result.stdout, flags=re.MULTILINE)
    assert len(ids) == len(set(ids)) == 5
    assert "5 jobs shown; more match" in result.stdout


def test_history_filters_by_access_key(invoke: Invoke, jobresults_mock: MockServer) -> None:
    key = seeded.MODZY_EXAMPLE_ACCESS_KEY
    args = ["history", "--access-key", key, "--json", "--limit", "0"]
    result = invoke(args + mock_args(jobresults_mock, "modzy"))
    assert result.exit_code == 0, result.output
    jobs = json.loads(result.stdout)
    assert jobs
    assert seeded.MODZY_EXAMPLE_JOB in {job["jobIdentifier"] for job in jobs}
    assert {job["submittedBy"] for job in jobs} == {key}


def test_history_json_respects_the_limit(invoke: Invoke, jobresults_mock: MockServer) -> None:
    result = invoke(["history", "--json", "--limit", "3", *mock_args(jobresults_mock, "modzy")])
    assert result.exit_code == 0, result.output
    jobs = json.loads(result.stdout)
    assert len(jobs) == 3
    assert all("jobIdentifier" in job and "status" in job for job in jobs)


def test_history_with_a_wrong_key_is_an_auth_error(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    result = invoke(["history", *mock_args(jobresults_mock, "modzy", api_key="nope")])
    assert result.exit_code == ExitCode.AUTH
    assert result.stderr.startswith("error: authentication failed: ")


def test_batch_results_streams_every_item_as_json_lines(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    batch = seeded.WICKSON_EXAMPLE_BATCH
    args = ["batch-results", batch, "--page-size", "30", *mock_args(jobresults_mock, "wickson")]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == seeded.WICKSON_EXAMPLE_BATCH_ITEMS
    items = [json.loads(line) for line in lines]
    assert len({item["job_id"] for item in items}) == len(items)
    failed = [item for item in items if item["status"] == "failed"]
    assert len(failed) == 20
    assert all(item["error"]["code"] for item in failed)
    assert f"batch {batch}: wrote 200 items (180 succeeded, 20 failed) as jsonl" in result.stderr
    assert "200/200" in result.stderr  # the progress bar's final state
    assert "format_error" in result.stderr  # the error summary


def test_batch_results_writes_csv_to_a_file(
    invoke: Invoke, jobresults_mock: MockServer, tmp_path: Path
) -> None:
    batch = seeded.WICKSON_EXAMPLE_BATCH
    out = tmp_path / "items.csv"
    args = ["batch-results", batch, "--format", "csv", "--output", str(out), "--page-size", "64"]
    result = invoke(args + mock_args(jobresults_mock, "wickson"))
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + seeded.WICKSON_EXAMPLE_BATCH_ITEMS
    status, code = CSV_COLUMNS.index("status"), CSV_COLUMNS.index("error_code")
    assert sum(row[status] == "failed" for row in rows[1:]) == 20
    assert all(row[code] for row in rows[1:] if row[status] == "failed")
    assert f"wrote 200 items (180 succeeded, 20 failed) as csv to {out}" in result.stdout


def test_batch_results_of_an_unknown_batch_is_not_found(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    result = invoke(["batch-results", "batch-nope", *mock_args(jobresults_mock, "wickson")])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("error: not found: ")
    assert result.stdout == ""


def test_history_filters_by_status_and_refuses_a_bad_date(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    args = ["history", "--status", "pending", "--json", "--limit", "20"]
    result = invoke(args + mock_args(jobresults_mock, "modzy"))
    assert result.exit_code == 0, result.output
    jobs = json.loads(result.stdout)
    assert jobs
    assert {job["status"] for job in jobs} == {"pending"}
    bad = ["history", "--start-date", "last tuesday", *mock_args(jobresults_mock, "modzy")]
    result = invoke(bad)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: invalid input: ")


def test_a_csv_row_of_an_item_without_filename_or_media_id_leaves_their_cells_empty() -> None:
    import msgspec
    from jobresults.cli._batch_results import csv_row
    from jobresults_structs.wickson import JobResult

    item = msgspec.json.decode(
        b'{"job_id": "job-1", "media_type": "document", "status": "succeeded",'
        b' "file_info": {"size_bytes": 1, "size_mb": 0.0},'
        b' "processing_info": {"created_at": "2024-12-18T10:00:00Z"}}',
        type=JobResult,
    )
    row = dict(zip(CSV_COLUMNS, csv_row(item), strict=True))
    assert (row["job_id"], row["media_id"], row["filename"]) == ("job-1", "", "")

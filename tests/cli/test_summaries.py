"""The readable summaries, built from the specs' examples, checked for what they say."""

from __future__ import annotations

import uuid
from typing import Any

from jobresults import llamacloud, modzy, overmind
from jobresults.cli import _summaries as s
from jobresults_structs import wickson

from ._examples import decode, example

MODZY_JOB = "14856eb1-0ad8-49e7-9da3-887acb80fea5"


def modzy_result(**changes: Any) -> modzy.Result:
    body = example("modzy", "getResults")
    body.update(changes)
    return decode(body, modzy.Result)


def test_modzy_summary_shows_counts_status_and_outputs() -> None:
    text = s.to_text(s.modzy_summary(modzy_result()))
    assert f"Modzy job {MODZY_JOB}: finished, 1 completed, 0 failed of 1 item" in text
    row = next(line for line in text.splitlines() if "0001" in line)
    assert "SUCCESSFUL" in row
    assert 'results.json: {"confidence":"3.2059302","result":"six"}' in row
    assert "voting" not in text  # processing facts are not outputs


def test_modzy_summary_lists_failures_with_their_error_and_unwraps_legacy_items() -> None:
    result = modzy_result(
        completed=1,
        failed=1,
        total=2,
        finished=False,
        results={"0001": {"0001": {"status": "SUCCESSFUL", "out.json": {"label": "cat"}}}},
        failures={"0002": {"status": "FAILED", "error": "image could not be decoded"}},
    )
    text = s.to_text(s.modzy_summary(result))
    assert "running, 1 completed, 1 failed of 2 items" in text
    legacy = next(line for line in text.splitlines() if "0001" in line)
    assert "SUCCESSFUL" in legacy
    assert 'out.json: {"label":"cat"}' in legacy
    failed = next(line for line in text.splitlines() if "0002" in line)
    assert "FAILED" in failed
    assert "error: image could not be decoded" in failed


def test_modzy_summary_says_how_many_items_it_left_out() -> None:
    items = {f"{n:04d}": {"status": "SUCCESSFUL", "r.json": n} for n in range(1, 26)}
    result = modzy_result(completed=25, total=25, results=items)
    text = s.to_text(s.modzy_summary(result, max_rows=20))
    assert "0020" in text
    assert "0021" not in text
    assert "… and 5 more items (use --json for all)" in text


def test_modzy_summary_of_a_job_without_results_yet() -> None:
    result = modzy_result(completed=0, total=3, finished=False, results={})
    text = s.to_text(s.modzy_summary(result))
    assert "running, 0 completed, 0 failed of 3 items" in text
    assert "no item results yet" in text


def llamacloud_result(data: Any) -> llamacloud.ExtractionResult:
    body = example("llamacloud", "getExtractionJobResult")
    body["data"] = data
    return decode(body, llamacloud.ExtractionResult)


def test_llamacloud_summary_of_the_page_example_shows_its_one_record() -> None:
    result = decode(example("llamacloud", "getExtractionJobResult"), llamacloud.ExtractionResult)
    text = s.to_text(s.llamacloud_summary(result))
    assert f"LlamaCloud extraction run {result.run_id}" in text
    assert f"(agent {result.extraction_agent_id}): 1 record" in text
    assert "metadata:" in text


def test_llamacloud_summary_tabulates_a_list_of_records_by_field() -> None:
    result = llamacloud_result(
        [{"name": "Ada", "age": 36}, {"name": "Alan", "city": "London"}, {"name": "Grace"}]
    )
    text = s.to_text(s.llamacloud_summary(result))
    assert "3 records" in text
    header = next(line for line in text.splitlines() if "name" in line)
    assert header.index("name") < header.index("age") < header.index("city")
    alan = next(line for line in text.splitlines() if "Alan" in line)
    assert "London" in alan
    assert result.records()[2] == {"name": "Grace"}


def test_llamacloud_summary_of_null_data() -> None:
    text = s.to_text(s.llamacloud_summary(llamacloud_result(None)))
    assert "0 records" in text
    assert "no records extracted" in text


def test_llamacloud_job_summary_shows_its_status_error_file_and_agent() -> None:
    body = example("llamacloud", "getExtractionJob")
    body.update(status="ERROR", error="the file is empty")
    job = decode(body, llamacloud.ExtractionJob)
    text = s.to_text(s.summary_of(job))
    assert f"LlamaCloud extraction job {job.id}: ERROR" in text
    assert "error: the file is empty" in text
    assert "file: invoice.pdf (48,213 bytes), id 0b9c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4" in text
    assert f"agent: invoices, id {job.extraction_agent.id}" in text
    body.update(status="PENDING", error=None, file=None)
    text = s.to_text(s.summary_of(decode(body, llamacloud.ExtractionJob)))
    assert ": PENDING" in text
    assert "error:" not in text
    assert "file: id 0b9c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4" in text


def wickson_page(**data_changes: Any) -> wickson.BatchResultsResponse:
    body = example("wickson", "getBatchResults")
    body["data"].update(data_changes)
    return decode(body, wickson.BatchResultsResponse)


def test_wickson_summary_shows_completion_timeline_and_error_summary() -> None:
    page = wickson_page()
    text = s.to_text(s.wickson_summary(page))
    summary = page.data.batch_summary
    assert f'Wickson batch {summary.batch_id} "{summary.batch_name}"' in text
    assert f"{summary.collection}: {summary.status}" in text
    assert "completion: 180 of 200 items succeeded, 20 failed (90.0%)" in text
    assert "took 3h 44m 15s" in text
    assert "error summary:" in text
    entries = page.data.statistics.error_summary  # type: ignore[union-attr]
    assert entries
    for entry in entries:  # type: ignore[union-attr]
        row = next(line for line in text.splitlines() if str(entry.error_type) in line)
        assert f"{entry.count:,}" in row


def test_wickson_summary_without_errors_says_so() -> None:
    body = example("wickson", "getBatchResults")
    del body["data"]["statistics"]["error_summary"]
    text = s.to_text(s.wickson_summary(decode(body, wickson.BatchResultsResponse)))
    assert "error summary: no errors" in text


def overmind_job(scores: list[float | None], **changes: Any) -> overmind.Job:
    body = example("overmind", "getJob")
    template = body["iterations"][0]
    iterations = []
    for n, score in enumerate(scores, start=1):
        iteration = dict(template, id=str(uuid.UUID(int=n)), iteration_name=f"try-{n}", order=n)
        if score is None:
            del iteration["avg_score"]
        else:
            iteration["avg_score"] = score
        iterations.append(iteration)
    body.update(iterations=iterations, num_iterations=len(scores), **changes)
    return decode(body, overmind.Job)


def test_overmind_summary_marks_the_best_iteration_only() -> None:
    job = overmind_job(
        [0.61, 0.83, None, 0.7],
        status="completed",
        baseline_score=0.6,
        best_score=0.83,
        improvement=0.23,
    )
    text = s.to_text(s.overmind_summary(job))
    assert f"Overmind job {job.id} (inference): completed" in text
    assert "4 of 4 iterations, baseline score 0.6, best score 0.83 (+0.23)" in text
    marked = [line for line in text.splitlines() if s.BEST_MARKER in line]
    assert len(marked) == 1
    assert "try-2" in marked[0]
    assert "0.83" in marked[0]
    unscored = next(line for line in text.splitlines() if "try-3" in line)
    assert " - " in unscored


def test_overmind_summary_names_a_best_iteration_beyond_the_rows_shown() -> None:
    job = overmind_job([0.1, 0.2, 0.9])
    text = s.to_text(s.overmind_summary(job, max_rows=2))
    assert s.BEST_MARKER not in text
    assert "… and 1 more iteration" in text
    assert "best: try-3 (avg score 0.9)" in text


def test_overmind_summary_without_iterations() -> None:
    job = overmind_job([], status="pending")
    text = s.to_text(s.overmind_summary(job))
    assert "pending" in text
    assert "no iterations yet" in text
    assert job.best_iteration() is None


def test_compact_json_and_counts() -> None:
    assert s.compact_json({"a": [1, 2]}) == '{"a":[1,2]}'
    assert s.compact_json("x" * 100, limit=10) == "x" * 9 + "…"
    assert s.count(1, "item") == "1 item"
    assert s.count(12345, "item") == "12,345 items"


def test_overmind_summary_does_not_mark_a_discarded_iteration() -> None:
    body = example("overmind", "getJob")
    template = body["iterations"][0]
    body["iterations"] = [
        dict(template, id=str(uuid.UUID(int=1)), iteration_name="kept", avg_score=0.5),
        dict(
            template,
            id=str(uuid.UUID(int=2)),
            iteration_name="thrown",
            avg_score=0.9,
            status="discard",
        ),
    ]
    text = s.to_text(s.overmind_summary(decode(body, overmind.Job)))
    marked = [line for line in text.splitlines() if s.BEST_MARKER in line]
    assert len(marked) == 1
    assert "kept" in marked[0]


def test_timestamps_print_as_the_server_sent_them() -> None:
    import datetime as dt

    utc = dt.datetime(2024, 12, 18, 10, 0, 0, 123456, tzinfo=dt.UTC)
    assert s.timestamp(utc) == "2024-12-18T10:00:00.123456Z"
    assert s.timestamp(utc.replace(microsecond=120000)) == "2024-12-18T10:00:00.120Z"
    assert s.timestamp(utc.replace(microsecond=0)) == "2024-12-18T10:00:00Z"
    paris = dt.datetime(2024, 12, 18, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert s.timestamp(paris) == "2024-12-18T11:00:00+01:00"
    assert s.timestamp(None) == "-"
    for sent in ("2024-12-18T10:09:24Z", "2025-01-05T08:00:00.250Z", "2024-05-01T12:00:00+02:00"):
        assert s.timestamp(dt.datetime.fromisoformat(sent)) == sent


def test_one_iteration_is_singular() -> None:
    one = s.to_text(s.overmind_summary(overmind_job([0.5], status="completed")))
    assert "1 of 1 iteration" in one
    assert "1 of 1 iterations" not in one
    job = overmind_job([0.5, 0.6, 0.7], status="running")
    text = s.to_text(s.overmind_summary(job))
    assert "3 of 3 iterations" in text

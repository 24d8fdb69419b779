"""Jobs created through the control API move from pending through running to their end, over
simulated time (advanced by hand here, or scaled by --speed)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jobresults.mock import MockServer, seeded

from ._contract import assert_conforms
from .conftest import Clients

CONTROL = "http://mock/_mock"


def _create(clients: Clients, **body: Any) -> str:
    response = clients["modzy"].post(f"{CONTROL}/jobs", json=body)
    assert response.status_code == 201, response.text
    ids: list[str] = response.json()["ids"]
    return ids[0]


def _advance_to(clients: Clients, elapsed: float) -> None:
    now = clients["modzy"].get(f"{CONTROL}/clock").json()["elapsed"]
    clients["modzy"].post(f"{CONTROL}/clock", json={"advance": max(0.0, elapsed - now)})


def _elapsed(clients: Clients) -> float:
    elapsed: float = clients["modzy"].get(f"{CONTROL}/clock").json()["elapsed"]
    return elapsed


def test_a_modzy_job_answers_404_then_fills_item_by_item(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="modzy", items=4, seconds=100.0)
    modzy = fresh_clients["modzy"]
    assert_conforms("getResults", first := modzy.get(f"/results/{job_id}"))
    assert first.status_code == 404
    seen = []
    for moment in (21, 41, 61, 81, 101):
        _advance_to(fresh_clients, start + moment)
        body = assert_conforms("getResults", modzy.get(f"/results/{job_id}"))
        seen.append((body["completed"], len(body["results"]), body["finished"]))
    assert seen == [(0, 0, False), (1, 1, False), (2, 2, False), (3, 3, False), (4, 4, True)]


def test_a_modzy_jobs_failures_and_history_entry(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="modzy", items=6, failures=2, seconds=10.0)
    history = fresh_clients["modzy"].get("/jobs/history", params={"per-page": 1}).json()
    assert history[0]["jobIdentifier"] == job_id
    assert history[0]["status"] == "pending"
    _advance_to(fresh_clients, start + 11)
    body = assert_conforms("getResults", fresh_clients["modzy"].get(f"/results/{job_id}"))
    assert (body["completed"], body["failed"], len(body["failures"])) == (4, 2, 2)
    response = fresh_clients["modzy"].get("/jobs/history", params={"status": "terminated"})
    entries = assert_conforms("getJobHistory", response)
    assert entries[0]["jobIdentifier"] == job_id
    assert (entries[0]["pending"], entries[0]["completed"], entries[0]["failed"]) == (0, 4, 2)


def test_overmind_iterations_appear_one_by_one(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="overmind", items=3, seconds=50.0)
    seen = []
    for moment in (1, 11, 25, 38, 51):
        _advance_to(fresh_clients, start + moment)
        body = assert_conforms(
            "overmind.getJob", fresh_clients["overmind"].get(f"/api/jobs/{job_id}/")
        )
        seen.append((body["status"], len(body["iterations"])))
    assert seen == [
        ("pending", 0),
        ("running", 0),
        ("running", 1),
        ("running", 2),
        ("completed", 3),
    ]


def test_a_failing_overmind_job_ends_failed(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="overmind", outcome="failed", seconds=5.0)
    _advance_to(fresh_clients, start + 6)
    body = assert_conforms("overmind.getJob", fresh_clients["overmind"].get(f"/api/jobs/{job_id}/"))
    assert body["status"] == "failed"


def test_a_wickson_batch_goes_pending_processing_completed(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    batch_id = _create(fresh_clients, service="wickson", items=10, failures=3, seconds=20.0)
    seen = []
    for moment in (1, 12, 21):
        _advance_to(fresh_clients, start + moment)
        response = fresh_clients["wickson"].get(f"/v1/batches/{batch_id}/results")
        data = assert_conforms("getBatchResults", response)["data"]
        seen.append((data["batch_summary"]["status"], len(data["job_results"])))
    assert seen == [("pending", 0), ("processing", 5), ("completed", 10)]
    completion = data["batch_summary"]["completion"]
    assert (completion["successful"], completion["failed"]) == (7, 3)
    assert data["batch_summary"]["timeline"]["completed_at"] is not None


def test_a_failing_wickson_batch_ends_failed(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    batch_id = _create(fresh_clients, service="wickson", items=2, outcome="failed", seconds=5.0)
    _advance_to(fresh_clients, start + 6)
    response = fresh_clients["wickson"].get(f"/v1/batches/{batch_id}/results")
    data = assert_conforms("getBatchResults", response)["data"]
    assert data["batch_summary"]["status"] == "failed"
    assert {item["status"] for item in data["job_results"]} == {"failed"}


@pytest.mark.parametrize(("outcome", "final"), [("completed", 200), ("failed", 404)])
def test_a_llamacloud_result_exists_once_the_job_completes(
    fresh_clients: Clients, outcome: str, final: int
) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="llamacloud", outcome=outcome, seconds=5.0)
    path = f"/api/v1/extraction/jobs/{job_id}/result"
    waiting = fresh_clients["llamacloud"].get(path)
    assert waiting.status_code == 404
    assert "no result yet" in assert_conforms("getExtractionJobResult", waiting)["detail"]
    _advance_to(fresh_clients, start + 6)
    done = fresh_clients["llamacloud"].get(path)
    assert done.status_code == final
    assert_conforms("getExtractionJobResult", done)


@pytest.mark.parametrize(
    ("outcome", "failures", "status", "error"),
    [
        ("completed", 0, "SUCCESS", None),
        ("completed", 2, "PARTIAL_SUCCESS", "pages 2, 4 of 4 could not be read"),
        ("failed", None, "ERROR", "extraction failed on page 1 of 4"),
    ],
)
def test_a_llamacloud_job_is_pending_then_ends_with_its_status_and_error_text(
    fresh_clients: Clients, outcome: str, failures: int | None, status: str, error: str | None
) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(
        fresh_clients,
        service="llamacloud",
        items=4,
        outcome=outcome,
        failures=failures,
        seconds=10.0,
    )
    llamacloud = fresh_clients["llamacloud"]
    seen = []
    for moment in (0, 5, 11):  # queued, running (LlamaCloud calls both PENDING), ended
        _advance_to(fresh_clients, start + moment)
        job = assert_conforms(
            "getExtractionJob", llamacloud.get(f"/api/v1/extraction/jobs/{job_id}")
        )
        seen.append((job["id"], job["status"], job["error"]))
        assert job["file_id"] == job["file"]["id"]
    assert seen == [(job_id, "PENDING", None), (job_id, "PENDING", None), (job_id, status, error)]
    result = llamacloud.get(f"/api/v1/extraction/jobs/{job_id}/result")
    body = assert_conforms("getExtractionJobResult", result)
    if status == "ERROR":
        assert result.status_code == 404
        assert body["detail"] == f"Extraction job {job_id} failed: {error}"
    else:
        assert len(body["data"]["pages"]) == 4 - (failures or 0)


def test_a_modzy_jobs_details_go_submitted_in_progress_completed(fresh_clients: Clients) -> None:
    start = _elapsed(fresh_clients)
    job_id = _create(fresh_clients, service="modzy", items=4, failures=1, seconds=100.0)
    modzy = fresh_clients["modzy"]
    seen = []
    for moment in (0, 41, 101):
        _advance_to(fresh_clients, start + moment)
        job = assert_conforms("modzy.getJob", modzy.get(f"/jobs/{job_id}"))
        results = modzy.get(f"/results/{job_id}")
        seen.append((job["status"], job["completed"] + job["failed"], results.status_code))
        assert job["jobIdentifier"] == job_id
    # The details are there at once, while the results still answer 404 (job just accepted).
    assert seen == [("SUBMITTED", 0, 404), ("IN_PROGRESS", 1, 200), ("COMPLETED", 4, 200)]
    history = modzy.get("/jobs/history", params={"per-page": 1}).json()
    assert history[0]["jobIdentifier"] == job_id
    unknown = modzy.get("/jobs/00000000-0000-4000-8000-0000000000ee")
    assert unknown.status_code == 404
    assert_conforms("modzy.getJob", unknown)


def test_the_control_api_describes_and_forgets_created_jobs(fresh_clients: Clients) -> None:
    control = fresh_clients["modzy"]
    ids = control.post(f"{CONTROL}/jobs", json={"service": "modzy", "count": 3}).json()["ids"]
    assert len(set(ids)) == 3
    state = control.get(f"{CONTROL}/jobs/{ids[0]}").json()
    assert state["service"] == "modzy"
    assert state["status"] == "pending"
    assert (state["items"], state["done"]) == (3, 0)
    assert control.delete(f"{CONTROL}/jobs").json() == {"deleted": 3}
    assert control.get(f"{CONTROL}/jobs/{ids[0]}").status_code == 404
    assert control.get(f"/results/{ids[0]}").status_code == 404
    history = control.get("/jobs/history", params={"per-page": 1000, "page": 5}).json()
    assert len(history) == 1000


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"service": "nope"}, "unknown service"),
        ({"service": "modzy", "count": 0}, "count"),
        ({"service": "modzy", "items": 0}, "items"),
        ({"service": "modzy", "seconds": 0}, "seconds"),
        ({"service": "modzy", "outcome": "exploded"}, "outcome"),
        ({"service": "modzy", "items": 2, "failures": 3}, "failures"),
        ({"service": "modzy", "colour": "red"}, "unknown fields"),
        ({"service": "modzy", "count": "3"}, "integer"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_control_requests_are_400(fresh_clients: Clients, body: object, message: str) -> None:
    response = fresh_clients["modzy"].post(f"{CONTROL}/jobs", json=body)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_clock_does_not_go_back(fresh_clients: Clients) -> None:
    response = fresh_clients["modzy"].post(f"{CONTROL}/clock", json={"advance": -1})
    assert response.status_code == 400


def test_speed_scales_simulated_time_over_a_real_server() -> None:
    with MockServer(speed=200.0, log_level="error") as server:
        ids = server.create_jobs("overmind", 2, items=3, seconds=20.0)  # 0.1 s of real time
        deadline = time.monotonic() + 5
        with server.client("overmind") as client:
            while True:
                body = client.get(f"/api/jobs/{ids[0]}/").json()
                if body["status"] == "completed" or time.monotonic() > deadline:
                    break
                time.sleep(0.02)
        assert body["status"] == "completed"
        assert len(body["iterations"]) == 3
        assert server.job_state(ids[1])["status"] == "completed"


def test_a_thousand_progressing_jobs_are_created_at_once() -> None:
    with MockServer(log_level="error") as server:
        started = time.perf_counter()
        ids = server.create_jobs("modzy", 1000, items=2, seconds=60.0)
        assert time.perf_counter() - started < 2.0
        assert len(set(ids)) == 1000
        with server.client("modzy") as client:
            page = client.get("/jobs/history", params={"per-page": 1000}).json()
            assert {job["jobIdentifier"] for job in page} == set(ids)
            assert client.get(f"/results/{seeded.MODZY_EXAMPLE_JOB}").status_code == 200
        assert server.delete_jobs() == 1000


def test_a_wickson_batch_may_hold_a_million_items_other_jobs_ten_thousand(
    fresh_clients: Clients,
) -> None:
    control = fresh_clients["modzy"]
    big = control.post(f"{CONTROL}/jobs", json={"service": "wickson", "items": 1_000_000})
    assert big.status_code == 201, big.text
    for body in ({"service": "wickson", "items": 1_000_001}, {"service": "modzy", "items": 10_001}):
        refused = control.post(f"{CONTROL}/jobs", json=body)
        assert refused.status_code == 400
        assert "items must be between 1 and" in refused.json()["error"]


def test_a_created_batch_counts_its_items_once_per_count_not_once_per_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jobresults.mock import _wickson_data
    from jobresults.mock._api_wickson import render_page
    from jobresults.mock._progress import Progress

    counted: list[int] = []
    of = _wickson_data._Counts.of

    def counting(all_facts: Any) -> Any:
        counted.append(1)
        return of(all_facts)

    monkeypatch.setattr(_wickson_data._Counts, "of", counting)
    batch = _wickson_data.CreatedBatch("batch-x", Progress(0.0, 0.0, 1.0, 30, 3, "completed"))
    assert not batch.ended(0.5)
    assert batch.ended(1.0)
    pages = [render_page(batch, page, 10, 2.0) for page in (1, 2, 3)]
    assert len(counted) == 1
    assert all(b'"total_items":30' in page for page in pages)

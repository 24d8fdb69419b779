"""In normal mode every response the mock sends validates against the specs: every seeded job,
every page of the seeded batches (first and last of the large one), every error it answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jobresults.mock import create_app, seeded

from ._contract import assert_conforms, fast_errors
from .conftest import Clients, clients_of

SEEDS = (0, 7)


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{seed}" for seed in SEEDS])
def seeded_clients(request: pytest.FixtureRequest) -> Iterator[tuple[Clients, dict]]:
    app = create_app(seed=request.param)
    listing = app.state.mock.listing("http://mock")
    for clients in clients_of(app):
        yield clients, listing


def test_every_seeded_modzy_job_conforms(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    finished = set()
    for job_id in listing["modzy"]["jobs"]:
        body = assert_conforms("getResults", clients["modzy"].get(f"/results/{job_id}"))
        finished.add(body["finished"])
        assert body["job_identifier"] == job_id
    assert finished == {True, False}


def test_every_seeded_extraction_job_conforms(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    statuses = []
    for job_id in listing["llamacloud"]["jobs"]:
        response = clients["llamacloud"].get(f"/api/v1/extraction/jobs/{job_id}/result")
        assert_conforms("getExtractionJobResult", response)
        statuses.append(response.status_code)
    data_kinds = {
        type(
            clients["llamacloud"].get(f"/api/v1/extraction/jobs/{job_id}/result").json()["data"]
        ).__name__
        for job_id, status in zip(listing["llamacloud"]["jobs"], statuses, strict=True)
        if status == 200
    }
    assert data_kinds == {"dict", "list", "NoneType"}
    assert 404 in statuses  # jobs without a result yet


def test_every_seeded_extraction_jobs_status_conforms(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    statuses = {}
    for job_id in listing["llamacloud"]["jobs"]:
        response = clients["llamacloud"].get(f"/api/v1/extraction/jobs/{job_id}")
        job = assert_conforms("getExtractionJob", response)
        assert job["id"] == job_id
        statuses[job["status"]] = job["error"]
        result = clients["llamacloud"].get(f"/api/v1/extraction/jobs/{job_id}/result")
        # A result exists exactly for the jobs that succeeded, in part or whole.
        assert (result.status_code == 200) == (job["status"] in ("SUCCESS", "PARTIAL_SUCCESS"))
    assert set(statuses) == {"PENDING", "SUCCESS", "PARTIAL_SUCCESS", "ERROR", "CANCELLED"}
    assert statuses["ERROR"] == "the file is empty"


def test_every_seeded_modzy_jobs_details_conform(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    statuses = set()
    for job_id in listing["modzy"]["jobs"]:
        job = assert_conforms("modzy.getJob", clients["modzy"].get(f"/jobs/{job_id}"))
        assert job["jobIdentifier"] == job_id
        statuses.add(job["status"])
    assert statuses == {"SUBMITTED", "IN_PROGRESS", "COMPLETED", "TIMEDOUT"}


def test_the_modzy_sdks_helper_routes_answer_and_need_the_key(
    seeded_clients: tuple[Clients, dict],
) -> None:
    modzy = seeded_clients[0]["modzy"]
    models = modzy.get("/models")
    assert models.status_code == 200
    assert {"modelId", "latestVersion", "versions"} <= set(models.json()[0])
    requirements = modzy.get("/models/requirements/account").json()
    assert all(item["status"] == "ACTIVE" for item in requirements)
    assert all(item["cpuAmount"].endswith("m") for item in requirements)
    assert modzy.get("/models", headers={"Authorization": "ApiKey wrong"}).status_code == 401
    assert modzy.get("/models/elsewhere").status_code == 404


def test_every_seeded_overmind_job_conforms(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    statuses, job_types = set(), set()
    for job_id in listing["overmind"]["jobs"]:
        body = assert_conforms("overmind.getJob", clients["overmind"].get(f"/api/jobs/{job_id}/"))
        statuses.add(body.get("status"))
        job_types.add(body.get("job_type"))
    assert {"pending", "running", "completed", "failed", "cancelled"} <= statuses
    assert {
        "inference",
        "uploaded_outputs_setup",
        "judge_scoring",
        "prompt_tuning",
        "model_backtesting",
    } <= job_types


def test_every_page_of_every_seeded_batch_conforms(seeded_clients: tuple[Clients, dict]) -> None:
    clients, listing = seeded_clients
    statuses = set()
    for batch_id in listing["wickson"]["batches"]:
        first = clients["wickson"].get(f"/v1/batches/{batch_id}/results", params={"page_size": 50})
        body = assert_conforms("getBatchResults", first)
        statuses.add(body["data"]["batch_summary"]["status"])
        total_pages = body["data"]["pagination"]["total_pages"]
        pages = (
            [total_pages] if batch_id == seeded.WICKSON_LARGE_BATCH else range(2, total_pages + 1)
        )
        for page in pages:
            params = {"page": page, "page_size": 50}
            response = clients["wickson"].get(f"/v1/batches/{batch_id}/results", params=params)
            assert_conforms("getBatchResults", response)
    assert {"completed", "failed", "processing", "pending", "cancelled"} <= statuses


def test_the_modzy_history_conforms_in_every_status(seeded_clients: tuple[Clients, dict]) -> None:
    clients, _ = seeded_clients
    for status in ("all", "pending", "terminated", "timedout"):
        params = {"status": status, "per-page": 1000}
        jobs = assert_conforms(
            "getJobHistory", clients["modzy"].get("/jobs/history", params=params)
        )
        assert jobs
        if status != "all":
            assert {job["status"] for job in jobs} == {status}


@pytest.mark.parametrize(
    ("service", "operation_id", "path", "status"),
    [
        ("modzy", "getResults", "/results/no-such-job", 404),
        ("modzy", "getResults", "/results/", 400),
        ("modzy", "getJobHistory", "/jobs/history?page=0", 400),
        ("modzy", "getJobHistory", "/jobs/history?per-page=0", 400),
        ("modzy", "getJobHistory", "/jobs/history?status=running", 400),
        ("modzy", "getJobHistory", "/jobs/history?direction=up", 400),
        ("modzy", "getJobHistory", "/jobs/history?startDate=yesterday", 400),
        ("modzy", "getJobHistory", "/jobs/history?page=1&page=2", 400),
        ("llamacloud", "getExtractionJobResult", "/api/v1/extraction/jobs/nope/result", 404),
        ("llamacloud", "getExtractionJobResult", "/api/v1/extraction/jobs//result", 422),
        ("llamacloud", "getExtractionJob", "/api/v1/extraction/jobs/nope", 404),
        ("modzy", "modzy.getJob", "/jobs/no-such-job", 404),
        ("wickson", "getBatchResults", "/v1/batches/nope/results", 404),
        ("wickson", "getBatchResults", "/v1/batches//results", 400),
        ("wickson", "getBatchResults", "/v1/batches/batch-abc123/results?page=0", 400),
        ("wickson", "getBatchResults", "/v1/batches/batch-abc123/results?page=x", 400),
        ("wickson", "getBatchResults", "/v1/batches/batch-abc123/results?page_size=0", 400),
        ("wickson", "getBatchResults", "/v1/batches/batch-abc123/results?page_size=1001", 400),
        ("overmind", "overmind.getJob", "/api/jobs/not-a-uuid/", 400),
        ("overmind", "overmind.getJob", "/api/jobs/00000000-0000-4000-8000-000000000000/", 404),
    ],
)
def test_error_answers_conform(
    clients: Clients, service: str, operation_id: str, path: str, status: int
) -> None:
    response = clients[service].get(path)
    assert response.status_code == status
    assert_conforms(operation_id, response)


def test_huge_page_numbers_are_answered_with_an_empty_page(clients: Clients) -> None:
    page = 10**25
    response = clients["wickson"].get(
        f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results", params={"page": page}
    )
    body = assert_conforms("getBatchResults", response)
    assert body["data"]["job_results"] == []
    assert body["data"]["pagination"]["page"] == page


def test_unknown_paths_under_a_service_answer_404_in_its_shape(clients: Clients) -> None:
    response = clients["wickson"].get("/v2/elsewhere")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert clients["overmind"].get("/api/jobs/x").json() == {"detail": "Not found."}


def test_other_methods_get_405_with_allow(clients: Clients) -> None:
    response = clients["wickson"].post(f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_ids_with_any_character_reach_the_endpoint(clients: Clients) -> None:
    response = clients["modzy"].get("/results/a%0Ab%2Fc")
    assert response.status_code == 404
    assert assert_conforms("getResults", response)["message"] == "Job a\nb/c not found"


def test_an_invalid_fault_header_is_a_plain_400(clients: Clients) -> None:
    response = clients["overmind"].get(
        f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/", headers={"X-Mock-Fault": "explode"}
    )
    assert response.status_code == 400
    assert "explode" in response.text


def test_responses_are_json_with_content_length(clients: Clients) -> None:
    response = clients["overmind"].get(f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/")
    assert int(response.headers["content-length"]) == len(response.content)


def test_every_page_of_the_large_batch_conforms(clients: Clients) -> None:
    path = f"/v1/batches/{seeded.WICKSON_LARGE_BATCH}/results"
    pages = seeded.WICKSON_LARGE_BATCH_ITEMS // 1000
    for page in range(1, pages + 1):
        response = clients["wickson"].get(path, params={"page": page, "page_size": 1000})
        assert response.status_code == 200
        assert not fast_errors("getBatchResults", 200, response.json()), f"page {page}"


def test_the_fast_validator_sees_what_the_other_sees(clients: Clients) -> None:
    path = f"/v1/batches/{seeded.WICKSON_LARGE_BATCH}/results"
    response = clients["wickson"].get(path, headers={"X-Mock-Fault": "unknown-enum"})
    assert fast_errors("getBatchResults", 200, response.json())

"""Every example of the services' pages is served exactly, under its own id."""

from __future__ import annotations

from jobresults.mock import seeded

from ._contract import assert_conforms, example
from .conftest import Clients


def test_modzy_results_example_is_served_exactly(clients: Clients) -> None:
    response = clients["modzy"].get(f"/results/{seeded.MODZY_EXAMPLE_JOB}")
    body = assert_conforms("getResults", response)
    assert body == example("getResults", 200)
    assert body["results"]["0001"]["results.json"] == {"confidence": "3.2059302", "result": "six"}
    assert body["finished"] is True


def test_modzy_history_example_is_the_example_access_keys_only_job(clients: Clients) -> None:
    params = {"accessKey": seeded.MODZY_EXAMPLE_ACCESS_KEY}
    response = clients["modzy"].get("/jobs/history", params=params)
    assert assert_conforms("getJobHistory", response) == example("getJobHistory", 200)


def test_llamacloud_example_is_served_exactly(clients: Clients) -> None:
    response = clients["llamacloud"].get(
        f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result"
    )
    assert assert_conforms("getExtractionJobResult", response) == example(
        "getExtractionJobResult", 200
    )


def test_overmind_example_is_served_exactly(clients: Clients) -> None:
    response = clients["overmind"].get(f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/")
    assert assert_conforms("overmind.getJob", response) == example("overmind.getJob", 200)


def test_wickson_example_page_matches_the_page_with_its_first_two_items(clients: Clients) -> None:
    response = clients["wickson"].get(
        f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results", params={"page": 1, "page_size": 50}
    )
    body = assert_conforms("getBatchResults", response)
    expected = example("getBatchResults", 200)
    # The page shows two of the page's 50 items; everything else is served exactly.
    assert body["data"]["job_results"][:2] == expected["data"]["job_results"]
    assert len(body["data"]["job_results"]) == 50
    body["data"]["job_results"] = expected["data"]["job_results"]
    assert body == expected


def test_wickson_example_batch_items_agree_with_the_pages_figures(clients: Clients) -> None:
    response = clients["wickson"].get(
        f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results", params={"page_size": 1000}
    )
    items = assert_conforms("getBatchResults", response)["data"]["job_results"]
    assert len(items) == seeded.WICKSON_EXAMPLE_BATCH_ITEMS
    assert len({item["job_id"] for item in items}) == len(items)
    statuses = [item["status"] for item in items]
    assert statuses.count("succeeded") == 180
    assert statuses.count("failed") == 20
    codes = [item["error"]["code"] for item in items if item["status"] == "failed"]
    assert codes.count("format_error") == 12
    assert codes.count("corrupted_file") == 8
    kinds = [item["media_type"] for item in items]
    assert (kinds.count("document"), kinds.count("image"), kinds.count("video")) == (150, 30, 20)
    assert sum(item["file_info"]["size_bytes"] for item in items) == 256_789_000
    names = {item["filename"] for item in items}
    assert {"budget.numbers", "corrupted_report.pdf", "damaged_image.jpg"} <= names
    media_ids = {item["media_id"] for item in items}
    assert {"vec-abc123", "vec-def456", "vec-ghi789", "vec-jkl012"} <= media_ids


def test_wickson_404_example_is_served_exactly(clients: Clients) -> None:
    response = clients["wickson"].get("/v1/batches/batch-xyz789/results")
    assert response.status_code == 404
    assert assert_conforms("getBatchResults", response) == example("getBatchResults", 404)


def test_wickson_500_example_is_the_simulated_server_error(clients: Clients) -> None:
    response = clients["wickson"].get(
        f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results", headers={"X-Mock-Fault": "500"}
    )
    assert response.status_code == 500
    assert assert_conforms("getBatchResults", response) == example("getBatchResults", 500)

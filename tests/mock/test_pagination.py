"""Pagination: the large Wickson batch page by page, and the Modzy job history's pages,
filters and order."""

from __future__ import annotations

from datetime import datetime

import pytest
from jobresults.mock import seeded

from ._contract import assert_conforms
from .conftest import Clients

LARGE = f"/v1/batches/{seeded.WICKSON_LARGE_BATCH}/results"


def test_the_large_batch_streams_every_item_once(clients: Clients) -> None:
    job_ids: set[str] = set()
    page, total_pages = 1, None
    while total_pages is None or page <= total_pages:
        response = clients["wickson"].get(LARGE, params={"page": page, "page_size": 1000})
        data = response.json()["data"]
        total_pages = data["pagination"]["total_pages"]
        assert len(data["job_results"]) == 1000
        job_ids.update(item["job_id"] for item in data["job_results"])
        page += 1
    assert total_pages == 100
    assert len(job_ids) == seeded.WICKSON_LARGE_BATCH_ITEMS


@pytest.mark.parametrize(
    ("page_size", "pages", "last_page_items"),
    [(100, 1000, 100), (1000, 100, 1000), (300, 334, 100), (7, 14286, 5)],
)
def test_the_large_batch_pages_have_the_right_sizes(
    clients: Clients, page_size: int, pages: int, last_page_items: int
) -> None:
    first = clients["wickson"].get(LARGE, params={"page_size": page_size}).json()["data"]
    assert first["pagination"] == {
        "page": 1,
        "page_size": page_size,
        "total_items": seeded.WICKSON_LARGE_BATCH_ITEMS,
        "total_pages": pages,
    }
    assert len(first["job_results"]) == page_size
    last = clients["wickson"].get(LARGE, params={"page": pages, "page_size": page_size})
    assert len(assert_conforms("getBatchResults", last)["data"]["job_results"]) == last_page_items
    past = clients["wickson"].get(LARGE, params={"page": pages + 1, "page_size": page_size})
    assert assert_conforms("getBatchResults", past)["data"]["job_results"] == []


def test_neighbouring_pages_do_not_overlap_and_are_stable(clients: Clients) -> None:
    def ids(page: int, size: int) -> list[str]:
        response = clients["wickson"].get(LARGE, params={"page": page, "page_size": size})
        return [item["job_id"] for item in response.json()["data"]["job_results"]]

    assert ids(1, 200) == ids(1, 100) + ids(2, 100)
    assert ids(50, 1000)[:10] == ids(4901, 10)
    assert ids(3, 250) == ids(3, 250)


def test_the_large_batchs_statistics_add_up(clients: Clients) -> None:
    data = clients["wickson"].get(LARGE, params={"page_size": 1}).json()["data"]
    completion = data["batch_summary"]["completion"]
    assert completion["successful"] + completion["failed"] == seeded.WICKSON_LARGE_BATCH_ITEMS
    assert sum(data["statistics"]["media_distribution"]["by_type"].values()) == 100_000
    assert (
        sum(entry["count"] for entry in data["statistics"]["error_summary"]) == completion["failed"]
    )


def test_default_page_size_is_100(clients: Clients) -> None:
    data = clients["wickson"].get(LARGE).json()["data"]
    assert data["pagination"]["page_size"] == 100
    assert len(data["job_results"]) == 100


def test_the_modzy_large_job_has_every_item(clients: Clients) -> None:
    body = clients["modzy"].get(f"/results/{seeded.MODZY_LARGE_JOB}").json()
    assert body["total"] == seeded.MODZY_LARGE_JOB_ITEMS
    assert len(body["results"]) + len(body["failures"]) == seeded.MODZY_LARGE_JOB_ITEMS
    assert len(body["results"]) == body["completed"]
    assert body["finished"] is True


def _history(clients: Clients, **params: object) -> list[dict]:
    response = clients["modzy"].get("/jobs/history", params=params)
    jobs: list[dict] = assert_conforms("getJobHistory", response)
    return jobs


def test_the_history_pages_cover_5000_jobs_without_duplicates(clients: Clients) -> None:
    seen: list[str] = []
    for page in range(1, 7):
        jobs = _history(clients, page=page, **{"per-page": 1000})
        seen.extend(job["jobIdentifier"] for job in jobs)
    assert len(seen) == seeded.MODZY_HISTORY_JOBS == len(set(seen))
    assert _history(clients, page=6, **{"per-page": 1000}) == []


def test_the_history_defaults_to_ten_newest_first(clients: Clients) -> None:
    jobs = _history(clients)
    assert len(jobs) == 10
    created = [job["createdAt"] for job in jobs]
    assert created == sorted(created, reverse=True)


def test_the_history_sorts_by_any_field_both_ways(clients: Clients) -> None:
    ascending = _history(clients, **{"sort-by": "total", "direction": "asc", "per-page": 50})
    totals = [job["total"] for job in ascending]
    assert totals == sorted(totals)
    descending = _history(clients, **{"sort-by": "total", "direction": "desc", "per-page": 5})
    assert descending[0]["total"] == seeded.MODZY_LARGE_JOB_ITEMS


def test_the_history_filters(clients: Clients) -> None:
    start, end = "2024-03-01T00:00:00Z", "2024-03-31T23:59:59.999+00:00"
    in_march = _history(clients, startDate=start, endDate=end, **{"per-page": 1000})
    assert in_march
    for job in in_march:
        created = datetime.fromisoformat(job["createdAt"])
        assert datetime.fromisoformat("2024-03-01T00:00:00+00:00") <= created
        assert created <= datetime.fromisoformat(end)
    by_user = _history(clients, user="grace@example.com", **{"per-page": 1000})
    assert by_user
    assert {job["user"]["email"] for job in by_user} == {"grace@example.com"}
    by_model = _history(clients, model="Digit Recognition", **{"per-page": 1000})
    assert by_model
    assert {job["model"]["name"] for job in by_model} == {"Digit Recognition"}
    key = by_user[0]["submittedBy"]
    assert {job["submittedBy"] for job in _history(clients, accessKey=key)} == {key}
    assert _history(clients, user="nobody") == []
    assert _history(clients, startDate=end, endDate=start) == []


@pytest.mark.parametrize("seed", [0, 5])
def test_a_generated_batchs_counts_are_those_of_every_items_facts(seed: int) -> None:
    """The statistics' tallies (made without every item's facts) are the facts' own, their
    samples the same items in the same order."""
    from jobresults.mock._wickson_data import Batch, GeneratedBatch, store

    batches = store(seed)
    generated = [batches.get(batch_id) for batch_id in batches.seeded_ids()]
    checked = 0
    for batch in generated:
        if not isinstance(batch, GeneratedBatch):
            continue
        for listed in sorted({0, 1, 7, min(batch.snapshot(0).listed, 3_000)}):
            fast, slow = batch._count(listed), Batch._counts(batch, listed)
            assert fast == slow, (batch.batch_id, listed)
            for field in ("by_type", "media_ids", "errors", "affected"):
                assert list(getattr(fast, field)) == list(getattr(slow, field))
            checked += 1
    assert checked > 10

"""Listings that page differently from what was asked, shift, repeat or never end: every item
exactly once, or a typed error saying where to resume. Never a silent loss or repeat."""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from jobresults import modzy, wickson
from jobresults.errors import PaginationError

from ._support import JSON

Handler = Callable[[httpx.Request], httpx.Response]


async def items(iterator: Any, into: list[Any] | None = None) -> list[Any]:
    """Every item of a sync or async iterator (appended to `into` as they come)."""
    found: list[Any] = [] if into is None else into
    if hasattr(iterator, "__aiter__"):
        async for item in iterator:
            found.append(item)
    else:
        found.extend(iterator)
    return found


def clients(service: Any, base_url: str, handler: Handler) -> list[Any]:
    """A sync and an async client of `service` (its module) answered by `handler`."""
    transport = httpx.MockTransport(handler)
    options: dict[str, Any] = {"api_key": "test-key", "base_url": base_url}
    return [
        service.Client(**options, http_client=httpx.Client(transport=transport)),
        service.AsyncClient(**options, http_client=httpx.AsyncClient(transport=transport)),
    ]


def modzy_clients(handler: Handler) -> list[Any]:
    return clients(modzy, "https://modzy.invalid/api", handler)


def history_job(name: str) -> dict[str, Any]:
    return {
        "jobIdentifier": name,
        "submittedBy": "key",
        "accountIdentifier": "account",
        "status": "COMPLETED",
        "createdAt": dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat(),
        "total": 1,
        "pending": 0,
        "completed": 1,
        "failed": 0,
    }


class ShiftingHistory:
    """A newest-first job history in which `created[n]` new jobs appear right after page n is
    first served: the pages after it shift by that many jobs."""

    def __init__(self, jobs: int, created: dict[int, int]) -> None:
        self.jobs = [f"job-{n:03d}" for n in range(jobs)][::-1]  # newest first
        self.original = set(self.jobs)
        self.created = created
        self.requests = 0
        self._new = 0
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        size = int(request.url.params["per-page"])
        with self._lock:
            self.requests += 1
            body = [history_job(name) for name in self.jobs[(page - 1) * size : page * size]]
            for _ in range(self.created.pop(page, 0)):  # once, the first time it is served
                self._new += 1
                self.jobs.insert(0, f"new-{self._new:03d}")
        return httpx.Response(200, content=orjson.dumps(body), headers=JSON)


@pytest.mark.parametrize(
    "created", [{1: 5}, {1: 5, 2: 5, 3: 5}, {1: 2, 2: 7, 4: 1}, {2: 11}], ids=str
)
async def test_the_job_history_keeps_paging_past_shifted_pages(created: dict[int, int]) -> None:
    for mode in ("sync", "async"):
        history = ShiftingHistory(23, dict(created))
        client = modzy_clients(history)[mode == "async"]
        names = [job.job_identifier for job in await items(client.jobs.history(per_page=5))]
        assert len(names) == len(set(names)), "a job was yielded twice"
        assert history.original <= set(names), "older jobs were dropped"


def endless(request: httpx.Request) -> httpx.Response:
    """A history that never ends: every page is full of jobs never seen before."""
    page = int(request.url.params["page"])
    body = [history_job(f"job-{page}-{n}") for n in range(5)]
    return httpx.Response(200, content=orjson.dumps(body), headers=JSON)


def ignoring_the_page(request: httpx.Request) -> httpx.Response:
    body = [history_job(f"job-{n}") for n in range(5)]
    return httpx.Response(200, content=orjson.dumps(body), headers=JSON)


async def test_limit_and_max_pages_bound_an_endless_job_history() -> None:
    for client in modzy_clients(endless):
        assert len(await items(client.jobs.history(per_page=5, limit=12))) == 12
        assert len(await items(client.jobs.history(per_page=5, max_pages=3))) == 15
        with pytest.raises(ValueError, match="limit"):
            client.jobs.history(limit=0)
    for client in modzy_clients(ignoring_the_page):
        got: list[Any] = []
        with pytest.raises(PaginationError, match="ignores `page`") as caught:
            await items(client.jobs.history(per_page=5), got)
        assert len(got) == 5
        assert caught.value.resume_page == 2  # at the first repeat, page 1 fetched again


# Wickson ----------------------------------------------------------------------------------


def wickson_sample() -> dict[str, Any]:
    from ._operations import sample_bodies

    return orjson.loads(sample_bodies()["wickson.batches.results"])


SAMPLE = wickson_sample()
BATCH = SAMPLE["data"]["batch_summary"]["batch_id"]


def wickson_item(index: int) -> dict[str, Any]:
    item = copy.deepcopy(SAMPLE["data"]["job_results"][0])
    item["job_id"] = f"job-{index:05d}"
    return item


def wickson_page(number: int, items: list[dict[str, Any]], pagination: dict[str, Any]) -> bytes:
    body = copy.deepcopy(SAMPLE)
    body["data"]["job_results"] = items
    body["data"]["pagination"] = {"page": number, **pagination}
    return orjson.dumps(body)


class Grid:
    """A Wickson batch of `total` items served in pages of `size` (whatever was asked), each
    page's pagination object as `report(page, asked size)` says."""

    def __init__(
        self,
        total: int,
        size: int,
        report: Callable[[int, int], dict[str, Any]] | None = None,
        serve: Callable[[int], int] | None = None,
    ) -> None:
        self.items = [wickson_item(index) for index in range(total)]
        self.size = size
        self.report = report or (lambda page, asked: self.honest(page))
        self.serve = serve or (lambda page: page)
        self.requests = 0

    def honest(self, page: int) -> dict[str, Any]:
        total = len(self.items)
        return {"page_size": self.size, "total_items": total, "total_pages": -(-total // self.size)}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        asked, size = int(request.url.params["page"]), self.size
        served = self.serve(asked)
        items = self.items[(served - 1) * size : served * size]
        report = {"page": served, **self.report(asked, int(request.url.params["page_size"]))}
        number = report.pop("page")
        return httpx.Response(200, content=wickson_page(number, items, report), headers=JSON)

    def ids(self) -> list[str]:
        return [item["job_id"] for item in self.items]


def wickson_clients(handler: Handler) -> list[Any]:
    return clients(wickson, "https://wickson.invalid", handler)


GRIDS: dict[str, tuple[Callable[[], Grid], int]] = {
    "capped: ask 1000, get 100, reported": (lambda: Grid(1050, 100), 1000),
    "capped without saying so": (
        lambda: Grid(
            1050,
            100,
            lambda page, asked: {"page_size": asked, "total_items": 1050, "total_pages": 11},
        ),
        1000,
    ),
    "paged by a larger size than asked": (lambda: Grid(95, 25), 10),
    "total_pages 0": (
        lambda: Grid(
            45, 10, lambda page, asked: {"page_size": 10, "total_items": 45, "total_pages": 0}
        ),
        10,
    ),
    "total_pages 10**9": (
        lambda: Grid(
            45, 10, lambda page, asked: {"page_size": 10, "total_items": 45, "total_pages": 10**9}
        ),
        10,
    ),
    "total_pages stale": (
        lambda: Grid(
            45, 10, lambda page, asked: {"page_size": 10, "total_items": 45, "total_pages": 2}
        ),
        10,
    ),
}


@pytest.mark.parametrize("case", list(GRIDS))
async def test_wickson_pages_of_another_size_or_with_odd_totals_give_every_item_once(
    case: str,
) -> None:
    for mode in ("sync", "async"):
        make, asked = GRIDS[case]
        grid = make()
        client = wickson_clients(grid)[mode == "async"]
        got = await items(client.batches.iter_results(BATCH, page_size=asked, prefetch=3))
        assert [item.job_id for item in got] == grid.ids(), (case, mode)
        pages = -(-len(grid.items) // grid.size)
        assert grid.requests <= pages + 3, (case, mode)  # a few pages ahead, at most


def repeating_within_a_page() -> Grid:
    """Page 3 of 5 lists one job twice (its positions 22 and 24 of the batch)."""
    grid = Grid(50, 10)
    grid.items[23] = {**grid.items[23], "job_id": grid.items[21]["job_id"]}
    return grid


MISBEHAVING: dict[str, tuple[Callable[[], Grid], str, int]] = {
    "repeats an item within a page": (repeating_within_a_page, "more than once", 20),
    "ignores page": (lambda: Grid(50, 10, serve=lambda page: 1), "got page 1", 10),
    "repeats page 1 under the number asked": (
        lambda: Grid(
            50,
            10,
            report=lambda page, asked: {
                "page": page,
                "page_size": 10,
                "total_items": 50,
                "total_pages": 5,
            },
            serve=lambda page: 1,
        ),
        "only items already yielded",
        10,
    ),
    "announces more items than it has": (
        lambda: Grid(
            45, 10, lambda page, asked: {"page_size": 10, "total_items": 47, "total_pages": 5}
        ),
        "2 of the 47 items announced are missing",
        45,
    ),
}


@pytest.mark.parametrize("case", list(MISBEHAVING))
async def test_wickson_pages_that_repeat_or_lose_items_are_a_pagination_error(case: str) -> None:
    for mode in ("sync", "async"):
        make, message, yielded = MISBEHAVING[case]
        grid = make()
        client = wickson_clients(grid)[mode == "async"]
        got: list[Any] = []
        with pytest.raises(PaginationError, match=message) as caught:
            await items(client.batches.iter_results(BATCH, page_size=10, prefetch=2), got)
        ids = [item.job_id for item in got]
        assert ids == grid.ids()[:yielded], (case, mode)
        assert len(set(ids)) == len(ids)
        assert caught.value.resume_page is not None


class ShiftedPage(Grid):
    """Page 3 serves the items from position 17 on (the three before it again, the last
    three of its own never)."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if int(request.url.params["page"]) != 3:
            return super().__call__(request)
        self.requests += 1
        return httpx.Response(
            200, content=wickson_page(3, self.items[17:27], self.honest(3)), headers=JSON
        )


async def test_items_lost_to_an_overlap_are_resumed_from_the_page_that_overlapped() -> None:
    for mode in ("sync", "async"):
        grid = ShiftedPage(50, 10)
        client = wickson_clients(grid)[mode == "async"]
        got: list[Any] = []
        with pytest.raises(PaginationError, match="3 of the 50 items") as caught:
            await items(client.batches.iter_results(BATCH, page_size=10, start_page=2), got)
        ids = [item.job_id for item in got]
        assert len(set(ids)) == len(ids)
        assert set(grid.ids()[10:]) - set(ids) == set(grid.ids()[27:30]), mode
        assert caught.value.resume_page == 3, mode  # where the lost items were due
        grid.__class__ = Grid  # the server serves page 3 right from now on
        again = await items(client.batches.iter_results(BATCH, page_size=10, start_page=3))
        assert set(grid.ids()[27:30]) <= {item.job_id for item in again}

"""Listings that page differently from what was asked, shift, repeat or never end: every item
exactly once, or a typed error saying where to resume. Never a silent loss or repeat."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from jobresults import modzy
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


def modzy_clients(handler: Handler) -> list[Any]:
    """A sync and an async Modzy client answered by `handler`."""
    transport = httpx.MockTransport(handler)
    options: dict[str, Any] = {"api_key": "test-key", "base_url": "https://modzy.invalid/api"}
    return [
        modzy.Client(**options, http_client=httpx.Client(transport=transport)),
        modzy.AsyncClient(**options, http_client=httpx.AsyncClient(transport=transport)),
    ]


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
        names = [job.jobIdentifier for job in await items(client.jobs.history(per_page=5))]
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

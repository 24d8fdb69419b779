"""Wickson's client over in-memory transports: pages typed, errors, and `iter_results`.

Every test runs twice, with `Client` and with `AsyncClient`.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import gc
import inspect
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

import httpx
import orjson
import pytest
from jobresults import is_unknown, specs, to_builtins, wickson
from jobresults.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    RateLimitError,
    ResponseParseError,
)

KEY = "wickson-test-key-0123456789"
BASE_URL = "https://api.wickson.example"
Handler = Callable[[httpx.Request], httpx.Response]


def page_example() -> dict[str, Any]:
    """The results page's example, as the spec carries it."""
    operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return copy.deepcopy(examples["page1"]["value"])


def error_example(status: str, name: str | None = None) -> dict[str, Any]:
    """An error envelope of the spec (its named example, or its single one)."""
    operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
    content = operation["responses"][status]["content"]["application/json"]
    if name is None:
        return copy.deepcopy(content["example"])
    return copy.deepcopy(content["examples"][name]["value"])


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json", **headers}
    )


def job(index: int) -> dict[str, Any]:
    """Item `index` of a fake batch: every fifth one failed."""
    item = copy.deepcopy(page_example()["data"]["job_results"][1 if index % 5 == 4 else 0])
    item["job_id"] = f"job-{index}"
    return item


class FakeBatch:
    """Serves a batch page by page like Wickson, and records which pages were asked for.

    `listed` gives, per request of a page, how many items the batch lists at that moment (a
    batch that grows while it is read); `fail` gives, per page, the statuses to answer first.
    """

    def __init__(
        self,
        total: int,
        *,
        listed: dict[int, list[int]] | None = None,
        fail: dict[int, list[int]] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.total = total
        self.listed = listed or {}
        self.fail = fail or {}
        self.delay = delay
        self.pages: list[int] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._items = [job(index) for index in range(total)]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        page_size = int(request.url.params.get("page_size", "100"))
        with self._lock:
            self.pages.append(page)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            failures = self.fail.get(page)
            status = failures.pop(0) if failures else None
            counts = self.listed.get(page)
            listed = counts.pop(0) if counts else self.total
        try:
            if self.delay:
                time.sleep(self.delay)
            if status is not None:
                return json_response({"code": "processing_error", "message": "boom"}, status)
            body = self.body(page, page_size, listed)
            batch_id = unquote(request.url.raw_path.decode().split("/")[-2])
            body["data"]["batch_summary"]["batch_id"] = batch_id
            return json_response(body)
        finally:
            with self._lock:
                self.in_flight -= 1

    def body(self, page: int, page_size: int, listed: int) -> dict[str, Any]:
        """The body of one page when the batch lists `listed` items."""
        body = page_example()
        start = (page - 1) * page_size
        body["data"]["job_results"] = self._items[start : min(start + page_size, listed)]
        body["data"]["pagination"] = {
            "page": page,
            "page_size": page_size,
            "total_items": listed,
            "total_pages": -(-listed // page_size),
        }
        return body

    def ids(self, stop: int | None = None) -> list[str]:
        """The job ids of the batch, in order."""
        return [item["job_id"] for item in self._items[:stop]]


class Api:
    """Builds a sync or async Wickson client whose requests go to a handler."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []
        self.pauses: list[float] = []

    def client(self, handler: Handler, **options: Any) -> Any:
        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        if self.mode == "sync":
            return wickson.Client(
                KEY,
                base_url=BASE_URL,
                http_client=httpx.Client(transport=transport),
                sleep=self.pauses.append,
                **options,
            )

        async def pause(seconds: float) -> None:
            self.pauses.append(seconds)

        return wickson.AsyncClient(
            KEY,
            base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=transport),
            sleep=pause,
            **options,
        )

    async def call(self, value: Any) -> Any:
        """The value of a sync call, or the awaited value of an async one."""
        return await value if inspect.isawaitable(value) else value

    async def items(self, iterator: Any, stop: int | None = None) -> list[Any]:
        """The items of a sync or async iterator (the first `stop` of them), then closes it."""
        taken: list[Any] = []
        if self.mode == "sync":
            for item in iterator:
                taken.append(item)
                if stop is not None and len(taken) >= stop:
                    break
            iterator.close()
        else:
            async for item in iterator:
                taken.append(item)
                if stop is not None and len(taken) >= stop:
                    break
            await iterator.aclose()
        return taken

    async def failure(self, iterator: Any, into: list[Any]) -> APIError:
        """Collect items into `into` until the iterator raises an APIError; return it."""
        try:
            if self.mode == "sync":
                into.extend(iterator)
            else:
                async for item in iterator:
                    into.append(item)
        except APIError as error:
            return error
        raise AssertionError("the iterator ended without an error")


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)


def prefetch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("jobresults-prefetch")]


def wait_for_prefetch_threads() -> None:
    """Wait (at most 5 s) until the prefetching threads of closed iterators have ended."""
    for thread in prefetch_threads():
        thread.join(timeout=5)
    assert not prefetch_threads()


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    yield
    gc.collect()
    wait_for_prefetch_threads()


# One page ----------------------------------------------------------------------------------


async def test_results_is_the_page_example_typed(api: Api) -> None:
    client = api.client(lambda request: json_response(page_example()))
    page = await api.call(client.batches.results("batch-abc123", page=1, page_size=50))

    assert isinstance(page, wickson.BatchResultsPage)
    assert isinstance(page, wickson.BatchResultsResponse)
    assert (page.page, page.total_pages, page.has_next, page.next_page) == (1, 4, True, 2)
    assert page.pagination.page_size == 50
    summary = page.data.batch_summary
    assert summary.batch_id == "batch-abc123"
    assert summary.completion.failed == 20
    assert summary.timeline.created_at == dt.datetime(2024, 12, 18, 10, tzinfo=dt.UTC)
    ok, failed = page.items
    assert page.succeeded_items() == [ok]
    assert page.failed_items() == [failed]
    assert ok.status is wickson.JobStatus.SUCCEEDED
    assert ok.media_type is wickson.MediaType.DOCUMENT
    assert ok.media_id == "vec-abc123"
    assert failed.media_id is None
    assert isinstance(failed.error, wickson.JobError)
    assert failed.error.code is wickson.ErrorCode.FORMAT_ERROR
    assert failed.error.message == "Unsupported file format"
    assert failed.error.details == {
        "format": ".xlsx",
        "supported_formats": [".pdf", ".txt", ".docx"],
    }
    assert [(e.error_type, e.count) for e in page.error_summary] == [
        (wickson.ErrorCode.FORMAT_ERROR, 12),
        (wickson.ErrorCode.CORRUPTED_FILE, 8),
    ]

    [request] = api.requests
    assert request.method == "GET"
    assert request.url.path == "/v1/batches/batch-abc123/results"
    assert dict(request.url.params) == {"page": "1", "page_size": "50"}
    assert request.headers["X-Api-Key"] == KEY
    assert "authorization" not in request.headers
    assert request.headers["accept"] == "application/json"


async def test_a_page_without_statistics_or_error_summary(api: Api) -> None:
    body = page_example()
    del body["data"]["statistics"]["error_summary"]
    client = api.client(lambda request: json_response(body))
    page = await api.call(client.batches.results("batch-abc123"))
    assert page.error_summary == []
    del body["data"]["statistics"]
    assert (await api.call(client.batches.results("batch-abc123"))).error_summary == []
    assert dict(api.requests[0].url.params) == {"page": "1", "page_size": "100"}


async def test_results_response_keeps_the_whole_body(api: Api) -> None:
    body = page_example()
    body["data"]["job_results"][0]["thumbnail"] = "https://cdn.example/t.png"
    client = api.client(lambda request: json_response(body, **{"x-request-id": "r-1"}))
    response = await api.call(client.batches.results_response("batch-abc123", page_size=50))

    assert response.status_code == 200
    assert response.headers["x-request-id"] == "r-1"
    assert isinstance(response.parsed, wickson.BatchResultsPage)
    assert response.json()["data"]["job_results"][0]["thumbnail"] == "https://cdn.example/t.png"
    assert response.content == orjson.dumps(body)
    thumbnail = {"/data/job_results/0/thumbnail": "https://cdn.example/t.png"}
    assert response.extra_fields() == thumbnail
    assert response.parsed.extra_fields() == thumbnail
    assert "getBatchResults" in repr(response)


@pytest.mark.parametrize(
    ("status", "body", "error_type", "code"),
    [
        (400, error_example("400"), BadRequestError, "validation_error"),
        (401, error_example("401"), AuthenticationError, "unauthorized"),
        (404, error_example("404", "notFound"), NotFoundError, "not_found"),
        (500, error_example("500", "processingError"), InternalServerError, "processing_error"),
    ],
)
async def test_error_envelopes(
    api: Api, status: int, body: dict[str, Any], error_type: type[APIError], code: str
) -> None:
    client = api.client(lambda request: json_response(body, status), max_retries=0)
    with pytest.raises(error_type) as caught:
        await api.call(client.batches.results("batch-xyz789"))
    error = caught.value
    assert error.code == code
    assert error.error_message == body["message"]
    assert error.details == body.get("details")
    assert error.response.status_code == status
    assert orjson.loads(error.body) == body
    assert body["message"] in str(error)
    assert KEY not in str(error) + repr(error)


async def test_rate_limited_then_served(api: Api) -> None:
    answers = [
        json_response(error_example("429"), 429, **{"retry-after": "2"}),
        json_response(page_example()),
    ]
    client = api.client(lambda request: answers.pop(0))
    page = await api.call(client.batches.results("batch-abc123"))
    assert len(page.items) == 2
    assert api.pauses == [2.0]

    client = api.client(
        lambda request: json_response(error_example("429"), 429, **{"retry-after": "7"}),
        max_retries=0,
    )
    with pytest.raises(RateLimitError) as caught:
        await api.call(client.batches.results("batch-abc123"))
    assert caught.value.retry_after == 7.0
    assert caught.value.code == "rate_limited"


async def test_unknown_enum_values_are_kept_and_warned_once(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    body = page_example()
    first, second = body["data"]["job_results"]
    first["status"] = "queued"
    first["media_type"] = "hologram"
    second["error"]["code"] = "gremlins"
    body["data"]["statistics"]["error_summary"][0]["error_type"] = "gremlins"
    client = api.client(lambda request: json_response(body))
    with caplog.at_level(logging.WARNING, logger="jobresults"):
        page = await api.call(client.batches.results("batch-abc123"))
    queued, failed = page.items
    assert queued.status == "queued"
    assert is_unknown(queued.status)
    assert is_unknown(queued.media_type)
    assert is_unknown(failed.error.code)
    assert failed.error.code == "gremlins"
    assert not is_unknown(failed.status)
    assert is_unknown(page.error_summary[0].error_type)
    [record] = [r for r in caplog.records if r.name == "jobresults"]
    assert record.levelno == logging.WARNING
    assert "JobStatus(queued)" in record.getMessage()
    assert "ErrorCode(gremlins)" in record.getMessage()
    assert "MediaType(hologram)" in record.getMessage()

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="jobresults"):
        client = api.client(lambda r: json_response(page_example()))
        await api.call(client.batches.results("batch-abc123"))
    assert not caplog.records


async def test_strict_mode_raises_on_what_lenient_mode_accepts(api: Api) -> None:
    body = page_example()
    body["data"]["job_results"][0]["status"] = "queued"
    client = api.client(lambda request: json_response(body), strict=True)
    with pytest.raises(ResponseParseError) as caught:
        await api.call(client.batches.results("batch-abc123"))
    assert "/data/job_results/0/status" in str(caught.value)
    strict = api.client(lambda request: json_response(page_example()), strict=True)
    assert len((await api.call(strict.batches.results("batch-abc123"))).items) == 2


# Every item --------------------------------------------------------------------------------


async def test_every_item_once_in_order_over_37_pages(api: Api) -> None:
    batch = FakeBatch(36 * 10 + 7)
    client = api.client(batch)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10))
    assert [item.job_id for item in items] == batch.ids()
    assert sorted(batch.pages) == list(range(1, 38))
    failed = [item for item in items if item.status is wickson.JobStatus.FAILED]
    assert len(failed) == len(items) // 5
    assert all(item.error.code is wickson.ErrorCode.FORMAT_ERROR for item in failed)


@pytest.mark.parametrize(("total", "pages"), [(0, 1), (1, 1), (10, 1), (11, 2), (20, 2)])
async def test_small_batches(api: Api, total: int, pages: int) -> None:
    batch = FakeBatch(total)
    client = api.client(batch)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10))
    assert [item.job_id for item in items] == batch.ids()
    assert sorted(batch.pages) == list(range(1, pages + 1))


class Tracked:
    """An async handler over a FakeBatch that lets requests overlap, counting them in flight."""

    def __init__(self, batch: FakeBatch) -> None:
        self.batch = batch
        self.in_flight = 0
        self.max_in_flight = 0

    async def handler(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.01)
            return self.batch(request)
        finally:
            self.in_flight -= 1

    def client(self) -> wickson.AsyncClient:
        transport = httpx.MockTransport(self.handler)
        return wickson.AsyncClient(
            KEY, base_url=BASE_URL, http_client=httpx.AsyncClient(transport=transport)
        )


async def test_prefetching_is_concurrent_and_bounded(api: Api) -> None:
    batch = FakeBatch(30 * 5, delay=0.01)
    counter: FakeBatch | Tracked = batch
    if api.mode == "sync":
        client = api.client(batch)
    else:
        batch.delay = 0.0
        counter = Tracked(batch)
        client = counter.client()
    items = await api.items(client.batches.iter_results("batch-1", page_size=5, prefetch=3))
    assert [item.job_id for item in items] == batch.ids()
    assert 2 <= counter.max_in_flight <= 3


async def test_prefetch_zero_reads_one_page_at_a_time(api: Api) -> None:
    batch = FakeBatch(45)
    client = api.client(batch)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10, prefetch=0))
    assert [item.job_id for item in items] == batch.ids()
    assert batch.pages == [1, 2, 3, 4, 5]
    assert batch.max_in_flight == 1


@pytest.mark.parametrize("prefetch", [1, 4])
async def test_stopping_early_stops_the_fetching(api: Api, prefetch: int) -> None:
    batch = FakeBatch(100 * 5)
    client = api.client(batch)
    items = await api.items(
        client.batches.iter_results("batch-1", page_size=5, prefetch=prefetch), stop=12
    )
    assert [item.job_id for item in items] == batch.ids(12)
    wait_for_prefetch_threads()
    # Pages 1-3 were read; at most `prefetch` pages beyond them were asked for.
    assert len(batch.pages) <= 3 + prefetch
    assert len(set(batch.pages)) == len(batch.pages)


def test_a_dropped_generator_stops_the_fetching() -> None:
    batch = FakeBatch(100 * 5)
    api = Api("sync")
    client = api.client(batch)
    iterator = client.batches.iter_results("batch-1", page_size=5, prefetch=2)
    assert [next(iterator).job_id for _ in range(7)] == batch.ids(7)
    del iterator
    gc.collect()
    wait_for_prefetch_threads()
    asked = len(batch.pages)
    assert asked <= 2 + 2
    time.sleep(0.05)
    assert len(batch.pages) == asked


async def test_leaving_an_async_loop_cancels_the_pages_ahead() -> None:
    batch = FakeBatch(100 * 5)
    tracked = Tracked(batch)
    client = tracked.client()
    seen = 0
    async for _item in client.batches.iter_results("batch-1", page_size=5, prefetch=3):
        seen += 1
        if seen == 6:
            break
    # The generator is finalized by the event loop; give it a moment, then nothing more runs.
    for _ in range(20):
        await asyncio.sleep(0.01)
        if tracked.in_flight == 0:
            break
    asked = len(batch.pages)
    assert asked <= 2 + 3
    await asyncio.sleep(0.05)
    assert len(batch.pages) == asked
    await client.aclose()


async def test_a_failing_page_says_where_to_resume(api: Api) -> None:
    batch = FakeBatch(9 * 10, fail={5: [500, 503]})
    client = api.client(batch, max_retries=1)
    got: list[Any] = []
    error = await api.failure(client.batches.iter_results("batch-1", page_size=10), got)

    assert isinstance(error, InternalServerError)
    assert error.status_code == 503
    assert error.resume_page == 5
    assert any("start_page=5" in note for note in error.__notes__)
    assert [item.job_id for item in got] == batch.ids(40)
    assert batch.pages.count(5) == 2  # the first try and one retry

    rest = await api.items(client.batches.iter_results("batch-1", page_size=10, start_page=5))
    assert [item.job_id for item in got + rest] == batch.ids()


@pytest.mark.parametrize(
    ("status", "error_type"), [(404, NotFoundError), (401, AuthenticationError)]
)
async def test_a_page_refused_midway_is_not_retried(
    api: Api, status: int, error_type: type[APIError]
) -> None:
    batch = FakeBatch(50, fail={3: [status]})
    client = api.client(batch)
    got: list[Any] = []
    error = await api.failure(client.batches.iter_results("batch-1", page_size=10), got)
    assert isinstance(error, error_type)
    assert error.resume_page == 3
    assert batch.pages.count(3) == 1
    assert [item.job_id for item in got] == batch.ids(20)
    assert api.pauses == []


async def test_an_unreadable_page_says_where_to_resume(api: Api) -> None:
    batch = FakeBatch(50)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "4":
            return httpx.Response(200, content=b'{"success": true, "data": {"job_res')
        return batch(request)

    client = api.client(handler)
    got: list[Any] = []
    error = await api.failure(client.batches.iter_results("batch-1", page_size=10), got)
    assert isinstance(error, ResponseParseError)
    assert error.resume_page == 4
    assert [item.job_id for item in got] == batch.ids(30)


async def test_the_first_page_failing_resumes_at_the_start_page(api: Api) -> None:
    client = api.client(FakeBatch(50, fail={2: [404]}))
    error = await api.failure(
        client.batches.iter_results("batch-1", page_size=10, start_page=2), []
    )
    assert error.resume_page == 2


async def test_a_batch_that_grows_while_read_is_followed_without_gaps(api: Api) -> None:
    # Page 3 is first read while the batch lists 25 items (5 on it), then page 2 announces a
    # fourth page: page 3 is read again and the whole of it yielded once.
    batch = FakeBatch(40, listed={1: [25], 2: [40], 3: [25, 40]})
    client = api.client(batch)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10, prefetch=0))
    assert [item.job_id for item in items] == batch.ids()
    assert batch.pages == [1, 2, 3, 3, 4]


async def test_a_batch_that_grows_is_read_to_its_new_end(api: Api) -> None:
    batch = FakeBatch(60, listed={1: [25], 2: [35], 3: [45], 4: [55]})
    client = api.client(batch)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10, prefetch=2))
    ids = [item.job_id for item in items]
    assert ids == batch.ids(len(ids))
    assert len(ids) >= 45


async def test_pages_that_contradict_each_other_raise_pagination_error(api: Api) -> None:
    batch = FakeBatch(40, listed={1: [40], 2: [40], 3: [25, 25]})
    client = api.client(batch)
    got: list[Any] = []
    error = await api.failure(client.batches.iter_results("batch-1", page_size=10), got)
    assert isinstance(error, PaginationError)
    assert error.resume_page == 3
    assert error.response is not None
    assert error.response.status_code == 200
    assert "page 3" in str(error)
    assert [item.job_id for item in got] == batch.ids(20)
    assert batch.pages.count(3) == 2


async def test_a_page_longer_than_asked_repeats_nothing(api: Api) -> None:
    batch = FakeBatch(30)

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        body = batch.body(page, 12, 30)  # the server pages by 12 however it was asked
        body["data"]["job_results"] = batch.body(1, 10 * page + 2, 30)["data"]["job_results"][
            10 * (page - 1) :
        ]
        body["data"]["pagination"].update(page_size=10, total_pages=3)
        body["data"]["batch_summary"]["batch_id"] = "batch-1"
        return json_response(body)

    client = api.client(handler)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10))
    assert [item.job_id for item in items] == batch.ids()


@pytest.mark.parametrize(
    "arguments",
    [
        {"batch_id": "", "page_size": 10},
        {"batch_id": "..", "page_size": 10},
        {"batch_id": "b", "page_size": 0},
        {"batch_id": "b", "page_size": 10, "start_page": 0},
        {"batch_id": "b", "page_size": 10, "prefetch": -1},
    ],
)
async def test_iter_results_checks_its_arguments_first(api: Api, arguments: dict[str, Any]) -> None:
    client = api.client(FakeBatch(10))
    with pytest.raises(ValueError, match=r"batch_id|page_size|start_page|prefetch"):
        client.batches.iter_results(**arguments)
    assert api.requests == []


async def test_strict_iteration_checks_every_page(api: Api) -> None:
    batch = FakeBatch(30)

    def handler(request: httpx.Request) -> httpx.Response:
        response = batch(request)
        if request.url.params["page"] == "2":
            body = orjson.loads(response.content)
            body["data"]["job_results"][0]["status"] = "queued"
            return json_response(body)
        return response

    lenient = await api.items(api.client(handler).batches.iter_results("b", page_size=10))
    assert len(lenient) == 30
    got: list[Any] = []
    error = await api.failure(
        api.client(handler, strict=True).batches.iter_results("b", page_size=10), got
    )
    assert isinstance(error, ResponseParseError)
    assert error.resume_page == 2
    assert len(got) == 10


async def test_the_callers_http_client_serves_every_page(api: Api) -> None:
    batch = FakeBatch(35)
    seen: list[str] = []
    if api.mode == "sync":
        http: Any = httpx.Client(
            transport=httpx.MockTransport(batch),
            event_hooks={"request": [lambda request: seen.append(request.url.params["page"])]},
        )
        client: Any = wickson.Client(KEY, base_url=BASE_URL, http_client=http)
    else:

        async def hook(request: httpx.Request) -> None:
            seen.append(request.url.params["page"])

        http = httpx.AsyncClient(
            transport=httpx.MockTransport(batch), event_hooks={"request": [hook]}
        )
        client = wickson.AsyncClient(KEY, base_url=BASE_URL, http_client=http)
    items = await api.items(client.batches.iter_results("batch-1", page_size=10))
    assert len(items) == 35
    assert sorted(seen) == ["1", "2", "3", "4"]
    await api.call(client.close() if api.mode == "sync" else client.aclose())
    assert not http.is_closed


async def test_results_page_objects_walk_the_batch_once(api: Api) -> None:
    batch = FakeBatch(250)
    client = api.client(batch)
    first = await api.call(client.batches.results_page("b-1", page_size=100))
    assert isinstance(
        first, wickson.AsyncResultsPage if api.mode == "async" else wickson.ResultsPage
    )
    assert isinstance(first.parsed, wickson.BatchResultsPage)
    assert (first.number, len(first), first[0].job_id) == (1, 100, "job-0")
    assert first.has_next_page()
    assert to_builtins(first) == first.parsed.to_dict() == first.to_dict()
    assert first.extra_fields() == {}
    pages = await api.items(first.iter_pages())
    assert [page.number for page in pages] == [1, 2, 3]
    assert [item.job_id for page in pages for item in page] == [f"job-{n}" for n in range(250)]
    assert not pages[-1].has_next_page()
    with pytest.raises(LookupError, match="no page after page 3"):
        await api.call(pages[-1].get_next_page())
    assert batch.pages == [1, 2, 3]
    again = await api.call(first.get_next_page())  # an earlier page: read on from it anew
    assert again.number == 2
    assert [item.job_id for item in again] == [f"job-{n}" for n in range(100, 200)]


async def test_results_page_objects_keep_the_pagers_checks(api: Api) -> None:
    batch = FakeBatch(250)

    def ignores_page(request: httpx.Request) -> httpx.Response:
        body = batch.body(1, 100, 250)
        body["data"]["batch_summary"]["batch_id"] = "b-1"
        return json_response(body)

    first = await api.call(api.client(ignores_page).batches.results_page("b-1"))
    with pytest.raises(PaginationError, match="asked for page 2, got page 1") as caught:
        await api.call(first.get_next_page())
    assert caught.value.resume_page == 2

    failing = FakeBatch(250, fail={2: [500]})
    first = await api.call(api.client(failing, max_retries=0).batches.results_page("b-1"))
    with pytest.raises(InternalServerError) as failed:
        await api.call(first.get_next_page())
    assert failed.value.resume_page == 2

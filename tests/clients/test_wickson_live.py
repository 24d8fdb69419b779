"""Wickson's client over real sockets, against the mock server."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import is_unknown, wickson
from jobresults.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseParseError,
)
from jobresults.mock import MockServer, seeded

BATCH = seeded.WICKSON_EXAMPLE_BATCH


def client(server: MockServer, **options: Any) -> wickson.Client:
    return wickson.Client(server.api_key("wickson"), base_url=server.base_url("wickson"), **options)


def async_client(server: MockServer, **options: Any) -> wickson.AsyncClient:
    return wickson.AsyncClient(
        server.api_key("wickson"), base_url=server.base_url("wickson"), **options
    )


def faulting(fault: str, when: Callable[[httpx.Request], bool] = lambda request: True) -> Any:
    """A request hook asking the mock for `fault` on the requests `when` picks."""

    def hook(request: httpx.Request) -> None:
        if when(request):
            request.headers["X-Mock-Fault"] = fault

    return hook


def on_page(number: int) -> Callable[[httpx.Request], bool]:
    return lambda request: request.url.params.get("page") == str(number)


def check_the_example_batch(items: list[wickson.JobResult]) -> None:
    assert len(items) == seeded.WICKSON_EXAMPLE_BATCH_ITEMS
    assert len({item.job_id for item in items}) == len(items)
    statuses = Counter(item.status for item in items)
    assert statuses == {wickson.JobStatus.SUCCEEDED: 180, wickson.JobStatus.FAILED: 20}
    codes = Counter(item.error.code for item in items if isinstance(item.error, wickson.JobError))
    assert codes == {wickson.ErrorCode.FORMAT_ERROR: 12, wickson.ErrorCode.CORRUPTED_FILE: 8}
    assert items[0].job_id == "job-123abc"
    assert items[1].job_id == "job-abc456"


def test_the_page_example(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as wickson_client:
        page = wickson_client.batches.results(BATCH, page=1, page_size=50)
    assert (page.page, page.total_pages, page.has_next) == (1, 4, True)
    assert page.data.batch_summary.batch_name == "Monthly Reports Processing"
    assert page.data.batch_summary.completion.successful == 180
    assert len(page.items) == 50
    failed = page.items[1]
    assert isinstance(failed.error, wickson.JobError)
    assert failed.error.code is wickson.ErrorCode.FORMAT_ERROR
    assert failed.error.details == {
        "format": ".xlsx",
        "supported_formats": [".pdf", ".txt", ".docx"],
    }
    assert [(entry.error_type, entry.count) for entry in page.error_summary] == [
        (wickson.ErrorCode.FORMAT_ERROR, 12),
        (wickson.ErrorCode.CORRUPTED_FILE, 8),
    ]


def test_every_item_of_the_example_batch(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as wickson_client:
        items = list(wickson_client.batches.iter_results(BATCH, page_size=7))
        assert wickson_client.requests_sent == 29  # 28 full pages and one of 4
    check_the_example_batch(items)


async def test_the_sharded_transport_spreads_requests_and_frees_every_slot(
    jobresults_mock: MockServer,
) -> None:
    import asyncio

    from jobresults._transport import SHARD_SIZE, ShardedTransport

    transport = ShardedTransport(max_connections=2 * SHARD_SIZE + 3)
    assert [shard.transport._pool._max_connections for shard in transport._shards] == [8, 8, 3]
    http = httpx.AsyncClient(transport=transport)
    async with async_client(jobresults_mock, http_client=http) as wickson_client:
        pages = await asyncio.gather(
            *(wickson_client.batches.results(BATCH, page=1, page_size=5) for _ in range(12))
        )
        assert all(len(page.items) == 5 for page in pages)
        assert [shard.busy for shard in transport._shards] == [0, 0, 0]
        used = [len(shard.transport._pool.connections) for shard in transport._shards]
        assert sum(1 for count in used if count) >= 2  # more than one shard served
    await http.aclose()


async def test_without_httpx_aiohttp_the_library_client_shards_its_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    from jobresults import wickson
    from jobresults._transport import ShardedTransport

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "httpx_aiohttp" else find_spec(name, *args),
    )
    client = wickson.AsyncClient("key", base_url="http://127.0.0.1:9")
    assert isinstance(client._http.client._transport, ShardedTransport)
    await client.aclose()


async def test_every_item_of_the_example_batch_async(jobresults_mock: MockServer) -> None:
    async with async_client(jobresults_mock) as wickson_client:
        items = [item async for item in wickson_client.batches.iter_results(BATCH, page_size=7)]
        assert wickson_client.requests_sent == 29
    check_the_example_batch(items)


def test_pages_and_iteration_agree(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as wickson_client:
        by_pages = [
            item.job_id
            for number in range(1, 5)
            for item in wickson_client.batches.results(BATCH, page=number, page_size=50).items
        ]
        by_iteration = [
            item.job_id for item in wickson_client.batches.iter_results(BATCH, prefetch=0)
        ]
    assert by_pages == by_iteration


def test_errors_of_the_service(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as wickson_client:
        with pytest.raises(NotFoundError) as not_found:
            wickson_client.batches.results("batch-xyz789")
        with pytest.raises(ValueError, match="page_size must be an integer from 1 to 1000"):
            wickson_client.batches.results(BATCH, page_size=1001)  # refused before sending
        with pytest.raises(BadRequestError) as bad:  # the raw call sends it as given
            wickson_client.get(
                f"/v1/batches/{BATCH}/results", params={"page_size": 1001}, cast_to=object
            )
    assert not_found.value.code == "not_found"
    assert not_found.value.error_message == "Batch batch-xyz789 not found"
    assert bad.value.code == "validation_error"
    assert bad.value.details is not None
    with (
        wickson.Client("not-the-key", base_url=jobresults_mock.base_url("wickson")) as stranger,
        pytest.raises(AuthenticationError) as refused,
    ):
        stranger.batches.results(BATCH)
    assert refused.value.code == "unauthorized"


def test_stopping_early_over_sockets(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as wickson_client:
        iterator = wickson_client.batches.iter_results(
            seeded.WICKSON_LARGE_BATCH, page_size=100, prefetch=3
        )
        for count, _item in enumerate(iterator, start=1):
            if count == 250:
                break
        iterator.close()
        for thread in threading.enumerate():
            if thread.name.startswith("jobresults-prefetch"):
                thread.join(timeout=5)
        assert wickson_client.requests_sent <= 3 + 3  # pages 1-3 read, at most 3 ahead


@pytest.mark.parametrize(
    ("fault", "error_type"),
    [
        ("503", InternalServerError),
        ("html", InternalServerError),
        ("reset", APIConnectionError),
        ("truncate", APIConnectionError),
    ],
)
def test_a_fault_on_one_page_is_retried(
    jobresults_mock: MockServer, fault: str, error_type: type[Exception]
) -> None:
    faulted = 0

    def hook(request: httpx.Request) -> None:
        nonlocal faulted
        if request.url.params.get("page") == "2" and faulted == 0:
            faulted += 1
            request.headers["X-Mock-Fault"] = fault

    http = httpx.Client(event_hooks={"request": [hook]})
    with client(jobresults_mock, http_client=http, sleep=lambda seconds: None) as wickson_client:
        items = list(wickson_client.batches.iter_results(BATCH, page_size=50))
    check_the_example_batch(items)
    assert faulted == 1

    http = httpx.Client(event_hooks={"request": [faulting(fault, on_page(3))]})
    with (
        client(jobresults_mock, http_client=http, sleep=lambda s: None) as wickson_client,
        pytest.raises(error_type) as caught,
    ):
        list(wickson_client.batches.iter_results(BATCH, page_size=50))
    assert caught.value.resume_page == 3  # type: ignore[attr-defined]
    http.close()


async def collect(items: AsyncIterator[wickson.JobResult], into: list[wickson.JobResult]) -> None:
    async for item in items:
        into.append(item)


async def test_resume_after_a_failed_page_async(jobresults_mock: MockServer) -> None:
    async def hook(request: httpx.Request) -> None:
        faulting("500", on_page(3))(request)

    async def no_pause(seconds: float) -> None:
        return None

    got: list[wickson.JobResult] = []
    http = httpx.AsyncClient(event_hooks={"request": [hook]})
    async with async_client(jobresults_mock, http_client=http, sleep=no_pause) as wickson_client:
        with pytest.raises(InternalServerError) as caught:
            await collect(wickson_client.batches.iter_results(BATCH, page_size=30), got)
    assert caught.value.resume_page == 3
    assert len(got) == 60
    await http.aclose()
    async with async_client(jobresults_mock) as wickson_client:
        rest = wickson_client.batches.iter_results(BATCH, page_size=30, start_page=3)
        got += [item async for item in rest]
    check_the_example_batch(got)


@pytest.mark.parametrize("fault", ["malformed", "missing-field"])
def test_bodies_off_the_spec(jobresults_mock: MockServer, fault: str) -> None:
    http = httpx.Client(headers={"X-Mock-Fault": fault})
    with (
        client(jobresults_mock, http_client=http) as wickson_client,
        pytest.raises(ResponseParseError) as caught,
    ):
        wickson_client.batches.results(BATCH)
    assert caught.value.response.headers["x-mock-fault"] == fault
    assert wickson_client.requests_sent == 1
    http.close()


def test_an_unknown_enum_value_is_flagged(
    jobresults_mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    http = httpx.Client(headers={"X-Mock-Fault": "unknown-enum"})
    with (
        caplog.at_level(logging.WARNING, logger="jobresults"),
        client(jobresults_mock, http_client=http) as wickson_client,
    ):
        page = wickson_client.batches.results(BATCH)
    values = [item.status for item in page.items] + [item.media_type for item in page.items]
    assert any(is_unknown(value) for value in values)
    assert len([r for r in caplog.records if r.name == "jobresults"]) == 1
    strict_client = client(jobresults_mock, http_client=http, strict=True)
    with strict_client, pytest.raises(ResponseParseError):
        strict_client.batches.results(BATCH)
    http.close()


def test_a_batch_growing_while_read(jobresults_mock_factory: Callable[..., MockServer]) -> None:
    server = jobresults_mock_factory(speed=1.0)
    batch_id = server.create_job("wickson", items=60, seconds=60.0)
    server.advance(20)
    http = httpx.Client(event_hooks={"request": [lambda request: server.advance(3)]})
    with client(server, http_client=http) as wickson_client:
        ids = [
            item.job_id
            for item in wickson_client.batches.iter_results(batch_id, page_size=5, prefetch=2)
        ]
        server.advance(120)
        every = [item.job_id for item in wickson_client.batches.iter_results(batch_id)]
    assert len(every) == 60
    assert ids == every[: len(ids)]
    assert len(ids) > 5
    http.close()


def test_the_key_is_in_no_log_record_over_sockets(
    jobresults_mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = jobresults_mock.api_key("wickson")
    http = httpx.Client(event_hooks={"request": [faulting("429, retry-after=0", on_page(2))]})
    with (
        caplog.at_level(logging.DEBUG),
        client(jobresults_mock, http_client=http, max_retries=1) as wickson_client,
    ):
        wickson_client.batches.results(BATCH)
        with pytest.raises(RateLimitError) as caught:
            wickson_client.batches.results(BATCH, page=2)
    names = {record.name for record in caplog.records}
    assert {"jobresults", "httpx"} <= names
    assert any(name.startswith("httpcore") for name in names)
    for record in caplog.records:
        assert key not in record.getMessage()
    assert key not in str(caught.value) + repr(caught.value)
    http.close()


def readme_example(heading: str) -> str:
    """The first Python block under `### heading` in the README's "Using the clients"."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the clients\n", 1)[1].split("\n## ", 1)[0]
    part = section.split(f"\n### {heading}\n", 1)[1]
    return part.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_example(
    jobresults_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WICKSON_API_KEY", jobresults_mock.api_key("wickson"))
    monkeypatch.setenv("WICKSON_BASE_URL", jobresults_mock.base_url("wickson"))
    exec(compile(readme_example("Wickson"), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "200 items, 20 failed"
    assert lines[1:3] == ["format_error 12", "corrupted_file 8"]
    failures = lines[3:]
    assert len(failures) == 20
    assert failures[0] == "financial_data.xlsx format_error Unsupported file format"

"""Modzy's client over in-memory transports: results as the page shows them, waiting, history.

Every test runs twice, with `Client` and with `AsyncClient`.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import orjson
import pytest
from jobresults import modzy, specs
from jobresults.errors import (
    AuthenticationError,
    BadRequestError,
    ItemFormatError,
    NotFoundError,
    PaginationError,
    ResponseParseError,
    ResultsError,
    WaitTimeoutError,
)
from jobresults_clients.modzy.models import JobHistoryStatus as ClientStatus
from jobresults_clients.modzy.models import SortDirection as ClientDirection
from jobresults_structs import modzy as structs

KEY = "modzy-test-key-0123456789"
BASE_URL = "https://modzy.example.com/api"
JOB = "14856eb1-0ad8-49e7-9da3-887acb80fea5"
Handler = Callable[[httpx.Request], httpx.Response]


def page_example() -> dict[str, Any]:
    """The results page's example, as the spec carries it."""
    operation = specs.load("modzy")["paths"]["/results/{jobIdentifier}"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return copy.deepcopy(example["finished"]["value"])


def history_example() -> dict[str, Any]:
    """The history page's job object, as the spec carries it."""
    operation = specs.load("modzy")["paths"]["/jobs/history"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return copy.deepcopy(example["jobs"]["value"][0])


def item(result: str, **extra: Any) -> dict[str, Any]:
    return {
        "status": "SUCCESSFUL",
        "engine": "model-batch-1",
        "start_time": "2021-04-13T16:32:14.135+00:00",
        "update-time": "2021-04-13T16:32:14.573+00:00",
        "end-time": "2021-04-13T16:32:14.573+00:00",
        "elapsed_time": 438,
        "voting": {"up": 1, "down": 0},
        "results.json": {"confidence": "0.9", "result": result},
        **extra,
    }


def failure(error: str) -> dict[str, Any]:
    return {"status": "FAILED", "engine": "model-batch-1", "error": error}


def result_body(
    results: dict[str, Any],
    failures: dict[str, Any] | None = None,
    *,
    total: int | None = None,
    finished: bool = True,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "job_identifier": JOB,
        "account_identifier": "account-1",
        "completed": len(results),
        "failed": len(failures or {}),
        "total": total if total is not None else len(results) + len(failures or {}),
        "finished": finished,
        "results": results,
    }
    if failures is not None:
        body["failures"] = failures
    return body


def json_response(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json"}
    )


def not_found() -> httpx.Response:
    return json_response(
        {"statusCode": 404, "status": "Not Found", "message": "Job not found"}, 404
    )


class FakeClock:
    """Time that moves only when the client sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Api:
    """Builds a sync or async Modzy client whose requests go to a handler, and records them."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.clock = FakeClock()
        self.requests: list[httpx.Request] = []

    def client(self, handler: Handler, **options: Any) -> Any:
        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        if self.mode == "sync":
            return modzy.Client(
                KEY,
                base_url=BASE_URL,
                http_client=httpx.Client(transport=transport),
                sleep=self.clock.sleep,
                clock=self.clock,
                **options,
            )
        return modzy.AsyncClient(
            KEY,
            base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=transport),
            sleep=self.clock.asleep,
            clock=self.clock,
            **options,
        )

    def serve(self, body: Any, **options: Any) -> Any:
        return self.client(lambda request: json_response(body), **options)

    def serve_as_asked(self, body: Any, **options: Any) -> Any:
        """A client answered with `body`, about the job each request asks for."""

        def answer(request: httpx.Request) -> httpx.Response:
            asked = unquote(request.url.raw_path.decode().rsplit("/", 1)[-1])
            return json_response({**body, "job_identifier": asked})

        return self.client(answer, **options)

    def queries(self) -> list[dict[str, list[str]]]:
        return [parse_qs(urlsplit(str(request.url)).query) for request in self.requests]


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)


async def resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(jobs: Any, into: list[Any] | None = None, stop: int = 100_000) -> list[Any]:
    """The jobs of a sync or async iterator, at most `stop` of them (appended to `into`)."""
    found: list[Any] = [] if into is None else into
    if hasattr(jobs, "__aiter__"):
        async for job in jobs:
            found.append(job)
            if len(found) >= stop:
                break
        return found
    for job in jobs:
        found.append(job)
        if len(found) >= stop:
            break
    return found


# results.get: the page's examples


async def test_the_page_examples(api: Api) -> None:
    client = api.serve(page_example())
    result = await resolve(client.results.get("14856eb1-0ad8-49e7-9da3-887acb80fea5"))
    six = {"confidence": "3.2059302", "result": "six"}
    assert result.finished is True
    assert result.results["0001"]["results.json"] == six
    assert result.get_source_outputs("0001")["results.json"] == six
    assert result.get_first_outputs()["results.json"] == six
    assert isinstance(result, modzy.Result)
    assert isinstance(result, structs.Result)
    assert (result.completed, result.failed, result.total) == (1, 0, 1)


async def test_the_request_on_the_wire(api: Api) -> None:
    client = api.serve(page_example())
    await resolve(client.results.get(JOB))
    [request] = api.requests
    assert request.method == "GET"
    assert str(request.url) == f"{BASE_URL}/results/{JOB}"
    assert request.headers["authorization"] == f"ApiKey {KEY}"


async def test_a_result_or_a_history_job_names_the_job(api: Api) -> None:
    client = api.serve_as_asked(page_example())
    first = await resolve(client.results.get(JOB))
    await resolve(client.results.get(first))
    history_job = structs.Job(
        job_identifier="job-from-history",
        submitted_by="key",
        account_identifier="account",
        status="pending",
        created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        total=1,
        pending=1,
        completed=0,
        failed=0,
    )
    await resolve(client.results.get(history_job))
    paths = [request.url.path for request in api.requests]
    assert paths == [f"/api/results/{JOB}", f"/api/results/{JOB}", "/api/results/job-from-history"]


async def test_get_source_outputs_leaves_out_the_item_facts(api: Api) -> None:
    client = api.serve(page_example())
    result = await resolve(client.results.get(JOB))
    outputs = result.get_source_outputs("0001")
    assert outputs == {"results.json": {"confidence": "3.2059302", "result": "six"}}


async def test_item_is_typed(api: Api) -> None:
    client = api.serve(page_example())
    result = await resolve(client.results.get(JOB))
    first = result.item("0001")
    assert isinstance(first, modzy.ResultItem)
    assert first.status == "SUCCESSFUL"
    assert first.elapsed_time == 438
    assert first.start_time == dt.datetime(2021, 4, 13, 16, 32, 14, 135000, tzinfo=dt.UTC)
    assert first.update_time == dt.datetime(2021, 4, 13, 16, 32, 14, 573000, tzinfo=dt.UTC)
    assert (first.voting.up, first.voting.down) == (0, 0)
    assert first.additional_properties == {
        "results.json": {"confidence": "3.2059302", "result": "six"}
    }
    assert result.sources == ["0001"]
    assert result.progress == 1.0


async def test_a_failed_item_raises_results_error_with_the_models_error(api: Api) -> None:
    body = result_body(
        {"0001": item("one")},
        {"0002": failure("Input item could not be decoded")},
    )
    client = api.serve(body)
    result = await resolve(client.results.get(JOB))
    with pytest.raises(ResultsError) as caught:
        result.get_source_outputs("0002")
    assert caught.value.source == "0002"
    assert caught.value.error == "Input item could not be decoded"
    assert "Input item could not be decoded" in str(caught.value)
    with pytest.raises(ResultsError):
        result.item("0002")
    typed = result.failure("0002")
    assert isinstance(typed, modzy.FailureItem)
    assert typed.error == "Input item could not be decoded"
    assert typed.status == "FAILED"
    assert result.sources == ["0001", "0002"]
    assert result.get_first_outputs()["results.json"]["result"] == "one"
    with pytest.raises(KeyError, match="not among its failures"):
        result.failure("0001")


async def test_the_legacy_double_nesting_is_unwrapped(api: Api) -> None:
    body = result_body({"0001": {"0001": item("one")}, "0002": {"0002": item("two")}})
    client = api.serve(body)
    result = await resolve(client.results.get(JOB))
    assert result.results["0001"]["0001"]["results.json"]["result"] == "one"  # as sent
    assert result.get_source_outputs("0002") == {
        "results.json": {"confidence": "0.9", "result": "two"}
    }
    assert result.get_first_outputs()["results.json"]["result"] == "one"
    assert result.item("0001").status == "SUCCESSFUL"


async def test_an_output_named_like_its_item_is_not_taken_for_nesting(api: Api) -> None:
    body = result_body({"0001": item("one", **{"0001": {"x": 1}})})
    client = api.serve(body)
    result = await resolve(client.results.get(JOB))
    outputs = result.get_source_outputs("0001")
    assert outputs == {"results.json": {"confidence": "0.9", "result": "one"}, "0001": {"x": 1}}


async def test_a_missing_source_raises_key_error_naming_it_and_the_known_ones(api: Api) -> None:
    results = {f"{n:04d}": item(str(n)) for n in range(1, 9)}
    client = api.serve(result_body(results, total=10, finished=False))
    result = await resolve(client.results.get(JOB))
    with pytest.raises(KeyError) as caught:
        result.get_source_outputs("0009")
    message = str(caught.value)
    assert "'0009'" in message
    assert "'0001', '0002', '0003', '0004', '0005' and 3 more" in message
    assert "not finished, 8 of 10 items processed" in message
    assert result.progress == pytest.approx(0.8)


async def test_first_outputs_of_a_job_without_items(api: Api) -> None:
    client = api.serve(result_body({}, total=3, finished=False))
    result = await resolve(client.results.get(JOB))
    with pytest.raises(KeyError, match="has no results yet"):
        result.get_first_outputs()
    assert result.progress == 0.0


async def test_first_outputs_of_a_job_whose_items_all_failed(api: Api) -> None:
    client = api.serve(result_body({}, {"0001": failure("boom")}))
    result = await resolve(client.results.get(JOB))
    with pytest.raises(ResultsError) as caught:
        result.get_first_outputs()
    assert (caught.value.source, caught.value.error) == ("0001", "boom")


# results.get: ids, errors, raw responses


@pytest.mark.parametrize(
    ("job_id", "path"),
    [
        ("a/b", "/api/results/a%2Fb"),
        ("a?b#c", "/api/results/a%3Fb%23c"),
        ("50%", "/api/results/50%25"),
        ("../jobs/history", "/api/results/..%2Fjobs%2Fhistory"),
    ],
)
async def test_ids_cannot_change_the_path(api: Api, job_id: str, path: str) -> None:
    client = api.serve_as_asked(page_example())
    await resolve(client.results.get(job_id))
    assert api.requests[0].url.raw_path.decode() == path


@pytest.mark.parametrize("job_id", ["", "  ", ".", ".."])
async def test_empty_and_dot_ids_are_refused_before_sending(api: Api, job_id: str) -> None:
    client = api.serve(page_example())
    with pytest.raises(ValueError, match="job"):
        await resolve(client.results.get(job_id))
    assert api.requests == []


async def test_a_job_of_another_type_is_a_type_error(api: Api) -> None:
    client = api.serve(page_example())
    with pytest.raises(TypeError, match="job identifier"):
        await resolve(client.results.get(42))


async def test_404_and_401_are_typed(api: Api) -> None:
    client = api.client(lambda request: not_found())
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.results.get(JOB))
    assert caught.value.error_message == "Job not found"
    denied = api.client(
        lambda request: json_response({"statusCode": 401, "message": "Invalid API key"}, 401)
    )
    with pytest.raises(AuthenticationError) as denied_error:
        await resolve(denied.results.get(JOB))
    assert KEY not in str(denied_error.value)


async def test_get_response_keeps_what_the_spec_does_not_declare(api: Api) -> None:
    body = page_example()
    body["surprise"] = {"new": True}
    client = api.serve(body)
    response = await resolve(client.results.get_response(JOB))
    assert isinstance(response.parsed, modzy.Result)
    assert response.status_code == 200
    assert response.json()["surprise"] == {"new": True}
    assert response.extra_fields() == {"/surprise": {"new": True}}
    assert response.parsed.extra_fields() == {"/surprise": {"new": True}}
    assert orjson.loads(response.content) == body


async def test_strict_raises_on_what_lenient_accepts(api: Api) -> None:
    body = page_example()
    body["surprise"] = 1
    lenient = await resolve(api.serve(body).results.get(JOB))
    assert lenient.finished
    with pytest.raises(ResponseParseError, match="surprise"):
        await resolve(api.serve(body, strict=True).results.get(JOB))


async def test_a_body_missing_a_required_field_is_a_parse_error(api: Api) -> None:
    body = page_example()
    del body["finished"]
    with pytest.raises(ResponseParseError) as caught:
        await resolve(api.serve(body).results.get(JOB))
    assert caught.value.response.status_code == 200
    assert b"job_identifier" in caught.value.response.content


async def test_the_key_stays_out_of_repr_and_debug_logs(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    client = api.serve(page_example())
    with caplog.at_level(logging.DEBUG, logger="jobresults"):
        await resolve(client.results.get(JOB))
    assert KEY not in repr(client)
    assert KEY not in repr(client.results)
    assert KEY not in caplog.text


def test_no_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODZY_BASE_URL", raising=False)
    monkeypatch.setenv("MODZY_API_KEY", KEY)
    with pytest.raises(ValueError, match="MODZY_BASE_URL"):
        modzy.Client()
    monkeypatch.setenv("MODZY_BASE_URL", BASE_URL)
    with modzy.Client() as client:
        assert client.base_url == BASE_URL


# results.wait


def details_example() -> dict[str, Any]:
    """The job details' example (the history's job object of the page's example job)."""
    operation = specs.load("modzy")["paths"]["/jobs/{jobIdentifier}"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return copy.deepcopy(example["completed"]["value"])


def submitted() -> httpx.Response:
    """The details of a job just accepted (its results still answer 404)."""
    return json_response(
        {**details_example(), "jobIdentifier": JOB, "status": "SUBMITTED", "completed": 0}
    )


def routed(results: Callable[[], httpx.Response], details: Callable[[], httpx.Response]) -> Handler:
    """A handler answering the results and the job details of JOB apart."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/api/jobs/{JOB}":
            return details()
        assert request.url.path == f"/api/results/{JOB}"
        return results()

    return handle


def paths(api: Api) -> list[str]:
    return [request.url.path.removeprefix("/api/") for request in api.requests]


async def test_wait_polls_through_the_early_404_then_progress_until_finished(api: Api) -> None:
    answers = iter(
        [
            not_found(),
            not_found(),
            json_response(result_body({"0001": item("one")}, total=3, finished=False)),
            json_response(
                result_body({"0001": item("one"), "0002": item("two")}, total=3, finished=False)
            ),
            json_response(
                result_body({"0001": item("one"), "0002": item("two")}, {"0003": failure("x")})
            ),
        ]
    )
    client = api.client(routed(lambda: next(answers), submitted))
    seen: list[float] = []
    result = await resolve(
        client.results.wait(
            JOB,
            timeout=60,
            poll_interval=1.0,
            max_poll_interval=2.0,
            on_update=lambda r: seen.append(r.progress),
        )
    )
    assert result.finished
    assert result.get_first_outputs()["results.json"]["result"] == "one"
    assert seen == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert api.clock.pauses == [1.0, 1.5, 2.0, 2.0]
    # The first 404 is followed by one look at the job's details, and only the first.
    assert paths(api) == [f"results/{JOB}", f"jobs/{JOB}", *[f"results/{JOB}"] * 4]


async def test_wait_on_an_unknown_job_is_not_found_at_once(api: Api) -> None:
    client = api.client(routed(not_found, not_found))
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.results.wait(JOB, timeout=600, poll_interval=1.0))
    assert api.clock.now == 0.0  # no pause: not the 60 s grace
    assert paths(api) == [f"results/{JOB}", f"jobs/{JOB}"]
    assert caught.value.status_code == 404


async def test_wait_on_a_known_job_outlasts_the_grace_until_its_results_show(api: Api) -> None:
    def results() -> httpx.Response:
        if api.clock.now < 100.0:
            return not_found()
        return json_response(result_body({"0001": item("one")}))

    client = api.client(routed(results, submitted))
    result = await resolve(
        client.results.wait(
            JOB, timeout=600, not_found_grace=5.0, poll_interval=1.0, max_poll_interval=10.0
        )
    )
    assert result.finished
    assert api.clock.now >= 100.0
    assert paths(api).count(f"jobs/{JOB}") == 1


async def test_wait_timeout_before_the_job_shows_carries_none(api: Api) -> None:
    client = api.client(routed(not_found, submitted))
    with pytest.raises(WaitTimeoutError) as caught:
        await resolve(client.results.wait(JOB, timeout=10, poll_interval=1.0))
    assert caught.value.last is None
    assert api.clock.now == pytest.approx(10.0)


async def test_wait_gives_up_after_the_grace_while_the_details_cannot_be_read(api: Api) -> None:
    failing = json_response({"statusCode": 500, "message": "down"}, 500)
    client = api.client(routed(not_found, lambda: failing), max_retries=0)
    with pytest.raises(NotFoundError):
        await resolve(client.results.wait(JOB, timeout=600, not_found_grace=5.0, poll_interval=1.0))
    assert api.clock.now == pytest.approx(5.0)
    assert paths(api).count(f"jobs/{JOB}") >= 2  # each 404 looks again


# jobs.get: a job's details


async def test_jobs_get_returns_the_typed_job_details(api: Api) -> None:
    client = api.client(routed(not_found, lambda: json_response(details_example())))
    job = await resolve(client.jobs.get(JOB))
    assert isinstance(job, structs.Job)
    assert (job.job_identifier, job.status, job.completed, job.total) == (JOB, "COMPLETED", 1, 1)
    assert job.created_at == dt.datetime(2021, 4, 13, 16, 32, 12, tzinfo=dt.UTC)
    [request] = api.requests
    assert str(request.url) == f"{BASE_URL}/jobs/{JOB}"
    assert request.headers["authorization"] == f"ApiKey {KEY}"
    response = await resolve(client.jobs.get_response(job))
    assert response.parsed.job_identifier == JOB
    assert response.json()["status"] == "COMPLETED"


async def test_jobs_get_of_an_unknown_job_is_not_found(api: Api) -> None:
    client = api.client(routed(not_found, not_found))
    with pytest.raises(NotFoundError):
        await resolve(client.jobs.get(JOB))
    with pytest.raises(ValueError, match="must not be empty"):
        await resolve(client.jobs.get(" "))


# jobs.history


def history_job(number: int, **fields: Any) -> dict[str, Any]:
    job = history_example()
    job.update(jobIdentifier=f"job-{number:05d}", **fields)
    return job


class HistoryServer:
    """A job history of `count` jobs that pages as the endpoint does (JSON arrays)."""

    def __init__(self, count: int, default_per_page: int = 10) -> None:
        self.jobs = [history_job(n) for n in range(count)]
        self.default_per_page = default_per_page

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        per_page = int(request.url.params.get("per-page", str(self.default_per_page)))
        start = (page - 1) * per_page
        return json_response(self.jobs[start : start + per_page])


@pytest.mark.parametrize(
    ("count", "per_page", "requests"), [(47, 5, 10), (50, 5, 11), (3, 5, 1), (0, 5, 1)]
)
async def test_history_yields_every_job_once_across_pages(
    api: Api, count: int, per_page: int, requests: int
) -> None:
    client = api.client(HistoryServer(count))
    jobs = await collect(client.jobs.history(per_page=per_page))
    assert [job.job_identifier for job in jobs] == [f"job-{n:05d}" for n in range(count)]
    assert all(isinstance(job, structs.Job) for job in jobs)
    assert [query["page"] for query in api.queries()] == [[str(n)] for n in range(1, requests + 1)]
    assert all(query["per-page"] == [str(per_page)] for query in api.queries())


async def test_history_without_per_page_follows_the_servers_page_size(api: Api) -> None:
    client = api.client(HistoryServer(25, default_per_page=10))
    jobs = await collect(client.jobs.history())
    assert len({job.job_identifier for job in jobs}) == len(jobs) == 25
    assert len(api.requests) == 3
    assert all("per-page" not in query for query in api.queries())


async def test_history_does_not_repeat_jobs_that_shift_to_the_next_page(api: Api) -> None:
    server = HistoryServer(30)

    def shifting(request: httpx.Request) -> httpx.Response:
        response = server(request)
        server.jobs.insert(0, history_job(1000 + len(server.jobs)))  # a new job on top
        return response

    client = api.client(shifting)
    jobs = await collect(client.jobs.history(per_page=10))
    ids = [job.job_identifier for job in jobs]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {f"job-{n:05d}" for n in range(30)}


async def test_history_stops_when_the_server_ignores_the_page(api: Api) -> None:
    client = api.client(lambda request: json_response([history_job(n) for n in range(5)]))
    jobs: list[Any] = []
    with pytest.raises(PaginationError, match="ignores `page`") as caught:
        await collect(client.jobs.history(per_page=5), into=jobs)
    assert len(jobs) == 5
    assert len(api.requests) == 3  # page 1, page 2 repeating it, page 1 again to be sure
    assert caught.value.resume_page == 2
    assert len(await collect(client.jobs.history(per_page=5, max_pages=1))) == 5
    assert len(api.requests) == 4


async def test_history_filters_on_the_wire(api: Api) -> None:
    client = api.client(HistoryServer(0))
    await collect(
        client.jobs.history(
            status="terminated",
            model="ed542963de",
            user="ada",
            access_key="HJcpLJQKY7C5tZkXlXHf",
            start_date=dt.datetime(2024, 1, 1, 12, 30, tzinfo=dt.UTC),
            end_date="2024-02-01T00:00:00+02:00",
            sort_by="createdAt",
            direction="asc",
            per_page=25,
        )
    )
    [query] = api.queries()
    assert query == {
        "status": ["terminated"],
        "model": ["ed542963de"],
        "user": ["ada"],
        "accessKey": ["HJcpLJQKY7C5tZkXlXHf"],
        "startDate": ["2024-01-01T12:30:00+00:00"],
        "endDate": ["2024-02-01T00:00:00+02:00"],
        "sort-by": ["createdAt"],
        "direction": ["asc"],
        "page": ["1"],
        "per-page": ["25"],
    }
    assert api.requests[0].url.path == "/api/jobs/history"
    assert api.requests[0].headers["authorization"] == f"ApiKey {KEY}"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": ClientStatus.PENDING}, {"status": ["pending"]}),
        ({"status": structs.JobHistoryStatus.TIMEDOUT}, {"status": ["timedout"]}),
        ({"status": "ALL"}, {"status": ["all"]}),
        ({"direction": ClientDirection.DESC}, {"direction": ["desc"]}),
        ({"direction": structs.SortDirection.ASC}, {"direction": ["asc"]}),
        ({"start_date": dt.datetime(2024, 5, 1, 8)}, {"startDate": ["2024-05-01T08:00:00+00:00"]}),
        ({"start_date": dt.date(2024, 5, 1)}, {"startDate": ["2024-05-01T00:00:00+00:00"]}),
        ({"end_date": "2024-05-01T08:00:00Z"}, {"endDate": ["2024-05-01T08:00:00+00:00"]}),
        ({"end_date": "2024-05-01"}, {"endDate": ["2024-05-01T00:00:00+00:00"]}),
    ],
)
async def test_history_filters_are_normalized(
    api: Api, filters: dict[str, Any], expected: dict[str, list[str]]
) -> None:
    client = api.client(HistoryServer(0))
    await resolve(client.jobs.history_page(1, **filters))
    [query] = api.queries()
    assert query == {"page": ["1"], **expected}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"status": "running"}, "status must be one of all, pending, terminated, timedout"),
        ({"direction": "sideways"}, "direction must be one of asc, desc"),
        ({"start_date": "yesterday"}, "start_date must be an ISO 8601"),
        ({"end_date": "2024-13-01"}, "end_date must be an ISO 8601"),
        ({"start_date": 1714550400}, "start_date must be a datetime"),
        ({"start_date": "2024-06-01", "end_date": "2024-05-01"}, "is after end_date"),
        ({"per_page": 0}, "per_page must be an integer >= 1"),
        ({"per_page": True}, "per_page must be an integer >= 1"),
        ({"model": ""}, "model must be a non-empty string"),
    ],
)
async def test_bad_history_filters_are_refused_before_sending(
    api: Api, filters: dict[str, Any], message: str
) -> None:
    client = api.client(HistoryServer(10))
    with pytest.raises(ValueError, match=message):
        await resolve(client.jobs.history_page(1, **filters))
    with pytest.raises(ValueError, match=message):
        client.jobs.history(**filters)  # checked at the call, before iterating
    assert api.requests == []


async def test_bad_pages_are_refused_before_sending(api: Api) -> None:
    client = api.client(HistoryServer(10))
    with pytest.raises(ValueError, match="page must be an integer >= 1"):
        await resolve(client.jobs.history_page(0))
    with pytest.raises(ValueError, match="start_page"):
        client.jobs.history(start_page=0)
    assert api.requests == []


async def test_history_page_returns_the_generated_jobs(api: Api) -> None:
    client = api.serve([history_example()])
    [job] = await resolve(client.jobs.history_page(1))
    assert isinstance(job, structs.Job)
    assert job.job_identifier == JOB
    assert job.created_at == dt.datetime(2021, 4, 13, 16, 32, 12, tzinfo=dt.UTC)
    response = await resolve(client.jobs.history_page_response(1))
    assert response.json() == [history_example()]


async def test_an_error_while_iterating_says_where_to_resume(api: Api) -> None:
    server = HistoryServer(30)
    fail_on = {"3"}

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] in fail_on:
            return json_response({"statusCode": 400, "message": "bad page"}, 400)
        return server(request)

    client = api.client(flaky)
    seen: list[Any] = []
    with pytest.raises(BadRequestError) as caught:
        await collect(client.jobs.history(per_page=10), into=seen)
    assert caught.value.resume_page == 3
    assert len(seen) == 20
    fail_on.clear()
    rest = await collect(client.jobs.history(per_page=10, start_page=caught.value.resume_page))
    assert [job.job_identifier for job in seen + rest] == [f"job-{n:05d}" for n in range(30)]


async def test_the_iteration_fetches_pages_only_as_consumed(api: Api) -> None:
    client = api.client(HistoryServer(100))
    jobs = client.jobs.history(per_page=10)
    assert api.requests == []
    taken = await collect(jobs, stop=15)
    assert len(taken) == 15
    assert len(api.requests) == 2


def test_sync_history_is_an_iterator() -> None:
    client = Api("sync").client(HistoryServer(3))
    jobs = client.jobs.history()
    assert isinstance(jobs, Iterator)
    assert [job.job_identifier for job in jobs] == ["job-00000", "job-00001", "job-00002"]


async def test_to_async_keeps_the_settings() -> None:
    with modzy.Client(KEY, base_url=BASE_URL, max_retries=5, strict=True) as client:
        async_client = client.to_async()
    assert isinstance(async_client, modzy.AsyncClient)
    assert async_client.base_url == BASE_URL
    assert async_client.strict
    assert async_client._http.retry.max_retries == 5
    await async_client.aclose()


async def test_history_applies_per_call_retries_to_every_page(api: Api) -> None:
    server = HistoryServer(15)
    failures = {"left": 1}

    def flaky(request: httpx.Request) -> httpx.Response:
        if parse_qs(urlsplit(str(request.url)).query)["page"] == ["2"] and failures["left"]:
            failures["left"] -= 1
            return httpx.Response(503, json={"statusCode": 503, "message": "busy"})
        return server(request)

    client = api.client(flaky, max_retries=0)
    jobs = await collect(client.jobs.history(per_page=10, max_retries=1))
    assert len(jobs) == 15
    assert len(api.requests) == 3
    assert api.clock.pauses  # the 503 was retried once, after a pause


async def test_history_page_objects_walk_the_history_once(api: Api) -> None:
    client = api.client(HistoryServer(25))
    first = await resolve(client.jobs.history_page(1, per_page=10))
    assert isinstance(first, modzy.AsyncHistoryPage if api.mode == "async" else modzy.HistoryPage)
    assert (first.number, len(first), first[0].job_identifier) == (1, 10, "job-00000")
    assert first.response.json()[0]["jobIdentifier"] == "job-00000"
    second = await resolve(first.get_next_page())
    third = await resolve(second.get_next_page())
    assert [len(page) for page in (first, second, third)] == [10, 10, 5]
    assert not third.has_next_page()
    ids = [job.job_identifier for page in (first, second, third) for job in page]
    assert ids == [f"job-{n:05d}" for n in range(25)]
    with pytest.raises(LookupError):
        await resolve(third.get_next_page())


async def test_history_page_objects_find_a_server_that_ignores_page(api: Api) -> None:
    server = HistoryServer(30)

    def ignores_page(request: httpx.Request) -> httpx.Response:
        return json_response(server.jobs[:10])

    first = await resolve(api.client(ignores_page).jobs.history_page(1, per_page=10))
    with pytest.raises(PaginationError, match="ignores `page`") as caught:
        await resolve(first.get_next_page())
    assert caught.value.resume_page == 2


async def test_an_item_typed_keeps_its_output_files_and_reads_none_for_absent_fields(
    api: Api,
) -> None:
    body = result_body({"0001": {"results.json": {"result": "one"}, "engine": "e"}})
    result = await resolve(api.serve(body).results.get(JOB))
    typed = result.item("0001")
    assert typed.engine == "e"
    assert (typed.status, typed.start_time, typed.voting) == (None, None, None)
    assert typed["results.json"] == {"result": "one"}
    assert "results.json" in typed
    assert typed.to_dict() == {"engine": "e", "results.json": {"result": "one"}}
    bad = result_body({"0001": {"elapsed_time": "slow", "results.json": {}}})
    with pytest.raises(ItemFormatError, match="elapsed_time"):
        (await resolve(api.serve(bad).results.get(JOB))).item("0001")

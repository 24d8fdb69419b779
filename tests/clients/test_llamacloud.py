"""LlamaCloud's client over in-memory transports: extraction results typed, `records()`, errors.

Every test runs twice, with `Client` and with `AsyncClient`.
"""

from __future__ import annotations

import copy
import inspect
import pickle
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import orjson
import pytest
from jobresults import llamacloud, specs
from jobresults.errors import (
    APIError,
    AuthenticationError,
    InternalServerError,
    JobFailedError,
    NotFoundError,
    RateLimitError,
    ResponseParseError,
    UnprocessableEntityError,
    WaitTimeoutError,
)

KEY = "llx-test-key-0123456789"
BASE_URL = "https://api.cloud.llamaindex.example"
JOB = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
Handler = Callable[[httpx.Request], httpx.Response]


def example(status: str) -> Any:
    """The spec's example body for a status."""
    operation = specs.load("llamacloud")["paths"]["/api/v1/extraction/jobs/{job_id}/result"]["get"]
    content = operation["responses"][status]["content"]["application/json"]
    if "examples" in content:
        return copy.deepcopy(next(iter(content["examples"].values()))["value"])
    return copy.deepcopy(content["example"])


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json", **headers}
    )


class Api:
    """Builds a sync or async LlamaCloud client whose requests go to a handler."""

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
            return llamacloud.Client(
                KEY,
                base_url=BASE_URL,
                http_client=httpx.Client(transport=transport),
                sleep=self.pauses.append,
                **options,
            )

        async def pause(seconds: float) -> None:
            self.pauses.append(seconds)

        return llamacloud.AsyncClient(
            KEY,
            base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=transport),
            sleep=pause,
            **options,
        )

    async def call(self, value: Any) -> Any:
        """The value of a sync call, or the awaited value of an async one."""
        return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)


async def test_the_page_example_typed(api: Api) -> None:
    client = api.client(lambda request: json_response(example("200")))
    result = await api.call(client.extraction.jobs.get_result(JOB))

    assert isinstance(result, llamacloud.ExtractionResult)
    assert isinstance(result, llamacloud.JobGetResultResponse)
    assert result.data == {"foo": {"foo": "bar"}}
    assert result.records() == [{"foo": {"foo": "bar"}}]
    assert result.extraction_agent_id == uuid.UUID(JOB)
    assert result.run_id == uuid.UUID(JOB)
    assert result.extraction_metadata == {"foo": {"foo": "bar"}}

    [request] = api.requests
    assert request.method == "GET"
    assert request.url.path == f"/api/v1/extraction/jobs/{JOB}/result"
    assert request.url.query == b""
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert "x-api-key" not in request.headers


async def test_organization_and_project_are_sent_when_given(api: Api) -> None:
    client = api.client(lambda request: json_response(example("200")))
    await api.call(client.extraction.jobs.get_result(JOB, organization_id="org 1"))
    await api.call(client.extraction.jobs.get_result(JOB, project_id="p&2", organization_id="o"))
    first, second = api.requests
    assert dict(first.url.params) == {"organization_id": "org 1"}
    assert dict(second.url.params) == {"organization_id": "o", "project_id": "p&2"}


@pytest.mark.parametrize(
    ("data", "records"),
    [
        ({"name": "Ada", "age": 36}, [{"name": "Ada", "age": 36}]),
        ([{"name": "Ada"}, {"name": "Grace"}], [{"name": "Ada"}, {"name": "Grace"}]),
        ([], []),
        (None, []),
        ({}, [{}]),
    ],
)
async def test_records_is_always_a_list_of_dicts(api: Api, data: Any, records: Any) -> None:
    body = example("200")
    body["data"] = data
    client = api.client(lambda request: json_response(body))
    result = await api.call(client.extraction.jobs.get_result(JOB))
    assert result.data == data
    assert result.records() == records
    assert all(isinstance(record, dict) for record in result.records())


async def test_records_is_a_new_list_each_time(api: Api) -> None:
    body = example("200")
    body["data"] = [{"n": 1}]
    client = api.client(lambda request: json_response(body))
    result = await api.call(client.extraction.jobs.get_result(JOB))
    result.records().append({"n": 2})
    assert result.records() == [{"n": 1}]


async def test_get_result_response_keeps_the_whole_body(api: Api) -> None:
    body = example("200")
    body["status"] = "SUCCESS"  # a key the spec does not declare
    client = api.client(lambda request: json_response(body))
    response = await api.call(client.extraction.jobs.get_result_response(JOB))
    assert response.status_code == 200
    assert isinstance(response.parsed, llamacloud.ExtractionResult)
    assert response.json()["status"] == "SUCCESS"
    assert response.extra_fields() == {"/status": "SUCCESS"}
    assert response.parsed.extra_fields() == {"/status": "SUCCESS"}
    assert response.deviations()


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (401, AuthenticationError),
        (404, NotFoundError),
        (429, RateLimitError),
        (500, InternalServerError),
    ],
)
async def test_errors_carry_the_detail(api: Api, status: int, error_type: type[APIError]) -> None:
    body = example(str(status))
    client = api.client(lambda request: json_response(body, status), max_retries=0)
    with pytest.raises(error_type) as caught:
        await api.call(client.extraction.jobs.get_result(JOB))
    assert caught.value.error_message == body["detail"]
    assert body["detail"] in str(caught.value)
    assert caught.value.response.status_code == status
    assert orjson.loads(caught.value.body) == body


async def test_a_validation_error_keeps_its_list_of_problems(api: Api) -> None:
    body = example("422")
    client = api.client(lambda request: json_response(body, 422))
    with pytest.raises(UnprocessableEntityError) as caught:
        await api.call(client.extraction.jobs.get_result(JOB))
    assert caught.value.error_message is None
    assert orjson.loads(caught.value.body)["detail"][0]["loc"] == ["path", "job_id"]
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda body: body.pop("run_id"), "run_id"),
        (lambda body: body.update(run_id="not-a-uuid"), "run_id"),
        (lambda body: body.update(data="a string"), "data"),
        (lambda body: body.update(extraction_metadata=[1, 2]), "extraction_metadata"),
    ],
)
async def test_bodies_off_the_spec_are_parse_errors(
    api: Api, change: Callable[[dict[str, Any]], Any], reason: str
) -> None:
    body = example("200")
    change(body)
    client = api.client(lambda request: json_response(body))
    with pytest.raises(ResponseParseError) as caught:
        await api.call(client.extraction.jobs.get_result(JOB))
    assert reason in caught.value.reason
    assert orjson.loads(caught.value.response.content) == body
    assert caught.value.operation_id == "getExtractionJobResult"


@pytest.mark.parametrize("job_id", ["a/b", "../result", "x?y=1", "x#y", "50%", "a b"])
async def test_job_ids_stay_in_their_path_segment(api: Api, job_id: str) -> None:
    client = api.client(lambda request: json_response(example("200")))
    await api.call(client.extraction.jobs.get_result(job_id))
    [request] = api.requests
    path = request.url.raw_path.split(b"?")[0]
    segments = path.split(b"/")
    assert segments[:5] == [b"", b"api", b"v1", b"extraction", b"jobs"]
    assert segments[5] == quote(job_id, safe="").encode()
    assert segments[6:] == [b"result"]
    assert httpx.URL(request.url).path.endswith(f"/{job_id}/result")


@pytest.mark.parametrize("job_id", ["", ".", ".."])
async def test_ids_that_name_no_job_are_refused_before_sending(api: Api, job_id: str) -> None:
    client = api.client(lambda request: json_response(example("200")))
    with pytest.raises(ValueError, match="job_id"):
        await api.call(client.extraction.jobs.get_result(job_id))
    assert api.requests == []


def test_the_environment_configures_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLAMA_CLOUD_API_KEY", "llx-from-env")
    monkeypatch.delenv("LLAMA_CLOUD_BASE_URL", raising=False)
    with llamacloud.Client() as client:
        assert client.base_url == "https://api.cloud.llamaindex.ai"
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", "https://eu.cloud.example/")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(example("200"))

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with llamacloud.Client(http_client=http) as client:
        client.extraction.jobs.get_result(JOB)
    assert str(seen[0].url) == f"https://eu.cloud.example/api/v1/extraction/jobs/{JOB}/result"
    assert seen[0].headers["authorization"] == "Bearer llx-from-env"
    monkeypatch.delenv("LLAMA_CLOUD_API_KEY")
    with pytest.raises(ValueError, match="LLAMA_CLOUD_API_KEY"):
        llamacloud.Client()


# extraction.jobs.get and wait: the job's status, then its result


def job_example(**changes: Any) -> dict[str, Any]:
    """The spec's example of the job (of the page's example result), with `changes`."""
    operation = specs.load("llamacloud")["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]
    content = operation["responses"]["200"]["content"]["application/json"]
    return {**copy.deepcopy(content["examples"]["succeeded"]["value"]), **changes}


class Lifecycle:
    """A job whose status follows `statuses` poll after poll (then stays at the last), and
    whose result exists once it succeeded."""

    def __init__(self, *statuses: tuple[str, str | None]) -> None:
        self.statuses = list(statuses)
        self.polls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/api/v1/extraction/jobs/{JOB}/result":
            return json_response(example("200"))
        assert request.url.path == f"/api/v1/extraction/jobs/{JOB}"
        status, error = self.statuses[min(self.polls, len(self.statuses) - 1)]
        self.polls += 1
        return json_response(job_example(status=status, error=error))


async def test_get_returns_the_typed_job(api: Api) -> None:
    client = api.client(lambda request: json_response(job_example()))
    job = await api.call(client.extraction.jobs.get(JOB))
    assert isinstance(job, llamacloud.ExtractionJob)
    assert isinstance(job, llamacloud.ExtractJob)
    assert job.id == JOB
    assert job.status is llamacloud.ExtractJobStatus.SUCCESS
    assert job.is_terminal
    assert job.error is None
    assert isinstance(job.file, llamacloud.File)
    assert job.file.file_size == 48213
    assert job.file_id == job.file.id
    assert isinstance(job.extraction_agent, llamacloud.ExtractAgent)
    assert job.extraction_agent.config.extraction_mode == "BALANCED"
    [request] = api.requests
    assert str(request.url) == f"{BASE_URL}/api/v1/extraction/jobs/{JOB}"
    assert request.headers["authorization"] == f"Bearer {KEY}"


async def test_a_status_the_spec_does_not_list_is_kept_and_not_terminal(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    client = api.client(lambda request: json_response(job_example(status="RUNNING")))
    job = await api.call(client.extraction.jobs.get(JOB))
    assert job.status == "RUNNING"
    assert not job.is_terminal
    assert "ExtractJobStatus(RUNNING)" in caplog.text


async def test_wait_polls_the_job_then_returns_its_result(api: Api) -> None:
    lifecycle = Lifecycle(("PENDING", None), ("PENDING", None), ("SUCCESS", None))
    client = api.client(lifecycle)
    seen: list[str] = []
    result = await api.call(
        client.extraction.jobs.wait(
            JOB, timeout=60, poll_interval=1.0, on_update=lambda job: seen.append(job.status)
        )
    )
    assert isinstance(result, llamacloud.ExtractionResult)
    assert result.records() == [{"foo": {"foo": "bar"}}]
    assert seen == ["PENDING", "PENDING", "SUCCESS"]
    assert api.pauses == [1.0, 1.5]
    assert [r.url.path.rsplit("/", 1)[-1] for r in api.requests] == [JOB, JOB, JOB, "result"]


async def test_wait_returns_the_result_of_a_partial_success(api: Api) -> None:
    client = api.client(Lifecycle(("PARTIAL_SUCCESS", "page 3 could not be read")))
    result = await api.call(client.extraction.jobs.wait(JOB))
    assert isinstance(result, llamacloud.ExtractionResult)


@pytest.mark.parametrize(
    ("status", "error", "state", "said"),
    [
        ("ERROR", "the file is empty", "failed", " (status ERROR): the file is empty"),
        ("CANCELLED", None, "cancelled", " (the service gives no reason)"),
    ],
)
async def test_wait_raises_job_failed_error_as_soon_as_the_job_fails(
    api: Api, status: str, error: str | None, state: str, said: str
) -> None:
    client = api.client(Lifecycle(("PENDING", None), (status, error)))
    with pytest.raises(JobFailedError) as caught:
        await api.call(client.extraction.jobs.wait(JOB, timeout=600, poll_interval=2.0))
    failed = caught.value
    assert str(failed) == f"llamacloud job {JOB} {state}{said}"
    assert (failed.status, failed.state, failed.error) == (status, state, error)
    assert isinstance(failed.job, llamacloud.ExtractionJob)
    assert failed.job.status == status
    assert api.pauses == [2.0]  # no more polls, no result asked for
    assert not any(r.url.path.endswith("/result") for r in api.requests)
    again = pickle.loads(pickle.dumps(failed))
    assert (str(again), again.status, again.error, again.job) == (
        str(failed),
        status,
        error,
        failed.job,
    )


async def test_wait_times_out_with_the_last_job(api: Api) -> None:
    clock = [0.0]

    def pause(seconds: float) -> None:
        clock[0] += seconds

    client = api.client(Lifecycle(("PENDING", None)), clock=lambda: clock[0])
    client._sleep = pause if api.mode == "sync" else _async(pause)
    with pytest.raises(WaitTimeoutError) as caught:
        await api.call(client.extraction.jobs.wait(JOB, timeout=10, poll_interval=1.0))
    assert isinstance(caught.value.last, llamacloud.ExtractionJob)
    assert "last seen: pending" in str(caught.value)
    assert clock[0] == pytest.approx(10.0)


async def test_wait_on_an_unknown_job_is_not_found_at_once(api: Api) -> None:
    client = api.client(lambda request: json_response(example("404"), 404))
    with pytest.raises(NotFoundError):
        await api.call(client.extraction.jobs.wait(JOB))
    assert len(api.requests) == 1
    assert api.pauses == []


def _async(pause: Callable[[float], None]) -> Callable[[float], Any]:
    async def sleep(seconds: float) -> None:
        pause(seconds)

    return sleep

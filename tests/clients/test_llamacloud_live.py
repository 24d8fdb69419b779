"""LlamaCloud's client over real sockets, against the mock server."""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import llamacloud
from jobresults.errors import (
    APIConnectionError,
    AuthenticationError,
    InternalServerError,
    JobFailedError,
    NotFoundError,
    RateLimitError,
    ResponseParseError,
    UnprocessableEntityError,
)
from jobresults.mock import MockServer, seeded

JOB = seeded.LLAMACLOUD_EXAMPLE_JOB


def client(server: MockServer, **options: Any) -> llamacloud.Client:
    return llamacloud.Client(
        server.api_key("llamacloud"), base_url=server.base_url("llamacloud"), **options
    )


def async_client(server: MockServer, **options: Any) -> llamacloud.AsyncClient:
    return llamacloud.AsyncClient(
        server.api_key("llamacloud"), base_url=server.base_url("llamacloud"), **options
    )


def check_the_example(result: llamacloud.ExtractionResult) -> None:
    assert isinstance(result, llamacloud.ExtractionResult)
    assert result.run_id == uuid.UUID(JOB)
    assert result.extraction_agent_id == uuid.UUID(JOB)
    assert result.data == {"foo": {"foo": "bar"}}
    assert result.records() == [{"foo": {"foo": "bar"}}]
    assert result.extraction_metadata == {"foo": {"foo": "bar"}}


def test_the_page_example(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as llama:
        check_the_example(llama.extraction.jobs.get_result(JOB))
        response = llama.extraction.jobs.get_result_response(JOB, organization_id="org-1")
    assert response.status_code == 200
    assert response.http.request.url.params["organization_id"] == "org-1"
    assert response.deviations() == []


async def test_the_page_example_async(jobresults_mock: MockServer) -> None:
    async with async_client(jobresults_mock) as llama:
        check_the_example(await llama.extraction.jobs.get_result(JOB, project_id="p-1"))


def test_every_seeded_job_gives_a_list_of_records(jobresults_mock: MockServer) -> None:
    listed = jobresults_mock.listing()["llamacloud"]["jobs"]
    shapes: Counter[str] = Counter()
    with client(jobresults_mock) as llama:
        for job_id in listed[:20]:
            try:
                result = llama.extraction.jobs.get_result(job_id)
            except NotFoundError as error:  # a failed job, or one without a result yet
                shapes["not found" if error.error_message else "not found, no detail"] += 1
                continue
            records = result.records()
            assert isinstance(records, list)
            assert all(isinstance(record, dict) for record in records)
            expected = 0 if result.data is None else 1 if isinstance(result.data, dict) else None
            assert len(records) == (len(result.data) if expected is None else expected)
            shapes[type(result.data).__name__] += 1
    assert {"dict", "list", "NoneType"} <= set(shapes)
    assert "not found, no detail" not in shapes


def test_errors_of_the_service(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as llama, pytest.raises(NotFoundError) as missing:
        llama.extraction.jobs.get_result("00000000-0000-4000-8000-00000000dead")
    assert missing.value.error_message
    wrong = llamacloud.Client("llx-wrong", base_url=jobresults_mock.base_url("llamacloud"))
    with wrong, pytest.raises(AuthenticationError) as refused:
        wrong.extraction.jobs.get_result(JOB)
    assert refused.value.error_message


def test_a_key_in_another_services_form_is_refused(jobresults_mock: MockServer) -> None:
    http = httpx.Client(
        headers={"X-Api-Key": jobresults_mock.api_key("llamacloud")}, base_url="http://unused"
    )
    response = http.get(
        f"{jobresults_mock.base_url('llamacloud')}/api/v1/extraction/jobs/{JOB}/result"
    )
    assert response.status_code == 401
    http.close()


@pytest.mark.parametrize(
    ("fault", "error_type"),
    [
        ("429, retry-after=0", RateLimitError),
        ("500", InternalServerError),
        ("reset", APIConnectionError),
        ("truncate", APIConnectionError),
        ("malformed", ResponseParseError),
        ("missing-field", ResponseParseError),
    ],
)
def test_faults(jobresults_mock: MockServer, fault: str, error_type: type[Exception]) -> None:
    sent = 0

    def once(request: httpx.Request) -> None:
        nonlocal sent
        sent += 1
        if sent == 1:
            request.headers["X-Mock-Fault"] = fault

    retried = error_type is not ResponseParseError
    http = httpx.Client(event_hooks={"request": [once]})
    with client(jobresults_mock, http_client=http, sleep=lambda seconds: None) as llama:
        if retried:
            check_the_example(llama.extraction.jobs.get_result(JOB))
            assert llama.requests_sent == 2
        else:
            with pytest.raises(error_type):
                llama.extraction.jobs.get_result(JOB)
            assert llama.requests_sent == 1
    http.close()

    http = httpx.Client(headers={"X-Mock-Fault": fault})
    with (
        client(jobresults_mock, http_client=http, sleep=lambda seconds: None) as llama,
        pytest.raises(error_type),
    ):
        llama.extraction.jobs.get_result(JOB)
    http.close()


async def test_a_hostile_job_id_stays_in_its_segment(jobresults_mock: MockServer) -> None:
    async with async_client(jobresults_mock, max_retries=0) as llama:
        with pytest.raises((NotFoundError, UnprocessableEntityError)):
            await llama.extraction.jobs.get_result(f"../../extraction/jobs/{JOB}/result")


def test_the_key_is_in_no_log_record_over_sockets(
    jobresults_mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = jobresults_mock.api_key("llamacloud")
    with caplog.at_level(logging.DEBUG), client(jobresults_mock) as llama:
        llama.extraction.jobs.get_result(JOB)
        with pytest.raises(NotFoundError) as caught:
            llama.extraction.jobs.get_result("missing-job")
    assert any(record.name.startswith("httpcore") for record in caplog.records)
    for record in caplog.records:
        assert key not in record.getMessage()
    assert key not in str(caught.value) + repr(caught.value)


def readme_example(heading: str) -> str:
    """The first Python block under `### heading` in the README's "Using the clients"."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the clients\n", 1)[1].split("\n## ", 1)[0]
    part = section.split(f"\n### {heading}\n", 1)[1]
    return part.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_example(
    jobresults_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LLAMA_CLOUD_API_KEY", jobresults_mock.api_key("llamacloud"))
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", jobresults_mock.base_url("llamacloud"))
    exec(compile(readme_example("LlamaCloud"), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    file_id = "0b9c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4"  # of the spec's example job
    assert lines == [f"SUCCESS {file_id}", f"run {JOB}: 1 record(s)", "{'foo': {'foo': 'bar'}}"]


def test_the_readme_example_reports_a_failed_extraction(
    jobresults_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LLAMA_CLOUD_API_KEY", jobresults_mock.api_key("llamacloud"))
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", jobresults_mock.base_url("llamacloud"))
    with client(jobresults_mock) as llama:
        listed = jobresults_mock.listing()["llamacloud"]["jobs"]
        failed = next(j for j in listed if llama.extraction.jobs.get(j).status == "ERROR")
    code = readme_example("LlamaCloud").replace(JOB, failed)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ERROR ")
    assert lines[1:] == ["extraction ERROR: the file is empty"]


def test_wait_follows_a_new_extraction_to_its_records(
    jobresults_mock_factory: Callable[..., MockServer],
) -> None:
    server = jobresults_mock_factory(speed=2)  # a second: long enough to see it pending
    job_id = server.create_job("llamacloud", items=3, seconds=2.0)
    seen: list[str] = []
    with client(server) as llama:
        assert llama.extraction.jobs.get(job_id).status == "PENDING"
        result = llama.extraction.jobs.wait(
            job_id, timeout=30, poll_interval=0.02, on_update=lambda job: seen.append(job.status)
        )
    assert [page["page"] for page in result.records()[0]["pages"]] == [1, 2, 3]
    assert seen[0] == "PENDING"
    assert seen[-1] == "SUCCESS"


async def test_wait_raises_job_failed_error_as_soon_as_an_extraction_fails(
    jobresults_mock_factory: Callable[..., MockServer],
) -> None:
    server = jobresults_mock_factory(speed=10)
    job_id = server.create_job("llamacloud", items=3, seconds=2.0, outcome="failed")
    started = time.monotonic()
    async with async_client(server) as llama:
        with pytest.raises(JobFailedError) as caught:
            await llama.extraction.jobs.wait(job_id, timeout=600, poll_interval=0.02)
    assert time.monotonic() - started < 5.0  # the job says so after 0.2 s: not the timeout
    assert caught.value.error == "extraction failed on page 1 of 3"
    assert caught.value.status == "ERROR"
    assert caught.value.job.id == job_id


def test_every_seeded_job_has_its_status(jobresults_mock: MockServer) -> None:
    statuses: Counter[str] = Counter()
    with client(jobresults_mock) as llama:
        for job_id in jobresults_mock.listing()["llamacloud"]["jobs"]:
            job = llama.extraction.jobs.get(job_id)
            assert job.id == job_id
            statuses[str(job.status)] += 1
            if job.status in ("ERROR", "CANCELLED"):
                with pytest.raises(JobFailedError):
                    llama.extraction.jobs.wait(job_id)
    assert set(statuses) == {"PENDING", "SUCCESS", "PARTIAL_SUCCESS", "ERROR", "CANCELLED"}

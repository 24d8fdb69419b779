"""Modzy's client over real sockets, against the mock server."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import modzy
from jobresults.errors import NotFoundError, ResponseParseError, ResultsError
from jobresults.mock import MockServer, seeded

SIX = {"confidence": "3.2059302", "result": "six"}


def client(server: MockServer, **options: Any) -> modzy.Client:
    return modzy.Client(server.api_key("modzy"), base_url=server.base_url("modzy"), **options)


def async_client(server: MockServer, **options: Any) -> modzy.AsyncClient:
    return modzy.AsyncClient(server.api_key("modzy"), base_url=server.base_url("modzy"), **options)


def test_the_page_examples(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as modzy_client:
        result = modzy_client.results.get("14856eb1-0ad8-49e7-9da3-887acb80fea5")
        assert result.finished is True
        assert result.results["0001"]["results.json"] == SIX
        assert result.get_source_outputs("0001")["results.json"] == SIX
        assert result.get_first_outputs()["results.json"] == SIX
        [job] = modzy_client.jobs.history(access_key=seeded.MODZY_EXAMPLE_ACCESS_KEY)
        assert job.job_identifier == seeded.MODZY_EXAMPLE_JOB


async def test_the_page_examples_async(jobresults_mock: MockServer) -> None:
    async with async_client(jobresults_mock) as modzy_client:
        result = await modzy_client.results.get(seeded.MODZY_EXAMPLE_JOB)
        assert result.get_first_outputs()["results.json"] == SIX
        jobs = [
            job
            async for job in modzy_client.jobs.history(access_key=seeded.MODZY_EXAMPLE_ACCESS_KEY)
        ]
        assert [job.job_identifier for job in jobs] == [seeded.MODZY_EXAMPLE_JOB]


def test_seeded_jobs_with_failures_and_nesting(jobresults_mock: MockServer) -> None:
    listed = jobresults_mock.listing()["modzy"]["jobs"]
    failed_items = nested = 0
    with client(jobresults_mock) as modzy_client:
        for job_id in listed[:12]:
            if job_id == seeded.MODZY_LARGE_JOB:
                continue
            result = modzy_client.results.get(job_id)
            failures = result.failures if isinstance(result.failures, dict) else {}
            for source in result.sources:
                if source in failures:
                    failed_items += 1
                    with pytest.raises(ResultsError) as caught:
                        result.get_source_outputs(source)
                    assert caught.value.error
                    assert result.failure(source).error == caught.value.error
                    continue
                outputs = result.get_source_outputs(source)
                assert "results.json" in outputs
                assert "status" not in outputs
                if source in result.results[source]:
                    nested += 1
    assert failed_items > 0
    assert nested > 0


def test_an_unknown_job_is_not_found(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as modzy_client, pytest.raises(NotFoundError):
        modzy_client.results.get("no-such-job")


def test_a_missing_field_is_a_parse_error_with_the_raw_body(jobresults_mock: MockServer) -> None:
    faulty = httpx.Client(headers={"X-Mock-Fault": "missing-field"})
    with client(jobresults_mock, http_client=faulty) as modzy_client:
        with pytest.raises(ResponseParseError) as caught:
            modzy_client.results.get(seeded.MODZY_EXAMPLE_JOB)
        assert caught.value.response.headers["x-mock-fault"] == "missing-field"
    faulty.close()


def test_history_across_many_pages_matches_the_filters(
    jobresults_mock_factory: Callable[..., MockServer],
) -> None:
    server = jobresults_mock_factory(seed=3)
    with client(server) as modzy_client:
        everything = list(modzy_client.jobs.history(per_page=500))
        assert modzy_client.requests_sent == seeded.MODZY_HISTORY_JOBS // 500 + 1
        ids = [job.job_identifier for job in everything]
        assert len(ids) == len(set(ids)) == seeded.MODZY_HISTORY_JOBS
        timed_out = list(modzy_client.jobs.history(status="timedout", per_page=37))
        assert [job.job_identifier for job in timed_out] == [
            job.job_identifier for job in everything if job.status == "timedout"
        ]
        oldest_first = list(
            modzy_client.jobs.history(
                start_date="2024-06-01", end_date="2024-09-01T00:00:00Z", direction="asc"
            )
        )
        assert oldest_first
        created = [job.created_at for job in oldest_first]
        assert created == sorted(created)
        assert all("2024-06-01" <= moment.date().isoformat() <= "2024-09-01" for moment in created)


def test_wait_for_a_new_job(jobresults_mock: MockServer) -> None:
    job_id = jobresults_mock.create_job("modzy", items=4, seconds=1.0, failures=1)
    updates: list[float] = []
    with client(jobresults_mock) as modzy_client:
        result = modzy_client.results.wait(
            job_id,
            timeout=30,
            poll_interval=0.05,
            max_poll_interval=0.2,
            on_update=lambda r: updates.append(r.progress),
        )
        polls = modzy_client.requests_sent
    assert result.finished
    assert (result.completed, result.failed, result.total) == (3, 1, 4)
    assert result.get_first_outputs()["results.json"]["result"]
    assert updates[-1] == 1.0
    assert updates == sorted(updates)
    assert polls > len(updates)  # the first polls answered 404: the job was still queued


async def test_wait_for_a_new_job_async(jobresults_mock: MockServer) -> None:
    job_id = jobresults_mock.create_job("modzy", items=3, seconds=0.6)
    async with async_client(jobresults_mock) as modzy_client:
        result = await modzy_client.results.wait(
            job_id, timeout=30, poll_interval=0.05, max_poll_interval=0.2
        )
    assert result.finished
    assert result.completed == 3
    assert sorted(result.sources) == ["0001", "0002", "0003"]


def test_a_new_jobs_details_go_submitted_in_progress_completed(
    jobresults_mock_factory: Callable[..., MockServer],
) -> None:
    frozen = jobresults_mock_factory(speed=1e-6)
    job_id = frozen.create_job("modzy", items=4, seconds=10.0)
    seen = []
    with client(frozen) as modzy_client:
        for advance in (0.0, 6.0, 5.0):
            frozen.advance(advance)
            job = modzy_client.jobs.get(job_id)
            seen.append((job.status, job.completed, job.total))
        assert modzy_client.jobs.get_response(job).parsed.job_identifier == job_id
        with pytest.raises(NotFoundError):
            modzy_client.jobs.get("no-such-job")
    assert seen == [("SUBMITTED", 0, 4), ("IN_PROGRESS", 2, 4), ("COMPLETED", 4, 4)]


def test_wait_on_an_unknown_job_is_not_found_at_once(jobresults_mock: MockServer) -> None:
    started = time.monotonic()
    with client(jobresults_mock) as modzy_client:
        with pytest.raises(NotFoundError) as caught:
            modzy_client.results.wait("no-such-job", timeout=120)  # the grace is 60 s
        assert modzy_client.requests_sent == 2  # the results, then the job's details
    assert time.monotonic() - started < 5.0
    assert "no-such-job" in str(caught.value)


async def test_wait_on_an_unknown_job_is_not_found_at_once_async(
    jobresults_mock: MockServer,
) -> None:
    started = time.monotonic()
    async with async_client(jobresults_mock) as modzy_client:
        with pytest.raises(NotFoundError):
            await modzy_client.results.wait("no-such-job", timeout=120)
        assert modzy_client.requests_sent == 2
    assert time.monotonic() - started < 5.0


def readme_example(heading: str) -> str:
    """The first Python block under `### heading` in the README's "Using the clients"."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the clients\n", 1)[1].split("\n## ", 1)[0]
    part = section.split(f"\n### {heading}\n", 1)[1]
    return part.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_example(
    jobresults_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MODZY_API_KEY", jobresults_mock.api_key("modzy"))
    monkeypatch.setenv("MODZY_BASE_URL", jobresults_mock.base_url("modzy"))
    code = readme_example("Modzy")
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == lines[1] == str(SIX)
    assert len(lines) > 12  # more than one page of jobs
    for line in lines[2:]:
        _job_id, completed, total = line.split()
        assert int(completed) <= int(total)

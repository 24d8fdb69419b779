"""Overmind's client over real sockets, against the mock server."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import is_unknown, overmind
from jobresults.errors import NotFoundError, ResponseParseError
from jobresults.mock import MockServer, seeded


def client(server: MockServer, **options: Any) -> overmind.Client:
    return overmind.Client(
        server.api_key("overmind"), base_url=server.base_url("overmind"), **options
    )


def async_client(server: MockServer, **options: Any) -> overmind.AsyncClient:
    return overmind.AsyncClient(
        server.api_key("overmind"), base_url=server.base_url("overmind"), **options
    )


def test_the_page_example(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as overmind_client:
        job = overmind_client.jobs.get("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
    assert job.id == uuid.UUID(seeded.OVERMIND_EXAMPLE_JOB)
    assert job.status == overmind.JobStatus.PENDING
    assert not job.is_terminal
    best = job.best_iteration()
    assert best is not None
    assert best.iteration_name == "iteration_name"
    assert job.kept_iterations() == [best]


async def test_the_page_example_async(jobresults_mock: MockServer) -> None:
    async with async_client(jobresults_mock) as overmind_client:
        job = await overmind_client.jobs.get(uuid.UUID(seeded.OVERMIND_EXAMPLE_JOB))
    assert job.job_type == overmind.JobType.INFERENCE


def test_every_seeded_job_parses_and_knows_whether_it_ended(jobresults_mock: MockServer) -> None:
    listed = jobresults_mock.listing()["overmind"]["jobs"]
    statuses: set[str] = set()
    with client(jobresults_mock) as overmind_client:
        for job_id in listed:
            job = overmind_client.jobs.get(job_id)
            status = job.status if isinstance(job.status, str) else ""
            statuses.add(status)
            assert job.is_terminal == (status in ("completed", "failed", "cancelled"))
            best = job.best_iteration()
            kept = job.kept_iterations()
            if best is not None:
                assert best in kept
                assert all(best.avg_score >= it.avg_score for it in kept if it.avg_score)
    assert {"pending", "running", "completed", "failed", "cancelled"} <= statuses


def test_an_unknown_job_is_not_found(jobresults_mock: MockServer) -> None:
    with client(jobresults_mock) as overmind_client, pytest.raises(NotFoundError):
        overmind_client.jobs.get(uuid.UUID(int=12345))


def test_an_unknown_status_is_kept_and_flagged_and_strict_refuses_it(
    jobresults_mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    faulty = httpx.Client(headers={"X-Mock-Fault": "unknown-enum"})
    with client(jobresults_mock, http_client=faulty) as overmind_client:
        with caplog.at_level(logging.WARNING, logger="jobresults"):
            job = overmind_client.jobs.get(seeded.OVERMIND_EXAMPLE_JOB)
        assert job.status == "paused"
        assert is_unknown(job.status)
        assert not job.is_terminal
        assert "JobStatus(paused)" in caplog.text
    strict = client(jobresults_mock, http_client=faulty, strict=True)
    with strict as overmind_client, pytest.raises(ResponseParseError):
        overmind_client.jobs.get(seeded.OVERMIND_EXAMPLE_JOB)
    faulty.close()


def test_wait_for_a_new_job(jobresults_mock: MockServer) -> None:
    job_id = jobresults_mock.create_job("overmind", items=4, seconds=0.8)
    seen: list[int] = []
    with client(jobresults_mock) as overmind_client:
        job = overmind_client.jobs.wait(
            job_id,
            timeout=30,
            poll_interval=0.05,
            max_poll_interval=0.2,
            on_update=lambda j: seen.append(len(j.iterations)),
        )
    assert job.status == overmind.JobStatus.COMPLETED
    assert len(job.iterations) == 4
    assert seen == sorted(seen)
    assert seen[-1] == 4


async def test_wait_for_a_new_job_that_fails_async(jobresults_mock: MockServer) -> None:
    job_id = jobresults_mock.create_job("overmind", items=2, seconds=0.5, outcome="failed")
    async with async_client(jobresults_mock) as overmind_client:
        job = await overmind_client.jobs.wait(
            job_id, timeout=30, poll_interval=0.05, max_poll_interval=0.2
        )
    assert job.status == overmind.JobStatus.FAILED
    assert job.is_terminal


def test_the_readme_example(
    jobresults_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the clients\n", 1)[1].split("\n## ", 1)[0]
    part = section.split("\n### Overmind\n", 1)[1]
    code = part.split("```python\n", 1)[1].split("```", 1)[0]
    assert seeded.OVERMIND_PROGRESSING_JOB in code  # a seeded job that ends
    monkeypatch.setenv("OVERMIND_API_KEY", jobresults_mock.api_key("overmind"))
    monkeypatch.setenv("OVERMIND_BASE_URL", jobresults_mock.base_url("overmind"))
    exec(compile(code, "README.md", "exec"), {})
    status, kept, best = capsys.readouterr().out.split()
    assert status == "completed"
    assert int(kept) <= 3
    assert best == "None" or best.startswith("iteration")

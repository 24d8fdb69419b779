"""The README's wait_all example, run against the mock over real sockets with sync clients."""

from __future__ import annotations

import jobresults
from jobresults import JobState, llamacloud, modzy, overmind, wickson
from jobresults.mock import MockServer


def test_wait_all_follows_jobs_of_every_service_from_sync_clients(
    jobresults_mock: MockServer,
) -> None:
    mock = jobresults_mock
    clients = {
        "modzy": modzy.Client(mock.api_key("modzy"), base_url=mock.base_url("modzy")),
        "llamacloud": llamacloud.Client(
            mock.api_key("llamacloud"), base_url=mock.base_url("llamacloud")
        ),
        "wickson": wickson.Client(mock.api_key("wickson"), base_url=mock.base_url("wickson")),
        "overmind": overmind.Client(mock.api_key("overmind"), base_url=mock.base_url("overmind")),
    }
    jobs = [
        (clients[service], job_id)
        for service in clients
        for job_id in mock.create_jobs(service, 3, items=3, seconds=0.6)
    ]
    failing = mock.create_job("overmind", items=2, seconds=0.4, outcome="failed")
    jobs.append((clients["overmind"], failing))

    statuses = jobresults.wait_all(jobs, concurrency=8, timeout=30)

    assert [(s.service, s.job_id) for s in statuses] == [
        (client.service.name, job_id) for client, job_id in jobs
    ]
    assert all(s.error is None for s in statuses)
    assert [s.state for s in statuses[:-1]] == [JobState.SUCCEEDED] * 12
    assert statuses[-1].state is JobState.FAILED
    assert all(s.result is not None for s in statuses)
    for client in clients.values():
        client.close()

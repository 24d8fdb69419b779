"""The proxy under load and faults: 200 concurrent clients, an upstream that resets, cuts
bodies short, answers 5xx and HTML, and trickles; every answer checked against what its own
request asked for, every fault reported as what it was, no key written anywhere."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import httpx
import orjson
import pytest
from jobresults.mock import MockServer, auth_headers, seeded
from jobresults.proxy import BackgroundServer, ProxyServer
from jobresults.proxy._server import server_config

from ._servers import TricklingUpstream
from ._support import awithin

CLIENTS = 200
REQUESTS_EACH = 2
TLS = httpx.create_ssl_context()
"""One TLS context for the 200 clients (each of their own costs about 60 ms to load)."""
BATCH = f"/v1/batches/{seeded.WICKSON_LARGE_BATCH}/results"
FAULTS = ("none", "reset", "truncate", "500", "latency=30ms", "html", "unknown-enum")
"""The fault each request asks the mock for, by its tag: every kind the same number of times."""


def expected(fault: str) -> tuple[int, str | None, int]:
    """(status, upstream failure, violations) the answer to a request with `fault` has."""
    return {
        "reset": (502, "upstream_reset", 0),
        "truncate": (502, "upstream_truncated", 0),
        "500": (500, None, 0),
        "html": (502, None, 1),  # the upstream's own 502 page: undocumented, not JSON
        "unknown-enum": (200, None, 1),
    }.get(fault, (200, None, 0))


async def client_session(url: str, client_number: int) -> list[tuple[int, str, httpx.Response]]:
    """One client with its own connection pool, sending its tagged requests one by one."""
    answers = []
    headers = auth_headers("wickson")
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60, verify=TLS) as c:
        for index in range(REQUESTS_EACH):
            tag = client_number * REQUESTS_EACH + index + 1  # the page asked for: 1..400
            fault = FAULTS[tag % len(FAULTS)]
            response = await c.get(
                BATCH, params={"page": tag, "page_size": 1}, headers={"X-Mock-Fault": fault}
            )
            answers.append((tag, fault, response))
    return answers


def check_answer(tag: int, fault: str, response: httpx.Response) -> None:
    status, failure, violations = expected(fault)
    assert response.status_code == status, (tag, fault, response.text[:200])
    if failure is not None:
        assert response.json()["error"] == failure
        assert response.headers["x-jobresults-upstream-error"] == failure
        return
    assert response.headers["x-jobresults-violations"] == str(violations), (tag, fault)
    if fault == "html":
        assert response.headers["content-type"].startswith("text/html")
        return
    if fault == "500":
        assert response.headers["x-mock-fault"] == "500"
        return
    data = response.json()["data"]  # the page this very request asked for, nobody else's
    assert data["pagination"]["page"] == tag
    assert data["job_results"][0]["job_id"].endswith(f"-{tag - 1:06d}")


async def test_two_hundred_concurrent_clients_through_upstream_faults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's included
    har = tmp_path / "storm.har"
    lines: list[str] = []
    with (
        MockServer(log_level="debug") as mock,
        ProxyServer(
            "wickson",
            mock.base_url("wickson"),
            record=str(har),
            output=lines.append,
            log_level="debug",
        ) as proxy,
    ):
        sessions = [client_session(proxy.url, number) for number in range(CLIENTS)]
        results = await awithin(120, asyncio.gather(*sessions))
        answers = [answer for session in results for answer in session]
        assert len(answers) == CLIENTS * REQUESTS_EACH
        for tag, fault, response in answers:
            check_answer(tag, fault, response)
        after = httpx.get(proxy.url + BATCH, headers=auth_headers("wickson"), timeout=30)
        assert after.status_code == 200  # still answering
        report = proxy.report()
    faults = Counter(fault for _, fault, _ in answers)
    failures = faults["reset"] + faults["truncate"]
    assert report["responses"] == len(answers) + 1
    assert report["upstream_failures"] == {
        "upstream_reset": faults["reset"],
        "upstream_truncated": faults["truncate"],
    }
    assert report["validated"] == len(answers) + 1 - failures
    assert report["invalid"] == faults["html"] + faults["unknown-enum"]
    assert report["violations_by_kind"]["not_in_enum"] == faults["unknown-enum"]
    assert report["violations_by_kind"]["undocumented_status"] == faults["html"]
    assert report["unmatched"] == 0
    entries = orjson.loads(har.read_bytes())["log"]["entries"]
    assert len(entries) == len(answers) + 1
    assert Counter(entry["response"]["status"] for entry in entries)[0] == failures
    key = mock.api_key("wickson")
    written = [har.read_text(), "\n".join(lines), caplog.text]
    written += [str(record.args) for record in caplog.records]
    for text in written:
        assert key not in text
        assert quote(key, safe="") not in text


async def test_slow_bodies_do_not_hold_up_other_clients(jobresults_mock: MockServer) -> None:
    page = httpx.get(
        jobresults_mock.base_url("wickson") + "/v1/batches/batch-abc123/results",
        params={"page_size": 50},
        headers=auth_headers("wickson"),
    ).content
    upstream_app = TricklingUpstream(page, chunks=40, pause=0.1, stall=1.5)
    slow, fast = 20, 80
    with (
        BackgroundServer(upstream_app, server_config, log_level="error") as upstream,
        ProxyServer("wickson", upstream.url, timeout=0.5, output=lambda _: None) as proxy,
    ):

        async def get(client: httpx.AsyncClient, batch: str) -> tuple[httpx.Response, int]:
            response = await client.get(f"/v1/batches/{batch}/results")
            return response, upstream_app.slow_finished

        limits = httpx.Limits(max_connections=CLIENTS)
        async with httpx.AsyncClient(base_url=proxy.url, timeout=60, limits=limits) as client:
            slow_tasks = [asyncio.create_task(get(client, f"slow-{n}")) for n in range(slow)]
            stalled = asyncio.create_task(get(client, "stall"))
            while upstream_app.slow_started < slow:
                await asyncio.sleep(0.01)
            quick = await awithin(
                60, asyncio.gather(*(get(client, f"fast-{n}") for n in range(fast)))
            )
            slow_answers = await awithin(60, asyncio.gather(*slow_tasks))
            stall_answer, _ = await awithin(60, stalled)
    for number, (response, finished_slow_bodies) in enumerate(quick):
        assert response.status_code == 200
        assert response.json()["data"]["batch_summary"]["batch_id"] == f"fast-{number}"
        assert finished_slow_bodies == 0  # answered while every slow body was still coming
    for number, (response, _) in enumerate(slow_answers):
        assert response.status_code == 200
        assert response.headers["x-jobresults-violations"] == "0"
        assert response.json()["data"]["batch_summary"]["batch_id"] == f"slow-{number}"
    assert stall_answer.status_code == 504  # silent past the timeout in the middle of its body
    assert stall_answer.json()["error"] == "upstream_timeout"

"""`jobresults mock --replay FILE.har`: recorded exchanges answered first, matched by service,
operation, path parameters and query; the mock's own data otherwise, or a 404 when strict."""

from __future__ import annotations

import base64
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest
from jobresults.cli import app
from jobresults.mock import MockServer, auth_headers
from jobresults.mock._replay import Recordings
from jobresults.proxy import ProxyServer
from typer.testing import CliRunner

Factory = Callable[..., MockServer]
BATCH = "/v1/batches/batch-abc123/results"
WICKSON = auth_headers("wickson")


def record(
    upstream: MockServer, service: str, har: Path, calls: list[dict[str, object]]
) -> list[bytes]:
    """Send `calls` (httpx request arguments) through a recording proxy; the bodies received."""
    with (
        ProxyServer(
            service, upstream.base_url(service), record=str(har), output=lambda _: None
        ) as proxy,
        httpx.Client(base_url=proxy.url, headers=auth_headers(service)) as client,
    ):
        return [client.request(**call).content for call in calls]  # type: ignore[arg-type]


def test_recorded_exchanges_are_answered_first(
    jobresults_mock: MockServer, jobresults_mock_factory: Factory, tmp_path: Path
) -> None:
    har = tmp_path / "wickson.har"
    calls = [
        {"method": "GET", "url": BATCH, "params": {"page": 2, "page_size": 3}},
        {
            "method": "GET",
            "url": BATCH,
            "params": {"page": 1},
            "headers": {"X-Mock-Fault": "unknown-enum"},
        },
    ]
    recorded = record(jobresults_mock, "wickson", har, calls)
    replaying = jobresults_mock_factory(seed=9, replay=[har])
    with httpx.Client(base_url=replaying.base_url("wickson"), headers=WICKSON) as client:
        second_page = client.get(BATCH + "?page_size=3&page=2")  # the query in another order
        faulted = client.get(BATCH, params={"page": 1})
        other = client.get(BATCH, params={"page": 3, "page_size": 3})
        unauthorized = client.get(BATCH, params={"page": 1}, headers={"X-Api-Key": "wrong"})
    assert second_page.content == recorded[0]
    assert second_page.headers["x-mock-replay"] == "recorded"
    assert faulted.content == recorded[1]
    own = httpx.get(
        jobresults_mock.base_url("wickson") + BATCH, params={"page": 1}, headers=WICKSON
    )
    assert faulted.content != own.content  # the recorded fault, not the mock's own data
    assert other.status_code == 200
    assert "x-mock-replay" not in other.headers  # not recorded: the mock's own answer
    assert unauthorized.status_code == 401
    assert "x-mock-replay" not in unauthorized.headers


def test_an_exchange_recorded_several_times_replays_in_order_then_the_last_again(
    jobresults_mock_factory: Factory, tmp_path: Path
) -> None:
    upstream = jobresults_mock_factory(seed=3)
    job = upstream.create_job("overmind", items=2, seconds=10)
    har = tmp_path / "polls.har"
    proxy = ProxyServer("overmind", upstream.base_url("overmind"), record=str(har))
    with proxy, httpx.Client(base_url=proxy.url, headers=auth_headers("overmind")) as client:
        statuses = []
        for advance in (0, 6, 10):
            upstream.advance(advance)
            statuses.append(client.get(f"/api/jobs/{job}/").json()["status"])
    assert statuses[0] != statuses[-1]
    replaying = jobresults_mock_factory(replay=[har])
    with httpx.Client(
        base_url=replaying.base_url("overmind"), headers=auth_headers("overmind")
    ) as client:
        replayed = [client.get(f"/api/jobs/{job}/").json()["status"] for _ in range(5)]
    assert replayed == [*statuses, statuses[-1], statuses[-1]]


def test_strict_replay_answers_404_for_anything_not_recorded(
    jobresults_mock: MockServer, jobresults_mock_factory: Factory, tmp_path: Path
) -> None:
    har = tmp_path / "one.har"
    record(jobresults_mock, "wickson", har, [{"method": "GET", "url": BATCH}])
    strict = jobresults_mock_factory(replay=[har], replay_strict=True)
    with httpx.Client(base_url=strict.base_url("wickson"), headers=WICKSON) as client:
        assert client.get(BATCH).headers["x-mock-replay"] == "recorded"
        missing = client.get(BATCH, params={"page": 2})
        unknown_path = client.get("/v1/other")
    assert missing.status_code == 404
    assert missing.headers["x-mock-replay"] == "missing"
    assert missing.json()["error"] == "not_recorded"
    assert "wickson getBatchResults" in missing.json()["message"]
    assert unknown_path.status_code == 404
    assert "wickson" in strict.listing()  # the control API is the mock's own still


def test_a_har_from_elsewhere_is_matched_by_its_operation(
    jobresults_mock_factory: Factory, tmp_path: Path
) -> None:
    body = b'{"binary": "\\u0000"}'
    entries = [
        {
            "request": {
                "method": "GET",
                "url": "https://api.wickson.ai/v1/batches/a%20b/results?page=2",
            },
            "response": {
                "status": 200,
                "headers": [
                    {"name": "Content-Type", "value": "application/json"},
                    {"name": "Content-Encoding", "value": "gzip"},
                    {"name": "X-Request-Id", "value": "r-1"},
                ],
                "content": {
                    "mimeType": "application/json",
                    "text": base64.b64encode(body).decode(),
                    "encoding": "base64",
                },
            },
        },
        {
            "request": {"method": "GET", "url": "https://api.wickson.ai/v1/batches/x/results"},
            "response": {"status": 0},
        },
        {
            "request": {"method": "GET", "url": "https://example.com/elsewhere"},
            "response": {"status": 200, "content": {"text": "{}"}},
        },
    ]
    har = tmp_path / "browser.har"
    har.write_bytes(orjson.dumps({"log": {"version": "1.2", "entries": entries}}))
    recordings = Recordings.load([har])
    assert len(recordings) == 1
    assert len(recordings.skipped) == 2
    replaying = jobresults_mock_factory(replay=[har])
    with httpx.Client(base_url=replaying.base_url("wickson"), headers=WICKSON) as client:
        answer = client.get("/v1/batches/a b/results", params={"page": "2"})
    assert answer.content == body
    assert answer.headers["x-request-id"] == "r-1"
    assert "content-encoding" not in answer.headers  # HAR keeps bodies decoded


def test_a_file_that_is_not_a_har_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.har"
    bad.write_text('{"not": "a har"}')
    result = CliRunner().invoke(app, ["mock", "--port", "0", "--replay", str(bad)])
    assert result.exit_code == 2
    assert "is not a HAR document" in result.output


def test_the_mock_command_replays(jobresults_mock: MockServer, tmp_path: Path) -> None:
    har = tmp_path / "cli.har"
    recorded = record(jobresults_mock, "wickson", har, [{"method": "GET", "url": BATCH}])
    command = [sys.executable, "-m", "jobresults", "mock", "--port", "0"]
    command += ["--replay", str(har), "--replay-strict"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(6)]
        control = next(line for line in lines if line.startswith("control"))
        root = control.split()[1].removesuffix("/_mock/")
        with httpx.Client(base_url=root + "/wickson", headers=WICKSON, timeout=30) as client:
            assert client.get(BATCH).content == recorded[0]
            assert client.get(BATCH, params={"page": 9}).status_code == 404
    finally:
        process.terminate()
        process.wait(15)


@pytest.mark.parametrize("strict", [False, True])
def test_replay_with_nothing_recorded(
    jobresults_mock_factory: Factory, tmp_path: Path, strict: bool
) -> None:
    empty = tmp_path / "empty.har"
    empty.write_text('{"log": {"version": "1.2", "entries": []}}')
    server = jobresults_mock_factory(replay=[empty], replay_strict=strict)
    status = httpx.get(server.base_url("wickson") + BATCH, headers=WICKSON).status_code
    assert status == (404 if strict else 200)

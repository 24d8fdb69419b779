"""`--record FILE.har`: every exchange as HAR 1.2, credentials masked, and read back by
`jobresults validate`."""

from __future__ import annotations

import asyncio
import base64
import gzip
from pathlib import Path
from urllib.parse import quote

import httpx
import orjson
import pytest
from jobresults.cli import app
from jobresults.mock import MockServer, auth_headers
from jobresults.validate import validate_har
from typer.testing import CliRunner

from ._upstreams import EchoApp, Scripted, ScriptedApp
from .conftest import StartProxy, StartServer

BATCH = "/v1/batches/batch-abc123/results"
KEY = auth_headers("wickson")
ENTRY_FIELDS = {"startedDateTime", "time", "request", "response", "cache", "timings"}
REQUEST_FIELDS = {"method", "url", "httpVersion", "cookies", "headers", "queryString"}
REQUEST_FIELDS |= {"headersSize", "bodySize"}
RESPONSE_FIELDS = {"status", "statusText", "httpVersion", "cookies", "headers", "content"}
RESPONSE_FIELDS |= {"redirectURL", "headersSize", "bodySize"}


def test_every_exchange_is_recorded_and_validate_reads_it_back(
    jobresults_mock: MockServer, start_proxy: StartProxy, tmp_path: Path
) -> None:
    har = tmp_path / "session.har"
    har.write_text("left from an earlier run")
    proxy, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"), record=str(har))
    with httpx.Client(base_url=proxy.url, headers=KEY) as client:
        fine = client.get(BATCH, params={"page_size": 3, "page": 2})
        client.get(BATCH, headers={"X-Mock-Fault": "unknown-enum"})
        client.get("/v1/batches")  # unmatched
        client.get(BATCH, headers={"X-Mock-Fault": "reset"})
    document = orjson.loads(har.read_bytes())
    log = document["log"]
    assert log["version"] == "1.2"
    assert log["creator"]["name"] == "jobresults"
    entries = log["entries"]
    assert len(entries) == 4
    for entry in entries:
        assert set(entry) >= ENTRY_FIELDS
        assert set(entry["request"]) >= REQUEST_FIELDS
        assert set(entry["response"]) >= RESPONSE_FIELDS
        assert entry["startedDateTime"].endswith("Z")
    first = entries[0]
    assert first["request"]["url"] == (
        jobresults_mock.base_url("wickson") + BATCH + "?page_size=3&page=2"
    )
    assert first["request"]["queryString"] == [
        {"name": "page_size", "value": "3"},
        {"name": "page", "value": "2"},
    ]
    assert first["response"]["content"]["text"].encode() == fine.content
    assert first["_jobresults"] == {
        "service": "wickson",
        "operation": "getBatchResults",
        "violations": 0,
    }
    assert entries[1]["_jobresults"]["violations"] == 1
    assert entries[2]["_jobresults"]["operation"] is None
    assert entries[2]["response"]["status"] == 404
    assert entries[3]["response"]["status"] == 0
    assert entries[3]["response"]["_error"].startswith("upstream_reset: ")

    outcome = validate_har(document, service="wickson")
    assert [report.ok for report in outcome.reports] == [True, False]
    assert len(outcome.skipped) == 2  # the unmatched request and the reset
    result = CliRunner().invoke(app, ["validate", "wickson", "getBatchResults", str(har)])
    assert result.exit_code == 11, result.output
    assert "not_in_enum" in result.output
    assert "2 responses checked: 1 valid, 1 with violations" in result.output


def test_credentials_never_reach_the_har_or_the_output(
    start_server: StartServer,
    start_proxy: StartProxy,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configured = "configured-wickson-key-Zq81"
    sent = "request-key-Hq73Lm02"
    bearer = "bearer-token-Pw44Xs91"
    cookie = "cookie-secret-Rt55Vb17"
    monkeypatch.setenv("WICKSON_API_KEY", configured)
    echoed_error = orjson.dumps({"success": f"{sent} {configured}"})
    answers = {
        BATCH: Scripted(
            headers=(("content-type", "application/json"), ("set-cookie", f"s={cookie}; Path=/")),
            chunks=(echoed_error,),
        )
    }
    scripted = start_server(ScriptedApp(answers))
    echo = start_server(EchoApp())
    har = tmp_path / "secrets.har"
    through_echo, echo_lines = start_proxy("wickson", echo.url, record=str(har))
    har_scripted = tmp_path / "scripted.har"
    through_scripted, lines = start_proxy("wickson", scripted.url, record=str(har_scripted))
    headers = {
        "X-Api-Key": sent,
        "Authorization": f"Bearer {bearer}",
        "Cookie": f"session={cookie}; theme=dark",
    }
    body = f'{{"key": "{sent}", "configured": "{configured}"}}'.encode()
    with httpx.Client(headers=headers) as client:
        echoed = client.post(
            through_echo.url + "/anything",
            params={"token": sent, "other": configured},
            content=body,
        )
        assert echoed.status_code == 200  # the upstream got everything, as sent
        assert sent in echoed.text
        checked = client.get(through_scripted.url + BATCH)
    assert checked.headers["x-jobresults-violations"] != "0"
    assert any("[wrong_type]" in line and "[masked]" in line for line in lines)
    written = har.read_text() + har_scripted.read_text() + "\n".join(lines + echo_lines)
    for secret in (configured, sent, bearer, cookie):
        for form in (secret, quote(secret, safe="")):
            assert form not in written
    entry = orjson.loads(har.read_bytes())["log"]["entries"][0]
    request_headers = {h["name"].lower(): h["value"] for h in entry["request"]["headers"]}
    assert request_headers["x-api-key"] == "[masked]"
    assert request_headers["authorization"] == "[masked]"
    assert request_headers["cookie"] == "[masked]"
    assert entry["request"]["cookies"] == [
        {"name": "session", "value": "[masked]"},
        {"name": "theme", "value": "[masked]"},
    ]
    assert {"name": "token", "value": "[masked]"} in entry["request"]["queryString"]
    assert "[masked]" in entry["request"]["postData"]["text"]
    scripted_entry = orjson.loads(har_scripted.read_bytes())["log"]["entries"][0]
    assert scripted_entry["response"]["cookies"] == [{"name": "s", "value": "[masked]"}]


def test_bodies_are_recorded_decoded_and_binary_ones_in_base64(
    start_server: StartServer, start_proxy: StartProxy, tmp_path: Path
) -> None:
    binary = bytes(range(256))
    answers = {
        "/binary": Scripted(
            headers=(("content-type", "application/octet-stream"),), chunks=(binary,)
        ),
        "/gzip": Scripted(
            headers=(("content-type", "text/plain"), ("content-encoding", "gzip")),
            chunks=(gzip.compress(b"plain text " * 100),),
        ),
    }
    upstream = start_server(ScriptedApp(answers))
    har = tmp_path / "bodies.har"
    proxy, _ = start_proxy("wickson", upstream.url, record=str(har))
    assert httpx.get(proxy.url + "/binary").content == binary
    assert httpx.get(proxy.url + "/gzip").text == "plain text " * 100
    binary_entry, gzip_entry = orjson.loads(har.read_bytes())["log"]["entries"]
    content = binary_entry["response"]["content"]
    assert content["encoding"] == "base64"
    assert base64.b64decode(content["text"]) == binary
    content = gzip_entry["response"]["content"]
    assert content["text"] == "plain text " * 100
    assert content["size"] == 1100
    assert gzip_entry["response"]["bodySize"] < 1100


async def test_concurrent_exchanges_all_land_in_one_valid_document(
    jobresults_mock: MockServer, start_proxy: StartProxy, tmp_path: Path
) -> None:
    har = tmp_path / "concurrent.har"
    proxy, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"), record=str(har))
    async with httpx.AsyncClient(base_url=proxy.url, headers=KEY, timeout=30) as client:
        pages = range(1, 61)
        answers = await asyncio.gather(
            *(client.get(BATCH, params={"page": page, "page_size": 2}) for page in pages)
        )
    assert all(answer.status_code == 200 for answer in answers)
    entries = orjson.loads(har.read_bytes())["log"]["entries"]
    recorded = sorted(int(e["request"]["url"].rsplit("page=", 1)[1].split("&")[0]) for e in entries)
    assert recorded == list(pages)

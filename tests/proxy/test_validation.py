"""What the proxy checks and says: the violations header and lines, reject mode, strict and
lenient, unmatched requests, the running report, and the answers it makes when the upstream
fails."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import orjson
import pytest
from jobresults.mock import MockServer, auth_headers

from ._upstreams import Scripted, ScriptedApp
from .conftest import StartProxy, StartServer

BATCH = "/v1/batches/batch-abc123/results"
KEY = auth_headers("wickson")


def test_violations_are_counted_in_the_header_and_printed_one_per_line(
    jobresults_mock: MockServer, start_proxy: StartProxy
) -> None:
    proxy, lines = start_proxy("wickson", jobresults_mock.base_url("wickson"))
    with httpx.Client(base_url=proxy.url, headers=KEY) as client:
        fine = client.get(BATCH)
        broken = client.get(BATCH, headers={"X-Mock-Fault": "unknown-enum"})
        missing = client.get(BATCH, headers={"X-Mock-Fault": "missing-field"})
    assert fine.headers["x-jobresults-violations"] == "0"
    assert broken.status_code == 200
    assert broken.headers["x-jobresults-violations"] == "1"
    assert broken.headers["x-mock-fault"] == "unknown-enum"  # the upstream's own headers too
    assert missing.headers["x-jobresults-violations"] == "1"
    assert len(lines) == 2
    enum_line, missing_line = lines
    assert enum_line.startswith(f"GET {BATCH} -> 200 getBatchResults: [not_in_enum]")
    assert "pointer=/data/job_results/0/status" in enum_line
    assert "is not one of succeeded, failed, processed" in enum_line
    assert "[missing_required_field] pointer=" in missing_line


def test_reject_mode_answers_502_with_the_report(
    jobresults_mock: MockServer, start_proxy: StartProxy
) -> None:
    proxy, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"), mode="reject")
    with httpx.Client(base_url=proxy.url, headers=KEY) as client:
        fine = client.get(BATCH)
        rejected = client.get(BATCH, headers={"X-Mock-Fault": "unknown-enum"})
    assert fine.status_code == 200
    assert fine.headers["x-jobresults-violations"] == "0"
    assert rejected.status_code == 502
    assert rejected.headers["x-jobresults-violations"] == "1"
    report = rejected.json()
    assert report["ok"] is False
    assert report["status"] == 200
    assert report["operation_id"] == "getBatchResults"
    assert [v["kind"] for v in report["violations"]] == ["not_in_enum"]
    assert report["violations"][0]["pointer"] == "/data/job_results/0/status"
    assert proxy.report()["rejected"] == 1


def test_strict_by_default_and_lenient_allows_undocumented_fields(
    jobresults_mock: MockServer, start_server: StartServer, start_proxy: StartProxy
) -> None:
    page = orjson.loads(httpx.get(jobresults_mock.base_url("wickson") + BATCH, headers=KEY).content)
    page["data"]["batch_summary"]["undocumented"] = True
    upstream = start_server(ScriptedApp({BATCH: Scripted(chunks=(orjson.dumps(page),))}))
    strict, strict_lines = start_proxy("wickson", upstream.url)
    lenient, lenient_lines = start_proxy("wickson", upstream.url, strict=False)
    assert httpx.get(strict.url + BATCH).headers["x-jobresults-violations"] == "1"
    assert "[extra_field] pointer=/data/batch_summary/undocumented" in strict_lines[0]
    assert httpx.get(lenient.url + BATCH).headers["x-jobresults-violations"] == "0"
    assert lenient_lines == []


def test_status_content_type_and_body_are_all_checked(
    start_server: StartServer, start_proxy: StartProxy
) -> None:
    answers = {
        "/v1/batches/teapot/results": Scripted(418, chunks=(b"{}",)),
        "/v1/batches/html/results": Scripted(
            200, (("content-type", "text/html"),), (b"<html>fine, really</html>",)
        ),
        "/v1/batches/cut/results": Scripted(chunks=(b'{"success": tr',)),
    }
    upstream = start_server(ScriptedApp(answers))
    proxy, lines = start_proxy("wickson", upstream.url)
    kinds = {}
    for name in answers:
        response = httpx.get(proxy.url + name)
        assert response.content == b"".join(answers[name].chunks)
        kinds[name.split("/")[3]] = response.headers["x-jobresults-violations"]
    assert kinds == {"teapot": "1", "html": "1", "cut": "1"}
    text = "\n".join(lines)
    assert "[undocumented_status]" in text
    assert "[wrong_content_type]" in text
    assert "[invalid_json]" in text


def test_unmatched_requests_are_forwarded_and_counted(
    jobresults_mock: MockServer, start_proxy: StartProxy
) -> None:
    proxy, lines = start_proxy("wickson", jobresults_mock.base_url("wickson"))
    with httpx.Client(base_url=proxy.url, headers=KEY) as client:
        other_path = client.get("/v1/batches")
        other_method = client.post(BATCH)
        prefixed = client.get("/extra" + BATCH)  # the path is matched whole, under the base
    assert other_path.status_code == 404
    assert other_method.status_code == 405
    assert prefixed.status_code == 404
    for response in (other_path, other_method, prefixed):
        assert "x-jobresults-violations" not in response.headers
    report = proxy.report()
    assert report["unmatched"] == 3
    assert report["validated"] == 0
    assert report["responses"] == 3
    assert lines == []


def test_the_running_report(jobresults_mock: MockServer, start_proxy: StartProxy) -> None:
    proxy, _ = start_proxy("modzy", jobresults_mock.base_url("modzy"))
    headers = auth_headers("modzy")
    with httpx.Client(base_url=proxy.url, headers=headers) as client:
        client.get("/jobs/history")
        client.get("/jobs/history", headers={"X-Mock-Fault": "html"})
        client.get("/results/14856eb1-0ad8-49e7-9da3-887acb80fea5")
        client.get(
            "/results/14856eb1-0ad8-49e7-9da3-887acb80fea5", headers={"X-Mock-Fault": "reset"}
        )
        client.get("/nowhere")
        report = client.get("/_proxy/report")
        wrong_method = client.post("/_proxy/report")
        unknown = client.get("/_proxy/other")
    assert report.status_code == 200
    assert report.headers["content-type"] == "application/json"
    summary = report.json()
    assert summary["service"] == "modzy"
    assert summary["upstream"] == jobresults_mock.base_url("modzy")
    assert (summary["mode"], summary["strict"]) == ("report", True)
    assert summary["responses"] == 5
    assert summary["validated"] == 3
    assert summary["valid"] == 2
    assert summary["invalid"] == 1
    assert summary["unmatched"] == 1
    assert summary["upstream_failures"] == {"upstream_reset": 1}
    history = summary["operations"]["getJobHistory"]
    assert history["responses"] == 2
    assert history["invalid"] == 1
    assert set(history["violations"]) == set(summary["violations_by_kind"])
    assert summary["operations"]["getResults"] == {"responses": 1, "invalid": 0, "violations": {}}
    assert wrong_method.status_code == 405
    assert unknown.status_code == 404


def test_an_upstream_that_is_down_gives_502_with_a_clear_body(start_proxy: StartProxy) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proxy, lines = start_proxy("wickson", f"http://127.0.0.1:{port}/wickson")
    response = httpx.get(proxy.url + BATCH, headers=KEY)
    assert response.status_code == 502
    assert response.headers["x-jobresults-upstream-error"] == "upstream_unreachable"
    body = response.json()
    assert body["error"] == "upstream_unreachable"
    assert "cannot connect to the upstream" in body["message"]
    assert f"127.0.0.1:{port}/wickson{BATCH}" in body["message"]
    assert lines[0].startswith(f"GET {BATCH} -> upstream_unreachable: ")
    assert proxy.report()["upstream_failures"] == {"upstream_unreachable": 1}


def test_resets_and_truncation_are_reported_as_they_are(
    jobresults_mock: MockServer, start_proxy: StartProxy
) -> None:
    proxy, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"))
    with httpx.Client(base_url=proxy.url, headers=KEY) as client:
        reset = client.get(BATCH, headers={"X-Mock-Fault": "reset"})
        truncated = client.get(BATCH, headers={"X-Mock-Fault": "truncate"})
        server_error = client.get(BATCH, headers={"X-Mock-Fault": "500"})
    assert (reset.status_code, reset.json()["error"]) == (502, "upstream_reset")
    assert (truncated.status_code, truncated.json()["error"]) == (502, "upstream_truncated")
    assert "the response body ended after" in truncated.json()["message"]
    assert server_error.status_code == 500  # the upstream's own answer, passed on
    assert server_error.headers["x-jobresults-violations"] == "0"  # Wickson documents it


@pytest.fixture
def silent_upstream() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()


def test_a_silent_upstream_gives_504_once_the_timeout_passes(
    silent_upstream: str, start_proxy: StartProxy
) -> None:
    proxy, _ = start_proxy("wickson", silent_upstream, timeout=0.3)
    response = httpx.get(proxy.url + BATCH, timeout=10)
    assert response.status_code == 504
    assert response.json()["error"] == "upstream_timeout"


def test_bodies_over_the_size_limit_are_refused(
    jobresults_mock: MockServer, start_server: StartServer, start_proxy: StartProxy
) -> None:
    chunked = Scripted(chunks=(b"[" + b"1," * 3000, b"1]"))  # no Content-Length
    upstream = start_server(ScriptedApp({BATCH: chunked}))
    declared, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"), max_body_bytes=1000)
    streamed, _ = start_proxy("wickson", upstream.url, max_body_bytes=1000)
    for proxy in (declared, streamed):
        response = httpx.get(proxy.url + BATCH, headers=KEY)
        assert response.status_code == 502
        assert response.json()["error"] == "upstream_too_large"
        assert "over the proxy's 1000-byte limit" in response.json()["message"]

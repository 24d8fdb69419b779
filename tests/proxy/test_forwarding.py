"""What the proxy forwards: the request as the client sent it, the response as it came, with
RFC 9110's hop-by-hop headers handled in both directions."""

from __future__ import annotations

import base64
import gzip
import shutil
import subprocess

import httpx
import orjson
import pytest
from jobresults.mock import MockServer, auth_headers

from ._upstreams import EchoApp, Scripted, ScriptedApp
from .conftest import StartProxy, StartServer

BATCH = "/v1/batches/batch-abc123/results"


def test_the_request_reaches_the_upstream_as_sent(
    start_server: StartServer, start_proxy: StartProxy
) -> None:
    echo = EchoApp()
    upstream = start_server(echo)
    proxy, _ = start_proxy("wickson", upstream.url + "/base")
    headers = [
        ("X-Api-Key", "k-1234567890"),
        ("X-Repeated", "one"),
        ("X-Repeated", "two"),
        ("Content-Type", "application/octet-stream"),
    ]
    body = bytes(range(256)) * 10
    target = "/v1/anything/a%2Fb%20c/%7E?b=2&a=%41&a=&c"
    with httpx.Client(base_url=proxy.url) as client:
        answer = client.request("PATCH", target, headers=headers, content=body)
    assert answer.status_code == 200
    seen = orjson.loads(answer.content)
    assert seen["method"] == "PATCH"
    assert seen["raw_path"] == "/base/v1/anything/a%2Fb%20c/%7E"  # the bytes as sent
    assert seen["query"] == "b=2&a=%41&a=&c"
    assert base64.b64decode(seen["body"]) == body
    pairs = [(name, value) for name, value in seen["headers"]]
    assert ("x-api-key", "k-1234567890") in pairs
    assert [v for n, v in pairs if n == "x-repeated"] == ["one", "two"]  # order kept
    assert ("host", upstream.url.removeprefix("http://")) in pairs
    assert ("via", "1.1 jobresults") in pairs
    assert ("content-length", str(len(body))) in pairs


def test_a_streamed_request_body_is_forwarded_whole(
    start_server: StartServer, start_proxy: StartProxy
) -> None:
    upstream = start_server(EchoApp())
    proxy, _ = start_proxy("wickson", upstream.url)
    chunks = [b"x" * 70_000, b"y" * 5, b"z" * 100_000]

    def body():  # type: ignore[no-untyped-def]
        yield from chunks

    with httpx.Client(base_url=proxy.url) as client:
        seen = client.post("/upload", content=body()).json()
    assert base64.b64decode(seen["body"]) == b"".join(chunks)
    names = [name for name, _ in seen["headers"]]
    assert "transfer-encoding" in names  # re-framed by the proxy, not dropped


def test_hop_by_hop_request_headers_are_not_forwarded(
    start_server: StartServer, start_proxy: StartProxy
) -> None:
    upstream = start_server(EchoApp())
    proxy, _ = start_proxy("wickson", upstream.url)
    headers = {
        "Connection": "keep-alive, X-Hop-Secret",
        "X-Hop-Secret": "only for the next hop",
        "Keep-Alive": "timeout=5",
        "Proxy-Connection": "keep-alive",
        "TE": "trailers",
        "Proxy-Authorization": "Basic cHJveHk6cGFzcw==",
        "Via": "1.0 earlier-proxy",
        "X-End-To-End": "kept",
    }
    with httpx.Client(base_url=proxy.url) as client:
        seen = client.get("/anything", headers=headers).json()
    names = {name for name, _ in seen["headers"]}
    gone = {"x-hop-secret", "keep-alive", "proxy-connection", "te", "proxy-authorization"}
    assert not names & gone
    pairs = dict(seen["headers"])
    assert pairs["x-end-to-end"] == "kept"
    assert pairs["via"] == "1.0 earlier-proxy, 1.1 jobresults"


def test_hop_by_hop_response_headers_are_dropped_and_the_rest_kept(
    start_server: StartServer, start_proxy: StartProxy
) -> None:
    answer = Scripted(
        headers=(
            ("content-type", "text/plain"),
            ("connection", "X-Upstream-Hop"),
            ("x-upstream-hop", "1"),
            ("keep-alive", "timeout=5"),
            ("set-cookie", "a=1"),
            ("set-cookie", "b=2"),
            ("x-end-to-end", "kept"),
        ),
        chunks=(b"hello",),
    )
    upstream = start_server(ScriptedApp({"/page": answer}))
    proxy, _ = start_proxy("wickson", upstream.url)
    response = httpx.get(proxy.url + "/page")
    assert response.content == b"hello"
    assert "x-upstream-hop" not in response.headers
    assert "keep-alive" not in response.headers
    assert response.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert response.headers["x-end-to-end"] == "kept"
    assert "x-jobresults-violations" not in response.headers  # unmatched: nothing validated


def test_a_validated_response_comes_back_byte_for_byte(
    jobresults_mock: MockServer, start_proxy: StartProxy
) -> None:
    proxy, _ = start_proxy("wickson", jobresults_mock.base_url("wickson"))
    headers = auth_headers("wickson")
    params = {"page_size": 1000, "page": 3}
    direct = httpx.get(jobresults_mock.base_url("wickson") + BATCH, params=params, headers=headers)
    through = httpx.get(proxy.url + BATCH, params=params, headers=headers)
    assert through.status_code == direct.status_code == 200
    assert through.content == direct.content
    assert through.headers["x-jobresults-violations"] == "0"
    assert through.headers["content-length"] == direct.headers["content-length"]
    assert through.headers["content-type"] == direct.headers["content-type"]


def test_a_compressed_body_is_forwarded_compressed_and_validated_decoded(
    jobresults_mock: MockServer, start_server: StartServer, start_proxy: StartProxy
) -> None:
    page = httpx.get(
        jobresults_mock.base_url("wickson") + BATCH, headers=auth_headers("wickson")
    ).content
    broken = page.replace(b'"succeeded"', b'"SUCCEEDED"', 1)
    answers = {
        BATCH: Scripted(
            headers=(("content-type", "application/json"), ("content-encoding", "gzip")),
            chunks=(gzip.compress(page, mtime=0),),
        ),
        "/v1/batches/broken/results": Scripted(
            headers=(("content-type", "application/json"), ("content-encoding", "gzip")),
            chunks=(gzip.compress(broken, mtime=0),),
        ),
    }
    upstream = start_server(ScriptedApp(answers))
    proxy, lines = start_proxy("wickson", upstream.url)
    with httpx.Client(base_url=proxy.url) as client, client.stream("GET", BATCH) as response:
        raw = b"".join(response.iter_raw())
        assert response.headers["x-jobresults-violations"] == "0"
    assert raw == gzip.compress(page, mtime=0)
    broken_answer = httpx.get(proxy.url + "/v1/batches/broken/results")
    assert broken_answer.content == broken  # httpx decoded the forwarded gzip
    assert broken_answer.headers["x-jobresults-violations"] == "1"
    assert "[not_in_enum]" in lines[0]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_through_the_proxy(jobresults_mock: MockServer, start_proxy: StartProxy) -> None:
    """A client that is not Python: curl, with its own headers and its own HTTP stack."""
    proxy, lines = start_proxy("wickson", jobresults_mock.base_url("wickson"))
    key = jobresults_mock.api_key("wickson")
    url = f"{proxy.url}{BATCH}?page_size=2"

    def curl(*extra: str) -> tuple[dict[str, str], bytes]:
        done = subprocess.run(
            ["curl", "-sS", "-D", "-", "-H", f"X-Api-Key: {key}", *extra, url],
            capture_output=True,
            timeout=30,
            check=True,
        )
        head, _, body = done.stdout.partition(b"\r\n\r\n")
        lines_ = head.decode("latin-1").split("\r\n")
        headers = {n.lower(): v.strip() for n, _, v in (x.partition(":") for x in lines_[1:])}
        headers[":status"] = lines_[0].split()[1]
        return headers, body

    headers, body = curl()
    assert headers[":status"] == "200"
    assert headers["x-jobresults-violations"] == "0"
    assert orjson.loads(body)["data"]["batch_summary"]["batch_id"] == "batch-abc123"
    headers, body = curl("-H", "X-Mock-Fault: missing-field", "--compressed")
    assert headers["x-jobresults-violations"] == "1"
    assert "[missing_required_field]" in lines[-1]
    assert key not in "\n".join(lines)
    report = orjson.loads(
        subprocess.run(
            ["curl", "-sS", f"{proxy.url}/_proxy/report"], capture_output=True, check=True
        ).stdout
    )
    assert report["validated"] == 2
    assert report["violations_by_kind"] == {"missing_required_field": 1}

"""The mock server under load and bad requests: it keeps answering, answers each bad request with
a 4xx in the service's error shape, and its seeded data is the same afterwards."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import socket
import ssl
import time
from collections.abc import Iterator

import httpx
import orjson
import pytest
from jobresults.mock import MockServer, auth_headers, seeded

from ._support import awithin, has_error_shape, within

CLIENTS = 200
LOAD_SECONDS = 2.0
TLS = ssl.create_default_context()
"""One TLS context for all clients (unused on plain http; building one per client costs ~30 ms)."""

GOOD_REQUESTS = [
    ("modzy", f"/results/{seeded.MODZY_EXAMPLE_JOB}"),
    ("modzy", "/jobs/history?per-page=5"),
    ("llamacloud", f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result"),
    ("wickson", f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results?page=2&page_size=10"),
    ("overmind", f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/"),
]

_BATCH = f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results"
BAD_REQUESTS: list[tuple[str, str, str, int]] = [
    # service, method, path under the service's base URL, expected status
    ("wickson", "GET", f"{_BATCH}?page=abc", 400),
    ("wickson", "GET", f"{_BATCH}?page=0", 400),
    ("wickson", "GET", f"{_BATCH}?page=-1", 400),
    ("wickson", "GET", f"{_BATCH}?page=1.5", 400),
    ("wickson", "GET", f"{_BATCH}?page_size=0", 400),
    ("wickson", "GET", f"{_BATCH}?page_size=1001", 400),
    ("wickson", "GET", f"{_BATCH}?page=1&page=2", 400),
    ("wickson", "GET", f"{_BATCH}?page=%00", 400),
    ("wickson", "GET", f"{_BATCH}?page=%E2%80%8B1", 400),
    ("wickson", "GET", "/v1/batches//results", 400),
    ("wickson", "GET", "/v1/batches/batch-xyz789/results", 404),
    ("wickson", "GET", f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}", 404),
    ("wickson", "GET", f"{_BATCH}/extra", 404),
    ("wickson", "GET", "/v2/%2e%2e/%2e%2e/etc/passwd", 404),
    ("wickson", "POST", _BATCH, 405),
    ("modzy", "GET", "/jobs/history?page=0", 400),
    ("modzy", "GET", "/jobs/history?per-page=1e3", 400),
    ("modzy", "GET", "/jobs/history?startDate=yesterday", 400),
    ("modzy", "GET", "/jobs/history?endDate=2024-13-45T99:99:99Z", 400),
    ("modzy", "GET", "/jobs/history?status=bogus", 400),
    ("modzy", "GET", "/jobs/history?direction=sideways", 400),
    ("modzy", "GET", "/results/", 400),
    ("modzy", "GET", "/results/no-such-job", 404),
    ("modzy", "GET", "/results/%ff%fe", 404),
    ("modzy", "DELETE", f"/results/{seeded.MODZY_EXAMPLE_JOB}", 405),
    ("overmind", "GET", "/api/jobs/not-a-uuid/", 400),
    ("overmind", "GET", "/api/jobs/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e%00/", 400),
    ("overmind", "GET", "/api/jobs/00000000-0000-4000-8000-000000000000/", 404),
    ("overmind", "GET", "/api/jobs/x", 404),
    ("overmind", "PUT", f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/", 405),
    ("llamacloud", "GET", "/api/v1/extraction/jobs/%20/result", 404),
    ("llamacloud", "GET", "/api/v1/extraction/jobs/x/result?organization_id=%00", 404),
    ("llamacloud", "GET", "/api/v1/extraction/jobs/x/results", 404),
    ("llamacloud", "PATCH", f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result", 405),
]


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(seed=3, log_level="critical") as mock:
        yield mock


def seeded_state(server: MockServer, **extra_headers: str) -> dict[str, str]:
    """A digest of every seeded job's response, the history's first page and the listing; the
    seeded jobs that progress by themselves (the listing's `progressing`) are left out, as they
    change with time alone."""
    paths = {
        "modzy": "/results/{}",
        "llamacloud": "/api/v1/extraction/jobs/{}/result",
        "wickson": "/v1/batches/{}/results?page_size=1000",
        "overmind": "/api/jobs/{}/",
    }
    listing = server.listing()
    digests = {"listing": hashlib.sha256(orjson.dumps(listing)).hexdigest()}
    with httpx.Client(timeout=30) as http:
        for service, info in listing.items():
            moving = set(info.get("progressing", []))
            ids = [i for i in [*info.get("jobs", []), *info.get("batches", [])] if i not in moving]
            extra = ["/jobs/history?per-page=100"] if service == "modzy" else []
            for path in [paths[service].format(job) for job in ids] + extra:
                headers = {**auth_headers(service), **extra_headers}
                response = http.get(server.base_url(service) + path, headers=headers)
                digests[f"{service} {path}"] = (
                    f"{response.status_code} {hashlib.sha256(response.content).hexdigest()}"
                )
    return digests


def check_bad_answer(service: str, expected: int, response: httpx.Response) -> None:
    where = f"{response.request.method} {response.request.url}"
    assert response.status_code == expected, (where, response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("application/json"), where
    assert has_error_shape(service, orjson.loads(response.content)), (where, response.text)


@pytest.mark.parametrize(("service", "method", "path", "expected"), BAD_REQUESTS)
def test_each_bad_request_gets_a_4xx_in_the_service_error_shape(
    server: MockServer, service: str, method: str, path: str, expected: int
) -> None:
    url = server.base_url(service) + path
    with httpx.Client(timeout=10) as http:
        response = http.request(method, url, headers=auth_headers(service))
    check_bad_answer(service, expected, response)


@pytest.mark.parametrize("service", ["modzy", "llamacloud", "wickson", "overmind"])
def test_a_huge_or_missing_key_is_a_401_in_the_service_error_shape(
    server: MockServer, service: str
) -> None:
    path = dict(GOOD_REQUESTS)[service]
    with httpx.Client(base_url=server.base_url(service), timeout=10) as http:
        for headers in (auth_headers(service, "k" * 40_000), {}):
            check_bad_answer(service, 401, http.get(path, headers=headers))


def raw_exchange(server: MockServer, request: bytes) -> bytes:
    """Send raw bytes on a new connection; return what came back before the server closed."""
    received = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        try:
            sock.sendall(request)
            while chunk := sock.recv(65536):
                received += chunk
        except OSError:  # the server may reset a connection it refused
            pass
    return received


def test_heads_over_the_http_servers_limit_get_a_400_and_the_server_keeps_answering(
    server: MockServer,
) -> None:
    key = auth_headers("wickson")["X-Api-Key"]
    within_limit = (
        f"GET /wickson{_BATCH}?page_size=1 HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}\r\n"
        f"X-Padding: {'p' * 60_000}\r\nConnection: close\r\n\r\n"
    ).encode()
    assert raw_exchange(server, within_limit).startswith(b"HTTP/1.1 200 ")
    too_large = [
        f"GET /wickson{_BATCH} HTTP/1.1\r\nHost: x\r\nX-Padding: {'p' * 300_000}\r\n\r\n",
        f"GET /wickson/v1/batches/{'b' * 300_000}/results HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /wickson HTTP/1.1\r\nHost: x\r\n" + "X-Many: v\r\n" * 30_000 + "\r\n",
        "\x16\x03\x01 not http at all\r\n\r\n",
    ]
    for request in too_large:
        answer = raw_exchange(server, request.encode())
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:100]
    with server.client("wickson", timeout=10) as http:
        assert http.get(_BATCH, params={"page_size": 1}).status_code == 200


async def _good_client(server: MockServer, number: int, stop_at: float) -> int:
    service, path = GOOD_REQUESTS[number % len(GOOD_REQUESTS)]
    answered = 0
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(
        base_url=server.base_url(service),
        headers=auth_headers(service),
        limits=limits,
        timeout=30,
        verify=TLS,
    ) as http:
        while True:
            response = await http.get(path)
            assert response.status_code == 200, (path, response.status_code)
            orjson.loads(response.content)
            answered += 1
            if time.monotonic() >= stop_at:
                return answered


async def _bad_client(server: MockServer, number: int, stop_at: float) -> int:
    answered = 0
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(limits=limits, timeout=30, verify=TLS) as http:
        while True:
            service, method, path, expected = BAD_REQUESTS[(number + answered) % len(BAD_REQUESTS)]
            response = await http.request(
                method, server.base_url(service) + path, headers=auth_headers(service)
            )
            check_bad_answer(service, expected, response)
            answered += 1
            if time.monotonic() >= stop_at:
                return answered


async def test_two_hundred_concurrent_clients_with_bad_requests_among_them(
    server: MockServer,
) -> None:
    before = await asyncio.to_thread(seeded_state, server)
    stop_at = time.monotonic() + LOAD_SECONDS
    clients = [
        (_bad_client if number % 4 == 0 else _good_client)(server, number, stop_at)
        for number in range(CLIENTS)
    ]
    answered = await awithin(LOAD_SECONDS + 30, asyncio.gather(*clients))
    assert len(answered) == CLIENTS
    assert min(answered) >= 1
    print(f"{CLIENTS} clients, {sum(answered)} requests answered in about {LOAD_SECONDS} s")
    after = await asyncio.to_thread(seeded_state, server)
    assert after == before


def test_the_seeded_state_survives_faulted_and_malformed_traffic() -> None:
    with MockServer(seed=3, faults="429=0.3,500=0.2,reset=0.1,truncate=0.1") as faulty:
        before = within(30, lambda: seeded_state(faulty, **{"X-Mock-Fault": "none"}))
        with httpx.Client(timeout=10) as http:
            for service, method, path, _ in BAD_REQUESTS * 3:
                with contextlib.suppress(httpx.TransportError):
                    http.request(method, faulty.base_url(service) + path)
        assert within(30, lambda: seeded_state(faulty, **{"X-Mock-Fault": "none"})) == before


KEEP_ALIVE = 0.4
"""The keep-alive timeout of the servers below (the mock's default is 5 s)."""


def _until_closed(sock: socket.socket, limit: float) -> tuple[bytes, float]:
    """What the server sends on `sock` until it closes it, and when it did (seconds from now);
    (what came, inf) if it is still open after `limit` seconds."""
    started = time.monotonic()
    received = b""
    sock.settimeout(0.05)
    while time.monotonic() - started < limit:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    else:
        return received, float("inf")
    return received, time.monotonic() - started


@pytest.fixture(params=["httptools", "h11"])
def protocol(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The guarded protocol the servers started in the test use: httptools (the mock's), or the
    h11 one it falls back on without httptools."""
    if request.param == "h11":
        from jobresults.mock import _server
        from jobresults.mock._protocol import GuardedH11Protocol

        monkeypatch.setattr(_server, "guarded_protocol", lambda: GuardedH11Protocol)
    return str(request.param)


def test_idle_and_half_open_connections_are_closed_after_the_keep_alive_timeout(
    protocol: str,
) -> None:
    key = auth_headers("wickson")["X-Api-Key"]
    head = f"GET /wickson{_BATCH}?page_size=1 HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}\r\n"
    with MockServer(seed=3, log_level="critical", keep_alive_timeout=KEEP_ALIVE) as mock:
        address = ("127.0.0.1", mock.port)
        idle = socket.create_connection(address)
        partial_head = socket.create_connection(address)
        partial_head.sendall(b"GET /wickson/v1/batch")
        partial_body = socket.create_connection(address)
        partial_body.sendall(
            b"POST /_mock/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"
        )
        after_a_response = socket.create_connection(address)
        after_a_response.sendall((head + "\r\n").encode())
        trickling = socket.create_connection(address)
        started = time.monotonic()
        trickled = 0
        while time.monotonic() - started < 2 * KEEP_ALIVE:  # a byte every 20 ms, a "slowloris"
            with contextlib.suppress(OSError):
                trickling.send(head[trickled % len(head)].encode())
            trickled += 1
            time.sleep(0.02)
        outcomes = {
            name: _until_closed(sock, 2.0)
            for name, sock in [
                ("idle", idle),
                ("partial head", partial_head),
                ("partial body", partial_body),
                ("after a response", after_a_response),
                ("trickling", trickling),
            ]
        }
        for sock in (idle, partial_head, partial_body, after_a_response, trickling):
            sock.close()
        with mock.client("wickson", timeout=10) as http:
            assert http.get(_BATCH, params={"page_size": 1}).status_code == 200
    elapsed = time.monotonic() - started
    for name, (received, closed_after) in outcomes.items():
        assert closed_after < 2.0, f"{name}: still open"
        if name in ("partial head", "partial body", "trickling"):
            assert received.startswith(b"HTTP/1.1 408 "), (name, received[:60])
            assert b"\r\nConnection: close\r\n" in received, name
        elif name == "idle":
            assert received == b""
        else:
            assert received.startswith(b"HTTP/1.1 200 "), received[:60]
            assert received.count(b"HTTP/1.1") == 1
    assert elapsed < 2 * KEEP_ALIVE + 2 * 1.0


def test_each_answer_restarts_the_keep_alive_clock(protocol: str) -> None:
    key = auth_headers("wickson")["X-Api-Key"]
    request = (
        f"GET /wickson{_BATCH}?page_size=1 HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}\r\n\r\n"
    ).encode()
    with (
        MockServer(seed=3, log_level="critical", keep_alive_timeout=KEEP_ALIVE) as mock,
        socket.create_connection(("127.0.0.1", mock.port), timeout=5) as sock,
    ):
        started = time.monotonic()
        for _ in range(5):  # about 1.2 s in all, three timeouts, never idle for one
            sock.sendall(request)
            received = b""
            while b"\r\n\r\n" not in received:
                chunk = sock.recv(65536)
                assert chunk, "closed while in use"
                received += chunk
            head, _, body = received.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200 "), head[:60]
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            while len(body) < length:
                chunk = sock.recv(65536)
                assert chunk, "closed in the middle of a body"
                body += chunk
            time.sleep(KEEP_ALIVE * 0.6)
        assert time.monotonic() - started > 2 * KEEP_ALIVE
        rest, closed_after = _until_closed(sock, 2.0)
    assert rest == b""  # a quiet close
    assert KEEP_ALIVE * 0.2 < closed_after < KEEP_ALIVE + 1.0


def test_a_head_growing_past_the_bound_is_refused_before_it_ends(server: MockServer) -> None:
    from jobresults.mock._httptools_protocol import MAX_HEAD_BYTES

    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GET /wickson/v1/batches HTTP/1.1\r\nHost: x\r\nX-Padding: ")
        received = b""
        for _ in range(2 * MAX_HEAD_BYTES // 8192):  # never ends its head
            time.sleep(0.005)  # each piece its own packet
            try:
                sock.sendall(b"p" * 8192)
            except OSError:  # refused and closed
                break
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                received += chunk
    assert received.startswith(b"HTTP/1.1 400 "), received[:100]
    assert b"\r\nconnection: close\r\n" in received.lower()


def test_pipelined_requests_are_answered_in_order_on_one_connection(server: MockServer) -> None:
    key = auth_headers("wickson")["X-Api-Key"]
    heads = [
        f"GET /wickson{_BATCH}?page={page}&page_size=1 HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}"
        for page in (1, 2, 3)
    ]
    request = "".join(head + "\r\n\r\n" for head in heads[:-1]) + heads[-1]
    request += "\r\nConnection: close\r\n\r\n"
    received = raw_exchange(server, request.encode())
    answers = received.split(b"HTTP/1.1 ")[1:]
    assert [answer[:3] for answer in answers] == [b"200"] * 3
    pages = [orjson.loads(answer.partition(b"\r\n\r\n")[2]) for answer in answers]
    assert [page["data"]["pagination"]["page"] for page in pages] == [1, 2, 3]


OUT_OF_RANGE = [
    ("/clock", {"advance": 1e300}),
    ("/clock", {"advance": 1e10}),
    ("/clock", {"advance": -1}),
    ("/clock", {"advance": "soon"}),
    ("/clock", {"advance": True}),
    ("/jobs", {"service": "overmind", "seconds": 1e308}),
    ("/jobs", {"service": "overmind", "seconds": -5}),
    ("/jobs", {"service": "overmind", "seconds": 0}),
    ("/jobs", {"service": "overmind", "count": -1}),
    ("/jobs", {"service": "overmind", "count": 10**30}),
    ("/jobs", {"service": "overmind", "items": -3}),
    ("/jobs", {"service": "overmind", "items": 2, "failures": -1}),
    ("/jobs", {"service": "overmind", "items": 2, "failures": 3}),
]


@pytest.mark.parametrize(("path", "body"), OUT_OF_RANGE, ids=str)
def test_control_values_out_of_range_get_a_400_and_change_nothing(
    server: MockServer, path: str, body: dict[str, object]
) -> None:
    state = server.app.state.mock
    before = (state.clock._advanced, len(state.created), server.listing())
    with httpx.Client(base_url=server.url + "/_mock", timeout=10) as http:
        response = http.post(path, content=_json(body))
        assert response.status_code == 400, response.text
        assert isinstance(response.json()["error"], str)
        assert http.get("/clock").status_code == 200
    assert (state.clock._advanced, len(state.created), server.listing()) == before


def _json(body: dict[str, object]) -> bytes:
    return json.dumps(body).encode()  # the standard library: orjson refuses 10**30


def test_a_connection_the_mock_closes_after_an_error_says_connection_close(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with MockServer(seed=3, log_level="critical") as mock:

        def fail(job_id: str) -> None:
            raise RuntimeError("an unexpected failure")

        monkeypatch.setattr(mock.app.state.mock, "describe", fail)
        with httpx.Client(base_url=mock.url, timeout=10) as http:
            for _ in range(10):  # the next request never meets the closed connection
                failed = http.get("/_mock/jobs/any")
                assert failed.status_code == 500
                assert failed.headers["connection"] == "close"
                assert http.get("/_mock/clock").status_code == 200
        unread = socket.create_connection(("127.0.0.1", mock.port))
        unread.sendall(
            f"POST /wickson{_BATCH} HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{{".encode()
        )
        received, closed_after = _until_closed(unread, 2.0)
        unread.close()
    assert received.startswith((b"HTTP/1.1 401 ", b"HTTP/1.1 405 "))
    assert b"\r\nconnection: close\r\n" in received.lower()
    assert closed_after < 1.0  # at once, not after the keep-alive timeout

"""Faults: parsing, every kind per request (in memory and over real sockets), per run, and
that they never change what the mock stores."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import orjson
import pytest
from jobresults.mock import FAULT_KINDS, MockServer, auth_headers, create_app, seeded
from jobresults.mock._faults import FaultPlan, RequestFaults

from ._contract import assert_conforms, errors, example
from .conftest import Clients, clients_of

TARGETS = {
    "modzy": ("getResults", f"/results/{seeded.MODZY_EXAMPLE_JOB}"),
    "llamacloud": (
        "getExtractionJobResult",
        f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result",
    ),
    "wickson": ("getBatchResults", f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results"),
    "overmind": ("overmind.getJob", f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/"),
}


def _faulted(clients: Clients, service: str, fault: str) -> httpx.Response:
    return clients[service].get(TARGETS[service][1], headers={"X-Mock-Fault": fault})


# Parsing


def test_a_run_plan_parses_probabilities_latency_and_retry_after() -> None:
    plan = FaultPlan.parse("429=0.2,500=0.1,reset=0.05,truncate=0.02,latency=50ms,retry-after=0")
    assert dict(plan.chances) == {"429": 0.2, "500": 0.1, "reset": 0.05, "truncate": 0.02}
    assert plan.latency == pytest.approx(0.05)
    assert plan.retry_after == 0
    assert FaultPlan.parse("latency=0.2s").latency == pytest.approx(0.2)
    assert FaultPlan.parse("latency=30").latency == pytest.approx(0.03)
    assert FaultPlan.parse(None) == FaultPlan.parse("") == FaultPlan()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("explode=0.1", "unknown fault"),
        ("500", "needs a value"),
        ("500=lots", "not a number"),
        ("500=1.5", "between 0 and 1"),
        ("500=0.6,429=0.6", "more than 1"),
        ("latency=soon", "not a duration"),
        ("retry-after=-1", "whole number"),
    ],
)
def test_a_bad_run_plan_is_a_clear_error(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FaultPlan.parse(spec)
    with pytest.raises(ValueError, match=message):
        create_app(faults=spec)


def test_the_request_header_parses() -> None:
    assert RequestFaults.parse("429, retry-after=0") == RequestFaults("429", None, 0, False)
    assert RequestFaults.parse("latency=200ms").latency == pytest.approx(0.2)
    assert RequestFaults.parse("none").no_random
    with pytest.raises(ValueError, match="cannot apply"):
        RequestFaults.parse("500, 502")


def test_a_run_plan_draws_each_kind_at_its_rate() -> None:
    import random

    plan = FaultPlan.parse("429=0.25,500=0.25")
    rng = random.Random(3)
    draws = [plan.draw(rng) for _ in range(4000)]
    for kind, expected in (("429", 1000), ("500", 1000), (None, 2000)):
        assert abs(draws.count(kind) - expected) < 150


# Per request, in memory


@pytest.mark.parametrize("service", list(TARGETS))
def test_429_comes_in_the_services_shape_with_retry_after(clients: Clients, service: str) -> None:
    response = _faulted(clients, service, "429")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    assert response.headers["x-mock-fault"] == "429"
    assert_conforms(TARGETS[service][0], response)
    zero = _faulted(clients, service, "429, retry-after=0")
    assert zero.headers["retry-after"] == "0"


@pytest.mark.parametrize("status", ["500", "502", "503"])
@pytest.mark.parametrize("service", list(TARGETS))
def test_server_errors_come_in_the_services_shape(
    clients: Clients, service: str, status: str
) -> None:
    # 500 is each spec's example; 502 and 503, which no spec documents, take its shape.
    operation_id = TARGETS[service][0]
    response = _faulted(clients, service, status)
    assert response.status_code == int(status)
    body = response.json()
    documented = example(operation_id, 500)
    assert set(body) == set(documented)
    for field in ("statusCode", "status_code"):
        if field in documented:
            assert body[field] == int(status)
    if status == "500":
        assert body == documented
    assert_conforms(operation_id, response, as_status=500)


def test_html_is_a_proxy_error_page(clients: Clients) -> None:
    response = _faulted(clients, "wickson", "html")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert b"<html>" in response.content
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(response.content)


@pytest.mark.parametrize("service", list(TARGETS))
def test_malformed_json_is_complete_but_does_not_parse(clients: Clients, service: str) -> None:
    response = _faulted(clients, service, "malformed")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(response.content)


@pytest.mark.parametrize(
    ("service", "missing"),
    [
        ("modzy", "job_identifier"),
        ("llamacloud", "data"),
        ("wickson", "success"),
        ("overmind", "id"),
    ],
)
def test_a_required_field_goes_missing(clients: Clients, service: str, missing: str) -> None:
    operation_id, _path = TARGETS[service]
    response = _faulted(clients, service, "missing-field")
    assert response.status_code == 200
    assert response.headers["x-mock-fault"] == "missing-field"
    problems = errors(operation_id, 200, response.json())
    assert problems
    assert any(missing in problem for problem in problems)


def test_a_required_field_goes_missing_from_the_history(clients: Clients) -> None:
    response = clients["modzy"].get("/jobs/history", headers={"X-Mock-Fault": "missing-field"})
    jobs = response.json()
    assert "jobIdentifier" not in jobs[0]
    assert errors("getJobHistory", 200, jobs)


@pytest.mark.parametrize(
    ("service", "value"),
    [("wickson", "paused"), ("overmind", "paused")],
)
def test_an_unknown_enum_value_breaks_the_contract(
    clients: Clients, service: str, value: str
) -> None:
    operation_id, _ = TARGETS[service]
    response = _faulted(clients, service, "unknown-enum")
    assert value in response.text
    assert any("is not one of" in problem for problem in errors(operation_id, 200, response.json()))


def test_modzy_gets_an_unexpected_status_and_llamacloud_has_no_enum(clients: Clients) -> None:
    modzy = _faulted(clients, "modzy", "unknown-enum").json()
    assert modzy["results"]["0001"]["status"] == "PAUSED"  # free strings: only unexpected
    llamacloud = _faulted(clients, "llamacloud", "unknown-enum")
    assert llamacloud.headers["x-mock-fault"] == "unknown-enum; not applicable"
    assert_conforms("getExtractionJobResult", llamacloud)


def test_body_faults_leave_error_responses_alone(clients: Clients) -> None:
    response = clients["overmind"].get("/api/jobs/nope/", headers={"X-Mock-Fault": "missing-field"})
    assert response.status_code == 400
    assert_conforms("overmind.getJob", response)


def test_in_memory_reset_and_truncate_raise_what_a_socket_would(clients: Clients) -> None:
    with pytest.raises(httpx.ReadError):
        _faulted(clients, "overmind", "reset")
    with pytest.raises(httpx.RemoteProtocolError):
        _faulted(clients, "wickson", "truncate")


async def test_the_async_transport_applies_faults_too() -> None:
    from jobresults.mock import transport

    async with httpx.AsyncClient(
        transport=transport(), base_url="http://mock/overmind", headers=auth_headers("overmind")
    ) as client:
        path = TARGETS["overmind"][1]
        with pytest.raises(httpx.ReadError):
            await client.get(path, headers={"X-Mock-Fault": "reset"})
        started = time.perf_counter()
        response = await client.get(path, headers={"X-Mock-Fault": "latency=120ms"})
        assert time.perf_counter() - started >= 0.12
        assert_conforms("overmind.getJob", response)


# Over real sockets


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(log_level="error") as running:
        yield running


def _raw_get(server: MockServer, service: str, fault: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    path = server.base_url(service).removeprefix(server.url) + TARGETS[service][1]
    headers = "".join(f"{name}: {value}\r\n" for name, value in auth_headers(service).items())
    request = f"GET {path} HTTP/1.1\r\nHost: mock\r\n{headers}X-Mock-Fault: {fault}\r\n\r\n"
    sock.sendall(request.encode())
    return sock


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_reset_really_resets_the_tcp_connection(server: MockServer) -> None:
    with _raw_get(server, "overmind", "reset") as sock, pytest.raises(ConnectionResetError):
        _read_all(sock)
    with server.client("overmind") as client, pytest.raises(httpx.ReadError):
        client.get(TARGETS["overmind"][1], headers={"X-Mock-Fault": "reset"})


def test_truncate_announces_more_than_it_sends_then_closes(server: MockServer) -> None:
    with _raw_get(server, "wickson", "truncate") as sock:
        received = _read_all(sock)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    assert head.startswith(b"HTTP/1.1 200")
    assert 0 < len(body) < length
    with server.client("wickson") as client, pytest.raises(httpx.RemoteProtocolError):
        client.get(TARGETS["wickson"][1], headers={"X-Mock-Fault": "truncate"})


def test_after_connection_faults_the_server_keeps_serving(server: MockServer) -> None:
    with server.client("overmind") as client:
        for fault in ("reset", "truncate"):
            with pytest.raises(httpx.TransportError):
                client.get(TARGETS["overmind"][1], headers={"X-Mock-Fault": fault})
            assert_conforms("overmind.getJob", client.get(TARGETS["overmind"][1]))


async def test_latency_does_not_block_other_requests(server: MockServer) -> None:
    async with httpx.AsyncClient(
        base_url=server.base_url("overmind"), headers=server.auth_headers("overmind")
    ) as client:
        path = TARGETS["overmind"][1]

        async def timed(headers: dict[str, str]) -> float:
            started = time.perf_counter()
            response = await client.get(path, headers=headers)
            assert response.status_code == 200
            return time.perf_counter() - started

        slow, fast = await asyncio.gather(
            timed({"X-Mock-Fault": "latency=600ms"}), timed({"X-Mock-Fault": "none"})
        )
    assert slow >= 0.6
    assert fast < 0.3


# Per run


def test_run_faults_hit_the_services_but_not_the_control_api() -> None:
    for clients in clients_of(create_app(faults="503=1.0")):
        for service, (_, path) in TARGETS.items():
            assert clients[service].get(path).status_code == 503
            assert clients[service].get(path, headers={"X-Mock-Fault": "none"}).status_code == 200
        control = clients["wickson"].get("http://mock/_mock/")
        assert control.status_code == 200


def test_run_faults_are_reproducible_from_the_seed() -> None:
    def statuses(seed: int) -> list[int]:
        for clients in clients_of(create_app(seed=seed, faults="429=0.3,500=0.3")):
            return [clients["overmind"].get(TARGETS["overmind"][1]).status_code for _ in range(40)]
        raise AssertionError("unreachable")

    first = statuses(1)
    assert first == statuses(1)
    assert {200, 429, 500} == set(first)


def test_run_latency_delays_every_request() -> None:
    for clients in clients_of(create_app(faults="latency=80ms")):
        started = time.perf_counter()
        assert clients["modzy"].get(TARGETS["modzy"][1]).status_code == 200
        assert time.perf_counter() - started >= 0.08


# State


def test_faults_never_change_what_the_mock_stores(fresh_clients: Clients) -> None:
    control = fresh_clients["wickson"]
    control.post("http://mock/_mock/clock", json={"advance": 0})
    created = control.post(
        "http://mock/_mock/jobs",
        json={"service": "overmind", "items": 4, "seconds": 1000.0},
    ).json()["ids"][0]
    control.post("http://mock/_mock/clock", json={"advance": 500})
    paths = {**{service: path for service, (_, path) in TARGETS.items()}}
    paths["history"] = "/jobs/history?per-page=50"
    paths["created"] = f"/api/jobs/{created}/"
    owners = {"history": "modzy", "created": "overmind"}

    def snapshot() -> dict[str, bytes]:
        # Simulated time only moves through the control API here: speed 1 barely moves it.
        return {
            name: fresh_clients[owners.get(name, name)].get(path).content
            for name, path in paths.items()
        }

    def without_clock_noise(bodies: dict[str, bytes]) -> dict[str, bytes]:
        return {name: body for name, body in bodies.items() if name != "created"}

    before = snapshot()
    state_before = control.get(f"http://mock/_mock/jobs/{created}").json()
    for name, path in paths.items():
        for fault in FAULT_KINDS:
            with contextlib.suppress(httpx.TransportError):
                fresh_clients[owners.get(name, name)].get(path, headers={"X-Mock-Fault": fault})
    after = snapshot()
    assert without_clock_noise(after) == without_clock_noise(before)
    created_after = orjson.loads(after["created"])
    assert len(created_after["iterations"]) == len(orjson.loads(before["created"])["iterations"])
    state_after = control.get(f"http://mock/_mock/jobs/{created}").json()
    assert state_after["done"] == state_before["done"]
    assert state_after["status"] == state_before["status"] == "running"

"""The library's own connection pool is sent to past `httpx.Client.send` (`jobresults._direct`):
what goes on the wire is what `send` puts there, for every kind of call, sync and async."""

from __future__ import annotations

import asyncio
import copy
import logging
import urllib.parse
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from jobresults import _http, specs, wickson
from jobresults._auth import no_cookies

KEY = "wickson-test-key-0123456789"
BASE_URL = "https://api.wickson.example"
BATCH = "batch abc/123"  # a space and a slash: the path must be percent-encoded the same way


def page(batch_id: str = "batch-abc123") -> bytes:
    """The spec's example page, about `batch_id`."""
    operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    body = copy.deepcopy(examples["page1"]["value"])
    body["data"]["batch_summary"]["batch_id"] = batch_id
    return orjson.dumps(body)


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(
            200,
            content=page(urllib.parse.unquote(request.url.raw_path.decode().split("/")[3])),
            headers={"content-type": "application/json", "set-cookie": "session=abc; Path=/"},
        )


CALLS: dict[str, tuple[dict[str, Any], Callable[[Any], Any]]] = {
    "plain": ({}, lambda c: c.batches.results(BATCH)),
    "parameters": ({}, lambda c: c.batches.results(BATCH, page=2, page_size=50)),
    "defaults and extras": (
        {"default_headers": {"X-Team": "a"}, "default_query": {"v": "1", "page": 9}},
        lambda c: c.batches.results(
            BATCH, page=3, extra_headers={"X-Trace": "t", "Accept": "x/y"}, extra_query={"q": "é&"}
        ),
    ),
    "raw call": (
        {},
        lambda c: c.get("/v1/batches/x/results", params={"page": [1, 2], "on": True}, cast_to=Any),
    ),
    "raw path with a query": (
        {"default_query": {"v": "1"}},
        lambda c: c.get("/v1/batches/x/results?page=2", params={"page_size": 5}, cast_to=Any),
    ),
    "raw path with a fragment": (
        {},
        lambda c: c.get("/v1/batches/x/results#top", params={"page": 2}, cast_to=Any),
    ),
}


def wire(request: httpx.Request) -> tuple[str, str, list[tuple[str, str]]]:
    return request.method, str(request.url), sorted(request.headers.multi_items())


@pytest.fixture
def own_pool(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """The library's own pools answer from a recorder (in place of their real transports)."""
    recorder = Recorder()
    monkeypatch.setattr(_http, "sync_transport", lambda: httpx.MockTransport(recorder))
    monkeypatch.setattr(_http, "async_transport", lambda: httpx.MockTransport(recorder))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    return recorder


@pytest.mark.parametrize("call", sorted(CALLS))
def test_the_wire_is_what_send_puts_there(own_pool: Recorder, call: str) -> None:
    options, make_call = CALLS[call]
    through_send = Recorder()
    theirs = httpx.Client(transport=httpx.MockTransport(through_send))
    with wickson.Client(KEY, base_url=BASE_URL, **options) as ours:
        assert ours._http.direct is not None
        make_call(ours)
    with wickson.Client(KEY, base_url=BASE_URL, http_client=theirs, **options) as reference:
        assert reference._http.direct is None
        make_call(reference)
    theirs.close()
    [direct], [sent] = own_pool.requests, through_send.requests
    assert wire(direct) == wire(sent)
    assert direct.headers["X-Api-Key"] == KEY
    assert direct.extensions["timeout"] == sent.extensions["timeout"]


def test_async_calls_and_their_options_too(own_pool: Recorder) -> None:
    through_send = Recorder()

    async def both() -> None:
        # (a caller's own client keeps the cookies the recorder sets: this one keeps none, as
        # the library's pools do)
        transport = httpx.MockTransport(through_send)
        theirs = httpx.AsyncClient(transport=transport, cookies=no_cookies())
        async with wickson.AsyncClient(KEY, base_url=BASE_URL) as ours:
            assert ours._http.direct is not None
            await ours.batches.results(BATCH, page=2)
            later = ours.with_options(default_headers={"X-Team": "b"}, timeout=3)
            assert later._http.direct is ours._http.direct  # one pool, still sent to directly
            await later.batches.results(BATCH, page=2)
        async with wickson.AsyncClient(KEY, base_url=BASE_URL, http_client=theirs) as ref:
            await ref.batches.results(BATCH, page=2)
            await ref.with_options(default_headers={"X-Team": "b"}, timeout=3).batches.results(
                BATCH, page=2
            )
        await theirs.aclose()

    asyncio.run(both())
    assert [wire(r) for r in own_pool.requests] == [wire(r) for r in through_send.requests]
    assert [r.extensions["timeout"] for r in own_pool.requests] == [
        r.extensions["timeout"] for r in through_send.requests
    ]


def test_the_response_is_what_send_returns(
    own_pool: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="httpx"), wickson.Client(KEY, base_url=BASE_URL) as c:
        answer = c.request("GET", "/v1/batches/x/results", cast_to=Any)
        assert len(c._http.client.cookies) == 0  # the library's pools keep no cookies
    assert answer.http.request is own_pool.requests[-1]
    assert answer.http.elapsed.total_seconds() >= 0
    assert answer.parsed == orjson.loads(page("x"))
    assert [r.getMessage() for r in caplog.records if r.name == "httpx"] == [
        f'HTTP Request: GET {BASE_URL}/v1/batches/x/results "HTTP/1.1 200 OK"'
    ]


def test_a_closed_client_refuses_to_send(own_pool: Recorder) -> None:
    c = wickson.Client(KEY, base_url=BASE_URL)
    c.close()
    with pytest.raises(RuntimeError, match="client has been closed"):
        c.batches.results(BATCH)
    assert own_pool.requests == []


def test_proxy_variables_keep_send(own_pool: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    with wickson.Client(KEY, base_url=BASE_URL) as c:
        assert c._http.direct is None  # httpx mounts a proxy transport only `send` picks


def test_a_transport_error_names_its_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    monkeypatch.setattr(_http, "sync_transport", lambda: httpx.MockTransport(refuse))
    from jobresults.errors import APIConnectionError

    with (
        wickson.Client(KEY, base_url=BASE_URL, max_retries=0) as c,
        pytest.raises(APIConnectionError) as caught,
    ):
        c.batches.results(BATCH)
    cause = caught.value.__cause__
    assert isinstance(cause, httpx.ConnectError)
    assert cause.request.url.raw_path.startswith(b"/v1/batches/batch%20abc%2F123/results?")


@pytest.mark.parametrize("own", [True, False])
def test_a_raw_calls_own_query_is_kept_with_params_over_it(own_pool: Recorder, own: bool) -> None:
    through_send = Recorder()
    theirs = None if own else httpx.Client(transport=httpx.MockTransport(through_send))
    with wickson.Client(KEY, base_url=BASE_URL, http_client=theirs) as c:
        path = "/v1/batches/x/results?page=2&tag=a&tag=b&empty=#frag"
        c.get(path, params={"page": 3}, cast_to=Any)
    [request] = own_pool.requests if own else through_send.requests
    assert request.url.path == "/v1/batches/x/results"
    assert request.url.params.multi_items() == [
        ("page", "3"),
        ("tag", "a"),
        ("tag", "b"),
        ("empty", ""),
    ]
    assert request.url.fragment == ""

"""Options and escape hatches of every client, over in-memory transports: `with_options`,
default and extra headers and query, errors of a caller's own hooks and transport, what an
`ApiResponse` says of its call (retries, elapsed, request id), `on_retry`, raw calls."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from jobresults import specs, wickson
from jobresults.errors import APIConnectionError, InternalServerError, NotFoundError

KEY = "wickson-test-key-0123456789"
BASE_URL = "https://api.wickson.example"
BATCH = "batch-abc123"


def page_example() -> dict[str, Any]:
    operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    body: dict[str, Any] = copy.deepcopy(examples["page1"]["value"])
    return body


class Server:
    """Answers with `statuses` in turn (then 200 with the results page), recording requests."""

    def __init__(self, *statuses: int, headers: dict[str, str] | None = None) -> None:
        self.statuses = list(statuses)
        self.headers = headers or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status = self.statuses.pop(0) if self.statuses else 200
        body = page_example() if status == 200 else {"code": "processing_error", "message": "x"}
        return httpx.Response(
            status,
            content=orjson.dumps(body),
            headers={"content-type": "application/json", **self.headers},
        )


def client(server: Callable[[httpx.Request], httpx.Response], **options: Any) -> wickson.Client:
    http = httpx.Client(transport=httpx.MockTransport(server), **options.pop("httpx", {}))
    return wickson.Client(KEY, base_url=BASE_URL, http_client=http, sleep=lambda _: None, **options)


def test_a_raise_for_status_hook_propagates_and_the_request_is_sent_once() -> None:
    server = Server(503, 503, 503)

    def hook(response: httpx.Response) -> None:
        response.raise_for_status()

    with (
        client(server, httpx={"event_hooks": {"response": [hook]}}) as c,
        pytest.raises(httpx.HTTPStatusError),
    ):
        c.batches.results(BATCH)
    assert len(server.requests) == 1


def test_an_async_raise_for_status_hook_propagates_and_the_request_is_sent_once() -> None:
    server = Server(503, 503, 503)

    async def hook(response: httpx.Response) -> None:
        response.raise_for_status()

    async def main() -> None:
        transport = httpx.MockTransport(server)
        http = httpx.AsyncClient(transport=transport, event_hooks={"response": [hook]})

        async def no_pause(_: float) -> None:
            return None

        async with wickson.AsyncClient(
            KEY, base_url=BASE_URL, http_client=http, sleep=no_pause
        ) as c:
            with pytest.raises(httpx.HTTPStatusError):
                await c.batches.results(BATCH)
        await http.aclose()

    asyncio.run(main())
    assert len(server.requests) == 1


def test_a_transports_own_error_propagates_once_and_a_network_error_is_retried() -> None:
    sent: list[httpx.Request] = []

    def broken(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise LookupError("the caller's transport")

    with client(broken) as c, pytest.raises(LookupError):
        c.batches.results(BATCH)
    assert len(sent) == 1

    def offline(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise httpx.ConnectError("refused", request=request)

    sent.clear()
    with client(offline) as c, pytest.raises(APIConnectionError):
        c.batches.results(BATCH)
    assert len(sent) == 3  # the first attempt and two retries


def test_default_and_extra_headers_and_query() -> None:
    server = Server()
    defaults = {"X-Team": "a", "X-Trace": "client"}
    with client(server, default_headers=defaults, default_query={"page": 9, "v": "1"}) as c:
        c.batches.results(BATCH, page_size=50, extra_headers={"X-Trace": "call"})
        c.batches.results(
            BATCH, extra_query={"v": "2", "page": 3}, extra_headers={"X-Api-Key": "x"}
        )
    first, second = server.requests
    assert first.headers["X-Team"] == "a"
    assert first.headers["X-Trace"] == "call"  # the call's extra header wins
    assert first.url.params["page"] == "1"  # the call's parameter wins over the default
    assert first.url.params["v"] == "1"
    assert second.url.params["v"] == "2"
    assert second.url.params["page"] == "3"  # the extra query wins over everything
    assert second.headers["X-Trace"] == "client"
    assert second.headers["X-Api-Key"] == KEY  # the auth header stays the client's


def test_with_options_is_a_configured_copy_sharing_the_pool() -> None:
    server = Server(503, 503)
    original = client(server, max_retries=0)
    copy_ = original.with_options(max_retries=3, default_headers={"X-Copy": "1"}, timeout=9.0)
    assert copy_._http.client is original._http.client
    assert copy_.options.max_retries == 3
    assert original.options.max_retries == 0
    page = copy_.batches.results(BATCH)  # retried twice, then the page
    assert page.data.batch_summary.batch_id == BATCH
    assert [r.headers.get("X-Copy") for r in server.requests] == ["1", "1", "1"]
    assert server.requests[0].extensions["timeout"]["read"] == 9.0
    copy_.close()  # the copy does not own the pool
    server.statuses = [503]
    with pytest.raises(InternalServerError):
        original.batches.results(BATCH)  # the original's own options: no retry
    assert len(server.requests) == 4
    original.close()


def test_an_api_response_says_how_its_call_went() -> None:
    seen: list[tuple[int, float, str]] = []
    server = Server(503, 502, headers={"x-request-id": "req-42"})
    with client(server, on_retry=lambda *args: seen.append(args)) as c:
        response = c.batches.results_response(BATCH)
    assert response.retries_taken == 2
    assert response.request_id == "req-42"
    assert response.elapsed.total_seconds() > 0
    assert [(attempt, why) for attempt, _, why in seen] == [(1, "503"), (2, "502")]
    assert all(delay >= 0 for _, delay, _ in seen)
    with client(Server()) as c:
        plain = c.batches.results_response(BATCH)
    assert plain.retries_taken == 0
    assert plain.request_id is None
    with (
        client(Server(404, headers={"request-id": "req-7"})) as c,
        pytest.raises(NotFoundError) as e,
    ):
        c.batches.results(BATCH)
    assert e.value.request_id == "req-7"


def test_a_raw_call_keeps_auth_retries_and_typed_errors() -> None:
    server = Server(503, 200, 404)
    with client(server) as c:
        body = c.get("/v1/anything", params={"q": "x"}, cast_to=dict[str, Any])
        with pytest.raises(NotFoundError):
            c.get("/v1/missing", cast_to=dict[str, Any], max_retries=0)
    assert body["success"] is True
    assert [r.url.path for r in server.requests] == ["/v1/anything"] * 2 + ["/v1/missing"]
    assert all(r.headers["X-Api-Key"] == KEY for r in server.requests)


def test_the_option_declarations_agree() -> None:
    import dataclasses
    import inspect

    from jobresults._http import AsyncHTTP, SyncHTTP
    from jobresults.core import ClientOptionArgs, ClientOptions, RequestOptions

    fields = [field.name for field in dataclasses.fields(ClientOptions)]
    assert fields == list(ClientOptionArgs.__annotations__)
    for layer in (SyncHTTP, AsyncHTTP):  # every per-call option reaches the HTTP layer
        accepted = inspect.signature(layer.request).parameters
        assert set(RequestOptions.__annotations__) <= set(accepted)


def test_an_async_clients_with_options_shares_its_pool() -> None:
    server = Server(503)

    async def main() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(server))

        async def no_pause(_: float) -> None:
            return None

        async with wickson.AsyncClient(
            KEY, base_url=BASE_URL, http_client=http, sleep=no_pause, max_retries=0
        ) as original:
            patient = original.with_options(max_retries=1, default_query={"v": "2"})
            assert isinstance(patient, wickson.AsyncClient)
            assert patient._http.client is original._http.client
            response = await patient.batches.results_response(BATCH)
            assert response.retries_taken == 1
            await patient.aclose()  # the copy leaves the pool open
            await original.batches.results(BATCH)
        await http.aclose()

    asyncio.run(main())
    assert [r.url.params.get("v") for r in server.requests] == ["2", "2", None]

"""The shared HTTP layer's retries and timeouts: what is retried, how often, how long it waits
(an injected sleep records the pauses), Retry-After in both forms, per-client and per-call
settings. Through the Wickson client, sync and async."""

from __future__ import annotations

import inspect
import random
import time
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import httpx
import orjson
import pytest
from jobresults import errors, specs, wickson
from jobresults._retry import RetryPolicy, parse_retry_after

KEY = "retry-test-key-0123456789"
BASE_URL = "https://api.wickson.example"
Answer = Callable[[httpx.Request], httpx.Response]


def page(*, total_pages: int = 4) -> httpx.Response:
    """The spec's example page (the first of 4 unless told; a batch of one page holds only the
    example's items)."""
    operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]["page1"]
    body = orjson.loads(orjson.dumps(example["value"]))
    body["data"]["pagination"]["total_pages"] = total_pages
    if total_pages == 1:
        body["data"]["pagination"]["total_items"] = len(body["data"]["job_results"])
    return httpx.Response(
        200, content=orjson.dumps(body), headers={"content-type": "application/json"}
    )


def status(code: int, **headers: str) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            code,
            content=b'{"success": false, "message": "no", "code": "processing_error"}',
            headers={"content-type": "application/json", **headers},
        )

    return answer


def raising(error_type: type[httpx.TransportError]) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        raise error_type("the network failed", request=request)

    return answer


def ok(request: httpx.Request) -> httpx.Response:
    return page()


class Server:
    """Answers requests in turn from a script (the last answer repeats); records them."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return answer(request)


class Api:
    """A sync or async Wickson client on a scripted server, recording the pauses it takes."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.pauses: list[float] = []

    def client(self, server: Server, **options: Any) -> Any:
        transport = httpx.MockTransport(server)
        if self.mode == "sync":
            return wickson.Client(
                KEY,
                base_url=BASE_URL,
                http_client=httpx.Client(transport=transport),
                sleep=self.pauses.append,
                **options,
            )

        async def pause(seconds: float) -> None:
            self.pauses.append(seconds)

        return wickson.AsyncClient(
            KEY,
            base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=transport),
            sleep=pause,
            **options,
        )

    async def fetch(self, client: Any, **options: Any) -> Any:
        value = client.batches.results("batch-abc123", **options)
        return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)


@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
async def test_retried_statuses_are_retried_twice_by_default(api: Api, code: int) -> None:
    server = Server(status(code), status(code), ok)
    result = await api.fetch(api.client(server))
    assert len(result.items) == 2
    assert len(server.requests) == 3
    assert len(api.pauses) == 2
    assert 0 <= api.pauses[0] <= 0.5
    assert 0 <= api.pauses[1] <= 1.0


async def test_retries_give_up_after_the_default_two(api: Api) -> None:
    server = Server(status(503))
    with pytest.raises(errors.InternalServerError):
        await api.fetch(api.client(server))
    assert len(server.requests) == 3
    assert len(api.pauses) == 2


@pytest.mark.parametrize("code", [400, 401, 403, 404, 409, 422, 418])
async def test_other_4xx_are_never_retried(api: Api, code: int) -> None:
    server = Server(status(code), ok)
    with pytest.raises(errors.APIStatusError) as caught:
        await api.fetch(api.client(server, max_retries=5))
    assert caught.value.status_code == code
    assert len(server.requests) == 1
    assert api.pauses == []


@pytest.mark.parametrize(
    ("error_type", "raised"),
    [
        (httpx.ConnectError, errors.APIConnectionError),
        (httpx.ReadError, errors.APIConnectionError),
        (httpx.RemoteProtocolError, errors.APIConnectionError),
        (httpx.ConnectTimeout, errors.APITimeoutError),
        (httpx.ReadTimeout, errors.APITimeoutError),
        (httpx.PoolTimeout, errors.APITimeoutError),
    ],
)
async def test_connection_errors_are_retried(
    api: Api, error_type: type[httpx.TransportError], raised: type[errors.APIError]
) -> None:
    server = Server(raising(error_type), ok)
    assert len((await api.fetch(api.client(server))).items) == 2
    assert len(server.requests) == 2

    server = Server(raising(error_type))
    with pytest.raises(raised) as caught:
        await api.fetch(api.client(server))
    assert type(caught.value) is raised
    assert caught.value.response is None
    assert caught.value.request is not None
    assert error_type.__name__ in str(caught.value)
    assert len(server.requests) == 3


async def test_delays_grow_exponentially_with_full_jitter_up_to_the_cap(api: Api) -> None:
    server = Server(status(503))
    with pytest.raises(errors.InternalServerError):
        await api.fetch(api.client(server, max_retries=8))
    assert len(api.pauses) == 8
    ceilings = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    for pause, ceiling in zip(api.pauses, ceilings, strict=True):
        assert 0.0 <= pause <= ceiling


def test_the_jitter_is_full_and_seeded_by_the_rng() -> None:
    policy = RetryPolicy()
    assert policy.backoff(0, random.Random(7)) == random.Random(7).uniform(0.0, 0.5)
    assert policy.backoff(3, random.Random(7)) == random.Random(7).uniform(0.0, 4.0)
    assert policy.backoff(30, random.Random(7)) == random.Random(7).uniform(0.0, 8.0)
    rng = random.Random(1)
    samples = [policy.backoff(0, rng) for _ in range(400)]
    assert min(samples) < 0.05
    assert max(samples) > 0.45
    assert all(0.0 <= sample <= 0.5 for sample in samples)


async def test_a_custom_policy_is_used(api: Api) -> None:
    server = Server(status(500))
    policy = RetryPolicy(max_retries=3, initial_delay=0.01, max_delay=0.02)
    with pytest.raises(errors.InternalServerError):
        await api.fetch(api.client(server, retry=policy))
    assert len(server.requests) == 4
    assert all(0.0 <= pause <= 0.02 for pause in api.pauses)


@pytest.mark.parametrize("code", [429, 503])
async def test_retry_after_in_seconds_is_honoured(api: Api, code: int) -> None:
    server = Server(
        status(code, **{"retry-after": "3"}), status(code, **{"retry-after": "0.25"}), ok
    )
    await api.fetch(api.client(server))
    assert api.pauses == [3.0, 0.25]


async def test_retry_after_as_an_http_date_is_honoured(api: Api) -> None:
    when = formatdate(time.time() + 30, usegmt=True)
    server = Server(status(429, **{"retry-after": when}), ok)
    await api.fetch(api.client(server))
    [pause] = api.pauses
    assert 27.5 <= pause <= 30.0


async def test_retry_after_in_the_past_or_unreadable(api: Api) -> None:
    past = formatdate(time.time() - 3600, usegmt=True)
    server = Server(
        status(429, **{"retry-after": past}), status(503, **{"retry-after": "soon"}), ok
    )
    await api.fetch(api.client(server))
    assert api.pauses[0] == 0.0
    assert 0.0 <= api.pauses[1] <= 1.0  # the backoff of the second retry


async def test_a_long_retry_after_is_capped(api: Api) -> None:
    server = Server(status(429, **{"retry-after": "3600"}), ok)
    await api.fetch(api.client(server))
    assert api.pauses == [60.0]


def test_parse_retry_after() -> None:
    assert parse_retry_after(None) is None
    assert parse_retry_after(" 5 ") == 5.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("tomorrow") is None
    assert parse_retry_after("1.5") == 1.5


@pytest.mark.parametrize("value", ["+5", "1e3", "inf", "nan", "1_0", "\u0665", "0x10", ""])
def test_parse_retry_after_reads_ascii_digits_only(value: str) -> None:
    assert parse_retry_after(value) is None


@pytest.mark.parametrize(("client_retries", "requests"), [(0, 1), (1, 2), (4, 5)])
async def test_max_retries_per_client(api: Api, client_retries: int, requests: int) -> None:
    server = Server(status(502))
    with pytest.raises(errors.InternalServerError):
        await api.fetch(api.client(server, max_retries=client_retries))
    assert len(server.requests) == requests


async def test_max_retries_per_call_overrides_the_clients(api: Api) -> None:
    server = Server(status(502))
    client = api.client(server, max_retries=4)
    with pytest.raises(errors.InternalServerError):
        await api.fetch(client, max_retries=0)
    assert len(server.requests) == 1
    client = api.client(server, max_retries=0)
    with pytest.raises(errors.InternalServerError):
        await api.fetch(client, max_retries=3)
    assert len(server.requests) == 1 + 4


def timeouts(request: httpx.Request) -> dict[str, float | None]:
    timeout: dict[str, float | None] = request.extensions["timeout"]
    return timeout


async def test_default_timeouts_connect_5s_read_60s(api: Api) -> None:
    server = Server(ok)
    await api.fetch(api.client(server))
    assert timeouts(server.requests[0]) == {
        "connect": 5.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }


async def test_timeout_per_client_and_per_call(api: Api) -> None:
    server = Server(ok)
    client = api.client(server, timeout=3.0)
    await api.fetch(client)
    await api.fetch(client, timeout=httpx.Timeout(1.0, read=2.0))
    await api.fetch(client, timeout=None)
    await api.fetch(client)
    first, second, third, fourth = (timeouts(request) for request in server.requests)
    assert first == {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    assert second == {"connect": 1.0, "read": 2.0, "write": 1.0, "pool": 1.0}
    assert third == {"connect": None, "read": None, "write": None, "pool": None}
    assert fourth == first


async def test_iter_results_passes_retries_and_timeout_to_every_page(api: Api) -> None:
    server = Server(status(503), lambda request: page(total_pages=1))
    client = api.client(server, max_retries=0)
    iterator = client.batches.iter_results("batch-abc123", max_retries=1, timeout=7.0)
    items = list(iterator) if api.mode == "sync" else [item async for item in iterator]
    assert len(items) == 2
    assert len(server.requests) == 2
    assert [timeouts(request)["read"] for request in server.requests] == [7.0, 7.0]
    assert len(api.pauses) == 1

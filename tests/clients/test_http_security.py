"""The shared HTTP layer's care: the API key stays out of reprs, errors and logs, plain http
is refused off loopback, path ids cannot change the path, a caller's own httpx client is used
and left open. Through the Wickson and LlamaCloud clients, sync and async."""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import orjson
import pytest
from jobresults import errors, llamacloud, wickson

KEY = "sk-secret-0123456789abcdef"
Handler = Callable[[httpx.Request], httpx.Response]
MODULES: dict[str, Any] = {"wickson": wickson, "llamacloud": llamacloud}


def json_response(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json"}
    )


def make_client(mode: str, service: str, handler: Handler, **options: Any) -> Any:
    """A `service` client of `mode` whose requests go to `handler`; pauses are skipped."""
    module = MODULES[service]
    transport = httpx.MockTransport(handler)
    base_url = options.pop("base_url", f"https://{service}.example")
    if mode == "sync":
        return module.Client(
            KEY,
            base_url=base_url,
            http_client=httpx.Client(transport=transport),
            sleep=lambda seconds: None,
            **options,
        )

    async def no_pause(seconds: float) -> None:
        return None

    return module.AsyncClient(
        KEY,
        base_url=base_url,
        http_client=httpx.AsyncClient(transport=transport),
        sleep=no_pause,
        **options,
    )


async def fetch(client: Any, item_id: str = "job-1") -> Any:
    if client.service.name == "wickson":
        value = client.batches.results(item_id)
    else:
        value = client.extraction.jobs.get_result(item_id)
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["wickson", "llamacloud"])
def service(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def everything_said_about(error: BaseException) -> str:
    """str, repr, notes and the formatted traceback of an error and its causes."""
    return "\n".join([str(error), repr(error), *traceback.format_exception(error)])


ANSWERS: dict[str, Handler] = {
    "400": lambda request: json_response({"message": "bad", "code": "validation_error"}, 400),
    "401": lambda request: json_response({"detail": "Invalid authentication credentials"}, 401),
    "404": lambda request: json_response({"message": "not found", "code": "not_found"}, 404),
    "429": lambda request: json_response({"message": "slow down"}, 429),
    "500": lambda request: httpx.Response(500, content=b"<html>oops</html>"),
    "not json": lambda request: httpx.Response(200, content=b"{{{"),
    "off the spec": lambda request: json_response({"data": None}),
}


def unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def timing_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


@pytest.mark.parametrize("answer", [*ANSWERS.values(), unreachable, timing_out])
async def test_the_key_is_in_no_error(mode: str, service: str, answer: Handler) -> None:
    client = make_client(mode, service, answer)
    with pytest.raises(errors.APIError) as caught:
        await fetch(client)
    said = everything_said_about(caught.value)
    assert KEY not in said
    assert caught.value.request is not None
    headers = caught.value.request.headers
    sent = headers.get("x-api-key", "") + headers.get("authorization", "")
    assert KEY in sent  # sent, and kept where it belongs


def test_the_key_is_in_no_repr(service: str) -> None:
    module = MODULES[service]
    for client in (
        module.Client(KEY, base_url="https://x.example"),
        module.AsyncClient(KEY, base_url="https://x.example"),
    ):
        assert KEY not in repr(client)
        assert KEY not in str(client)
        assert KEY not in repr(client._http)
        assert service in repr(client)


async def test_the_key_is_in_no_log_record(
    mode: str, service: str, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter([ANSWERS["500"], ANSWERS["429"], ANSWERS["404"]])
    client = make_client(mode, service, lambda request: next(answers)(request))
    with caplog.at_level(logging.DEBUG), pytest.raises(errors.NotFoundError):
        await fetch(client)
    logged = [record for record in caplog.records if record.name in ("jobresults", "httpx")]
    assert any("retrying" in record.getMessage() for record in logged)
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in repr(record.args)


@pytest.mark.parametrize(
    "base_url",
    ["http://api.example.com", "http://10.0.0.8:8000", "http://169.254.169.254/latest"],
)
def test_plain_http_off_loopback_is_refused(service: str, base_url: str) -> None:
    module = MODULES[service]
    for client_type in (module.Client, module.AsyncClient):
        with pytest.raises(ValueError, match="plain http") as caught:
            client_type(KEY, base_url=base_url)
        assert KEY not in str(caught.value)
        client = client_type(KEY, base_url=base_url, allow_insecure_http=True)
        assert client.base_url == base_url.rstrip("/")


@pytest.mark.parametrize(
    "base_url",
    ["http://localhost:8765/wickson", "http://127.0.0.1:9", "http://[::1]:8080", "https://a.b"],
)
def test_plain_http_to_loopback_and_https_are_fine(base_url: str) -> None:
    assert wickson.Client(KEY, base_url=base_url).base_url == base_url


@pytest.mark.parametrize("base_url", ["ftp://files.example", "api.wickson.ai", "https://"])
def test_a_base_url_that_is_not_http_is_refused(base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        wickson.Client(KEY, base_url=base_url)


@pytest.mark.parametrize(
    "item_id",
    ["a/b", "../../admin", "..%2F..%2Fadmin", "x?page=99", "x#frag", "100%", "a b", "é/ü", "a\\b"],
)
async def test_path_ids_are_percent_encoded(mode: str, service: str, item_id: str) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, content=b'{"detail": "no"}')

    client = make_client(mode, service, handler, max_retries=0)
    with pytest.raises(errors.NotFoundError):
        await fetch(client, item_id)
    [request] = sent
    path, _, query = request.url.raw_path.partition(b"?")
    encoded = quote(item_id, safe="").encode()
    prefix = b"/v1/batches/" if service == "wickson" else b"/api/v1/extraction/jobs/"
    assert path == prefix + encoded + b"/result" + (b"s" if service == "wickson" else b"")
    assert b"/" not in encoded
    assert b"?" not in encoded
    assert b"#" not in encoded
    assert request.url.fragment == ""
    if service == "wickson":
        assert sorted(request.url.params) == ["page", "page_size"]
    else:
        assert query == b""


@pytest.mark.parametrize("item_id", ["", ".", ".."])
async def test_ids_that_would_change_the_path_are_refused(
    mode: str, service: str, item_id: str
) -> None:
    sent: list[httpx.Request] = []
    client = make_client(mode, service, lambda request: sent.append(request) or json_response({}))
    with pytest.raises(ValueError, match="not a valid identifier"):
        await fetch(client, item_id)
    assert sent == []


async def test_a_callers_client_is_used_with_its_hooks_and_left_open(service: str) -> None:
    seen: list[httpx.Request] = []
    answer = ANSWERS["404"]
    with httpx.Client(
        transport=httpx.MockTransport(answer),
        event_hooks={"request": [seen.append]},
        headers={"x-team": "data"},
    ) as http:
        client = MODULES[service].Client(KEY, base_url="https://x.example", http_client=http)
        with client, pytest.raises(errors.NotFoundError):
            await fetch(client)
        assert not http.is_closed
        [request] = seen
        assert request.headers["x-team"] == "data"
        assert KEY in request.headers.get("x-api-key", request.headers.get("authorization", ""))

    async def hook(request: httpx.Request) -> None:
        seen.append(request)

    async with httpx.AsyncClient(
        transport=httpx.MockTransport(answer), event_hooks={"request": [hook]}
    ) as ahttp:
        module = MODULES[service]
        aclient = module.AsyncClient(KEY, base_url="https://x.example", http_client=ahttp)
        async with aclient:
            with pytest.raises(errors.NotFoundError):
                await fetch(aclient)
        assert not ahttp.is_closed
    assert len(seen) == 2


async def test_the_clients_own_pool_is_closed_with_it(service: str) -> None:
    module = MODULES[service]
    with module.Client(KEY, base_url="https://x.example") as client:
        pool = client._http.client
        assert not pool.is_closed
    assert pool.is_closed
    async with module.AsyncClient(KEY, base_url="https://x.example") as aclient:
        apool = aclient._http.client
    assert apool.is_closed


@pytest.mark.parametrize(
    ("service", "key_env", "url_env", "default"),
    [
        ("wickson", "WICKSON_API_KEY", "WICKSON_BASE_URL", "https://api.wickson.ai"),
        (
            "llamacloud",
            "LLAMA_CLOUD_API_KEY",
            "LLAMA_CLOUD_BASE_URL",
            "https://api.cloud.llamaindex.ai",
        ),
    ],
)
def test_key_and_base_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, service: str, key_env: str, url_env: str, default: str
) -> None:
    module = MODULES[service]
    monkeypatch.delenv(key_env, raising=False)
    monkeypatch.delenv(url_env, raising=False)
    with pytest.raises(ValueError, match=key_env):
        module.Client()
    monkeypatch.setenv(key_env, KEY)
    assert module.Client().base_url == default
    monkeypatch.setenv(url_env, "https://eu.example/v2/")
    assert module.AsyncClient().base_url == "https://eu.example/v2"
    assert module.Client(base_url="https://given.example").base_url == "https://given.example"


def test_a_key_no_header_can_carry_is_refused_without_quoting_it() -> None:
    with pytest.raises(ValueError, match="API key") as caught:
        wickson.Client("sk-secret\r\nX-Evil: 1", base_url="https://x.example")
    assert "sk-secret" not in str(caught.value)


async def test_auth_headers_per_service(mode: str) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, content=b"{}")

    for service in MODULES:
        with pytest.raises(errors.NotFoundError):
            await fetch(make_client(mode, service, handler, max_retries=0))
    wickson_request, llamacloud_request = sent
    assert wickson_request.headers["x-api-key"] == KEY
    assert "authorization" not in wickson_request.headers
    assert llamacloud_request.headers["authorization"] == f"Bearer {KEY}"
    assert "x-api-key" not in llamacloud_request.headers


async def test_an_attempt_cut_by_the_deadline_keeps_no_locals_that_hold_the_key() -> None:
    """The attempt cancelled at the deadline is the error's `__context__`: the frames it ran
    (a transport's, its local the request's headers) keep no locals."""
    import asyncio

    async def hanging(request: httpx.Request) -> httpx.Response:
        headers = request.headers  # as a transport's frame holds them
        await asyncio.sleep(10)
        return httpx.Response(200, headers=headers)

    transport = httpx.MockTransport(hanging)
    client = wickson.AsyncClient(
        KEY,
        base_url="https://wickson.example",
        http_client=httpx.AsyncClient(transport=transport),
        deadline=0.05,
        max_retries=0,
    )
    with pytest.raises(errors.APITimeoutError) as caught:
        await client.request("GET", "/v1/batches/x/results", cast_to=Any)
    here = inspect.currentframe()  # this test's own frame (its `client` holds the key)
    held: list[str] = []
    chained: BaseException | None = caught.value
    while chained is not None:
        tb = chained.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if frame is not here:
                held += [n for n, v in frame.f_locals.items() if KEY in repr(v)]
            tb = tb.tb_next
        chained = chained.__cause__ or chained.__context__
    assert held == []

"""ValidatingTransport in its three modes, sync and async, with httpx.MockTransport inside;
streamed and compressed bodies; unmatched requests; and the mock server's real responses."""

from __future__ import annotations

import gzip
import logging
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import orjson
import pytest
from jobresults.validate import (
    ResponseValidationError,
    ValidatingTransport,
    ValidationWarning,
    ViolationKind,
    validate_httpx_response,
)

from ._corpus import examples

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
BROKEN = {**WICKSON, "success": "yes"}
SECRET = "sk-secret-key-0123456789"
BASE = "https://api.wickson.ai"
PATH = "/v1/batches/batch-abc123/results"
Handler = Callable[[httpx.Request], httpx.Response]


def json_response(body: object, status: int = 200, **headers: str) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status,
            content=orjson.dumps(body),
            headers={"content-type": "application/json", **headers},
        )

    return handle


def sync_client(transport: ValidatingTransport) -> httpx.Client:
    return httpx.Client(transport=transport, base_url=BASE, headers={"X-Api-Key": SECRET})


def async_client(transport: ValidatingTransport) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=transport, base_url=BASE, headers={"X-Api-Key": SECRET})


def assert_no_secret(*texts: object) -> None:
    for text in texts:
        assert SECRET not in str(text)


# -- sync ----------------------------------------------------------------------------------


def test_a_valid_response_passes_in_every_mode() -> None:
    for mode in ("raise", "warn", "collect"):
        transport = ValidatingTransport(httpx.MockTransport(json_response(WICKSON)), mode)
        with sync_client(transport) as client:
            assert client.get(PATH).json() == WICKSON
        assert len(transport.reports) == 1
        assert transport.reports[0].ok
        assert transport.violations == []


def test_raise_mode() -> None:
    transport = ValidatingTransport(httpx.MockTransport(json_response(BROKEN)))
    with sync_client(transport) as client, pytest.raises(ResponseValidationError) as raised:
        client.get(PATH, params={"page": 1})
    error = raised.value
    assert [v.pointer for v in error.report.violations] == ["/success"]
    assert error.response.status_code == 200
    assert error.response.json() == BROKEN  # the body stays readable
    assert error.response.request.url.path == PATH
    assert error.report.source == f"GET {BASE}{PATH}"  # no query, no header
    assert '/success: expected boolean, found string "yes"' in str(error)
    assert_no_secret(error, error.report, repr(transport))


def test_warn_mode(caplog: pytest.LogCaptureFixture) -> None:
    transport = ValidatingTransport(httpx.MockTransport(json_response(BROKEN)), mode="warn")
    with (
        caplog.at_level(logging.WARNING, logger="jobresults.validate"),
        sync_client(transport) as client,
        pytest.warns(ValidationWarning, match="/success") as warned,
    ):
        response = client.get(PATH)
    assert response.json() == BROKEN
    assert [record.name for record in caplog.records] == ["jobresults.validate"]
    assert "/success" in caplog.text
    assert_no_secret(caplog.text, *(w.message for w in warned))


def test_collect_mode() -> None:
    transport = ValidatingTransport(httpx.MockTransport(json_response(BROKEN)), mode="collect")
    with sync_client(transport) as client:
        assert client.get(PATH).json() == BROKEN
        assert client.get(PATH).status_code == 200
    assert len(transport.reports) == 2
    assert [v.kind for v in transport.violations] == [ViolationKind.WRONG_TYPE] * 2
    assert len(transport.failed_reports) == 2
    transport.clear()
    assert not transport.reports


def test_status_headers_and_content_type_are_checked() -> None:
    cases = {
        "/v1/batches/a/results": (json_response({"detail": "no"}, 418), "undocumented_status"),
        "/v1/batches/b/results": (
            json_response(EXAMPLES["wickson", "getBatchResults", 429], 429),
            "missing_header",
        ),
        "/v1/batches/c/results": (
            lambda request: httpx.Response(
                200, text="<html>", headers={"content-type": "text/html"}
            ),
            "wrong_content_type",
        ),
    }

    def handle(request: httpx.Request) -> httpx.Response:
        return cases[request.url.path][0](request)

    transport = ValidatingTransport(httpx.MockTransport(handle), mode="collect")
    with sync_client(transport) as client:
        for path in cases:
            client.get(path)
    assert [r.violations[0].kind.value for r in transport.reports] == [
        kind for _, kind in cases.values()
    ]


def test_unmatched_requests_pass_untouched() -> None:
    seen: list[httpx.Response] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(httpx.Response(200, text="not json either"))
        return seen[-1]

    transport = ValidatingTransport(httpx.MockTransport(handle))
    with sync_client(transport) as client:
        response = client.get("/v1/other", params={"accessKey": SECRET})
    assert response is seen[0]
    assert transport.reports == type(transport.reports)()
    assert list(transport.unmatched) == [f"GET {BASE}/v1/other"]


def streamed(body: bytes, *, compress: bool = False) -> Handler:
    data = gzip.compress(body) if compress else body
    headers = {"content-type": "application/json"}
    if compress:
        headers["content-encoding"] = "gzip"

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(data), 100):
            yield data[start : start + 100]

    return lambda request: httpx.Response(200, content=chunks(), headers=headers)


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_streamed_bodies_are_validated_and_still_readable(compress: bool) -> None:
    body = orjson.dumps(WICKSON)
    transport = ValidatingTransport(httpx.MockTransport(streamed(body, compress=compress)))
    with sync_client(transport) as client:
        with client.stream("GET", PATH) as response:
            assert b"".join(response.iter_bytes()) == body
        assert client.get(PATH).json() == WICKSON
    assert [report.ok for report in transport.reports] == [True, True]


def test_a_streamed_broken_body_raises_with_its_content() -> None:
    transport = ValidatingTransport(
        httpx.MockTransport(streamed(orjson.dumps(BROKEN), compress=True))
    )
    with sync_client(transport) as client, pytest.raises(ResponseValidationError) as raised:
        client.get(PATH)
    assert raised.value.response.json() == BROKEN


def test_an_async_inner_in_a_sync_client_is_a_clear_error() -> None:
    transport = ValidatingTransport(httpx.AsyncHTTPTransport())
    with sync_client(transport) as client, pytest.raises(TypeError, match="async transport"):
        client.get(PATH)


def test_unknown_mode() -> None:
    with pytest.raises(ValueError, match="valid modes: raise, warn, collect"):
        ValidatingTransport(None, "loud")  # type: ignore[arg-type]


def test_validate_httpx_response() -> None:
    with httpx.Client(
        transport=httpx.MockTransport(json_response(BROKEN)), base_url=BASE
    ) as client:
        response = client.get(PATH)
        other = client.get("/elsewhere")
    report = validate_httpx_response(response)
    assert report is not None
    assert (report.service, report.operation_id) == ("wickson", "getBatchResults")
    assert [v.pointer for v in report.violations] == ["/success"]
    assert validate_httpx_response(other) is None
    named = validate_httpx_response(other, service="wickson", operation_id="getBatchResults")
    assert named is not None
    assert not named.ok


# -- async ---------------------------------------------------------------------------------


async def test_async_modes(caplog: pytest.LogCaptureFixture) -> None:
    inner = httpx.MockTransport(json_response(BROKEN))
    with pytest.raises(ResponseValidationError) as raised:
        async with async_client(ValidatingTransport(inner)) as client:
            await client.get(PATH)
    assert raised.value.response.json() == BROKEN

    warner = ValidatingTransport(inner, mode="warn")
    with pytest.warns(ValidationWarning):
        async with async_client(warner) as client:
            assert (await client.get(PATH)).json() == BROKEN
    assert "/success" in caplog.text

    collector = ValidatingTransport(inner, mode="collect")
    async with async_client(collector) as client:
        await client.get(PATH)
        await client.get(PATH.replace("results", "other"))
    assert [v.pointer for v in collector.violations] == ["/success"]
    assert len(collector.unmatched) == 1


async def test_async_streamed_gzip_body() -> None:
    data = gzip.compress(orjson.dumps(WICKSON))

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(data), 64):
            yield data[start : start + 64]

    async def handle(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json", "content-encoding": "gzip"}
        return httpx.Response(200, content=chunks(), headers=headers)

    transport = ValidatingTransport(httpx.MockTransport(handle), mode="raise")
    async with async_client(transport) as client, client.stream("GET", PATH) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert gzip.decompress(raw) == orjson.dumps(WICKSON)
    assert transport.reports[0].ok


async def test_a_sync_inner_in_an_async_client_is_a_clear_error() -> None:
    transport = ValidatingTransport(httpx.HTTPTransport())
    with pytest.raises(TypeError, match="sync transport"):
        async with async_client(transport) as client:
            await client.get(PATH)

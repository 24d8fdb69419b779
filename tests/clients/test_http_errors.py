"""The shared HTTP layer's errors: one typed error per status, bodies that are not what they
should be, and the body size limit. Through the Wickson and LlamaCloud clients, sync and async."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import orjson
import pytest
from jobresults import errors, llamacloud, specs, wickson

KEY = "http-test-key-0123456789"
JOB = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
Handler = Callable[[httpx.Request], httpx.Response]


def make_client(mode: str, service: str, handler: Handler, **options: Any) -> Any:
    """A `service` client of `mode` ("sync" or "async") whose requests go to `handler`."""
    module = wickson if service == "wickson" else llamacloud
    base_url = f"https://{service}.example"
    transport = httpx.MockTransport(handler)
    options.setdefault("max_retries", 0)
    if mode == "sync":
        http: Any = httpx.Client(transport=transport)
        return module.Client(KEY, base_url=base_url, http_client=http, **options)
    http = httpx.AsyncClient(transport=transport)
    return module.AsyncClient(KEY, base_url=base_url, http_client=http, **options)


async def fetch(client: Any) -> Any:
    """The service's one fetching call (Wickson: a results page; LlamaCloud: a job result)."""
    if client.service.name == "wickson":
        value = client.batches.results("batch-abc123")
    else:
        value = client.extraction.jobs.get_result(JOB)
    return await value if inspect.isawaitable(value) else value


def ok_body(service: str) -> dict[str, Any]:
    """The spec's example of a successful response."""
    if service == "wickson":
        operation = specs.load("wickson")["paths"]["/v1/batches/{batch_id}/results"]["get"]
        content = operation["responses"]["200"]["content"]["application/json"]
        body: dict[str, Any] = orjson.loads(orjson.dumps(content["examples"]["page1"]["value"]))
        return body
    operation = specs.load("llamacloud")["paths"]["/api/v1/extraction/jobs/{job_id}/result"]
    content = operation["get"]["responses"]["200"]["content"]["application/json"]
    result: dict[str, Any] = orjson.loads(orjson.dumps(content["examples"]["result"]["value"]))
    return result


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=orjson.dumps(body), headers={"content-type": "application/json", **headers}
    )


def error_body(service: str, status: int) -> dict[str, Any]:
    """An error body in the service's shape: Wickson's envelope, LlamaCloud's `detail`."""
    if service == "wickson":
        return {
            "success": False,
            "message": f"the {status} message",
            "code": "processing_error",
            "status_code": status,
            "details": {"operation": "get_batch_results", "attempt": 1},
        }
    return {"detail": f"the {status} message"}


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["wickson", "llamacloud"])
def service(request: pytest.FixtureRequest) -> str:
    return str(request.param)


STATUS_ERRORS = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (502, errors.InternalServerError),
    (503, errors.InternalServerError),
    (504, errors.InternalServerError),
]


@pytest.mark.parametrize(("status", "error_type"), STATUS_ERRORS)
async def test_each_status_has_its_error(
    mode: str, service: str, status: int, error_type: type[errors.APIStatusError]
) -> None:
    body = error_body(service, status)
    raw = orjson.dumps(body)
    client = make_client(
        mode,
        service,
        lambda request: httpx.Response(
            status, content=raw, headers={"content-type": "application/json", "x-trace": "t-1"}
        ),
    )
    with pytest.raises(error_type) as caught:
        await fetch(client)
    error = caught.value
    assert type(error) is error_type
    assert isinstance(error, errors.APIStatusError)
    assert isinstance(error, errors.APIError)
    assert isinstance(error, errors.JobResultsError)
    assert error.status_code == status
    assert error.response.status_code == status
    assert error.response.headers["x-trace"] == "t-1"
    assert error.body == raw
    assert error.request is not None
    assert error.request.url.host == f"{service}.example"
    assert error.error_message == f"the {status} message"
    message = str(error)
    assert f"GET https://{service}.example/" in message
    assert f"-> {status}" in message
    assert f"the {status} message" in message
    if service == "wickson":
        assert error.code == "processing_error"
        assert error.details == {"operation": "get_batch_results", "attempt": 1}
    else:
        assert error.code is None
        assert error.details is None


async def test_a_status_without_its_own_class_is_an_api_status_error(mode: str) -> None:
    client = make_client(mode, "wickson", lambda request: json_response({"message": "tea"}, 418))
    with pytest.raises(errors.APIStatusError) as caught:
        await fetch(client)
    assert type(caught.value) is errors.APIStatusError
    assert caught.value.status_code == 418


async def test_rate_limit_error_says_how_long_to_wait(mode: str) -> None:
    answers = iter(
        [
            json_response(error_body("wickson", 429), 429, **{"retry-after": "12"}),
            json_response(error_body("wickson", 429), 429),
        ]
    )
    client = make_client(mode, "wickson", lambda request: next(answers))
    with pytest.raises(errors.RateLimitError) as caught:
        await fetch(client)
    assert caught.value.retry_after == 12.0
    with pytest.raises(errors.RateLimitError) as caught:
        await fetch(client)
    assert caught.value.retry_after is None


async def test_an_html_error_page_is_a_typed_error_with_its_body(mode: str, service: str) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    client = make_client(
        mode,
        service,
        lambda request: httpx.Response(502, content=page, headers={"content-type": "text/html"}),
    )
    with pytest.raises(errors.InternalServerError) as caught:
        await fetch(client)
    assert caught.value.body == page
    assert caught.value.code is None
    assert caught.value.error_message is None
    assert "text/html" in str(caught.value)
    assert "not JSON" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        (b"<html><body>maintenance</body></html>", "text/html", "content type text/html"),
        (b'{"success": true, "data": ', "application/json", "invalid JSON"),
        (b'{"success": true,, }', "application/json", "invalid JSON"),
        (b"", "application/json", "invalid JSON"),
        (b"[1, 2, 3]", "application/json", "Expected `object`"),
    ],
)
async def test_a_2xx_body_that_is_not_the_documented_json_is_a_parse_error(
    mode: str, service: str, content: bytes, content_type: str, reason: str
) -> None:
    client = make_client(
        mode,
        service,
        lambda request: httpx.Response(
            200, content=content, headers={"content-type": content_type}
        ),
    )
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    error = caught.value
    assert reason in error.reason
    assert error.response.status_code == 200
    assert error.body == content
    assert error.service == service
    assert error.operation_id in ("getBatchResults", "getExtractionJobResult")


async def test_a_truncated_body_is_a_parse_error_with_the_bytes_received(mode: str) -> None:
    whole = orjson.dumps(ok_body("wickson"))
    cut = whole[: len(whole) // 2]
    client = make_client(
        mode,
        "wickson",
        lambda request: httpx.Response(
            200, content=cut, headers={"content-type": "application/json"}
        ),
    )
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    assert caught.value.body == cut
    assert f"{len(cut)} bytes" in str(caught.value)


@pytest.mark.parametrize(
    ("service", "path", "field"),
    [
        ("wickson", ("data",), "pagination"),
        ("wickson", ("data", "job_results", 0), "status"),
        ("llamacloud", (), "run_id"),
    ],
)
async def test_a_missing_field_is_a_parse_error_naming_it(
    mode: str, service: str, path: tuple[str | int, ...], field: str
) -> None:
    body = ok_body(service)
    parent: Any = body
    for step in path:
        parent = parent[step]
    del parent[field]
    client = make_client(mode, service, lambda request: json_response(body))
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    assert field in caught.value.reason
    assert orjson.loads(caught.value.body) == body
    violations = caught.value.violations()
    assert any(field in violation.message for violation in violations)


async def test_a_wrongly_typed_value_is_a_parse_error(mode: str) -> None:
    body = ok_body("wickson")
    body["data"]["pagination"]["total_pages"] = "4"
    client = make_client(mode, "wickson", lambda request: json_response(body))
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    assert "total_pages" in caught.value.reason


async def test_an_unknown_enum_value_on_200_is_kept(mode: str) -> None:
    body = ok_body("wickson")
    body["data"]["job_results"][0]["media_type"] = "hologram"
    client = make_client(mode, "wickson", lambda request: json_response(body))
    page = await fetch(client)
    assert page.items[0].media_type == "hologram"
    assert page.items[0].media_type.name == "UNKNOWN"


async def test_a_body_declared_over_the_limit_is_refused_unread(mode: str, service: str) -> None:
    big = orjson.dumps(ok_body(service))
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=big, headers={"content-type": "application/json"})

    client = make_client(mode, service, handler, max_response_bytes=100, max_retries=2)
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    assert caught.value.reason == "body too large"
    assert "100-byte limit" in str(caught.value)
    assert len(sent) == 1  # not retried
    client = make_client(mode, service, handler, max_response_bytes=len(big))
    assert await fetch(client) is not None


def chunks(count: int, size: int) -> Iterator[bytes]:
    for _ in range(count):
        yield b" " * size


async def test_a_streamed_body_over_the_limit_is_cut_short(mode: str) -> None:
    streamed: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        def counted() -> Iterator[bytes]:
            for chunk in chunks(100, 1000):
                streamed.append(len(chunk))
                yield chunk

        async def acounted() -> AsyncIterator[bytes]:
            for chunk in counted():
                yield chunk

        content: Any = counted() if mode == "sync" else acounted()
        return httpx.Response(200, content=content, headers={"content-type": "application/json"})

    client = make_client(mode, "wickson", handler, max_response_bytes=5000)
    with pytest.raises(errors.ResponseParseError) as caught:
        await fetch(client)
    assert caught.value.reason == "body too large"
    assert "content-length" not in caught.value.response.headers
    assert sum(streamed) <= 6000  # reading stopped at the limit


def test_the_hierarchy() -> None:
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert issubclass(errors.APIConnectionError, errors.APIError)
    assert issubclass(errors.ResponseParseError, errors.APIError)
    assert issubclass(errors.PaginationError, errors.APIError)
    for _status, error_type in STATUS_ERRORS:
        assert issubclass(error_type, errors.APIStatusError)
    assert not issubclass(errors.ResultsError, errors.APIError)
    assert not issubclass(errors.WaitTimeoutError, errors.APIError)
    assert sorted(errors.__all__) == sorted(
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, Exception) and not name.startswith("_")
    )


def test_is_unknown_tells_kept_values_from_listed_ones() -> None:
    from jobresults import is_unknown

    kept = wickson.JobStatus("queued")
    assert kept == "queued"
    assert kept.name == "UNKNOWN"
    assert is_unknown(kept)
    assert not is_unknown(wickson.JobStatus.FAILED)
    assert not is_unknown(wickson.JobStatus("failed"))
    assert not is_unknown("queued")
    assert not is_unknown(None)

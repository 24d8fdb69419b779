"""Bodies that lie about their encoding, that are too large, or compressed to explode: typed
errors, the raw body kept, nothing retried that a retry cannot fix, memory bounded."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jobresults import wickson
from jobresults.errors import InternalServerError, ResponseParseError

from ._support import JSON, AsyncRecordingSleep, RecordingSleep

BATCH = "batch-abc123"
ERROR_BODY = b'{"success": false, "message": "boom", "code": "processing_error"}'


def sample_page() -> bytes:
    from ._operations import sample_bodies

    return sample_bodies()["wickson.batches.results"]


PAGE = sample_page()


class Counting(httpx.SyncByteStream):
    """A response stream that counts the chunks taken from it."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.taken = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.taken += 1
            yield chunk


def client_for(
    status: int,
    body: bytes | httpx.SyncByteStream,
    headers: dict[str, str],
    **options: Any,
) -> tuple[wickson.Client, list[httpx.Request]]:
    """A Wickson client whose every request gets this response, streamed (not pre-read)."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        stream = httpx.ByteStream(body) if isinstance(body, bytes) else body
        return httpx.Response(status, headers=headers, stream=stream)

    client = wickson.Client(
        "test-key",
        base_url="https://wickson.invalid",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        sleep=RecordingSleep(),
        **options,
    )
    return client, seen


def test_the_encodings_asked_for_are_the_ones_undone() -> None:
    client, seen = client_for(200, PAGE, JSON)
    client.batches.results(BATCH)
    assert seen[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda body: zlib.compress(body)[2:-4]),  # raw deflate, no zlib wrapper
        ("gzip, gzip", lambda body: gzip.compress(gzip.compress(body))),
        ("identity", lambda body: body),
        ("GZIP", gzip.compress),
    ],
)
def test_honest_encodings_are_undone(encoding: str, encode: Any) -> None:
    encoded = encode(PAGE)
    chunks = [encoded[i : i + 100] for i in range(0, len(encoded), 100)]
    client, _ = client_for(200, Counting(chunks), {**JSON, "content-encoding": encoding})
    response = client.batches.results_response(BATCH)
    assert response.content == PAGE
    assert response.parsed.data.batch_summary.batch_id == BATCH


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", PAGE),
        ("deflate", PAGE),
        ("gzip", gzip.compress(PAGE)[:-20]),  # compressed, but cut short
        ("gzip, deflate", gzip.compress(PAGE)),  # only one of the two applied
        ("br", PAGE),
        ("zstd", PAGE),
        ("rot13", PAGE),
    ],
)
def test_a_2xx_body_that_lies_about_its_encoding_is_a_parse_error_with_the_raw_body(
    encoding: str, body: bytes
) -> None:
    client, seen = client_for(200, body, {**JSON, "content-encoding": encoding})
    with pytest.raises(ResponseParseError, match="Content-Encoding") as caught:
        client.batches.results(BATCH)
    assert caught.value.body == body
    assert len(seen) == 1  # not retried: the same bytes would come again


async def test_the_async_client_keeps_the_raw_body_of_a_lying_encoding_too() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={**JSON, "content-encoding": "gzip"}, stream=httpx.ByteStream(PAGE)
        )

    async with wickson.AsyncClient(
        "test-key",
        base_url="https://wickson.invalid",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
        sleep=AsyncRecordingSleep(),
    ) as client:
        with pytest.raises(ResponseParseError) as caught:
            await client.batches.results(BATCH)
    assert caught.value.body == PAGE


def test_an_error_status_whose_body_lies_about_its_encoding_keeps_its_status() -> None:
    client, seen = client_for(500, ERROR_BODY, {**JSON, "content-encoding": "gzip"}, max_retries=1)
    with pytest.raises(InternalServerError) as caught:
        client.batches.results(BATCH)
    assert caught.value.body == ERROR_BODY
    assert len(seen) == 2  # a 5xx is retried as usual


def test_a_declared_size_over_the_limit_is_refused_before_reading() -> None:
    stream = Counting([PAGE])
    headers = {**JSON, "content-length": str(len(PAGE))}
    client, seen = client_for(200, stream, headers, max_response_bytes=1000)
    with pytest.raises(ResponseParseError, match="1000-byte limit") as caught:
        client.batches.results(BATCH)
    assert stream.taken == 0
    assert caught.value.body == b""
    assert caught.value.reason == "body too large"
    assert len(seen) == 1


def test_a_streamed_body_is_cut_off_at_the_limit_and_what_came_is_kept() -> None:
    chunks = [PAGE[i : i + 500] for i in range(0, len(PAGE), 500)]
    stream = Counting(chunks)
    client, _ = client_for(200, stream, JSON, max_response_bytes=1000)
    with pytest.raises(ResponseParseError, match="body over the 1000-byte limit") as caught:
        client.batches.results(BATCH)
    assert stream.taken == 3  # stopped at the first chunk past the limit
    assert caught.value.body == PAGE[:1500]


def test_a_compressed_bomb_is_stopped_at_the_limit_without_expanding() -> None:
    bomb = gzip.compress(b"[" + b" " * 50_000_000 + b"]", compresslevel=9)
    assert len(bomb) < 100_000
    headers = {**JSON, "content-encoding": "gzip"}
    client, _ = client_for(200, bomb, headers, max_response_bytes=1_000_000)
    with pytest.raises(ResponseParseError, match="1000000-byte limit") as caught:
        client.batches.results(BATCH)
    assert caught.value.body == bomb[: len(caught.value.body)]  # the raw bytes, not expanded
    assert len(caught.value.body) <= len(bomb)


@pytest.mark.parametrize(
    "key", ["key\r\nX-Injected: 1", "key\nmore", "key\x00", "kéy", "key\u2028more", "\x7f"]
)
def test_a_key_no_header_can_carry_is_refused_at_construction_without_quoting_it(key: str) -> None:
    with pytest.raises(ValueError, match="cannot be sent in an HTTP header") as caught:
        wickson.Client(key, base_url="https://wickson.invalid")
    assert key not in str(caught.value)
    assert key.strip() not in str(caught.value)


def test_whitespace_around_a_key_is_dropped() -> None:
    client, seen = client_for(200, PAGE, JSON)
    client = wickson.Client(
        " test-key\n", base_url="https://wickson.invalid", http_client=client._http.client
    )
    client.batches.results(BATCH)
    assert seen[0].headers["x-api-key"] == "test-key"


@pytest.mark.parametrize("chunk", [7, 100, 100_000])
def test_a_multi_member_gzip_body_is_undone_member_after_member(chunk: int) -> None:
    half = len(PAGE) // 2
    encoded = gzip.compress(PAGE[:half]) + gzip.compress(PAGE[half:])
    chunks = [encoded[i : i + chunk] for i in range(0, len(encoded), chunk)]
    client, _ = client_for(200, Counting(chunks), {**JSON, "content-encoding": "gzip"})
    response = client.batches.results_response(BATCH)
    assert response.content == PAGE


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(PAGE) + b"garbage after the member"),
        ("gzip", gzip.compress(PAGE) + b"\x00\x00\x00\x00"),
        ("gzip", gzip.compress(PAGE) + gzip.compress(b"cut short")[:12]),
        ("deflate", zlib.compress(PAGE) + b"trailing"),
    ],
)
def test_bytes_after_the_compressed_body_are_an_error(encoding: str, body: bytes) -> None:
    client, seen = client_for(200, body, {**JSON, "content-encoding": encoding})
    with pytest.raises(ResponseParseError, match="Content-Encoding") as caught:
        client.batches.results(BATCH)
    assert caught.value.body == body
    assert len(seen) == 1

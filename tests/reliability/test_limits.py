"""Bodies above the size limit or nesting deeper than the depth limit are refused before parsing,
with a clear ResponseParseError; the depth check is exact and cheap."""

from __future__ import annotations

import json
import time
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jobresults import _decode
from jobresults._decode import DEFAULT_MAX_JSON_DEPTH, json_depth
from jobresults.errors import PaginationError, ResponseParseError

from ._operations import IDS, OPERATIONS, Operation, sample_bodies
from ._support import JSON, AsyncRecordingSleep, RecordingSleep, serving

SAMPLES = sample_bodies()


def reference_depth(text: str) -> int:
    """The nesting depth of JSON text, character by character (the slow, obvious way)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


tricky_text = st.text(alphabet=st.sampled_from('[]{}"\\/nu0aé\n\t '), max_size=12)
documents = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky_text, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(documents, st.booleans())
def test_the_depth_check_agrees_with_a_reference_parser(document: Any, ascii_only: bool) -> None:
    text = json.dumps(document, ensure_ascii=ascii_only)
    assert json_depth(text.encode()) == reference_depth(text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(documents, st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=12))
def test_the_depth_check_agrees_across_chunk_boundaries_and_with_a_limit(
    document: Any, chunk: int, at_most: int
) -> None:
    text = json.dumps(document)
    depth = reference_depth(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_decode, "_CHUNK", chunk)  # strings cut across many chunks
        assert json_depth(text.encode()) == depth
        bounded = json_depth(text.encode(), at_most=at_most)
    assert bounded == depth if depth > at_most else depth <= bounded <= at_most


def test_the_depth_check_costs_a_fraction_of_parsing_a_10_mb_body() -> None:
    page = orjson.loads(SAMPLES["wickson.batches.results"])
    items = page["data"]["job_results"]
    page["data"]["job_results"] = [items[n % len(items)] for n in range(32_000)]
    body = orjson.dumps(page)
    assert len(body) > 10_000_000

    def best_of(work: Any) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            work(body)
            times.append(time.perf_counter() - started)
        return min(times)

    parse, check = best_of(orjson.loads), best_of(json_depth)
    print(f"10 MB body: orjson.loads {parse * 1e3:.1f} ms, depth check {check * 1e3:.1f} ms")
    assert check < 0.6 * parse


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def with_extra(sample: bytes, value: bytes) -> bytes:
    """A sample body with one more key holding `value` (raw JSON), in the top-level object or
    in the first object of a top-level array."""
    document = orjson.loads(sample)
    target = document[0] if isinstance(document, list) else document
    target["x-extra"] = "PLACEHOLDER"
    return orjson.dumps(document).replace(b'"PLACEHOLDER"', value)


def call(operation: Operation, body: bytes, **options: Any) -> Any:
    http_client, _ = serving(200, body, JSON)
    client = operation.client(
        api_key="test-key",
        base_url="https://service.invalid",
        http_client=http_client,
        sleep=RecordingSleep(),
        **options,
    )
    return operation.call(client, IDS[operation.service])


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_a_body_nesting_past_the_limit_is_refused_before_parsing(operation: Operation) -> None:
    body = with_extra(SAMPLES[str(operation)], nested(DEFAULT_MAX_JSON_DEPTH))
    depth = reference_depth(body.decode())
    assert depth > DEFAULT_MAX_JSON_DEPTH
    with pytest.raises(ResponseParseError, match="deeper than 200 levels") as caught:
        call(operation, body)
    assert caught.value.response.content == body
    assert caught.value.reason == "nesting deeper than 200 levels"
    try:
        assert call(operation, body, max_json_depth=depth) is not None
    except PaginationError:  # parsed: only an iterator answered the same page for page 2
        assert operation.name in ("jobs.history", "batches.iter_results")
    with pytest.raises(ResponseParseError, match=f"deeper than {depth - 1} levels"):
        call(operation, body, max_json_depth=depth - 1)


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_nesting_beyond_the_parsers_stack_is_a_parse_error_even_with_no_limit(
    operation: Operation,
) -> None:
    body = with_extra(SAMPLES[str(operation)], nested(100_000))
    with pytest.raises(ResponseParseError):
        call(operation, body, max_json_depth=10**9)


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
async def test_the_depth_limit_holds_for_async_clients(operation: Operation) -> None:
    body = with_extra(SAMPLES[str(operation)], nested(1000))
    _, http_client = serving(200, body, JSON)
    client = operation.async_client(
        api_key="test-key",
        base_url="https://service.invalid",
        http_client=http_client,
        sleep=AsyncRecordingSleep(),
        max_json_depth=50,
    )
    with pytest.raises(ResponseParseError, match="deeper than 50 levels"):
        await operation.acall(client, IDS[operation.service])


def test_the_violations_of_a_body_refused_for_its_depth_can_still_be_listed() -> None:
    operation = next(op for op in OPERATIONS if op.name == "batches.results")
    body = with_extra(SAMPLES[str(operation)], nested(5000))
    with pytest.raises(ResponseParseError, match="deeper than") as caught:
        call(operation, body)
    (violation,) = caught.value.violations()  # the validator does not recurse into it either
    assert "not valid JSON" in violation.message

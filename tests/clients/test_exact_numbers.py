"""Numbers the clients return are the numbers the server sent: every JSON integer comes back
as a Python int, exactly, however large, in every dynamic value of every service; every other
number comes back as a float.

Each body is written as JSON text by hand, so the test starts from the bytes on the wire."""

from __future__ import annotations

from typing import Any

import httpx
from jobresults import llamacloud, modzy, overmind, wickson

KEY = "test-key-0123456789"
BASE_URL = "https://api.example"
JOB = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"

NUMBERS = (
    '{"one": 1, "big": 12345678901234567, "u64": 18446744073709551616,'
    ' "negative": -170141183460469231731687303715884105728, "zero": 0,'
    ' "float": 1.5, "whole_float": 1.0, "exponent": 1e300, "nested": [1, 2.5, {"n": 3}]}'
)
"""Integers in and beyond 64 bits, and floats (1.0 and 1e300 included), as JSON text."""

EXPECTED: dict[str, Any] = {
    "one": 1,
    "big": 12345678901234567,
    "u64": 2**64,
    "negative": -(2**127),
    "zero": 0,
    "float": 1.5,
    "whole_float": 1.0,
    "exponent": 1e300,
    "nested": [1, 2.5, {"n": 3}],
}


def assert_exact(value: Any, expected: Any, where: str = "") -> None:
    """`value` equals `expected` with the same JSON types throughout (int is not float)."""
    assert type(value) is type(expected), f"{where}: {value!r} is not a {type(expected).__name__}"
    if isinstance(expected, dict):
        assert value.keys() == expected.keys(), where
        for key in expected:
            assert_exact(value[key], expected[key], f"{where}/{key}")
    elif isinstance(expected, list):
        assert len(value) == len(expected), where
        for index, (got, want) in enumerate(zip(value, expected, strict=True)):
            assert_exact(got, want, f"{where}/{index}")
    else:
        assert value == expected, where


def client_of(module: Any, body: str) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body.encode(), headers={"content-type": "application/json"}
        )

    transport = httpx.MockTransport(answer)
    return module.Client(KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport))


LLAMACLOUD_RECORD = (
    f'{{"data": {{"quantity": 1, "id": 12345678901234567, "price": 9.5, "numbers": {NUMBERS}}},'
    f' "extraction_agent_id": "{JOB}", "run_id": "{JOB}",'
    f' "extraction_metadata": {{"pages": 2, "ratio": 0.5, "numbers": {NUMBERS}}}}}'
)
LLAMACLOUD_RECORDS = (
    f'{{"data": [{{"quantity": 1}}, {{"quantity": 12345678901234567, "price": 2.0}}],'
    f' "extraction_agent_id": "{JOB}", "run_id": "{JOB}", "extraction_metadata": {{}}}}'
)


def test_llamacloud_data_and_metadata_keep_integers_exact() -> None:
    with client_of(llamacloud, LLAMACLOUD_RECORD) as client:
        result = client.extraction.jobs.get_result(JOB)
    assert_exact(
        result.records(),
        [{"quantity": 1, "id": 12345678901234567, "price": 9.5, "numbers": EXPECTED}],
        "records()",
    )
    assert_exact(result.data, result.records()[0], "data")
    assert_exact(
        result.extraction_metadata, {"pages": 2, "ratio": 0.5, "numbers": EXPECTED}, "metadata"
    )


def test_llamacloud_records_of_a_list_keep_integers_exact() -> None:
    with client_of(llamacloud, LLAMACLOUD_RECORDS) as client:
        records = client.extraction.jobs.get_result(JOB).records()
    assert_exact(records, [{"quantity": 1}, {"quantity": 12345678901234567, "price": 2.0}])


def test_modzy_outputs_and_failures_keep_integers_exact() -> None:
    body = (
        '{"job_identifier": "j", "account_identifier": "a", "completed": 1, "failed": 1,'
        ' "total": 2, "finished": true,'
        f' "results": {{"0001": {{"status": "SUCCESSFUL", "results.json": {NUMBERS}}}}},'
        f' "failures": {{"0002": {{"error": "boom", "code": 12345678901234567,'
        f' "extra": {NUMBERS}}}}}}}'
    )
    with client_of(modzy, body) as client:
        result = client.results.get("j")
    assert_exact(result.get_source_outputs("0001"), {"results.json": EXPECTED}, "outputs")
    assert_exact(result.results["0001"]["results.json"], EXPECTED, "results")
    assert result.failures is not None
    failure = result.failures["0002"]  # type: ignore[index]
    assert_exact(failure["code"], 12345678901234567, "failures code")
    assert_exact(failure["extra"], EXPECTED, "failures extra")


def test_overmind_result_scores_and_triggered_by_keep_integers_exact() -> None:
    body = (
        f'{{"id": "{JOB}", "created_at": "2019-12-27T18:11:19.117Z",'
        f' "updated_at": "2019-12-27T18:11:19.117Z", "triggered_by": 12345678901234567,'
        f' "result": {NUMBERS}, "backtest_results": [1, 1.0],'
        f' "iterations": [{{"id": "{JOB}", "created_at": "2019-12-27T18:11:19.117Z",'
        f' "iteration_name": "i", "job": "{JOB}", "dimension_scores": {NUMBERS}}}]}}'
    )
    with client_of(overmind, body) as client:
        job = client.jobs.get(JOB)
    assert_exact(job.result, EXPECTED, "result")
    assert_exact(job.backtest_results, [1, 1.0], "backtest_results")
    assert_exact(job.iterations[0].dimension_scores, EXPECTED, "dimension_scores")
    assert_exact(job.triggered_by, 12345678901234567, "triggered_by")


def test_wickson_error_details_keep_integers_exact() -> None:
    item = (
        '{"job_id": "job-1", "media_id": null, "filename": "a.pdf", "media_type": "document",'
        ' "status": "failed", "file_info": {"size_bytes": 12345678901234567, "size_mb": 1.0},'
        ' "processing_info": {"created_at": "2024-12-18T10:00:00Z"},'
        f' "error": {{"message": "m", "code": "format_error", "details": {NUMBERS}}}}}'
    )
    body = (
        '{"success": true, "message": "ok", "data": {"batch_summary": {"batch_id": "b",'
        ' "collection": "c", "status": "completed", "timeline": {"created_at":'
        ' "2024-12-18T10:00:00Z"}, "completion": {"successful": 0, "failed": 1,'
        f' "total_items": 1, "completion_rate": 0.0}}}}, "job_results": [{item}],'
        ' "pagination": {"page": 1, "page_size": 1, "total_items": 1, "total_pages": 1}}}'
    )
    with client_of(wickson, body) as client:
        page = client.batches.results("b")
    error = page.items[0].error
    assert_exact(error.details, EXPECTED, "details")  # type: ignore[union-attr]
    assert_exact(page.items[0].file_info.size_bytes, 12345678901234567, "size_bytes")


def test_the_raw_json_of_a_response_keeps_every_integer_exact() -> None:
    with client_of(llamacloud, LLAMACLOUD_RECORD) as client:
        raw = client.extraction.jobs.get_result_response(JOB).json()
    assert_exact(raw["data"]["numbers"], EXPECTED)


def test_the_raw_json_keeps_integers_beyond_64_bits_and_lone_surrogates() -> None:
    from jobresults._response import ApiResponse

    body = b'{"big": 18446744073709551616, "f": 1.0, "s": "\\ud800"}'
    raw = ApiResponse(None, httpx.Response(200, content=body), "wickson", "getBatchResults")
    assert_exact(raw.json(), {"big": 2**64, "f": 1.0, "s": "\ud800"})

"""Floor 1: response bytes to the typed objects the public clients return, beside orjson.loads
of the same bytes; the generated attrs models and pydantic models for comparison."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import httpx
import orjson

from .payloads import Payload
from .report import Measure, Row, Section
from .timing import Timing, compare

LIMITS = {"wickson": 0.9, "modzy": 1.0, "llamacloud": 1.0}
"""The floor per service: the public client's time at most this times orjson.loads's."""
NUMBER = 3
ROUNDS = 7

_CLIENT_CALLS = {
    "wickson": "client.batches.results(batch_id, page=1, page_size=1000)",
    "modzy": "client.results.get(job_id)",
    "llamacloud": "client.extraction.jobs.get_result(job_id)",
}
_IDS = {
    "wickson": "batch-large-100k",
    "modzy": "5eed0000-0000-4000-8000-000000010000",
    "llamacloud": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",  # the spec's example job
}
_GENERATED = {
    # service: (struct class, attrs model module, pydantic class)
    "wickson": ("BatchResultsResponse", "batch_results_response", "BatchResultsResponse"),
    "modzy": ("Result", "result", "Result"),
    "llamacloud": ("JobGetResultResponse", "job_get_result_response", "JobGetResultResponse"),
}


def _serving(body: bytes) -> httpx.Client:
    """An httpx client whose every request is answered 200 with `body` (no socket)."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.Client(transport=httpx.MockTransport(answer))


def client_call(payload: Payload) -> Callable[[], Any] | None:
    """The public client's call that returns `payload` typed, or None if the client is missing."""
    try:
        module = importlib.import_module(f"jobresults.{payload.service}")
        client_class = module.Client
    except (ImportError, AttributeError):
        return None
    client = client_class(
        api_key="benchmark-key",
        base_url=f"https://{payload.service}.invalid"
        + ("/api" if payload.service == "modzy" else ""),
        http_client=_serving(payload.body),
    )
    job_id = _IDS[payload.service]
    if payload.service == "wickson":
        return lambda: client.batches.results(job_id, page=1, page_size=1000)
    if payload.service == "llamacloud":
        return lambda: client.extraction.jobs.get_result(job_id)
    return lambda: client.results.get(job_id)


def sdk_call(payload: Payload) -> Callable[[], Any] | None:
    """The official SDK's call for `payload` (llama-cloud only), or None."""
    if payload.service != "llamacloud":
        return None
    try:
        from llama_cloud import LlamaCloud
    except ImportError:
        return None
    sdk = LlamaCloud(
        api_key="benchmark-key",
        base_url=f"https://{payload.service}.invalid",
        http_client=_serving(payload.body),
        max_retries=0,
    )
    return lambda: sdk.extraction.jobs.get_result(_IDS["llamacloud"])


def public_name(cls: type, service: str) -> str:
    """`jobresults.<service>.<Name>` when the service package exports `cls`, else its path."""
    package = importlib.import_module(f"jobresults.{service}")
    if getattr(package, cls.__name__, None) is cls:
        return f"jobresults.{service}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def count_items(service: str, typed: Any) -> int:
    """How many items a typed Wickson page, Modzy result or LlamaCloud result holds."""
    if service == "wickson":
        return len(typed.data.job_results)
    if service == "llamacloud":
        return len(typed.data)
    failures = typed.failures if isinstance(typed.failures, dict) else {}
    return len(typed.results) + len(failures)


def candidates(payload: Payload) -> tuple[dict[str, Callable[[], Any]], type, bool]:
    """The calls to time for `payload`, the type the client returns, and whether the client
    exists. Each typed call is checked to give every item before it is timed."""
    from jobresults import _decode

    struct_name, attrs_module, pydantic_name = _GENERATED[payload.service]
    struct = getattr(importlib.import_module(f"jobresults_structs.{payload.service}"), struct_name)
    attrs_model = importlib.import_module(
        f"jobresults_clients.{payload.service}.models.{attrs_module}"
    )
    attrs_class = getattr(attrs_model, struct_name)
    pydantic_class = getattr(
        importlib.import_module(f"jobresults_schemas.{payload.service}"), pydantic_name
    )
    body = payload.body
    call = client_call(payload)
    typed_class = type(call()) if call is not None else struct
    decoder = _decode.decoder(typed_class)
    calls: dict[str, Callable[[], Any]] = {
        "orjson": lambda: orjson.loads(body),
        "decode": lambda: decoder.decode(body),
        "attrs": lambda: attrs_class.from_dict(orjson.loads(body)),
        "pydantic": lambda: pydantic_class.model_validate_json(body),
    }
    if call is not None:
        calls["client"] = call
    sdk = sdk_call(payload)
    if sdk is not None:
        calls["sdk"] = sdk
    for name in ("decode", "client", "sdk"):
        if name in calls:
            got = count_items(payload.service, calls[name]())
            if got != payload.items:
                raise AssertionError(f"{name} gave {got} items of {payload.items}")
    return calls, typed_class, call is not None


def rows_for(payload: Payload, *, number: int = NUMBER, rounds: int = ROUNDS) -> list[Row]:
    """The floor row and the comparison rows of one payload."""
    calls, typed_class, has_client = candidates(payload)
    timings: dict[str, Timing] = compare(calls, number=number, rounds=rounds)
    base = Measure("orjson.loads", timings["orjson"].median)
    span = timings["orjson"].span
    type_name = public_name(typed_class, payload.service)
    decode = Measure(f"msgspec decode into {type_name}", timings["decode"].median)
    rows = []
    limit = LIMITS[payload.service]
    if has_client:
        client = Measure(f"jobresults {_CLIENT_CALLS[payload.service]}", timings["client"].median)
        rows.append(
            Row(f"{payload.label}: bytes → typed, public client", base, client, limit, span=span)
        )
        rows.append(Row(f"{payload.label}: the decode step alone", base, decode, span=span))
    else:
        rows.append(
            Row(
                f"{payload.label}: bytes → typed (decode step; the client is not available)",
                base,
                decode,
                limit,
                span=span,
            )
        )
    if "sdk" in timings:
        rows.append(
            Row(
                f"{payload.label}: llama-cloud {_version('llama-cloud')} SDK "
                "`client.extraction.jobs.get_result(job_id)`",
                base,
                Measure("llama-cloud SDK", timings["sdk"].median),
                span=span,
            )
        )
    rows.append(
        Row(
            f"{payload.label}: attrs `from_dict` (generated client)",
            base,
            Measure("orjson.loads + from_dict", timings["attrs"].median),
            span=span,
        )
    )
    rows.append(
        Row(
            f"{payload.label}: pydantic `model_validate_json`",
            base,
            Measure("model_validate_json", timings["pydantic"].median),
            span=span,
        )
    )
    return rows


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "?"


def run(payloads: list[Payload], *, number: int = NUMBER, rounds: int = ROUNDS) -> Section:
    """Floor 1 for each payload."""
    section = Section(1, "Typed results")
    for payload in payloads:
        section.rows += rows_for(payload, number=number, rounds=rounds)
    section.method = [
        "Payloads: the mock's large Modzy job result (10,000 input items, 1% failed) exactly as "
        "served, a Wickson page holding the first 10,000 job results of the mock's large "
        "batch (the batch's pages of 1,000 spliced into one page), and a LlamaCloud extraction "
        "result of 10,000 invoice records (the mock's envelope for the spec's example job).",
        "Public client: `jobresults.wickson.Client(...).batches.results(...)`, "
        "`jobresults.modzy.Client(...).results.get(...)` and "
        "`jobresults.llamacloud.Client(...).extraction.jobs.get_result(...)` over an "
        "`httpx.MockTransport` that "
        "answers with the bytes, so the figure holds the whole path from the response bytes to "
        "the object returned (request building, the HTTP layer, the body limit, the depth "
        "check, decoding, the identity check, the scan for enum values the spec does not list). "
        "The decode step alone is the cached `msgspec.json.Decoder` of the type the client "
        "returns. The client pauses the garbage collector while it decodes a body over 64 KB "
        "(the collections decoding sets off would find no garbage); the process runs with gc "
        "on throughout, and the collection that follows the decode is in the client's figure.",
        "The llama-cloud SDK (LlamaCloud's own Stainless client) over the same transport: "
        "`LlamaCloud(..., http_client=...).extraction.jobs.get_result(job_id)`.",
        "Comparison: the generated attrs model's `from_dict` after `orjson.loads` (what "
        "openapi-python-client's own client does, with the faster parser), and the generated "
        "pydantic model's `model_validate_json`.",
        f"Timing: gc left on; every call run once to warm up, then {rounds} interleaved rounds "
        f"of {number} calls of each candidate, in an order shuffled every round; the figure is "
        "the median over rounds of the mean time per call. Each typed result is checked to hold "
        "every item before timing.",
    ]
    return section

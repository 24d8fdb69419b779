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

LIMIT = 1.5
NUMBER = 3
ROUNDS = 7

_CLIENT_CALLS = {
    "wickson": "client.batches.results(batch_id, page=1, page_size=1000)",
    "modzy": "client.results.get(job_id)",
}
_GENERATED = {
    # service: (struct class, attrs model module, pydantic class)
    "wickson": ("BatchResultsResponse", "batch_results_response", "BatchResultsResponse"),
    "modzy": ("Result", "result", "Result"),
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
    if payload.service == "wickson":
        return lambda: client.batches.results("batch-large-100k", page=1, page_size=1000)
    return lambda: client.results.get("5eed0000-0000-4000-8000-000000010000")


def public_name(cls: type, service: str) -> str:
    """`jobresults.<service>.<Name>` when the service package exports `cls`, else its path."""
    package = importlib.import_module(f"jobresults.{service}")
    if getattr(package, cls.__name__, None) is cls:
        return f"jobresults.{service}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def count_items(service: str, typed: Any) -> int:
    """How many items a typed Wickson page or Modzy result holds."""
    if service == "wickson":
        return len(typed.data.job_results)
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
    for name in ("decode", "client"):
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
    if has_client:
        client = Measure(f"jobresults {_CLIENT_CALLS[payload.service]}", timings["client"].median)
        rows.append(
            Row(f"{payload.label}: bytes → typed, public client", base, client, LIMIT, span=span)
        )
        rows.append(Row(f"{payload.label}: the decode step alone", base, decode, span=span))
    else:
        rows.append(
            Row(
                f"{payload.label}: bytes → typed (decode step; the client is not available)",
                base,
                decode,
                LIMIT,
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


def run(payloads: list[Payload], *, number: int = NUMBER, rounds: int = ROUNDS) -> Section:
    """Floor 1 for each payload."""
    section = Section(1, "Typed results")
    for payload in payloads:
        section.rows += rows_for(payload, number=number, rounds=rounds)
    section.method = [
        "Payloads: the mock's large Modzy job result (10,000 input items, 1% failed) exactly as "
        "served, and a Wickson page holding the first 10,000 job results of the mock's large "
        "batch (the batch's pages of 1,000 spliced into one page).",
        "Public client: `jobresults.wickson.Client(...).batches.results(...)` and "
        "`jobresults.modzy.Client(...).results.get(...)` over an `httpx.MockTransport` that "
        "answers with the bytes, so the figure holds the whole path from the response bytes to "
        "the object returned (request building, the HTTP layer, decoding). The decode step alone "
        "is the cached `msgspec.json.Decoder` of the type the client returns.",
        "Comparison: the generated attrs model's `from_dict` after `orjson.loads` (what "
        "openapi-python-client's own client does, with the faster parser), and the generated "
        "pydantic model's `model_validate_json`.",
        f"Timing: gc left on; every call run once to warm up, then {rounds} interleaved rounds "
        f"of {number} calls of each candidate, in an order shuffled every round; the figure is "
        "the median over rounds of the mean time per call. Each typed result is checked to hold "
        "every item before timing.",
    ]
    return section

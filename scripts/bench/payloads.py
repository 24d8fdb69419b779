"""The response bodies measured: what the mock serves for its large Modzy job and its large
Wickson batch (a Wickson page of N items is the batch's first N items in one page)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from .mock_process import MockProcess

MAX_PAGE_SIZE = 1000
TEN_MB = 10_000_000


@dataclass(frozen=True)
class Payload:
    """A 200 response body of one operation."""

    name: str
    service: str
    operation_id: str
    body: bytes
    items: int

    @property
    def label(self) -> str:
        """e.g. `Wickson page, 10,000 items (3.2 MB)`."""
        noun = "item" if self.items == 1 else "items"
        return f"{self.name}, {self.items:,} {noun} ({len(self.body) / 1e6:.1f} MB)"


def modzy_result(mock: MockProcess, items: int) -> Payload:
    """The mock's 10,000-item Modzy job result, cut to its first `items` input items."""
    from jobresults.mock import seeded

    job = seeded.MODZY_LARGE_JOB
    with httpx.Client(headers=mock.headers("modzy"), timeout=60) as http:
        response = http.get(f"{mock.base_url('modzy')}/results/{job}")
    response.raise_for_status()
    body = response.content
    if items < seeded.MODZY_LARGE_JOB_ITEMS:
        body = _cut_modzy(orjson.loads(body), items)
    return Payload("Modzy result", "modzy", "getResults", body, items)


def _cut_modzy(document: dict[str, Any], items: int) -> bytes:
    results: dict[str, Any] = document["results"]
    failures: dict[str, Any] = document.get("failures") or {}
    kept = sorted({*results, *failures})[:items]
    document["results"] = {key: results[key] for key in kept if key in results}
    document["failures"] = {key: failures[key] for key in kept if key in failures}
    document["completed"] = len(document["results"])
    document["failed"] = len(document["failures"])
    document["total"] = items
    return orjson.dumps(document)


def llamacloud_result(mock: MockProcess, records: int) -> Payload:
    """A LlamaCloud extraction result of `records` invoice records (one a page of a long file,
    as a PER_PAGE extraction returns): the envelope the mock serves for the spec's example job,
    its `data` replaced by the records."""
    from jobresults.mock import seeded

    job = seeded.LLAMACLOUD_EXAMPLE_JOB
    with httpx.Client(headers=mock.headers("llamacloud"), timeout=60) as http:
        response = http.get(f"{mock.base_url('llamacloud')}/api/v1/extraction/jobs/{job}/result")
    response.raise_for_status()
    document = orjson.loads(response.content)
    document["data"] = [_invoice(number) for number in range(records)]
    body = orjson.dumps(document)
    return Payload("LlamaCloud result", "llamacloud", "getExtractionJobResult", body, records)


def _invoice(number: int) -> dict[str, Any]:
    return {
        "invoice_number": f"INV-{number:05d}",
        "vendor": {"name": "Acme Supplies", "country": "US"},
        "total": round(number * 1.37, 2),
        "currency": "USD",
        "paid": number % 2 == 0,
        "due_date": None,
        "line_items": [
            {"description": f"Item {line + 1}", "quantity": line + 1, "unit_price": 9.5}
            for line in range(2)
        ],
        "tags": ["office", "quarterly"],
    }


def wickson_page(mock: MockProcess, items: int) -> Payload:
    """One Wickson results page holding the first `items` job results of the large batch."""
    from jobresults.mock import seeded

    batch = seeded.WICKSON_LARGE_BATCH
    size = min(items, MAX_PAGE_SIZE)
    pages = []
    with httpx.Client(headers=mock.headers("wickson"), timeout=60) as http:
        for page in range(1, math.ceil(items / size) + 1):
            response = http.get(
                f"{mock.base_url('wickson')}/v1/batches/{batch}/results",
                params={"page": page, "page_size": size},
            )
            response.raise_for_status()
            pages.append(orjson.loads(response.content))
    document = pages[0]
    data = document["data"]
    data["job_results"] = [item for page in pages for item in page["data"]["job_results"]][:items]
    total = data["pagination"]["total_items"]
    data["pagination"].update(page_size=items, total_pages=math.ceil(total / items))
    return Payload("Wickson page", "wickson", "getBatchResults", orjson.dumps(document), items)


def wickson_page_of_size(mock: MockProcess, size: int, sample: Payload) -> Payload:
    """A Wickson page of at least `size` bytes, sized from `sample`'s bytes per item."""
    per_item = len(sample.body) / sample.items
    return wickson_page(mock, math.ceil(size / per_item))

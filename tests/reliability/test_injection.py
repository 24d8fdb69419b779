"""Ids and filters holding /, .., ?, #, %, spaces, unicode or control characters never reach
another path and never add query parameters: checked on the wire, as the mock received them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote

import httpx
import pytest
from jobresults.errors import NotFoundError
from jobresults.mock import MockServer

from ._operations import OPERATIONS, Operation
from ._servers import Recorder
from ._support import RecordingSleep

HOSTILE_IDS = [
    "a/b",
    "../x",
    "a/../../b",
    "/leading",
    "trailing/",
    "x?page=999&page_size=1",
    "x#fragment",
    "?",
    "#",
    "50%",
    "%2F",
    "%2e%2e",
    "%zz",
    "%%",
    "a b",
    "tab\there",
    "new\nline",
    "\r\nX-Injected: 1",
    "nul\x00byte",
    "escape\x1b[31m",
    "del\x7f",
    "ünïcødé",
    "日本語",
    "emoji\U0001f600",
    "a&b=c",
    "a;b",
    "a\\b",
    "+=",
    "<script>'\"",
    "a" * 2000,
]
"""Ids that an unencoded path would turn into another path, a query or a broken request."""

REFUSED_IDS = ["", ".", ".."]
"""Ids that no encoding keeps in their path segment: refused before anything is sent."""

PATH_OPERATIONS = [
    op
    for op in OPERATIONS
    if op.name in ("results.get", "batches.results", "extraction.jobs.get_result")
]
TEMPLATES = {
    "modzy": ("/modzy/api/results/", ""),
    "llamacloud": ("/llamacloud/api/v1/extraction/jobs/", "/result"),
    "wickson": ("/wickson/v1/batches/", "/results"),
}
QUERIES = {"modzy": set(), "llamacloud": set(), "wickson": {"page", "page_size"}}


SHARED_HTTP = httpx.Client(timeout=10)
"""One connection pool for every client of the module (a new one per client costs a TLS
context each)."""


@pytest.fixture(scope="module")
def wire() -> Iterator[tuple[MockServer, Recorder]]:
    server = MockServer(log_level="critical")
    recorder = Recorder(server.app)
    server.app = recorder  # type: ignore[assignment]
    with server:
        yield server, recorder
    SHARED_HTTP.close()


def client_of(server: MockServer, operation: Operation) -> Any:
    return operation.client(
        api_key=server.api_key(operation.service),
        base_url=server.base_url(operation.service),
        max_retries=0,
        sleep=RecordingSleep(),
        http_client=SHARED_HTTP,
    )


@pytest.mark.parametrize("operation", PATH_OPERATIONS, ids=str)
@pytest.mark.parametrize("job_id", HOSTILE_IDS, ids=ascii)
def test_a_hostile_id_stays_in_its_path_segment(
    wire: tuple[MockServer, Recorder], operation: Operation, job_id: str
) -> None:
    server, recorder = wire
    recorder.seen.clear()
    with client_of(server, operation) as client, pytest.raises(NotFoundError) as caught:
        operation.call(client, job_id)
    assert len(recorder.seen) == 1
    request = recorder.seen[0]
    prefix, suffix = TEMPLATES[operation.service]
    assert request["raw_path"] == f"{prefix}{quote(job_id, safe='')}{suffix}".encode()
    assert request["path"] == f"{prefix}{job_id}{suffix}"  # what the server decoded: the id
    assert (
        set(parse_qs(request["query"].decode(), keep_blank_values=True))
        == QUERIES[operation.service]
    )
    assert caught.value.status_code == 404
    if operation.service != "llamacloud":  # its 404 does not name the id
        assert job_id in (caught.value.error_message or "")  # it looked up this very id


@pytest.mark.parametrize("operation", PATH_OPERATIONS, ids=str)
@pytest.mark.parametrize("job_id", [*REFUSED_IDS, "\ud800"], ids=ascii)
def test_ids_no_encoding_can_carry_are_refused_before_sending(
    wire: tuple[MockServer, Recorder], operation: Operation, job_id: str
) -> None:
    server, recorder = wire
    recorder.seen.clear()
    refused = pytest.raises(ValueError, match=r"identifier|empty|surrogates not allowed")
    with client_of(server, operation) as client, refused:
        operation.call(client, job_id)
    assert recorder.seen == []
    assert client.requests_sent == 0


def test_iterating_a_hostile_batch_id_stays_in_its_segment(
    wire: tuple[MockServer, Recorder],
) -> None:
    server, recorder = wire
    operation = next(op for op in OPERATIONS if op.name == "batches.iter_results")
    for batch_id in ("../batch-abc123", "batch-abc123/results?page=2", "batch-abc123#x"):
        recorder.seen.clear()
        with client_of(server, operation) as client, pytest.raises(NotFoundError):
            operation.call(client, batch_id)
        assert [seen["raw_path"] for seen in recorder.seen] == [
            f"/wickson/v1/batches/{quote(batch_id, safe='')}/results".encode()
        ]


NOT_UUIDS = [
    "not-a-uuid",
    "../182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e/../x",
    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e?x=1",
    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e#",
    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\n",
    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26ez",
    "",
    "..",
    "日本語",
]


@pytest.mark.parametrize("job_id", NOT_UUIDS, ids=ascii)
def test_overmind_checks_the_uuid_before_sending(
    wire: tuple[MockServer, Recorder], job_id: str
) -> None:
    server, recorder = wire
    operation = next(op for op in OPERATIONS if op.service == "overmind")
    recorder.seen.clear()
    with client_of(server, operation) as client:
        with pytest.raises(ValueError, match="UUID"):
            client.jobs.get(job_id)
        with pytest.raises(ValueError, match="UUID"):
            client.jobs.wait(job_id, timeout=1)
    assert recorder.seen == []


@pytest.mark.parametrize(
    "spelling",
    [
        "{182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e}",
        "urn:uuid:182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "182BD5E56E1A4FE4A799AA6D9A6AB26E",
    ],
)
def test_other_spellings_of_a_uuid_go_out_in_canonical_form(
    wire: tuple[MockServer, Recorder], spelling: str
) -> None:
    server, recorder = wire
    operation = next(op for op in OPERATIONS if op.service == "overmind")
    recorder.seen.clear()
    with client_of(server, operation) as client:
        job = client.jobs.get(spelling)
    assert job.id == uuid.UUID("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
    assert [seen["raw_path"] for seen in recorder.seen] == [
        b"/overmind/api/jobs/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e/"
    ]


def test_history_filters_never_add_query_parameters(
    wire: tuple[MockServer, Recorder],
) -> None:
    server, recorder = wire
    operation = next(op for op in OPERATIONS if op.name == "jobs.history_page")
    filters = {
        "model": "m&page=99&per-page=1",
        "user": "u#fragment",
        "access_key": "k?status=pending",
        "sort_by": "createdAt;direction=asc",
    }
    recorder.seen.clear()
    with client_of(server, operation) as client:
        assert list(client.jobs.history_page(page=1, per_page=5, **filters)) == []
    (request,) = recorder.seen
    assert request["path"] == "/modzy/api/jobs/history"
    query = parse_qs(request["query"].decode(), keep_blank_values=True)
    assert query == {
        "model": [filters["model"]],
        "user": [filters["user"]],
        "accessKey": [filters["access_key"]],
        "sort-by": [filters["sort_by"]],
        "page": ["1"],
        "per-page": ["5"],
    }


def test_llamacloud_query_values_never_add_parameters(
    wire: tuple[MockServer, Recorder],
) -> None:
    server, recorder = wire
    operation = next(op for op in OPERATIONS if op.service == "llamacloud")
    organization, project = "org&project_id=evil#x", "p?organization_id=2"
    recorder.seen.clear()
    with client_of(server, operation) as client, pytest.raises(NotFoundError):
        client.extraction.jobs.get_result("no-such-job", organization, project)
    (request,) = recorder.seen
    assert request["path"] == "/llamacloud/api/v1/extraction/jobs/no-such-job/result"
    query = parse_qs(request["query"].decode(), keep_blank_values=True)
    assert query == {"organization_id": [organization], "project_id": [project]}

"""The mock server's responses pass strict validation through a ValidatingTransport (in
memory and over a real socket), and its injected faults are reported for what they are."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from jobresults.mock import BASE_PATHS, MockServer, auth_headers, create_app, sync_transport
from jobresults.validate import ResponseValidationError, ValidatingTransport, ViolationKind


@pytest.fixture(scope="module")
def listing_and_transport() -> Iterator[tuple[dict, ValidatingTransport]]:
    app = create_app(seed=0)
    inner = sync_transport(app)
    yield app.state.mock.listing("http://mock"), ValidatingTransport(inner, mode="collect")
    inner.close()


def paths(listing: dict) -> Iterator[tuple[str, str]]:
    for job in listing["modzy"]["jobs"]:
        yield "modzy", f"/results/{job}"
    yield "modzy", "/jobs/history?per-page=50"
    for job in listing["llamacloud"]["jobs"]:
        yield "llamacloud", f"/api/v1/extraction/jobs/{job}/result"
    for batch in listing["wickson"]["batches"]:
        yield "wickson", f"/v1/batches/{batch}/results?page_size=20"
    for job in listing["overmind"]["jobs"]:
        yield "overmind", f"/api/jobs/{job}/"


def test_every_seeded_response_is_strictly_valid(
    listing_and_transport: tuple[dict, ValidatingTransport],
) -> None:
    listing, transport = listing_and_transport
    transport.clear()
    statuses = set()
    for service, path in paths(listing):
        with httpx.Client(
            transport=transport,
            base_url="http://mock" + BASE_PATHS[service],
            headers=auth_headers(service),
        ) as client:
            statuses.add(client.get(path).status_code)
    assert len(transport.reports) == sum(1 for _ in paths(listing))
    assert not transport.unmatched
    assert statuses >= {200, 404}
    assert transport.violations == [], "\n".join(str(r) for r in transport.failed_reports[:3])


@pytest.mark.parametrize(
    ("fault", "kinds"),
    [
        ("missing-field", {ViolationKind.MISSING_REQUIRED_FIELD}),
        ("unknown-enum", {ViolationKind.NOT_IN_ENUM}),
        ("malformed", {ViolationKind.INVALID_JSON}),
        ("html", {ViolationKind.UNDOCUMENTED_STATUS}),
        ("503", {ViolationKind.UNDOCUMENTED_STATUS}),
        ("429", set()),
    ],
)
def test_faults_are_reported_for_what_they_are(
    listing_and_transport: tuple[dict, ValidatingTransport], fault: str, kinds: set
) -> None:
    listing, transport = listing_and_transport
    transport.clear()
    batch = listing["wickson"]["batches"][0]
    with httpx.Client(
        transport=transport, base_url="http://mock/wickson", headers=auth_headers("wickson")
    ) as client:
        client.get(f"/v1/batches/{batch}/results", headers={"X-Mock-Fault": fault})
    assert {violation.kind for violation in transport.violations} == kinds


async def test_over_a_socket_with_an_async_client() -> None:
    with MockServer(log_level="error") as server:
        url = server.url
        transport = ValidatingTransport(mode="collect")
        async with httpx.AsyncClient(
            transport=transport, base_url=server.url, headers=auth_headers("overmind")
        ) as client:
            listing = (await client.get("/_mock/")).json()
            for job in listing["overmind"]["jobs"][:3]:
                assert (await client.get(f"/overmind/api/jobs/{job}/")).status_code == 200
    assert len(transport.reports) == 3
    assert transport.violations == []
    assert list(transport.unmatched) == [f"GET {url}/_mock/"]


def test_with_our_overmind_client() -> None:
    from jobresults import overmind
    from jobresults.mock import API_KEYS

    app = create_app(seed=0)
    job = app.state.mock.listing("http://localhost")["overmind"]["jobs"][0]
    inner = sync_transport(app)
    collector = ValidatingTransport(inner, mode="collect")
    with overmind.Client(
        api_key=API_KEYS["overmind"],
        base_url="http://localhost/overmind",
        http_client=httpx.Client(transport=collector),
    ) as client:
        assert str(client.jobs.get(job).id) == job
    inner.close()
    assert [report.ok for report in collector.reports] == [True]


async def test_with_our_async_overmind_client() -> None:
    from jobresults import overmind
    from jobresults.mock import API_KEYS, transport

    app = create_app(seed=0)
    job = app.state.mock.listing("http://localhost")["overmind"]["jobs"][0]
    raising = ValidatingTransport(transport(app), mode="raise")
    async with overmind.AsyncClient(
        api_key=API_KEYS["overmind"],
        base_url="http://localhost/overmind",
        http_client=httpx.AsyncClient(transport=raising),
    ) as client:
        assert str((await client.jobs.get(job)).id) == job
    faulty = httpx.AsyncClient(transport=raising, headers={"X-Mock-Fault": "missing-field"})
    async with overmind.AsyncClient(
        api_key=API_KEYS["overmind"], base_url="http://localhost/overmind", http_client=faulty
    ) as client:
        with pytest.raises(ResponseValidationError) as raised:
            await client.jobs.get(job)
    assert raised.value.report.violations[0].kind is ViolationKind.MISSING_REQUIRED_FIELD
    assert [report.ok for report in raising.reports] == [True, False]

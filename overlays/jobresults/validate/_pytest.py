"""The validation part of the jobresults pytest plugin.

Fixtures:
    validating_transport            a ValidatingTransport in mode "collect" around httpx's real
                                    transport (works with httpx.Client and httpx.AsyncClient)
    validating_transport_factory    make(inner=None, *, mode="collect", strict=True, services=...)
                                    for wrapping your own transport (a mock, an ASGI app)

Every violation those transports see during a test is listed in the test's report. To fail
the test on any of them: `pytest --jobresults-strict-responses`, the ini option
`jobresults_strict_responses = true`, or the marker `@pytest.mark.jobresults_strict_responses`.
This module imports the validation code only when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import httpx

    from ._transport import Mode, ValidatingTransport

OPTION = "--jobresults-strict-responses"
INI = "jobresults_strict_responses"
MARKER = "jobresults_strict_responses"
SHOWN_VIOLATIONS = 20

_TRANSPORTS = pytest.StashKey[list["ValidatingTransport"]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the strict-responses option and ini setting."""
    group = parser.getgroup("jobresults")
    group.addoption(
        OPTION,
        action="store_true",
        default=False,
        help="Fail a test when a response seen by the validating_transport fixtures breaks its"
        " spec.",
    )
    parser.addini(
        INI,
        type="bool",
        default=False,
        help="Fail a test when a response seen by the validating_transport fixtures breaks its"
        " spec.",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}: fail this test when a response seen by the validating_transport fixtures"
        " breaks its spec.",
    )


def _strict(item: pytest.Item) -> bool:
    config = item.config
    return bool(config.getoption(OPTION) or config.getini(INI) or item.get_closest_marker(MARKER))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After the test body: list the violations seen, and fail the test on them when strict."""
    result = yield
    transports = item.stash.get(_TRANSPORTS, [])
    reports = [report for transport in transports for report in transport.failed_reports]
    if reports:
        lines = [str(report) for report in reports]
        item.add_report_section("call", "jobresults violations", "\n".join(lines))
        if _strict(item):
            shown = [violation for report in reports for violation in report.violations]
            text = "\n".join(f"  {violation.message}" for violation in shown[:SHOWN_VIOLATIONS])
            more = len(shown) - SHOWN_VIOLATIONS
            pytest.fail(
                f"{len(shown)} response violation{'s' if len(shown) != 1 else ''} seen"
                f" ({OPTION}):\n{text}" + (f"\n  ... and {more} more" if more > 0 else ""),
                pytrace=False,
            )
    return result


MakeTransport = Callable[..., "ValidatingTransport"]


@pytest.fixture
def validating_transport_factory(request: pytest.FixtureRequest) -> Iterator[MakeTransport]:
    """Make ValidatingTransports (mode "collect" by default) whose violations count for this
    test: `make(inner=None, *, mode="collect", strict=True, services=...)`."""
    import httpx

    from ._transport import ValidatingTransport

    made: list[ValidatingTransport] = request.node.stash.setdefault(_TRANSPORTS, [])

    def make(
        inner: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        *,
        mode: Mode = "collect",
        strict: bool = True,
        services: Iterable[str] | None = None,
        **options: Any,
    ) -> ValidatingTransport:
        transport = ValidatingTransport(inner, mode, strict=strict, services=services, **options)
        made.append(transport)
        return transport

    yield make
    for transport in made:  # a real sync transport made on first use: release its connections
        if isinstance(transport.inner, httpx.HTTPTransport):
            transport.inner.close()


@pytest.fixture
def validating_transport(validating_transport_factory: MakeTransport) -> ValidatingTransport:
    """A ValidatingTransport in mode "collect" around httpx's real transport; use it with
    `httpx.Client(transport=...)` or `httpx.AsyncClient(transport=...)`."""
    return validating_transport_factory()

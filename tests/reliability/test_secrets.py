"""Secret hygiene: every client call, error path, validation report and command runs with
recognizable fake keys and DEBUG logging on (httpx's and httpcore's own loggers included); the
keys are then searched for in everything captured, every repr and every exception string."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import PollSchedule, await_all, is_unknown, snapshot, wait_all
from jobresults.errors import JobResultsError
from jobresults.mock import MockServer, seeded
from jobresults.validate import ValidatingTransport, validate_har, validate_response
from typer.testing import CliRunner

from ._operations import IDS, OPERATIONS, Operation
from ._servers import STALLS, StallingServer, refusing_port
from ._support import CANARY_KEYS, SERVICES, AsyncRecordingSleep, RecordingSleep

WRONG_KEY = "canary-wrong-Qz7xW4pL9kR2"
SECRETS = [*CANARY_KEYS.values(), WRONG_KEY, "Qz7xW4pL9kR2"]
"""The keys, and the part they share: a key cut short or partly masked still shows it."""
FAULTS = ["429", "500", "502", "503", "html", "reset", "truncate", "malformed"]
FAULTS += ["missing-field", "unknown-enum"]
ENV_KEYS = {
    "modzy": "MODZY_API_KEY",
    "llamacloud": "LLAMA_CLOUD_API_KEY",
    "wickson": "WICKSON_API_KEY",
    "overmind": "OVERMIND_API_KEY",
}


class Exposure(logging.Handler):
    """Everything a secret could leak into: log records of every logger (DEBUG and up), and
    the reprs, strings and tracebacks of what the tests hand to `see`."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.texts: list[str] = []
        self.records = 0
        self.loggers: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        self.loggers.add(record.name.split(".")[0])
        self.texts.append(self.format(record))
        self.texts.append(repr(record.args))

    def see(self, *things: Any) -> None:
        for thing in things:
            self.texts += [repr(thing), str(thing)]
            if isinstance(thing, BaseException):
                self.texts += traceback.format_exception(thing)
                self.texts += [repr(arg) for arg in thing.args]
                for name in ("request", "response", "last"):
                    if getattr(thing, name, None) is not None:
                        self.texts.append(repr(getattr(thing, name)))
                if hasattr(thing, "violations"):
                    self.texts += [repr(v) for v in thing.violations()]

    def check(self, *more: str) -> None:
        everything = "\n".join([*self.texts, *more])
        for secret in SECRETS:
            assert secret not in everything, f"{secret!r} leaked"
        assert self.records > 0  # the logging was captured


@pytest.fixture
def exposure(capsys: pytest.CaptureFixture[str]) -> Iterator[Exposure]:
    handler = Exposure()
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore")}
    root.addHandler(handler)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    captured = capsys.readouterr()
    handler.check(captured.out, captured.err)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A mock that accepts the canary keys (and no other)."""
    with pytest.MonkeyPatch.context() as patch:
        from jobresults.mock import _services

        for service in SERVICES:
            patch.setitem(_services.API_KEYS, service, CANARY_KEYS[service])
        with MockServer(seed=2, speed=50.0, log_level="debug") as mock:
            yield mock


def options(server: MockServer, service: str, **extra: Any) -> dict[str, Any]:
    return {
        "api_key": CANARY_KEYS[service],
        "base_url": server.base_url(service),
        "sleep": RecordingSleep(),
        **extra,
    }


RESPONSE_CALLS = {
    "modzy.results.get": lambda c, job: c.results.get_response(job),
    "modzy.jobs.history_page": lambda c, _: c.jobs.history_page_response(page=1, per_page=5),
    "llamacloud.extraction.jobs.get_result": (
        lambda c, job: c.extraction.jobs.get_result_response(job)
    ),
    "wickson.batches.results": lambda c, batch: c.batches.results_response(batch),
    "overmind.jobs.get": lambda c, job: c.jobs.get_response(job),
}
"""The `*_response` variant of each fetching call that has one."""


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_call_and_its_results(
    server: MockServer, exposure: Exposure, operation: Operation
) -> None:
    with operation.client(**options(server, operation.service)) as client:
        exposure.see(client, client._http)
        result = operation.call(client, IDS[operation.service])
        exposure.see(result)
        if str(operation) in RESPONSE_CALLS:
            response = RESPONSE_CALLS[str(operation)](client, IDS[operation.service])
            exposure.see(response, response.http, response.http.request, response.headers)
            exposure.see(response.json(), response.deviations(), response.extra_fields())
        if operation.operation_id != "getJobHistory":
            exposure.see(snapshot(client, IDS[operation.service]))
    assert {"jobresults", "httpx", "httpcore"} <= exposure.loggers  # httpx's own logging too


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
async def test_every_async_call(
    server: MockServer, exposure: Exposure, operation: Operation
) -> None:
    settings = options(server, operation.service, sleep=AsyncRecordingSleep())
    async with operation.async_client(**settings) as client:
        exposure.see(client, await operation.acall(client, IDS[operation.service]))


@pytest.mark.parametrize("service", SERVICES)
def test_every_error_path(server: MockServer, exposure: Exposure, service: str) -> None:
    operation = next(op for op in OPERATIONS if op.service == service)
    job = IDS[service]
    caught: list[BaseException] = []

    def attempt(client: Any, job_id: str = job) -> None:
        try:
            result = operation.call(client, job_id)
        except (JobResultsError, ValueError) as error:
            caught.append(error)
        else:
            exposure.see(result, [is_unknown(getattr(result, "status", None))])

    for kind in FAULTS:
        http = httpx.Client(headers={"X-Mock-Fault": f"{kind}, retry-after=0"}, timeout=5)
        with operation.client(**options(server, service, http_client=http, max_retries=1)) as c:
            attempt(c)
        strict = operation.client(**options(server, service, http_client=http, strict=True))
        attempt(strict)
        http.close()
    with operation.client(**options(server, service, api_key=WRONG_KEY)) as client:
        attempt(client)
    with operation.client(**options(server, service)) as client:
        not_found = "00000000-0000-4000-8000-000000000000" if service == "overmind" else "gone"
        attempt(client, not_found)
        attempt(client, "not a uuid" if service == "overmind" else "..")
    with StallingServer(STALLS["in the body"]) as stalling:
        base = stalling.url + ("/api" if service == "modzy" else "")
        with operation.client(**options(server, service, base_url=base, timeout=0.1)) as client:
            attempt(client)
    with refusing_port() as port:
        base = f"http://127.0.0.1:{port}" + ("/api" if service == "modzy" else "")
        with operation.client(**options(server, service, base_url=base)) as client:
            attempt(client)
    for bad in ({"base_url": "http://example.com"}, {"api_key": CANARY_KEYS[service] + "\n!"}):
        try:
            operation.client(**{**options(server, service), **bad})
        except ValueError as error:
            caught.append(error)
    assert len(caught) >= len(FAULTS) + 6
    exposure.see(*caught)


def test_waits_wait_all_and_the_progress_display(server: MockServer, exposure: Exposure) -> None:
    from jobresults import modzy, overmind
    from rich.console import Console

    modzy_client = modzy.Client(**options(server, "modzy"))
    overmind_client = overmind.Client(**options(server, "overmind"))
    slow = server.create_job("modzy", items=2, seconds=10_000)
    try:
        modzy_client.results.wait(slow, timeout=0.2, poll_interval=0.05)
    except JobResultsError as error:
        exposure.see(error)
    job = server.create_job("overmind", items=2, seconds=5)
    exposure.see(overmind_client.jobs.wait(job, timeout=10, poll_interval=0.05))
    jobs: list[tuple[Any, str]] = []
    for service in SERVICES:
        module = __import__(f"jobresults.{service}", fromlist=["Client"])
        client = module.Client(**options(server, service))
        jobs += [(client, job_id) for job_id in server.create_jobs(service, 3, seconds=5)]
    jobs.append((module.Client(**options(server, service, api_key=WRONG_KEY)), IDS[service]))
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    statuses = wait_all(
        jobs,
        timeout=20,
        schedule=PollSchedule(interval=0.05, min_interval=0.02),
        progress=True,
        console=console,
        on_update=exposure.see,
    )
    exposure.see(statuses, *[status.error for status in statuses if status.error])
    assert statuses[-1].error is not None
    exposure.texts.append(console.file.getvalue())  # type: ignore[attr-defined]

    async def follow() -> list[Any]:
        from jobresults import wickson

        async with wickson.AsyncClient(**options(server, "wickson")) as client:
            return await await_all([(client, seeded.WICKSON_EXAMPLE_BATCH)])

    exposure.see(asyncio.run(follow()))


def test_validation_reports(server: MockServer, exposure: Exposure, tmp_path: Path) -> None:
    from jobresults import wickson

    transport = ValidatingTransport(httpx.HTTPTransport(), mode="collect")
    http = httpx.Client(transport=transport, headers={"X-Mock-Fault": "missing-field"})
    with wickson.Client(**options(server, "wickson", http_client=http)) as client:
        try:
            client.batches.results(seeded.WICKSON_EXAMPLE_BATCH)
        except JobResultsError as error:
            exposure.see(error)
    exposure.see(transport.reports, *transport.reports, transport.unmatched)
    for report in transport.reports:
        exposure.see(*report.violations)
    exposure.see(validate_response("wickson", "getBatchResults", 200, b"{}", {}))
    validation = validate_har(har_with_key(server))
    exposure.see(validation, *validation.reports)


def har_with_key(server: MockServer) -> dict[str, Any]:
    """A HAR capture whose request carries a key, and whose response breaks the spec."""
    url = server.base_url("wickson") + f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results"
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": [
                {
                    "request": {
                        "method": "GET",
                        "url": url,
                        "headers": [{"name": "X-Api-Key", "value": CANARY_KEYS["wickson"]}],
                    },
                    "response": {
                        "status": 200,
                        "headers": [{"name": "Content-Type", "value": "application/json"}],
                        "content": {"mimeType": "application/json", "text": '{"success": 1}'},
                    },
                }
            ],
        }
    }


def test_every_command(
    server: MockServer, exposure: Exposure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobresults.cli import app

    for service in SERVICES:
        monkeypatch.setenv(ENV_KEYS[service], CANARY_KEYS[service])
    har = tmp_path / "capture.har"
    har.write_text(json.dumps(har_with_key(server)))
    body = tmp_path / "body.json"
    body.write_text('{"success": "yes"}')
    created = server.create_job("overmind", items=2, seconds=2)
    url = {service: ["--base-url", server.base_url(service)] for service in SERVICES}
    commands = [
        *[["get", service, IDS[service], *url[service]] for service in SERVICES],
        *[["get", service, IDS[service], "--json", *url[service]] for service in SERVICES],
        ["get", "overmind", created, "--wait", "--timeout", "20", *url["overmind"]],
        ["get", "modzy", "no-such-job", *url["modzy"]],
        ["get", "wickson", IDS["wickson"], *url["wickson"], "--api-key", WRONG_KEY],
        ["get", "overmind", "not-a-uuid", *url["overmind"]],
        ["get", "llamacloud", IDS["llamacloud"], "--base-url", "http://127.0.0.1:9"],
        ["get", "wickson", IDS["wickson"], "--api-key", CANARY_KEYS["wickson"], "--bogus"],
        ["history", "--per-page", "20", *url["modzy"]],
        ["history", "--status", "sideways", *url["modzy"]],
        ["batch-results", IDS["wickson"], "--page-size", "50", *url["wickson"]],
        ["batch-results", IDS["wickson"], "--format", "csv", *url["wickson"]],
        ["batch-results", "batch-xyz789", *url["wickson"]],
        ["validate", "wickson", "getBatchResults", str(body)],
        ["validate", "wickson", "all", str(har)],
        ["contract", "overmind", *url["overmind"], "--max-examples", "1"],
        ["operations"],
    ]
    runner = CliRunner()
    codes = []
    for command in commands:
        result = runner.invoke(app, command)
        codes.append(result.exit_code)
        exposure.texts += [result.stdout, result.stderr, repr(result.exception)]
        if result.exc_info is not None and result.exception is not None:
            exposure.see(result.exception)
    assert codes == [0] * 9 + [4, 3, 2, 7, 2, 0, 2, 0, 0, 4, 11, 11, 0, 0]


def test_the_search_finds_a_key_that_leaks() -> None:
    exposure = Exposure()
    logger = logging.getLogger("httpx")
    logger.addHandler(exposure)
    try:
        logger.warning("sent %s", {"X-Api-Key": CANARY_KEYS["wickson"][:20] + "Qz7xW4pL9kR2"})
    finally:
        logger.removeHandler(exposure)
    with pytest.raises(AssertionError, match="leaked"):
        exposure.check()
    with pytest.raises(AssertionError, match="leaked"):
        Exposure().check(f"Authorization: Bearer {CANARY_KEYS['llamacloud']}")

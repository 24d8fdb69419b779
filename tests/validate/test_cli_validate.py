"""`jobresults validate` on captured responses: JSON bodies and HAR files, text and JSON
reports, exit codes 0 / 1 / 2; and `validate_har` itself."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from jobresults.cli import app
from jobresults.validate import HarFormatError, ViolationKind, validate_har
from typer.testing import CliRunner

from ._corpus import examples

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]
BROKEN = {**WICKSON, "message": None}
OVERMIND = EXAMPLES["overmind", "getJob", 200]


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def write(folder: Path, name: str, content: Any) -> str:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else orjson.dumps(content))
    return str(path)


def entry(method: str, url: str, status: int, body: Any, **headers: str) -> dict[str, Any]:
    """One HAR 1.2 entry (request headers included, as browsers record them)."""
    text = body if isinstance(body, str) else json.dumps(body)
    return {
        "startedDateTime": "2024-12-18T10:00:00.000Z",
        "time": 12,
        "request": {
            "method": method,
            "url": url,
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": "X-Api-Key", "value": "sk-har-secret"}],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": 0,
        },
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "headers": [
                {"name": name.replace("_", "-"), "value": v} for name, v in headers.items()
            ],
            "cookies": [],
            "content": {"size": len(text), "mimeType": "application/json", "text": text},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(text),
        },
        "cache": {},
        "timings": {"send": 0, "wait": 10, "receive": 2},
    }


def har(*entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": list(entries),
        }
    }


MIXED_HAR = har(
    entry(
        "GET",
        "https://api.wickson.ai/v1/batches/b1/results?page=1",
        200,
        WICKSON,
        Content_Type="application/json",
    ),
    entry(
        "GET",
        "https://proxy.local/wickson/v1/batches/b1/results?page=2",
        200,
        BROKEN,
        Content_Type="application/json; charset=utf-8",
    ),
    entry(
        "GET",
        "https://api.wickson.ai/v1/batches/b1/results?page=3",
        429,
        EXAMPLES["wickson", "getBatchResults", 429],
    ),
    entry("GET", "https://api.wickson.ai/v1/batches", 200, {"batches": []}),
    entry("GET", "https://api.overmindlab.ai/api/jobs/x/", 200, OVERMIND),
)


def test_validate_har_matches_entries_to_operations() -> None:
    outcome = validate_har(MIXED_HAR, name="capture.har")
    assert [(r.service, r.status, r.ok) for r in outcome.reports] == [
        ("wickson", 200, True),
        ("wickson", 200, False),
        ("wickson", 429, False),
        ("overmind", 200, True),
    ]
    assert [v.pointer for v in outcome.reports[1].violations] == ["/message"]
    assert [v.kind for v in outcome.reports[2].violations] == [ViolationKind.MISSING_HEADER]
    assert outcome.reports[1].source == "capture.har#1 GET /wickson/v1/batches/b1/results"
    assert outcome.skipped == ["capture.har#3 GET /v1/batches: not an operation validated here"]
    assert not outcome.ok


def test_validate_har_for_one_operation_and_base64_bodies() -> None:
    encoded = entry("GET", "https://api.overmindlab.ai/api/jobs/x/", 200, "")
    encoded["response"]["content"].update(
        text=base64.b64encode(orjson.dumps(OVERMIND)).decode(), encoding="base64"
    )
    unrecorded = entry("GET", "https://api.overmindlab.ai/api/jobs/y/", 200, "")
    del unrecorded["response"]["content"]["text"]
    outcome = validate_har(
        har(*MIXED_HAR["log"]["entries"], encoded, unrecorded),
        service="overmind",
        operation_id="getJob",
    )
    assert [r.ok for r in outcome.reports] == [True, True]
    assert len(outcome.skipped) == 5
    assert outcome.skipped[-1].endswith("the HAR holds no response body")
    with pytest.raises(HarFormatError, match=r"no log\.entries"):
        validate_har({"log": {}})


def test_valid_json_bodies_exit_0(tmp_path: Path) -> None:
    first = write(tmp_path, "page1.json", WICKSON)
    second = write(tmp_path, "page2.json", WICKSON)
    result = run("validate", "wickson", "getBatchResults", first, second)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{first}: wickson getBatchResults 200: ok",
        f"{second}: wickson getBatchResults 200: ok",
        "2 responses checked: 2 valid, 0 with violations (0 in all)",
    ]


def test_violations_exit_11_with_a_readable_report(tmp_path: Path) -> None:
    body = json.loads(json.dumps(WICKSON))
    body["data"]["job_results"][1]["status"] = "queued"
    path = write(tmp_path, "page.json", body)
    result = run("validate", "wickson", "getBatchResults", path)
    assert result.exit_code == 11
    assert result.stderr == (
        "error: check failed: 1 of 1 responses off the wickson spec (1 violation)\n"
    )
    assert result.stdout.splitlines()[:2] == [
        f"{path}: wickson getBatchResults 200: 1 violation",
        '  not_in_enum            /data/job_results/1/status: "queued" is not one of succeeded,'
        " failed, processed",
    ]


def test_status_option_and_json_format(tmp_path: Path) -> None:
    path = write(tmp_path, "404.json", {"success": False, "message": "gone", "code": "gone"})
    result = run(
        "validate", "wickson", "getBatchResults", path, "--status", "404", "--format", "json"
    )
    assert result.exit_code == 11
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["checked"] == 1
    (report,) = document["reports"]
    assert report["source"] == path
    assert report["status"] == 404
    assert {(v["kind"], v["pointer"]) for v in report["violations"]} == {
        ("not_in_enum", "/code"),
        ("missing_required_field", "/status_code"),
    }


def test_invalid_json_is_a_violation_not_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.json", orjson.dumps(WICKSON)[:-1])
    result = run("validate", "wickson", "getBatchResults", path)
    assert result.exit_code == 11
    assert "invalid_json" in result.stdout


def test_har_files(tmp_path: Path) -> None:
    path = write(tmp_path, "session.har", MIXED_HAR)
    result = run("validate", "wickson", "all", path, "--format", "json")
    assert result.exit_code == 11
    document = json.loads(result.stdout)
    assert [r["ok"] for r in document["reports"]] == [True, False, False]
    assert len(document["skipped"]) == 2  # the batch list and the Overmind job
    assert "sk-har-secret" not in result.output
    valid_only = write(tmp_path, "good.har", har(MIXED_HAR["log"]["entries"][0]))
    text = run("validate", "wickson", "getBatchResults", valid_only)
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0] == (
        f"{valid_only}#0 GET /v1/batches/b1/results: wickson getBatchResults 200: ok"
    )


def test_a_har_with_integers_past_64_bits_is_read_as_a_har(tmp_path: Path) -> None:
    recorded = entry("GET", "https://api.wickson.ai/v1/batches/b1/results", 200, WICKSON)
    recorded["response"]["bodySize"] = 2**70  # JSON allows it; orjson does not read it
    path = tmp_path / "capture.json"  # not named .har: told apart by its content
    path.write_text(json.dumps(har(recorded)))
    result = run("validate", "wickson", "all", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("wickson getBatchResults 200: ok")


def test_standard_input(tmp_path: Path) -> None:
    result = run("validate", "overmind", "getJob", "-", stdin=orjson.dumps(OVERMIND))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("wikson", "getBatchResults"), "unknown service 'wikson'; valid services: llamacloud,"),
        (("wickson", "getResults"), "valid operations: getBatchResults"),
        (("wickson", "getBatchResults", "--status", "201"), "valid statuses: 200, 400, 401"),
        (("wickson", "all"), "name its operation instead of 'all'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    service, operation, *options = args
    path = write(tmp_path, "body.json", WICKSON)
    result = run("validate", service, operation, path, *options)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_unreadable_files_exit_2(tmp_path: Path) -> None:
    missing = run("validate", "wickson", "getBatchResults", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr
    broken_har = write(tmp_path, "broken.har", b"{not json")
    result = run("validate", "wickson", "all", broken_har)
    assert result.exit_code == 2
    assert "is not a HAR document" in result.stderr


def test_junit_format(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    path = write(tmp_path, "session.har", MIXED_HAR)
    result = run("validate", "wickson", "all", path, "--format", "junit")
    assert result.exit_code == 11
    root = ElementTree.fromstring(result.stdout)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "2", "2")
    cases = suite.findall("testcase")
    assert [case.find("failure") is not None for case in cases[:3]] == [False, True, True]
    assert all(case.find("skipped") is not None for case in cases[3:])
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.text
    assert "sk-har-secret" not in result.output

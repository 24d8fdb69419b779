"""`batch-results`: file errors are one line; a failed run names the page to resume from and
leaves FILE with whole pages only; `--start-page` appends the rest."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobresults import wickson
from jobresults.cli import _batch_results
from jobresults.mock import API_KEYS, sync_transport

from .conftest import Invoke

BATCH = "batch-abc123"
KEY = API_KEYS["wickson"]
BASE = "http://127.0.0.1/wickson"


@pytest.fixture
def failing_page(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The command's client goes to the in-memory mock; `settings["page"]` answers 503."""
    settings: dict[str, Any] = {"page": None}
    mock = sync_transport()

    def handle(request: httpx.Request) -> httpx.Response:
        page = request.url.params.get("page")
        if settings["page"] is not None and page == str(settings["page"]):
            return httpx.Response(503, json={"success": False, "message": "down"})
        return mock.handle_request(request)

    def open_client(service: str, **options: Any) -> wickson.Client:
        http = httpx.Client(transport=httpx.MockTransport(handle))
        return wickson.Client(KEY, base_url=BASE, http_client=http, max_retries=0)

    monkeypatch.setattr(_batch_results, "open_client", open_client)
    return settings


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text())))


def test_a_failed_page_names_the_page_to_resume_from_and_start_page_appends_the_rest(
    invoke: Invoke, failing_page: dict[str, Any], tmp_path: Path
) -> None:
    whole = tmp_path / "whole.csv"
    assert invoke(["batch-results", BATCH, "--format", "csv", "-o", str(whole)]).exit_code == 0
    expected = rows(whole)
    assert len(expected) == 201  # the header and 200 items

    out = tmp_path / "items.csv"
    failing_page["page"] = 3
    args = ["batch-results", BATCH, "--format", "csv", "--page-size", "30", "-o", str(out)]
    failed = invoke(args)
    assert failed.exit_code == 6, failed.output
    (line,) = failed.stderr.strip().splitlines()[-1:]
    assert line.startswith("error: server error: ")
    assert line.endswith(f"60 items of pages 1..2 written to {out}: resume with --start-page 3")
    assert rows(out) == expected[: 1 + 60]  # whole pages only

    failing_page["page"] = None
    resumed = invoke([*args, "--start-page", "3"])
    assert resumed.exit_code == 0, resumed.output
    assert rows(out) == expected  # appended, no second header


def test_a_jsonl_resume_from_stdout(invoke: Invoke, failing_page: dict[str, Any]) -> None:
    failing_page["page"] = 2
    failed = invoke(["batch-results", BATCH, "--page-size", "100"])
    assert failed.exit_code == 6
    assert len(failed.stdout.splitlines()) == 100
    assert failed.stderr.strip().endswith("resume with --start-page 2")
    failing_page["page"] = None
    rest = invoke(["batch-results", BATCH, "--page-size", "100", "--start-page", "2"])
    assert rest.exit_code == 0
    assert len(rest.stdout.splitlines()) == 100


def test_an_output_that_cannot_be_opened_is_one_line_before_anything_is_fetched(
    invoke: Invoke, closed_port_url: str
) -> None:
    target = "/nonexistent/dir/x.csv"
    result = invoke(
        ["batch-results", BATCH, "-o", target, "--base-url", closed_port_url, "--api-key", KEY]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: invalid input: cannot write {target}: No such file or directory\n"
    )


def test_a_full_disk_keeps_whole_pages_and_names_the_page_to_resume_from(
    invoke: Invoke,
    failing_page: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "items.jsonl"
    commits = {"n": 0}
    real = _batch_results.PageFile.commit

    class FillsUp:
        """A file whose next write stores half of what it is given, then finds the disk full."""

        def __init__(self, file: Any) -> None:
            self.file = file

        def write(self, data: memoryview) -> int:
            self.file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.file, name)

    def commit(self: Any) -> None:
        commits["n"] += 1
        if commits["n"] == 3:  # the third page
            self._file = FillsUp(self._file)
        real(self)

    monkeypatch.setattr(_batch_results.PageFile, "commit", commit)
    result = invoke(["batch-results", BATCH, "--page-size", "50", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: invalid input: cannot write to {out}: No space left on device; it keeps the"
        " whole pages 1..2: resume with --start-page 3"
    )
    lines = out.read_text().splitlines()
    assert len(lines) == 100  # the half page written was cut off


def test_dev_full_is_one_line(invoke: Invoke, failing_page: dict[str, Any]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = invoke(["batch-results", BATCH, "-o", "/dev/full"])
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "No space left on device" in line
    assert line.endswith("resume with --start-page 1")

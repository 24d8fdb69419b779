"""HAR files that are JSON but not well-formed HAR: one clear line and exit code 2 from
`jobresults validate`, a `HarFormatError` from `validate_har`, never a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from jobresults.cli import app
from jobresults.validate import HarFormatError, validate_har
from typer.testing import CliRunner

URL = "http://127.0.0.1:8765/wickson/v1/batches/batch-abc123/results"
GOOD_ENTRY: dict[str, Any] = {
    "request": {"method": "GET", "url": URL, "headers": []},
    "response": {
        "status": 200,
        "headers": [{"name": "Content-Type", "value": "application/json"}],
        "content": {"mimeType": "application/json", "text": "{}"},
    },
}


def with_entry(change: Any) -> dict[str, Any]:
    entry = copy.deepcopy(GOOD_ENTRY)
    entry = change(entry)
    return {"log": {"version": "1.2", "entries": [copy.deepcopy(GOOD_ENTRY), entry]}}


def replace(path: str, value: Any) -> Any:
    def change(entry: dict[str, Any]) -> Any:
        *parents, last = path.split(".")
        node = entry
        for part in parents:
            node = node[part]
        node[last] = value
        return entry

    return change


MALFORMED = {
    "entry a string": (lambda entry: "GET /"),
    "entry a list": (lambda entry: [entry]),
    "entry null": (lambda entry: None),
    "request a string": replace("request", "GET /"),
    "response a list": replace("response", []),
    "headers an object": replace("response.headers", {"Content-Type": "application/json"}),
    "a header a string": replace("response.headers", ["Content-Type: application/json"]),
    "status a word": replace("response.status", "OK"),
    "status a list": replace("response.status", [200]),
    "status a fraction": replace("response.status", 200.5),
    "status true": replace("response.status", True),
    "content a string": replace("response.content", "{}"),
    "text a number": replace("response.content.text", 12),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_har_entries_are_one_clear_line_and_exit_2(case: str, tmp_path: Path) -> None:
    document = with_entry(MALFORMED[case])
    with pytest.raises(HarFormatError, match=r"capture\.har: entry 1") as caught:
        validate_har(document, name="capture.har")
    assert "\n" not in str(caught.value)
    path = tmp_path / "capture.har"
    path.write_bytes(orjson.dumps(document))
    result = CliRunner().invoke(app, ["validate", "wickson", "all", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "entry 1" in lines[0]
    assert "Traceback" not in result.output

"""Counters beyond float range and item fields of the wrong type: typed results, clamped
fractions, typed errors, and no traceback from the command line."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jobresults import PollSchedule, modzy, snapshot, wait_all, wickson
from jobresults._snapshot import from_result
from jobresults.cli import app
from jobresults.errors import JobResultsError
from typer.testing import CliRunner

from ._operations import IDS, sample_bodies
from ._servers import Reply, ScriptedServer, Seen, json_reply
from ._support import RecordingSleep, within

SAMPLES = {name: json.loads(body) for name, body in sample_bodies().items()}
HUGE = 10**400


def modzy_result(completed: int, failed: int, total: int, finished: bool) -> dict[str, Any]:
    body = copy.deepcopy(SAMPLES["modzy.results.get"])
    body.update(completed=completed, failed=failed, total=total, finished=finished)
    return body


def wickson_page(successful: int, failed: int, total: int) -> dict[str, Any]:
    body = copy.deepcopy(SAMPLES["wickson.batches.results"])
    completion = body["data"]["batch_summary"]["completion"]
    completion.update(successful=successful, failed=failed, total_items=total)
    return body


COUNTS = {"completed beyond float range": (HUGE, 0, 3), "failed beyond it": (0, HUGE, 7)}


@contextlib.contextmanager
def serving(counts: tuple[int, int, int]) -> Iterator[ScriptedServer]:
    """Modzy results (job-1 unfinished once, then finished) and a Wickson page, with `counts`."""
    polls: dict[str, int] = {}

    def answer(seen: Seen) -> Reply:
        if "/results/" in seen.path and "/batches/" not in seen.path:
            polls[seen.path] = polls.get(seen.path, 0) + 1
            unfinished = seen.path.endswith("/job-1") and polls[seen.path] == 1
            body = modzy_result(*counts, finished=not unfinished)
            body["job_identifier"] = seen.path.rsplit("/", 1)[-1]
            return json_reply(body)
        return json_reply(wickson_page(*counts))

    with ScriptedServer(answer) as server:
        yield server


@pytest.mark.parametrize("case", list(COUNTS))
def test_counters_beyond_float_range_never_overflow(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = COUNTS[case]
    with serving(counts) as server:
        options: dict[str, Any] = {"base_url": server.url, "sleep": RecordingSleep()}
        with modzy.Client("test-key", **options) as client:
            result = client.results.get(IDS["modzy"])
            assert result.completed == counts[0]
            assert 0.0 <= result.progress <= 1.0
            status = snapshot(client, IDS["modzy"])
            assert 0.0 <= status.progress <= 1.0
            schedule = PollSchedule(interval=0.02, min_interval=0.01)
            jobs = [(client, "job-1")]
            [followed] = within(10, lambda: wait_all(jobs, timeout=10, schedule=schedule))
            assert followed.error is None
            assert followed.is_terminal
            assert 0.0 <= followed.progress <= 1.0
        with wickson.Client("test-key", **options) as client:
            page = client.batches.results(IDS["wickson"])
            assert 0.0 <= from_result("wickson", IDS["wickson"], page).progress <= 1.0
        monkeypatch.setenv("MODZY_API_KEY", "test-key")
        monkeypatch.setenv("WICKSON_API_KEY", "test-key")
        runner = CliRunner()
        commands = [
            ["get", "modzy", IDS["modzy"], "--base-url", server.url],
            ["get", "modzy", IDS["modzy"], "--base-url", server.url, "--json"],
            ["get", "modzy", "job-2", "--base-url", server.url, "--wait", "--timeout", "10"],
            ["get", "wickson", IDS["wickson"], "--base-url", server.url],
        ]
        for command in commands:
            outcome = within(20, lambda command=command: runner.invoke(app, command))
            assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
                command,
                outcome.exception,
            )
            assert "Traceback" not in outcome.output
            assert outcome.exit_code in (0, 8, 12), (command, outcome.output)  # 12: job failed


ODD_VALUES = (
    st.sampled_from(
        [None, True, 0, -1, 2**64, -(10**400), 1.5, "", "not-a-date", "2024-13-45T99:99:99Z"]
    )
    | st.sampled_from([[], {}, [None], {"up": "x"}, {"up": 1}, {"down": 2, "up": None}, "x" * 300])
    | st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
        max_leaves=8,
    )
)
ITEM_FIELDS = ["status", "engine", "start_time", "update-time", "end-time", "elapsed_time"]
ITEM_FIELDS += ["voting", "error", "results.json", "0001"]


@st.composite
def modzy_items(draw: st.DrawFn) -> dict[str, Any]:
    """A Modzy result whose items (completed and failed) hold odd values in their fields."""
    body = modzy_result(2, 1, 3, finished=True)
    template = next(iter(body["results"].values()))
    body["results"], body["failures"] = {}, {}
    for source, where in [("0001", "results"), ("0002", "results"), ("0003", "failures")]:
        item = copy.deepcopy(template) if where == "results" else {"error": "boom"}
        for name in draw(st.lists(st.sampled_from(ITEM_FIELDS), max_size=4)):
            item[name] = draw(ODD_VALUES)
        if draw(st.booleans()):
            item = {source: item}  # the older servers' double nesting
        body[where][source] = item
    return body


def test_typed_helpers_raise_only_typed_errors_on_bad_item_fields() -> None:
    serving: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=serving[-1], headers={"content-type": "application/json"}
        )

    client = modzy.Client(
        "test-key",
        base_url="https://modzy.invalid/api",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )

    @settings(
        max_examples=80,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(modzy_items())
    def check(body: dict[str, Any]) -> None:
        serving.append(json.dumps(body).encode())
        try:
            result = client.results.get(IDS["modzy"])
        except JobResultsError:
            return
        helpers = [lambda: result.sources, lambda: result.progress, result.get_first_outputs]
        for source in [*result.sources, "missing"]:
            helpers += [
                lambda source=source: result.item(source),
                lambda source=source: result.failure(source),
                lambda source=source: result.get_source_outputs(source),
            ]
        helpers.append(lambda: from_result("modzy", IDS["modzy"], result).progress)
        for helper in helpers:
            # KeyError: documented, for an item the job does not report
            with contextlib.suppress(JobResultsError, KeyError):
                helper()
        from jobresults.cli._summaries import modzy_summary

        modzy_summary(result)  # builds its table from the helpers (rendering adds nothing)

    check()
    client.close()

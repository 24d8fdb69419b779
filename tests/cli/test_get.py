"""`jobresults get` against the mock: the summaries' content, --wait, --json, and every error."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from jobresults.cli._exit_codes import ExitCode
from jobresults.cli._summaries import BEST_MARKER
from jobresults.mock import MockServer, seeded

from .conftest import Invoke, mock_args


def test_get_modzy_prints_each_items_status_and_outputs(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    job = seeded.MODZY_EXAMPLE_JOB
    result = invoke(["get", "modzy", job, *mock_args(jobresults_mock, "modzy")])
    assert result.exit_code == 0, result.output
    assert f"Modzy job {job}: finished, 1 completed, 0 failed of 1 item" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "0001" in line)
    assert "SUCCESSFUL" in row
    assert '"result":"six"' in row


def test_get_reads_the_key_from_the_services_environment_variable(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    job = seeded.MODZY_EXAMPLE_JOB
    env = {"MODZY_API_KEY": jobresults_mock.api_key("modzy")}
    url = jobresults_mock.base_url("modzy")
    result = invoke(["get", "modzy", job, "--base-url", url], env=env)
    assert result.exit_code == 0, result.output
    assert job in result.stdout


def test_get_llamacloud_prints_the_extracted_records(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    job = seeded.LLAMACLOUD_EXAMPLE_JOB
    result = invoke(["get", "llamacloud", job, *mock_args(jobresults_mock, "llamacloud")])
    assert result.exit_code == 0, result.output
    assert "LlamaCloud extraction run" in result.stdout
    assert "1 record" in result.stdout
    assert "foo" in result.stdout


def test_get_wickson_prints_completion_and_the_error_summary(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    batch = seeded.WICKSON_EXAMPLE_BATCH
    result = invoke(["get", "wickson", batch, *mock_args(jobresults_mock, "wickson")])
    assert result.exit_code == 0, result.output
    assert f"Wickson batch {batch}" in result.stdout
    assert "completion: 180 of 200 items succeeded, 20 failed (90.0%)" in result.stdout
    assert "error summary:" in result.stdout
    assert "format_error" in result.stdout


def test_get_overmind_wait_follows_the_job_and_marks_the_best_iteration(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("overmind", items=4, seconds=10.0)
    result = invoke(
        ["get", "overmind", job, "--wait", "--timeout", "20", *mock_args(server, "overmind")]
    )
    assert result.exit_code == 0, result.output
    assert f"Overmind job {job}" in result.stdout
    assert ": completed" in result.stdout
    marked = [line for line in result.stdout.splitlines() if BEST_MARKER in line]
    assert len(marked) == 1
    # The progress bar's final state, on stderr: iterations done of planned.
    assert "4/4" in result.stderr
    assert "iterations/s" in result.stderr


def test_get_modzy_wait_ends_with_every_item_done(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("modzy", items=5, seconds=10.0)
    result = invoke(["get", "modzy", job, "--wait", *mock_args(server, "modzy")])
    assert result.exit_code == 0, result.output
    assert f"Modzy job {job}: finished, 5 completed, 0 failed of 5 items" in result.stdout
    assert "5/5" in result.stderr


def test_get_json_prints_the_typed_result(invoke: Invoke, jobresults_mock: MockServer) -> None:
    job = seeded.OVERMIND_EXAMPLE_JOB
    result = invoke(["get", "overmind", job, "--json", *mock_args(jobresults_mock, "overmind")])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["id"] == job
    assert isinstance(document["iterations"], list)
    assert document["iterations"][0]["status"] == "keep"


def test_get_wait_gives_up_at_the_timeout(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=1)
    job = server.create_job("modzy", items=3, seconds=60.0)
    args = ["get", "modzy", job, "--wait", "--timeout", "0.3"]
    result = invoke(args + mock_args(server, "modzy"))
    assert result.exit_code == ExitCode.WAIT_TIMEOUT
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(f"error: timed out: modzy job {job} did not end within 0.3 s")
    )


def test_wrong_key_is_an_auth_error(invoke: Invoke, jobresults_mock: MockServer) -> None:
    args = mock_args(jobresults_mock, "wickson", api_key="wrong-key")
    result = invoke(["get", "wickson", seeded.WICKSON_EXAMPLE_BATCH, *args])
    assert result.exit_code == ExitCode.AUTH
    assert result.stderr.startswith("error: authentication failed: ")
    assert result.stderr.count("\n") == 1
    assert "wrong-key" not in result.output
    assert "Traceback" not in result.output


def test_unknown_job_is_not_found(invoke: Invoke, jobresults_mock: MockServer) -> None:
    args = mock_args(jobresults_mock, "wickson")
    result = invoke(["get", "wickson", "batch-does-not-exist", *args])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("error: not found: ")
    assert "batch-does-not-exist" in result.stderr


@pytest.mark.parametrize(
    ("faults", "code", "words"),
    [
        ("429=1,retry-after=0", ExitCode.RATE_LIMITED, "rate limited"),
        ("500=1", ExitCode.SERVER, "server error"),
        ("html=1", ExitCode.SERVER, "server error"),
        ("malformed=1", ExitCode.INVALID_RESPONSE, "invalid response"),
        ("reset=1", ExitCode.NETWORK, "network error"),
    ],
)
def test_each_fault_has_its_exit_code(
    invoke: Invoke,
    jobresults_mock_factory: Callable[..., MockServer],
    faults: str,
    code: ExitCode,
    words: str,
) -> None:
    server = jobresults_mock_factory(faults=faults)
    args = [*mock_args(server, "wickson"), "--max-retries", "0"]
    result = invoke(["get", "wickson", seeded.WICKSON_EXAMPLE_BATCH, *args])
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"error: {words}: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_nothing_listening_is_a_network_error(invoke: Invoke, closed_port_url: str) -> None:
    args = ["--base-url", closed_port_url + "/overmind", "--api-key", "k", "--max-retries", "0"]
    result = invoke(["get", "overmind", seeded.OVERMIND_EXAMPLE_JOB, *args])
    assert result.exit_code == ExitCode.NETWORK
    assert result.stderr.startswith("error: network error: ")


def test_missing_key_and_bad_ids_are_usage_errors(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    url = jobresults_mock.base_url("overmind")
    result = invoke(["get", "overmind", seeded.OVERMIND_EXAMPLE_JOB, "--base-url", url])
    assert result.exit_code == ExitCode.USAGE
    assert "pass --api-key or set OVERMIND_API_KEY" in result.stderr
    result = invoke(["get", "overmind", "not-a-uuid", *mock_args(jobresults_mock, "overmind")])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: invalid input: ")
    result = invoke(["get", "modzy", "x", "--api-key", "k"])
    assert result.exit_code == ExitCode.USAGE
    assert "pass --base-url or set MODZY_BASE_URL" in result.stderr


def test_unknown_service_is_refused_by_the_parser(invoke: Invoke) -> None:
    result = invoke(["get", "nosuch", "x"])
    assert result.exit_code == ExitCode.USAGE
    assert "nosuch" in result.stderr


def test_get_wickson_wait_follows_the_batch_to_its_end(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    batch = server.create_job("wickson", items=6, seconds=10.0, failures=2)
    result = invoke(["get", "wickson", batch, "--wait", *mock_args(server, "wickson")])
    assert result.exit_code == 0, result.output
    assert f"Wickson batch {batch}" in result.stdout
    assert "completion: 4 of 6 items succeeded, 2 failed" in result.stdout
    assert "6/6" in result.stderr


def test_get_llamacloud_wait_polls_through_the_404s_until_the_result(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("llamacloud", items=3, seconds=10.0)
    result = invoke(
        ["get", "llamacloud", job, "--wait", "--json", *mock_args(server, "llamacloud")]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert len(document["data"]["pages"]) == 3


def test_get_modzy_wait_on_an_unknown_job_is_not_found_at_once(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    from jobresults import modzy

    assert modzy.Client.job_rule is not None
    assert modzy.Client.job_rule.not_found_grace == 60.0  # the spec's grace, not waited for
    unknown = "00000000-0000-4000-8000-0000000000ff"
    started = time.monotonic()
    result = invoke(["get", "modzy", unknown, "--wait", *mock_args(jobresults_mock, "modzy")])
    assert time.monotonic() - started < 10.0
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.strip().splitlines()[-1].startswith("error: not found: ")
    assert unknown in result.stderr


def test_get_llamacloud_wait_prints_the_records_of_a_job_that_succeeded(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("llamacloud", items=3, seconds=4.0)
    result = invoke(["get", "llamacloud", job, "--wait", *mock_args(server, "llamacloud")])
    assert result.exit_code == 0, result.output
    assert "LlamaCloud extraction run" in result.stdout
    assert "1 record" in result.stdout
    assert 'metadata: usage: {"pages":3}' in result.stdout


def test_get_llamacloud_wait_on_a_failed_job_says_why_with_its_own_exit_code(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("llamacloud", items=3, seconds=4.0, outcome="failed")
    started = time.monotonic()
    result = invoke(
        ["get", "llamacloud", job, "--wait", "--timeout", "60", *mock_args(server, "llamacloud")]
    )
    assert time.monotonic() - started < 10.0  # as soon as the service says so
    assert result.exit_code == ExitCode.JOB_FAILED, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: job failed: llamacloud job {job} failed (status ERROR):"
        " extraction failed on page 1 of 3"
    )
    assert f"LlamaCloud extraction job {job}: ERROR" in result.stdout  # the job as last seen
    as_json = invoke(
        ["get", "llamacloud", job, "--wait", "--json", *mock_args(server, "llamacloud")]
    )
    assert as_json.exit_code == ExitCode.JOB_FAILED
    document = json.loads(as_json.stdout)
    assert (document["id"], document["status"]) == (job, "ERROR")
    assert document["error"] == "extraction failed on page 1 of 3"


def test_get_llamacloud_without_wait_shows_a_job_that_has_no_result(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    jobs = jobresults_mock.listing()["llamacloud"]["jobs"]
    shown = {}
    for job in jobs:
        result = invoke(["get", "llamacloud", job, *mock_args(jobresults_mock, "llamacloud")])
        assert result.exit_code == 0, result.output
        shown[job] = result.stdout
    assert sum("LlamaCloud extraction run" in text for text in shown.values()) == 6
    pending = [text for text in shown.values() if ": PENDING" in text]
    failed = [text for text in shown.values() if ": ERROR" in text]
    cancelled = [text for text in shown.values() if ": CANCELLED" in text]
    assert (len(pending), len(failed), len(cancelled)) == (1, 1, 1)
    assert "error: the file is empty" in failed[0]
    assert "file: document-" in failed[0]


def test_get_overmind_wait_on_a_failed_job_prints_it_then_exits_job_failed(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    server = jobresults_mock_factory(speed=20)
    job = server.create_job("overmind", items=2, seconds=4.0, outcome="failed")
    result = invoke(["get", "overmind", job, "--wait", *mock_args(server, "overmind")])
    assert result.exit_code == ExitCode.JOB_FAILED, result.output
    assert f"Overmind job {job}" in result.stdout
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(f"error: job failed: overmind job {job} failed")
    )


def test_get_llamacloud_json_prints_the_servers_integers_as_integers(
    invoke: Invoke, jobresults_mock: MockServer
) -> None:
    jobs = jobresults_mock.listing()["llamacloud"]["jobs"]
    records = []
    for job in jobs:
        result = invoke(
            ["get", "llamacloud", job, "--json", *mock_args(jobresults_mock, "llamacloud")]
        )
        if result.exit_code == 0 and isinstance(json.loads(result.stdout)["data"], list):
            records = json.loads(result.stdout)["data"]
            break
    assert records
    assert all("quantity" in record for record in records)
    quantities = [record["quantity"] for record in records]
    assert all(type(quantity) is int for quantity in quantities), quantities
    assert all(type(record["unit_price"]) is float for record in records)


def test_the_timeout_line_names_the_last_real_state_and_json_still_prints_the_job(
    invoke: Invoke, jobresults_mock_factory: Callable[..., MockServer]
) -> None:
    import json

    server = jobresults_mock_factory(speed=1)
    job = server.create_job("overmind", items=3, seconds=60.0)
    args = ["get", "overmind", job, "--wait", "--timeout", "0.3", "--json"]
    result = invoke(args + mock_args(server, "overmind"))
    assert result.exit_code == ExitCode.WAIT_TIMEOUT
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"error: timed out: overmind job {job} did not end within 0.3 s (")
    assert "last seen pending, 0 of 3 done" in line
    assert "timed_out" not in line
    assert json.loads(result.stdout)["id"] == job

"""The pytest plugin, run through pytester: the validating_transport fixtures, the report
section, and --jobresults-strict-responses (option, ini setting, marker)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import httpx
import orjson
import pytest

VALID = {"id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "created_at": "2019-12-27T18:11:19Z",
         "updated_at": "2019-12-27T18:11:19Z", "iterations": []}
BROKEN = {**VALID, "status": "paused"}


def answering(body):
    return httpx.MockTransport(lambda request: httpx.Response(
        200, content=orjson.dumps(body), headers={"content-type": "application/json"}))


def test_valid(validating_transport_factory):
    transport = validating_transport_factory(answering(VALID))
    with httpx.Client(transport=transport, base_url="http://h/overmind") as client:
        client.get("/api/jobs/1/")
    assert transport.reports[0].ok


def test_broken(validating_transport_factory):
    transport = validating_transport_factory(answering(BROKEN))
    with httpx.Client(transport=transport, base_url="http://h/overmind") as client:
        assert client.get("/api/jobs/1/").json()["status"] == "paused"


@pytest.mark.jobresults_strict_responses
def test_broken_marked(validating_transport_factory):
    transport = validating_transport_factory(answering(BROKEN))
    with httpx.Client(transport=transport, base_url="http://h/overmind") as client:
        client.get("/api/jobs/1/")


async def test_broken_async(validating_transport_factory):
    transport = validating_transport_factory(answering(BROKEN))
    async with httpx.AsyncClient(transport=transport, base_url="http://h/overmind") as client:
        await client.get("/api/jobs/2/")


def test_default_fixture_is_collecting(validating_transport):
    assert validating_transport.mode == "collect"
    assert validating_transport.inner is None
"""


INI = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_suite=TESTS)
    pytester.makeini(INI)
    return pytester


def test_violations_are_listed_but_do_not_fail_by_default(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-rA")
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*jobresults violations*",
            '*/status: "paused" is not one of pending, running, completed, failed, cancelled*',
            "FAILED test_suite.py::test_broken_marked*",
        ]
    )


def test_the_option_fails_every_test_that_saw_a_violation(suite: pytest.Pytester) -> None:
    result = suite.runpytest("--jobresults-strict-responses")
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*1 response violation seen (--jobresults-strict-responses):*",
            '*/status: "paused" is not one of*',
        ]
    )


def test_the_ini_setting(suite: pytest.Pytester) -> None:
    suite.makeini(INI + "jobresults_strict_responses = true\n")
    result = suite.runpytest()
    result.assert_outcomes(passed=2, failed=3)


def test_the_option_is_documented(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*--jobresults-strict-responses*"])
    markers = pytester.runpytest("--markers")
    markers.stdout.fnmatch_lines(["*jobresults_strict_responses*"])

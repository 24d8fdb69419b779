"""Matching requests to operations by method and path template, under any base URL."""

from __future__ import annotations

import httpx
import pytest
from jobresults.validate import OperationMatcher, match_operation

JOB = "14856eb1-0ad8-49e7-9da3-887acb80fea5"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://app.modzy.com/api/results/{JOB}", ("modzy", "getResults")),
        (f"http://127.0.0.1:8765/modzy/api/results/{JOB}", ("modzy", "getResults")),
        ("/modzy/api/jobs/history?page=2&per-page=10", ("modzy", "getJobHistory")),
        (
            "https://api.cloud.llamaindex.ai/api/v1/extraction/jobs/j-1/result",
            ("llamacloud", "getExtractionJobResult"),
        ),
        (
            "http://proxy.internal/llamacloud/api/v1/extraction/jobs/j-1/result",
            ("llamacloud", "getExtractionJobResult"),
        ),
        (
            "https://api.wickson.ai/v1/batches/batch-abc123/results?page=3",
            ("wickson", "getBatchResults"),
        ),
        (
            "http://localhost/some/proxy/prefix/wickson/v1/batches/b/results",
            ("wickson", "getBatchResults"),
        ),
        (f"https://api.overmindlab.ai/api/jobs/{JOB}/", ("overmind", "getJob")),
        ("/overmind/api/jobs/7/", ("overmind", "getJob")),
        ("/api/jobs/a%2Fb/", ("overmind", "getJob")),  # an encoded slash stays in its segment
    ],
)
def test_matches(url: str, expected: tuple[str, str]) -> None:
    assert match_operation("GET", url) == expected
    assert match_operation("get", httpx.URL(url) if "://" in url else url) == expected


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", f"/overmind/api/jobs/{JOB}"),  # Overmind's trailing slash is part of the path
        ("GET", "/modzy/api/results/"),  # a parameter is one non-empty segment
        ("GET", f"/modzy/api/results/{JOB}/extra"),
        ("GET", "/wickson/v1/batches/a/b/results"),
        ("POST", "/wickson/v1/batches/b/results"),
        ("GET", "/wickson/v1/batches/b/results/"),
        ("GET", "/_mock/jobs"),
        ("GET", "https://example.com/"),
    ],
)
def test_does_not_match(method: str, url: str) -> None:
    assert match_operation(method, url) is None


def test_limited_to_some_services() -> None:
    url = "/wickson/v1/batches/b/results"
    assert match_operation("GET", url, services=["modzy", "overmind"]) is None
    assert OperationMatcher("wickson").match("GET", url) == "getBatchResults"
    assert OperationMatcher("modzy").match("GET", url) is None


def test_when_two_operations_match_a_named_service_then_the_longest_template_wins() -> None:
    # Both Modzy's /results/{jobIdentifier} and LlamaCloud's .../jobs/{job_id}/result match.
    path = "/api/v1/extraction/jobs/results/result"
    assert match_operation("GET", path) == ("llamacloud", "getExtractionJobResult")
    assert match_operation("GET", "/modzy" + path) == ("modzy", "getResults")
    assert match_operation("GET", "/llamacloud" + path) == ("llamacloud", "getExtractionJobResult")

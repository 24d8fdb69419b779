"""Pointers (RFC 6901) that name the broken place, whatever the keys of the spec's dynamic maps:
digit keys that are not canonical integers, keys that read as the same integer side by side,
the empty key, keys holding `~` and `/`, keys holding a lone surrogate.

jsonschema-rs gives digit keys as integers in its error paths and drops empty keys; every
pointer here is checked against python-jsonschema's error paths and resolved in the body."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from jobresults.validate import ViolationKind, validate_response

from ._corpus import examples
from ._oracles import dumps, jsonschema_pointers, resolve

EXAMPLES = {(e.service, e.operation_id, e.status): e.value for e in examples()}
MODZY = EXAMPLES["modzy", "getResults", 200]
WICKSON = EXAMPLES["wickson", "getBatchResults", 200]

KEYS = ["0001", "01", "1", "+1", "001", "", "a~b/c", "~1", "/", "~", " 1", "\ud800"]
"""Keys that read as the same integer, the empty key, the escapes' own characters, a key
with a space, and a lone surrogate."""

Place = tuple[str, str, str, Callable[[Any, dict[str, Any]], None], str]
MAPS: list[Place] = [
    # (name, service, operation, how the map goes into the body, its pointer)
    ("modzy-results", "modzy", "getResults", lambda b, m: b.update(results=m), "/results"),
    ("modzy-failures", "modzy", "getResults", lambda b, m: b.update(failures=m), "/failures"),
    (
        "wickson-by_type",
        "wickson",
        "getBatchResults",
        lambda b, m: b["data"]["statistics"]["media_distribution"].update(by_type=m),
        "/data/statistics/media_distribution/by_type",
    ),
    (
        "wickson-media_ids_by_type",
        "wickson",
        "getBatchResults",
        lambda b, m: b["data"]["statistics"]["media_distribution"].update(media_ids_by_type=m),
        "/data/statistics/media_distribution/media_ids_by_type",
    ),
]
BROKEN = {
    "modzy-results": ({"elapsed_time": "slow"}, "/elapsed_time"),
    "modzy-failures": ({"error": 5}, "/error"),
    "wickson-by_type": (-1, ""),
    "wickson-media_ids_by_type": (["vec-1", 7], "/1"),
}


def escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def body_with_map(place: Place, values: dict[str, Any]) -> dict[str, Any]:
    _, service, operation_id, put, _ = place
    body = copy.deepcopy(EXAMPLES[service, operation_id, 200])
    put(body, values)
    return body


@pytest.mark.parametrize("place", MAPS, ids=[place[0] for place in MAPS])
def test_every_key_of_a_dynamic_map_is_named_exactly(place: Place) -> None:
    name, service, operation_id, _, at = place
    broken, inside = BROKEN[name]
    body = body_with_map(place, {key: copy.deepcopy(broken) for key in KEYS})
    report = validate_response(service, operation_id, 200, dumps(body))
    pointers = [violation.pointer for violation in report.violations]
    expected = {f"{at}/{escape(key)}{inside}" for key in KEYS}
    assert sorted(pointers) == sorted(expected)
    assert set(pointers) == jsonschema_pointers(service, operation_id, 200, body)
    parsed = json.loads(dumps(body))
    for pointer in pointers:
        assert resolve(parsed, pointer) == resolve(broken, inside)
    for violation in report.violations:
        violation.message.encode("utf-8")  # printable, lone surrogates escaped


@pytest.mark.parametrize("place", MAPS, ids=[place[0] for place in MAPS])
def test_keys_that_read_as_the_same_integer_are_told_apart_by_their_values(place: Place) -> None:
    name, service, operation_id, _, at = place
    broken, inside = BROKEN[name]
    good = {
        "modzy-results": {"elapsed_time": 1},
        "modzy-failures": {"error": "e"},
        "wickson-by_type": 1,
        "wickson-media_ids_by_type": ["vec-1"],
    }[name]
    values = {"1": good, "01": copy.deepcopy(broken), "+1": good, "001": good, "0001": broken}
    body = body_with_map(place, values)
    report = validate_response(service, operation_id, 200, dumps(body))
    assert {v.pointer for v in report.violations} == {f"{at}/01{inside}", f"{at}/0001{inside}"}
    assert {v.pointer for v in report.violations} == jsonschema_pointers(
        service, operation_id, 200, body
    )


def test_a_missing_field_under_odd_keys_points_where_it_belongs() -> None:
    body = copy.deepcopy(MODZY)
    body["failures"] = {key: {"status": "FAILED"} for key in ("", "01", "a/b", "\ud800")}
    report = validate_response("modzy", "getResults", 200, dumps(body))
    assert {(v.kind, v.pointer) for v in report.violations} == {
        (ViolationKind.MISSING_REQUIRED_FIELD, f"/failures/{escape(key)}/error")
        for key in ("", "01", "a/b", "\ud800")
    }
    assert {v.pointer for v in report.violations} == jsonschema_pointers(
        "modzy", "getResults", 200, body
    )


def test_empty_keys_nested_in_empty_keys() -> None:
    body = copy.deepcopy(MODZY)
    body["results"] = {"": {"": {"status": 1}, "status": 2}, "status": {"status": 3}}
    report = validate_response("modzy", "getResults", 200, dumps(body))
    # results[""][""] is a model output file (any JSON); the item's own status is broken.
    assert {v.pointer for v in report.violations} == {"/results//status", "/results/status/status"}
    assert {v.pointer for v in report.violations} == jsonschema_pointers(
        "modzy", "getResults", 200, body
    )


def test_an_undocumented_field_under_an_odd_key_is_named_exactly() -> None:
    body = copy.deepcopy(WICKSON)
    body["data"]["job_results"][0]["file_info"]["01"] = 1
    body["data"]["job_results"][0]["file_info"][""] = 2
    body["data"]["job_results"][0]["file_info"]["\udfff"] = 3
    report = validate_response("wickson", "getBatchResults", 200, dumps(body))
    assert {(v.kind, v.pointer) for v in report.violations} == {
        (ViolationKind.EXTRA_FIELD, f"/data/job_results/0/file_info/{key}")
        for key in ("01", "", "\udfff")
    }


def test_many_keys_that_read_alike_each_get_their_own_pointer() -> None:
    body = copy.deepcopy(MODZY)
    keys = ["0" * zeros + "1" for zeros in range(500)]
    body["results"] = {key: {"elapsed_time": f"slow-{index}"} for index, key in enumerate(keys)}
    report = validate_response("modzy", "getResults", 200, dumps(body))
    assert [v.pointer for v in report.violations] == [
        f"/results/{key}/elapsed_time" for key in keys
    ]
    same = copy.deepcopy(MODZY)
    same["results"] = {key: {"elapsed_time": "slow"} for key in keys}  # the same error each
    report = validate_response("modzy", "getResults", 200, dumps(same))
    assert sorted(v.pointer for v in report.violations) == sorted(
        f"/results/{key}/elapsed_time" for key in keys
    )

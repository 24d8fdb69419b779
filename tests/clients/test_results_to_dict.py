"""Typed results back to JSON: `to_dict()`, `to_json()`, `jobresults.to_builtins`, and the keys
the spec does not declare, for every 2xx example of every spec.

The oracle is the example itself: `to_dict()` must give back the example's keys under their
wire names with equal values (a date-time may be written another way, an optional null may be
left out).
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from enum import Enum
from typing import Any

import httpx
import msgspec
import orjson
import pytest
from jobresults import JobSnapshot, JobState, specs, to_builtins
from jobresults._model import ResponseModel


def cases() -> list[tuple[str, str, str, Any]]:
    """(service, operationId, example name, body) of every 2xx JSON example decoded into a
    Struct of its own."""
    found = []
    for service in specs.services():
        spec = specs.load(service)
        for item in spec["paths"].values():
            for method, operation in item.items():
                if method.startswith("x-"):
                    continue
                for status, response in operation.get("responses", {}).items():
                    media = specs.resolve(spec, response).get("content", {}).get("application/json")
                    if (
                        not str(status).startswith("2")
                        or not media
                        or "$ref" not in media.get("schema", {})
                    ):
                        continue
                    name = media["schema"]["$ref"].rsplit("/", 1)[-1]
                    examples = {
                        key: value["value"] for key, value in media.get("examples", {}).items()
                    }
                    if "example" in media:
                        examples["example"] = media["example"]
                    for label, body in examples.items():
                        found.append((service, name, f"{operation['operationId']}:{label}", body))
    return found


CASES = cases()


def struct_type(service: str, name: str) -> type[ResponseModel]:
    found: type[ResponseModel] = getattr(
        importlib.import_module(f"jobresults_structs.{service}"), name
    )
    return found


def same_json(built: Any, example: Any, at: str = "") -> None:
    """`built` (from `to_dict()`) says what `example` (the wire's JSON) says."""
    if isinstance(example, dict):
        assert isinstance(built, dict), at
        for key, value in example.items():
            if key not in built:
                assert value is None, f"{at}/{key} is missing"
            else:
                same_json(built[key], value, f"{at}/{key}")
        assert set(built) <= set(example), f"{at}: {set(built) - set(example)} added"
    elif isinstance(example, list):
        assert isinstance(built, list), at
        assert len(built) == len(example), at
        for index, (left, right) in enumerate(zip(built, example, strict=True)):
            same_json(left, right, f"{at}/{index}")
    elif isinstance(example, str) and built != example:
        assert isinstance(built, str), at
        parse = dt.datetime.fromisoformat
        assert parse(built.replace("Z", "+00:00")) == parse(example.replace("Z", "+00:00")), at
    elif isinstance(example, int | float) and not isinstance(example, bool):
        assert built == example, at  # a number the spec types as a float may be written 0
        assert type(built) in (int, float), at
    else:
        assert built == example, at
        assert type(built) is type(example), at


def only_builtins(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_builtins(v) for k, v in value.items())
    if isinstance(value, list):
        return all(only_builtins(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize(("service", "name", "label", "body"), CASES, ids=[c[2] for c in CASES])
def test_to_dict_gives_back_the_wire_json(service: str, name: str, label: str, body: Any) -> None:
    result = msgspec.json.decode(orjson.dumps(body), type=struct_type(service, name))
    built = result.to_dict()
    assert only_builtins(built)
    same_json(built, body)
    assert orjson.loads(result.to_json()) == built
    assert orjson.loads(result.to_json(indent=2)) == built
    assert to_builtins(result) == built
    assert to_builtins([result, {"k": result}]) == [built, {"k": built}]


def test_every_service_has_examples_checked() -> None:
    assert {case[0] for case in CASES} == set(specs.services())


def test_wire_names_not_attribute_names() -> None:
    from jobresults import modzy

    body = next(c[3] for c in CASES if c[0] == "modzy" and c[1] == "Job")
    job = msgspec.json.decode(orjson.dumps(body), type=struct_type("modzy", "Job"))
    assert job.job_identifier == body["jobIdentifier"]
    assert job.to_dict()["jobIdentifier"] == body["jobIdentifier"]
    assert "job_identifier" not in job.to_dict()
    body = next(c[3] for c in CASES if c[0] == "modzy" and c[1] == "Result")
    result = msgspec.json.decode(orjson.dumps(body), type=modzy.Result)
    assert result.to_dict()["results"] == body["results"]  # the model's output files as sent


def test_extra_fields_of_a_result_decoded_by_hand_are_empty() -> None:
    service, name, _, body = CASES[0]
    result = msgspec.json.decode(orjson.dumps({**body, "new": 1}), type=struct_type(service, name))
    assert result.extra_fields() == {}


def test_extra_fields_are_json_pointers_with_their_values() -> None:
    from jobresults import wickson
    from jobresults._model import keep_response

    body = next(c[3] for c in CASES if c[0] == "wickson" and c[1] == "BatchResultsResponse")
    body = {**body, "a/b": {"x": 1}, "data": {**body["data"], "new~": [1]}}
    body["data"]["job_results"] = [{**body["data"]["job_results"][0], "thumb": "t"}]
    response = httpx.Response(200, content=orjson.dumps(body))
    page = msgspec.json.decode(response.content, type=wickson.BatchResultsPage)
    keep_response(page, response)
    assert page.extra_fields() == {
        "/a~1b": {"x": 1},
        "/data/new~0": [1],
        "/data/job_results/0/thumb": "t",
    }


class Color(Enum):
    RED = "red"


def test_to_builtins_of_snapshots_and_plain_values() -> None:
    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    snapshot = JobSnapshot(
        "wickson",
        "b-1",
        JobState.FAILED,
        completed=1,
        failed=1,
        total=2,
        created_at=moment,
        message="no",
        error=ValueError("bad"),
    )
    built = to_builtins(snapshot)
    assert only_builtins(built)
    assert built["state"] == "failed"
    assert built["progress"] == 1.0
    assert built["created_at"] == "2024-01-02T03:04:05Z"
    assert built["finished_at"] is None
    assert built["error"] == {"type": "ValueError", "message": "bad"}
    identifier = uuid.UUID(int=1)
    assert to_builtins({Color.RED: (identifier, 1.5)}) == {"red": [str(identifier), 1.5]}
    with pytest.raises(TypeError, match="not generator"):
        to_builtins(x for x in ())

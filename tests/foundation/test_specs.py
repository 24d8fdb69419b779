"""The specs are valid OpenAPI 3.1, their examples validate, and broken copies of them do not."""

from __future__ import annotations

from collections import Counter

import pytest
from openapi_spec_validator import validate

from ._openapi import (
    SERVICES,
    Example,
    examples,
    is_valid,
    load_spec,
    mutations,
    validator,
)

EXAMPLES = [example for service in SERVICES for example in examples(service)]


@pytest.mark.parametrize("service", SERVICES)
def test_spec_is_valid_openapi(service: str) -> None:
    spec = load_spec(service)
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_response_and_page_example_is_collected() -> None:
    counts = Counter(example.service for example in EXAMPLES)
    # One 200 example per operation, an example per documented error and per path parameter.
    assert counts["modzy"] >= 8
    assert counts["llamacloud"] >= 6
    assert counts["wickson"] >= 7
    assert counts["overmind"] >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example_validates_against_its_schema(example: Example) -> None:
    spec = load_spec(example.service)
    errors = [error.message for error in validator(spec, example.schema).iter_errors(example.value)]
    assert errors == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_every_single_break_of_an_example_is_rejected(example: Example) -> None:
    spec = load_spec(example.service)
    found = mutations(spec, example.schema, example.value)
    assert any(mutation.kind == "type" for mutation in found)
    accepted = [m.describe() for m in found if is_valid(spec, example.schema, m.value)]
    assert accepted == []


def test_each_kind_of_break_is_exercised_in_every_spec() -> None:
    kinds: dict[str, Counter[str]] = {service: Counter() for service in SERVICES}
    for example in EXAMPLES:
        spec = load_spec(example.service)
        for mutation in mutations(spec, example.schema, example.value):
            kinds[example.service][mutation.kind] += 1
    for service, counted in kinds.items():
        assert counted["required"] > 0, service
        assert counted["type"] > 0, service
    # LlamaCloud documents no enum; Modzy's enums are query filters, which carry no example.
    for service in ("wickson", "overmind"):
        assert kinds[service]["enum"] > 0, service


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-12-18T10:00:00Z", True),
        ("2024-12-18 10:00", False),
        ("yesterday", False),
    ],
)
def test_formats_are_checked(value: str, valid: bool) -> None:
    """Format checking is on, so an example with a malformed date-time or uuid cannot pass."""
    spec = load_spec("overmind")
    schema = {"$ref": "#/components/schemas/Iteration"}
    iteration = {
        "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "created_at": value,
        "iteration_name": "first",
        "job": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    }
    assert is_valid(spec, schema, iteration) is valid
    assert not is_valid(
        spec, schema, {**iteration, "created_at": "2024-12-18T10:00:00Z", "id": "x"}
    )

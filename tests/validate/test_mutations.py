"""A corpus of broken bodies, each made by one mutation of a spec example: every required field
dropped (at every depth), every enum value changed, every type changed, every format broken,
an undocumented field added. Each must fail with the right kind at the right pointer."""

from __future__ import annotations

import orjson
import pytest
from jobresults.validate import ViolationKind, validate_response

from ._corpus import Example, closed_objects, examples, mutations

EXAMPLES = examples()
FAMILIES = ("drop-required", "enum", "type", "format")
CASES = [
    pytest.param(example, family, id=f"{family}:{example.id}")
    for family in FAMILIES
    for example in EXAMPLES
    if any(True for _ in mutations(example, family))
]


def test_the_corpus_covers_every_family() -> None:
    counts = {family: sum(1 for e in EXAMPLES for _ in mutations(e, family)) for family in FAMILIES}
    assert counts["drop-required"] > 100
    assert counts["type"] > 200
    assert counts["enum"] >= 10
    assert counts["format"] >= 20


@pytest.mark.parametrize(("example", "family"), CASES)
def test_each_mutation_fails_at_its_pointer(example: Example, family: str) -> None:
    wrong = []
    for mutation in mutations(example, family):
        body = orjson.dumps(mutation.body)  # a str would be read as JSON text
        report = validate_response(example.service, example.operation_id, example.status, body)
        found = [(violation.kind, violation.pointer) for violation in report.violations]
        if found != [(mutation.kind, mutation.pointer)]:
            wrong.append(
                f"{mutation.label}: expected {mutation.kind} at {mutation.pointer}: {found}"
            )
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_an_undocumented_field_fails_strict_and_passes_lenient(example: Example) -> None:
    added = list(closed_objects(example))
    for pointer, body in added:
        strict = validate_response(example.service, example.operation_id, example.status, body)
        assert [(v.kind, v.pointer) for v in strict.violations] == [
            (ViolationKind.EXTRA_FIELD, pointer)
        ]
        lenient = validate_response(
            example.service, example.operation_id, example.status, body, strict=False
        )
        assert lenient.ok, lenient

"""Every example response written in the specs validates, strictly, with its headers."""

from __future__ import annotations

import orjson
import pytest
from jobresults import specs
from jobresults.validate import validate_response

from ._corpus import Example, examples

EXAMPLES = examples()


def test_the_specs_have_examples_of_every_operation() -> None:
    operations = {(example.service, example.operation_id) for example in EXAMPLES}
    assert operations == {
        (service, operation_id)
        for service in specs.services()
        for operation_id in specs.operations(service)
    }
    assert {example.status for example in EXAMPLES} >= {200, 400, 401, 404, 429, 500}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_example_validates(example: Example) -> None:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if example.status == 429:
        headers["Retry-After"] = "1"
    for body in (example.value, orjson.dumps(example.value), orjson.dumps(example.value).decode()):
        report = validate_response(
            example.service, example.operation_id, example.status, body, headers
        )
        assert report.ok, report
        assert report.violations == ()

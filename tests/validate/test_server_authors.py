"""The README's example for server authors runs as written: the pydantic schema package as
a Starlette response model, `model_validate_json` and `validate_response` in a server's test."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import orjson
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

README = Path(__file__).resolve().parents[2] / "overlays" / "jobresults" / "validate" / "README.md"
MARKER = "<!-- server-authors-example -->"


def snippet() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(MARKER) + r"\n```python\n(.*?)\n```", text, re.DOTALL)
    assert found is not None, "the README lost its server authors' example"
    return found.group(1)


@pytest.fixture
def example() -> ModuleType:
    module = ModuleType("server_authors_example")
    exec(compile(snippet(), str(README), "exec"), module.__dict__)
    return module


async def test_the_example_passes(example: ModuleType) -> None:
    await example.test_batch_results_follow_the_spec()


async def test_its_test_catches_a_field_pydantic_lets_through(example: ModuleType) -> None:
    async def with_an_extra_field(request: Request) -> Response:
        page = orjson.loads((await example.batch_results(request)).body)
        page["data"]["pagination"]["next_page"] = 2
        return Response(orjson.dumps(page), media_type="application/json")

    example.app = Starlette(routes=[Route("/v1/batches/{batch_id}/results", with_an_extra_field)])
    with pytest.raises(AssertionError, match='/data/pagination/next_page: field "next_page"'):
        await example.test_batch_results_follow_the_spec()

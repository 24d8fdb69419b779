"""RELIABILITY.md stays true: every test it names exists, and every test here is named there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

HERE = Path(__file__).parent
DOCUMENT = HERE.parents[1] / "RELIABILITY.md"
REFERENCE = re.compile(r"`(test_\w+\.py)::(test_\w+)`")


def collected(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def test_every_test_named_exists_and_every_test_is_named() -> None:
    named = set(REFERENCE.findall(DOCUMENT.read_text()))
    assert named
    existing = {(path.name, name) for path in HERE.glob("test_*.py") for name in collected(path)}
    assert named - existing == set(), "named in RELIABILITY.md but missing"
    this_file = {(Path(__file__).name, name) for name in collected(Path(__file__))}
    assert existing - named - this_file == set(), "not named in RELIABILITY.md"

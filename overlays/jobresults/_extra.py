"""What a server sent beyond its spec: the keys a decoded result did not keep.

Structs keep only the fields their spec declares; the body as received still holds the rest.
Walking the decoded value and the body's JSON side by side finds every key of an object the
Struct did not declare, at any depth, without reading the spec again: a Struct names its
fields (by their wire names), a list pairs its items with the body's, and a map or a value of
any JSON (`dict[str, Any]`: an open object, such as a Modzy item with its output files)
declares every key it holds.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import msgspec

from ._json import loads


@cache
def _fields(struct: type) -> tuple[tuple[str, str], ...]:
    """`((wire name, attribute), ...)` of a Struct type."""
    return tuple((info.encode_name, info.name) for info in msgspec.structs.fields(struct))


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def undeclared(value: Any, body: bytes) -> dict[str, Any]:
    """`{JSON pointer: value}` of every key in `body` (JSON) that `value` (what it was decoded
    into) does not declare, in the body's order."""
    found: dict[str, Any] = {}
    _walk(value, loads(body), "", found)
    return found


def _walk(value: Any, raw: Any, at: str, found: dict[str, Any]) -> None:
    if isinstance(value, msgspec.Struct):
        if not isinstance(raw, dict):
            return
        declared = _fields(type(value))
        names = {wire for wire, _ in declared}
        for key, extra in raw.items():
            if key not in names:
                found[f"{at}/{_escape(key)}"] = extra
        for wire, attribute in declared:
            if wire in raw:
                _walk(getattr(value, attribute), raw[wire], f"{at}/{_escape(wire)}", found)
    elif isinstance(value, list) and isinstance(raw, list):
        for index, (item, raw_item) in enumerate(zip(value, raw, strict=False)):
            _walk(item, raw_item, f"{at}/{index}", found)
    elif isinstance(value, dict) and isinstance(raw, dict):
        for key, item in value.items():  # a map of Structs (a map of plain JSON declares all)
            if isinstance(key, str) and key in raw:
                _walk(item, raw[key], f"{at}/{_escape(key)}", found)

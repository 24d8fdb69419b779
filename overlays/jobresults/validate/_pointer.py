"""JSON pointers (RFC 6901) and the short value reprs reports show."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

FOUND_LIMIT = 60
"""How many characters of a value a violation shows."""


def escape(token: str | int) -> str:
    """One reference token, escaped (`~` as `~0`, `/` as `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(tokens: Iterable[str | int]) -> str:
    """The JSON pointer of a path, e.g. `["data", "a/b", 3]` -> `/data/a~1b/3` ("" is the root)."""
    return "".join("/" + escape(token) for token in tokens)


def fragment(tokens: Iterable[str | int]) -> str:
    """A pointer as a URI fragment into a document, e.g. `#/components/schemas/Job`."""
    return "#" + pointer(tokens)


def where(json_pointer: str) -> str:
    """How a message names a place in the body: its pointer, or `(body)` for the root."""
    return json_pointer or "(body)"


def short(value: Any, limit: int = FOUND_LIMIT) -> str:
    """A value as compact JSON, cut to `limit` characters."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

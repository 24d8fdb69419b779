"""JSON pointers (RFC 6901) and the short value reprs reports show."""

from __future__ import annotations

import json
import re
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
    return printable(json_pointer) or "(body)"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with each lone surrogate written as its JSON escape (`\\ud800`).

    JSON text may hold such escapes (RFC 8259 section 8.2), so a key or a value can hold the
    code point; no UTF-8 stream can carry it, so messages show the escape instead."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def short(value: Any, limit: int = FOUND_LIMIT) -> str:
    """A value as compact JSON, cut to `limit` characters."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # a lone surrogate, an integer beyond 64 bits, or no JSON value at all
        text = printable(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=repr))
    return short_text(text, limit)


def short_text(text: str, limit: int = FOUND_LIMIT) -> str:
    """Text as it is (such as a number as written), cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

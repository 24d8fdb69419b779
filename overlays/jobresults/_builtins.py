"""`to_builtins`: anything the package returns as JSON-ready builtins.

Typed results (the generated Structs) go under the wire's field names; an object with a
`to_dict()` of its own (a snapshot, a page, a typed Modzy item) gives that; containers are
converted item by item; enums become their values, date-times RFC 3339 strings, UUIDs strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec


def to_builtins(value: object) -> Any:
    """`value` as JSON-ready builtins (dicts, lists, strings, numbers, booleans, None).

    Takes a result (`.to_dict()`), a list or dict of them, a `JobSnapshot`, a page, an
    `ApiResponse` (its typed result), or builtins; raises TypeError for anything else (an
    iterator: make a list of it first).
    """
    from ._response import ApiResponse

    if isinstance(value, msgspec.Struct):
        return msgspec.to_builtins(value)
    if isinstance(value, ApiResponse):
        return to_builtins(value.parsed)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, type):
        return to_builtins(to_dict())
    if isinstance(value, Mapping):
        return {_key(key): to_builtins(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_builtins(item) for item in value]
    if isinstance(value, BaseException):
        return {"type": type(value).__name__, "message": str(value)}
    try:
        return msgspec.to_builtins(value)
    except TypeError:
        raise TypeError(
            f"to_builtins takes the package's results, snapshots, pages and builtins, not"
            f" {type(value).__name__}"
        ) from None


def _key(key: object) -> str:
    converted = msgspec.to_builtins(key)
    return converted if isinstance(converted, str) else str(converted)

"""Reading a decoded result (msgspec Structs, dicts, lists) by a JSON pointer of wire names,
as the specs' extensions write them (`/data/batch_summary/status`)."""

from __future__ import annotations

from functools import cache
from typing import Any

import msgspec


@cache
def _wire_names(struct: type) -> dict[str, str]:
    """`{wire name: attribute}` of a Struct type."""
    return {info.encode_name: info.name for info in msgspec.structs.fields(struct)}


@cache
def _tokens(pointer: str) -> tuple[str, ...]:
    """A JSON pointer's reference tokens, unescaped."""
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:])


def read_pointer(value: Any, pointer: str | None) -> Any:
    """What a JSON pointer (by wire names) reaches in a decoded result; None where nothing is
    (an absent optional field, a missing key, a null)."""
    if pointer is None:
        return None
    for token in _tokens(pointer):
        if isinstance(value, msgspec.Struct):
            value = getattr(value, _wire_names(type(value)).get(token, token), None)
        elif isinstance(value, dict):
            value = value.get(token)
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return None
    return value

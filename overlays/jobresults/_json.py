"""Parsing JSON text exactly: every integer a Python int, however large.

msgspec parses (as fast as orjson, which turns integers beyond 64 bits into floats). Where
msgspec refuses what RFC 8259 allows, the standard library's parser takes over: escaped lone
surrogates such as `"\\ud800"` (section 8.2) stay strings, and a number beyond the range of a
double (`1e400`, section 6) reaches `parse_float` as its text. `NaN` and `Infinity`, which
JSON does not have, are refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec

_decode = msgspec.json.Decoder().decode
_TOO_DEEP = "arrays and objects nested too deeply to parse"


def loads(
    data: bytes | bytearray | memoryview | str, *, parse_float: Callable[[str], Any] = float
) -> Any:
    """The JSON value of `data` (UTF-8 bytes or text).

    Raises `json.JSONDecodeError` (a `ValueError`) when `data` is not JSON, or
    `UnicodeDecodeError` when its bytes are not UTF-8. `parse_float` turns the text of a number
    with a fraction or an exponent into its value when the standard library parses.
    """
    try:
        return _decode(data)
    except msgspec.DecodeError:
        pass
    except RecursionError:
        raise json.JSONDecodeError(_TOO_DEEP, "", 0) from None
    text = data if isinstance(data, str) else bytes(data).decode("utf-8")
    try:
        return json.loads(text, parse_float=parse_float, parse_constant=_refuse_constant)
    except RecursionError:
        raise json.JSONDecodeError(_TOO_DEEP, "", 0) from None


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)

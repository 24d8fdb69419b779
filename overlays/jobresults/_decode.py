"""Response bytes to typed objects: msgspec Structs generated from the specs.

Decoding is lenient by default: keys the spec does not declare are skipped (the raw body stays
on the response) and an enum value the spec does not list comes back as a pseudo-member named
UNKNOWN holding its string. `strict=True` validates the body against the spec first and raises
on any deviation.

Before anything parses a body, its nesting depth is checked against a limit (`max_depth`,
200 by default): parsers recurse per level of nesting, and a hostile body of a few hundred
kilobytes of `[` would otherwise exhaust the stack.
"""

from __future__ import annotations

import gc
import math
from array import array
from itertools import accumulate
from typing import Any, Final, TypeVar

import httpx
import msgspec

from ._deviations import body_error

T = TypeVar("T")

DEFAULT_MAX_JSON_DEPTH: Final = 200
"""Bodies nesting arrays and objects deeper than this are refused before they are parsed."""

_STRUCTURE: Final = b'[]{}"'
_OTHER_BYTES: Final = bytes(byte for byte in range(256) if byte not in _STRUCTURE)
_STEPS: Final = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def json_depth(body: bytes, *, at_most: int | None = None) -> int:
    """How deeply `body` (JSON) nests arrays and objects; brackets inside strings do not count.

    Runs at C speed (about 2 ms per MB here): escaped quotes are dropped, then every byte but
    brackets and quotes, then the strings; the running sum of what is left (+1 per opening
    bracket, -1 per closing one) peaks at the depth. With `at_most`, a figure of at most
    `at_most` may be an upper bound found cheaply (see `_within`: the body nests no deeper);
    a figure above it is exact. For a body that is not JSON the figure is an upper bound of
    what a parser would reach before it fails.
    """
    if b"\\" in body and b'\\"' in body:  # only an escaped quote moves where strings end
        body = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = _outside_strings(body.translate(None, _OTHER_BYTES))
    openers = structure.count(b"[") + structure.count(b"{")
    if openers == 0:
        return 0
    if at_most is not None:
        within = _within(structure, openers, at_most)
        if within is not None:
            return within
    return max(0, max(accumulate(array("b", structure.translate(_STEPS)))))


_CHUNK: Final = 16_384


def _outside_strings(structure: bytes) -> bytes:
    """The brackets of `structure` (brackets and unescaped quotes) outside strings.

    Chunk by chunk: a chunk whose strings hold no bracket (every quote beside its partner once
    the rest of the body is gone, as nearly all are) loses its quotes in one C call; only a
    chunk with a bracket inside a string (a URL template, say) is cut string by string, which
    costs about 20 ns a string. A chunk that starts or ends inside a string gets the quote
    that makes it whole.
    """
    parts = []
    inside = False
    for start in range(0, len(structure), _CHUNK):
        chunk = structure[start : start + _CHUNK]
        ends_inside = inside != (chunk.count(b'"') % 2 == 1)
        if inside or ends_inside:
            chunk = (b'"' if inside else b"") + chunk + (b'"' if ends_inside else b"")
        if chunk.count(b'"') == 2 * chunk.count(b'""'):
            parts.append(chunk.translate(None, b'"'))
        else:
            parts.append(b"".join(chunk.replace(b'""', b"").split(b'"')[::2]))
        inside = ends_inside
    return b"".join(parts)


_PASSES: Final = 16


def _within(structure: bytes, openers: int, at_most: int) -> int | None:
    """A depth of `structure` (brackets only) that is at most `at_most` when the true depth
    is, found cheaply, or None (then the exact running sum decides).

    A pass removes every empty pair of one kind (`[]`, then `{}`): the depth drops by at most
    one a pass and can never exceed the opening brackets left, so after `k` passes the depth is
    at most `k` + the openers left. A page of ten thousand shallow items is gone in a few.
    """
    passes = 0
    while openers + passes > at_most:
        if passes == _PASSES:
            return None
        structure = structure.replace(b"[]", b"").replace(b"{}", b"")
        passes += 2
        openers = structure.count(b"[") + structure.count(b"{")
    return openers + passes


def exceeds_depth(body: bytes, max_depth: int) -> bool:
    """True if `body` nests arrays and objects deeper than `max_depth`."""
    return json_depth(body, at_most=max_depth) > max_depth


_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}


def decoder(type_: Any) -> msgspec.json.Decoder[Any]:
    """A cached msgspec JSON decoder for `type_`."""
    try:
        return _DECODERS[type_]
    except KeyError:
        return _DECODERS.setdefault(type_, msgspec.json.Decoder(type_))


PAUSE_GC_ABOVE: Final = 64 * 1024
"""Bodies of more bytes than this are decoded with the cyclic garbage collector paused."""


def _decode_paused(decoder: msgspec.json.Decoder[T], content: bytes) -> T:
    """`decoder.decode(content)`, with automatic garbage collection paused for a large body.

    Decoding allocates an object per value and none of them can be garbage yet, so every
    collection the allocations trigger is wasted: with gc on, the collector's passes over the
    young objects (and the full passes they set off in a large heap) took about half of the
    time of decoding a 3 MB Modzy result. The objects are looked at once, by the first
    collection after the decode, instead of several times during it. msgspec holds the GIL
    while it decodes, so no other thread runs while the collector is paused; a collector the
    caller has disabled stays disabled.
    """
    if len(content) <= PAUSE_GC_ABOVE or not gc.isenabled():
        return decoder.decode(content)
    gc.disable()
    try:
        return decoder.decode(content)
    finally:
        gc.enable()


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media == ""


def _where(response: httpx.Response) -> str:
    """The request a response answers, as messages name it (the URL without its query)."""
    request = response.request
    return f"{request.method} {request.url.copy_with(query=None)}"


def decode(
    response: httpx.Response,
    type_: type[T],
    *,
    service: str,
    operation_id: str,
    strict: bool = False,
    max_depth: int = DEFAULT_MAX_JSON_DEPTH,
) -> T:
    """Decode a 2xx response's body into `type_`, or raise `ResponseParseError`.

    A body nesting deeper than `max_depth` is refused before it is parsed.
    """
    content_type = response.headers.get("content-type", "")
    if not _is_json(content_type):
        raise body_error(
            f"{_where(response)}: expected a JSON body, got {content_type}",
            response=response,
            reason=f"content type {content_type}",
            service=service,
            operation_id=operation_id,
        )
    if exceeds_depth(response.content, max_depth):
        raise body_error(
            f"{_where(response)}: the body nests arrays and objects deeper than {max_depth} levels"
            " (refused before parsing; raise max_json_depth to accept it)",
            response=response,
            reason=f"nesting deeper than {max_depth} levels",
            service=service,
            operation_id=operation_id,
        )
    if strict:
        _raise_on_violations(
            response, service=service, operation_id=operation_id, where=_where(response)
        )
    try:
        try:
            value: T = _decode_paused(decoder(type_), response.content)
        except msgspec.ValidationError:
            raise
        except msgspec.DecodeError as refused:
            value = _convert_what_msgspec_refuses(response.content, type_, refused)
    except msgspec.ValidationError as error:
        raise body_error(
            f"{_where(response)}: the body does not match the {service} spec: {error}",
            response=response,
            reason=str(error),
            service=service,
            operation_id=operation_id,
        ) from error
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as error:
        # msgspec reports bytes that are not UTF-8 inside a string as UnicodeDecodeError.
        raise body_error(
            f"{_where(response)}: the body is not valid JSON"
            f" ({error}; {len(response.content)} bytes)",
            response=response,
            reason=f"invalid JSON: {error}",
            service=service,
            operation_id=operation_id,
        ) from error
    return value


def _convert_what_msgspec_refuses(content: bytes, type_: type[T], refused: Exception) -> T:
    """`content` decoded into `type_` when it is JSON that msgspec cannot parse: an escaped
    lone surrogate (`"\\ud800"`, which RFC 8259 section 8.2 allows) stays a string. Raises
    `refused` for anything else (not JSON, a number beyond the range of a double)."""
    from ._json import loads

    if b"\\ud" not in content and b"\\uD" not in content:  # no surrogate escaped at all
        raise refused

    def finite(text: str) -> float:
        number = float(text)
        if not math.isfinite(number):
            raise refused
        return number

    try:
        value = loads(content, parse_float=finite)
    except (ValueError, msgspec.DecodeError):
        raise refused from None
    converted: T = msgspec.convert(value, type_)
    return converted


def _raise_on_violations(
    response: httpx.Response, *, service: str, operation_id: str, where: str
) -> None:
    from .validate import validate_response

    report = validate_response(
        service,
        operation_id,
        response.status_code,
        response.content,
        response.headers,
        strict=True,
    )
    if report.ok:
        return
    first = report.violations[0]
    more = len(report.violations) - 1
    raise body_error(
        f"{where}: {first.message}" + (f" (and {more} more deviations)" if more else ""),
        response=response,
        reason=first.message,
        service=service,
        operation_id=operation_id,
    )

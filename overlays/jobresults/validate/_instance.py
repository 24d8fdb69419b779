"""The body as jsonschema-rs can check it, and the way back from its error paths to the body.

Three things stand between a parsed JSON body and jsonschema-rs's errors:

- A string holding a lone surrogate (`"\\ud800"`, which JSON text may escape, RFC 8259 section
  8.2) cannot cross into jsonschema-rs, which works in UTF-8. `checkable()` copies the body
  with each lone surrogate in a value replaced by U+FFFD (the string keeps its length, and a
  format check still fails it) and each such key by a unique stand-in; the copy remembers the
  real keys.
- A number beyond the range of a double (`1e400`) has no value jsonschema-rs can hold: the copy
  holds null there, and the places are kept so that the report says what the number was.
- jsonschema-rs gives an object key made of digits as an integer in error paths (`"0001"`,
  `"01"` and `"+1"` all become 1) and drops empty keys (`/results//status` becomes
  `/results/status`). `InstancePaths` walks each error path back through the body and finds
  the keys it came from; where several keys fit, the value at the end of the path decides,
  then the order of the errors (jsonschema-rs reports an object's members in order).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

_REPLACEMENT = "\ufffd"
_SEARCH_BUDGET = 1_000_000
"""Nodes the path searches of one body may visit in all (a body full of keys that read alike
or of empty keys could otherwise make them slow); past it, paths are taken as they read."""


class OutOfRange(float):
    """A JSON number beyond the range of a double, as parsed: infinite, with its text."""

    text: str

    def __new__(cls, text: str) -> OutOfRange:
        number = super().__new__(cls, float(text))
        number.text = text
        return number


def parse_float(text: str) -> float:
    """A JSON number with a fraction or an exponent: a float, or `OutOfRange` beyond a double."""
    number = float(text)
    return number if math.isfinite(number) else OutOfRange(text)


def has_lone_surrogate(text: str) -> bool:
    """True if `text` holds a code point in U+D800..U+DFFF (never valid on its own)."""
    return not text.isascii() and any("\ud800" <= char <= "\udfff" for char in text)


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (so its length stays)."""
    return "".join(_REPLACEMENT if "\ud800" <= char <= "\udfff" else char for char in text)


@dataclass
class Checkable:
    """A copy of a body that jsonschema-rs can check, and what the copying changed."""

    value: Any
    renamed: dict[int, dict[str, str]] = field(default_factory=dict)
    """For each object of the copy whose keys were replaced (by `id`): stand-in -> real key."""
    out_of_range: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)
    """Where numbers beyond a double's range were, with their text."""


def checkable(body: Any) -> Checkable:
    """`body` copied so that jsonschema-rs can check it (see the module's docstring).

    Raises `TypeError` if `body` holds a value JSON has no type for."""
    result = Checkable(None)
    result.value = _copy(body, (), result)
    return result


def _copy(node: Any, path: tuple[str | int, ...], result: Checkable) -> Any:
    if isinstance(node, str):
        return without_lone_surrogates(node) if has_lone_surrogate(node) else node
    if isinstance(node, OutOfRange):
        result.out_of_range.append((path, node.text))
        return None
    if node is None or isinstance(node, bool | int | float):
        return node
    if isinstance(node, list | tuple):
        return [_copy(member, (*path, index), result) for index, member in enumerate(node)]
    if isinstance(node, dict):
        copied: dict[str, Any] = {}
        stand_ins: dict[str, str] = {}
        for key, member in node.items():
            if not isinstance(key, str):
                raise TypeError(f"the body is not JSON data: an object key {key!r}")
            name = key
            if has_lone_surrogate(key):
                name = without_lone_surrogates(key)
                while name in node or name in copied:  # never the name of another member
                    name += _REPLACEMENT
                stand_ins[name] = key
            copied[name] = _copy(member, (*path, key), result)
        if stand_ins:
            result.renamed[id(copied)] = stand_ins
        return copied
    raise TypeError(f"the body is not JSON data: a {type(node).__name__}")


def _index_key(key: str) -> int | None:
    """The integer jsonschema-rs shows for an object key of digits (a `+` may lead), or None."""
    digits = key[1:] if key.startswith("+") else key
    return int(digits) if digits.isascii() and digits.isdigit() else None


def same_json(a: Any, b: Any) -> bool:
    """True if two parsed JSON values are equal with the same types (1 is not true or 1.5)."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return bool(a == b)
    if isinstance(a, str) or isinstance(b, str):
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(same_json, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[key], b[key]) for key in a)
    return False


def _fingerprint(value: Any) -> Any:
    """A hashable summary that equal JSON values share (1 and 1.0 alike, as `same_json`)."""
    if isinstance(value, dict | list):
        return type(value).__name__, len(value)
    if isinstance(value, bool) or value is None:
        return "literal", value
    return "scalar", value


@dataclass(frozen=True)
class Place:
    """Where an error is: the path in the body (real keys), the node jsonschema-rs checked
    there, and the body's own value there."""

    tokens: tuple[str | int, ...]
    checked: Any
    value: Any


class InstancePaths:
    """Turns jsonschema-rs's instance paths back into paths in the body (see the module's
    docstring). `checked` is what jsonschema-rs validated, `body` the body it was copied from
    (the same object when no copy was needed), `renamed` the copy's stand-in keys."""

    def __init__(
        self, body: Any, checked: Any, renamed: dict[int, dict[str, str]] | None = None
    ) -> None:
        self.body = body
        self.checked = checked
        self.renamed = renamed or {}
        self._index_keys: dict[int, dict[int, list[str]]] = {}
        self._seen: Counter[Any] = Counter()
        self._found: dict[tuple[str | int, ...], tuple[list[Place], dict[Any, list[Place]]]] = {}
        self._budget = _SEARCH_BUDGET

    def real_key(self, checked_object: Any, key: str) -> str:
        """The body's key for a key of an object jsonschema-rs checked."""
        return self.renamed.get(id(checked_object), {}).get(key, key)

    def locate(self, path: Sequence[str | int], instance: Any, signature: Any) -> Place:
        """The place of an error whose instance path is `path` and instance `instance`.

        `signature` tells errors apart (the same one twice is the same error at two places
        whose keys look alike: the first goes to the first place, the second to the next)."""
        places, by_value = self._candidates(tuple(path))
        if not places:
            return Place(tuple(path), None, None)  # a path the body does not have
        if len(places) == 1:
            return places[0]
        fitting = [
            place
            for place in by_value.get(_fingerprint(instance), ())
            if same_json(place.checked, instance)
        ]
        places = fitting or places
        if len(places) == 1:
            return places[0]
        occurrence = self._seen[signature]
        self._seen[signature] += 1
        return places[min(occurrence, len(places) - 1)]

    def _candidates(
        self, path: tuple[str | int, ...]
    ) -> tuple[list[Place], dict[Any, list[Place]]]:
        """The places `path` may stand for, and the same grouped by `_fingerprint` (once per
        path: keys that read alike make every error at one of them search all of them)."""
        found = self._found.get(path)
        if found is None:
            places = list(self._search(self.checked, self.body, list(path), 0, ()))
            by_value: dict[Any, list[Place]] = {}
            for place in places:
                by_value.setdefault(_fingerprint(place.checked), []).append(place)
            found = self._found[path] = (places, by_value)
        return found

    def _search(
        self,
        checked: Any,
        real: Any,
        path: list[str | int],
        at: int,
        tokens: tuple[str | int, ...],
    ) -> Iterator[Place]:
        self._budget -= 1
        if self._budget < 0:  # past it, a path is taken as it reads
            if at == 0:
                yield Place(tuple(path), None, None)
            return
        if at == len(path):
            yield Place(tokens, checked, real)
        if isinstance(checked, dict):
            if "" in checked:  # an empty key, which jsonschema-rs leaves out of paths
                yield from self._step(checked, real, "", path, at, tokens)
            if at < len(path):
                for key in self._keys(checked, path[at]):
                    if key != "":
                        yield from self._step(checked, real, key, path, at + 1, tokens)
        elif isinstance(checked, list) and at < len(path):
            index = path[at]
            if isinstance(index, int) and 0 <= index < len(checked):
                yield from self._search(checked[index], real[index], path, at + 1, (*tokens, index))

    def _step(
        self,
        checked: dict[str, Any],
        real: Any,
        key: str,
        path: list[str | int],
        at: int,
        tokens: tuple[str | int, ...],
    ) -> Iterator[Place]:
        name = self.real_key(checked, key)
        yield from self._search(checked[key], real[name], path, at, (*tokens, name))

    def _keys(self, node: dict[str, Any], token: str | int) -> list[str]:
        if isinstance(token, str):
            return [token] if token in node else []
        keys = self._index_keys.get(id(node))
        if keys is None:
            keys = {}
            for key in node:
                index = _index_key(key)
                if index is not None:
                    keys.setdefault(index, []).append(key)
            self._index_keys[id(node)] = keys
        return keys.get(token, [])

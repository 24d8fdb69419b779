"""Turning jsonschema-rs errors into `Violation`s named for what they are."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import jsonschema_rs

from ._pointer import fragment, pointer, short, where
from ._report import Violation, ViolationKind

Kind = jsonschema_rs.ValidationErrorKind
MESSAGE_LIMIT = 240
"""Longer messages from jsonschema-rs are replaced by a shorter one of ours."""

_COMPACT_OFFSET = re.compile(r"[+-]\d{4}$")
_FORMAT_HINTS = {
    "date-time": "an RFC 3339 date-time like 2024-12-18T10:00:00Z",
    "date": "an RFC 3339 date like 2024-12-18",
    "time": "an RFC 3339 time like 10:00:00Z",
    "uuid": "a UUID (8-4-4-4-12 hex digits)",
    "email": "an email address",
    "uri": "an absolute URI",
}


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    return "array" if isinstance(value, list | tuple) else type(value).__name__


def _alternatives(words: Sequence[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _option(value: Any) -> str:
    return value if isinstance(value, str) else short(value)


class InstancePaths:
    """Restores the keys of instance paths: jsonschema-rs gives an object key made of digits
    (Modzy's "0001") as an int, so each path is walked in the body to find the real key."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self._digit_keys: dict[int, dict[int, str]] = {}

    def tokens(self, path: Sequence[str | int]) -> list[str | int]:
        """The path with each object key as it is in the body."""
        restored: list[str | int] = []
        node = self.root
        for token in path:
            if isinstance(node, dict) and isinstance(token, int) and str(token) not in node:
                token = self._digit_key(node, token)
            restored.append(token)
            try:
                node = node[token]
            except (KeyError, IndexError, TypeError):
                node = None
        return restored

    def _digit_key(self, node: dict[str, Any], index: int) -> str:
        keys = self._digit_keys.get(id(node))
        if keys is None:
            keys = {int(key): key for key in node if key.isascii() and key.isdigit()}
            self._digit_keys[id(node)] = keys
        return keys.get(index, str(index))


class ViolationBuilder:
    """Builds the violations of one response body; `schema_base` locates errors of the root
    schema (those under `components` are located in the spec's components)."""

    def __init__(self, body: Any, schema_base: str, *, strict: bool) -> None:
        self.paths = InstancePaths(body)
        self.schema_base = schema_base
        self.strict = strict

    def schema_location(self, schema_path: Sequence[str | int]) -> str:
        """Where a schema path is in the spec, as a `#/...` pointer."""
        if schema_path and schema_path[0] == "components":
            return fragment(schema_path)
        return self.schema_base + pointer(schema_path)

    def from_errors(self, errors: Iterable[jsonschema_rs.ValidationError]) -> Iterator[Violation]:
        """The violations of jsonschema-rs errors (one error can give several)."""
        for error in errors:
            for leaf in _most_specific(error):
                yield from self._convert(leaf)

    def _convert(self, error: jsonschema_rs.ValidationError) -> Iterator[Violation]:
        kind = error.kind
        path = self.paths.tokens(error.instance_path)
        at = pointer(path)
        schema_at = self.schema_location(error.schema_path)
        instance = error.instance
        if isinstance(kind, Kind.Required):
            missing = pointer([*path, kind.property])
            yield Violation(
                ViolationKind.MISSING_REQUIRED_FIELD,
                missing,
                schema_at,
                expected=f"field {kind.property!r}",
                found="nothing",
                message=f'{missing}: required field "{kind.property}" is missing',
            )
        elif isinstance(kind, Kind.AdditionalProperties | Kind.UnevaluatedProperties):
            hint = " (strict mode: strict=False, or --lenient on the command line, allows it)"
            for name in kind.unexpected:
                extra = pointer([*path, name])
                yield Violation(
                    ViolationKind.EXTRA_FIELD,
                    extra,
                    schema_at,
                    expected="only the fields the spec lists",
                    found=f"field {name!r}",
                    message=f'{extra}: field "{name}" is not in the spec'
                    + (hint if self.strict else ""),
                )
        elif isinstance(kind, Kind.Type):
            yield self._wrong_type(at, schema_at, list(kind.types), instance)
        elif isinstance(kind, Kind.OneOfNotValid | Kind.AnyOf):
            types = _branch_types(error)
            yield self._wrong_type(at, schema_at, types or ["one of the listed schemas"], instance)
        elif isinstance(kind, Kind.Enum):
            options = ", ".join(_option(option) for option in kind.options)
            yield Violation(
                ViolationKind.NOT_IN_ENUM,
                at,
                schema_at,
                expected=f"one of {options}",
                found=short(instance),
                message=f"{where(at)}: {short(instance)} is not one of {options}",
            )
        elif isinstance(kind, Kind.Format):
            yield self._bad_format(at, schema_at, kind.format, instance)
        else:
            yield self._constraint(error, at, schema_at)

    def _wrong_type(self, at: str, schema_at: str, types: list[str], instance: Any) -> Violation:
        expected = _alternatives(types)
        found = f"{json_type(instance)} {short(instance)}"
        return Violation(
            ViolationKind.WRONG_TYPE,
            at,
            schema_at,
            expected=expected,
            found=found,
            message=f"{where(at)}: expected {expected}, found {found}",
        )

    def _bad_format(self, at: str, schema_at: str, name: str, instance: Any) -> Violation:
        expected = _FORMAT_HINTS.get(name, f"a valid {name}")
        message = f"{where(at)}: {short(instance)} is not {expected}"
        if name == "date-time" and isinstance(instance, str) and _COMPACT_OFFSET.search(instance):
            message += " (RFC 3339 writes the offset with a colon: +00:00, not +0000)"
        return Violation(
            ViolationKind.BAD_FORMAT,
            at,
            schema_at,
            expected=f"format {name}",
            found=short(instance),
            message=message,
        )

    def _constraint(
        self, error: jsonschema_rs.ValidationError, at: str, schema_at: str
    ) -> Violation:
        kind = error.kind
        details = kind.as_dict()
        if isinstance(kind, Kind.Constant):
            expected = short(kind.expected_value)
            message = f"{where(at)}: expected {expected}, found {short(error.instance)}"
        elif isinstance(kind, Kind.OneOfMultipleValid):
            expected = "exactly one of the oneOf schemas"
            message = f"{where(at)}: {short(error.instance)} matches more than one oneOf schema"
        else:
            expected = " ".join([kind.name, *(short(value) for value in details.values())])
            text = " ".join(error.message.split())
            if len(text) > MESSAGE_LIMIT:
                text = f"{short(error.instance)} breaks {expected}"
            message = f"{where(at)}: {text}"
        return Violation(
            ViolationKind.CONSTRAINT,
            at,
            schema_at,
            expected=expected,
            found=short(error.instance),
            message=message,
        )


def _is_type_mismatch(error: jsonschema_rs.ValidationError, path: list[str | int]) -> bool:
    return isinstance(error.kind, Kind.Type) and list(error.instance_path) == path


def _most_specific(error: jsonschema_rs.ValidationError) -> list[jsonschema_rs.ValidationError]:
    """For a failed oneOf/anyOf, the errors of the branch that came closest: among branches
    whose type fits the value, the one with the deepest errors, then the fewest. When no
    branch's type fits, the error itself (reported as a wrong type listing the types)."""
    kind = error.kind
    if not isinstance(kind, Kind.OneOfNotValid | Kind.AnyOf):
        return [error]
    path = list(error.instance_path)
    fitting = [
        branch
        for branch in kind.context
        if branch and not any(_is_type_mismatch(inner, path) for inner in branch)
    ]
    if not fitting:
        return [error]
    best = min(
        fitting,
        key=lambda branch: (-max(len(inner.instance_path) for inner in branch), len(branch)),
    )
    return [leaf for inner in best for leaf in _most_specific(inner)]


def _branch_types(error: jsonschema_rs.ValidationError) -> list[str]:
    """The types a failed oneOf/anyOf accepts, from its branches' type errors, in order."""
    kind = error.kind
    path = list(error.instance_path)
    types: list[str] = []
    if isinstance(kind, Kind.OneOfNotValid | Kind.AnyOf):
        for branch in kind.context:
            for inner in branch:
                if _is_type_mismatch(inner, path) and isinstance(inner.kind, Kind.Type):
                    types.extend(name for name in inner.kind.types if name not in types)
    return types


def without_echoes(violations: Sequence[Violation]) -> list[Violation]:
    """`violations` less those at a place already reported as the wrong type (a number where
    an enum of strings is expected is one mistake, not two)."""
    mistyped = {v.pointer for v in violations if v.kind is ViolationKind.WRONG_TYPE}
    if not mistyped:
        return list(violations)
    return [
        v for v in violations if v.kind is ViolationKind.WRONG_TYPE or v.pointer not in mistyped
    ]

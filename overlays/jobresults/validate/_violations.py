"""Turning jsonschema-rs errors into `Violation`s named for what they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import jsonschema_rs

from ._instance import Checkable, InstancePaths, Place
from ._pointer import fragment, pointer, short, short_text, where
from ._report import Violation, ViolationKind
from ._schema import FORMAT_BOUNDS, INTEGER_FORMATS, CompiledSchema

Kind = jsonschema_rs.ValidationErrorKind
MESSAGE_LIMIT = 240
"""Longer messages from jsonschema-rs are replaced by a shorter one of ours."""

_COMPACT_OFFSET = re.compile(r"[+-]\d{4}$")
FORMAT_HINTS = {
    "date-time": "an RFC 3339 date-time like 2024-12-18T10:00:00Z",
    "date": "an RFC 3339 date like 2024-12-18",
    "time": "an RFC 3339 time like 10:00:00Z",
    "uuid": "a UUID (8-4-4-4-12 hex digits)",
    "email": "an email address",
    "uri": "an absolute URI",
    "http-date": "an HTTP-date (IMF-fixdate) like Sun, 06 Nov 1994 08:49:37 GMT",
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


_BOUNDS: dict[type[Any], Callable[[Any, Any], bool]] = {
    Kind.Minimum: lambda value, limit: value >= limit,
    Kind.Maximum: lambda value, limit: value <= limit,
    Kind.ExclusiveMinimum: lambda value, limit: value > limit,
    Kind.ExclusiveMaximum: lambda value, limit: value < limit,
}
_INTEGER_FORMAT_HINTS = {
    name: f"an {name} (an integer from {low} to {high})"
    for name, (low, high) in INTEGER_FORMATS.items()
}


def _holds_exactly(error: jsonschema_rs.ValidationError) -> bool:
    """True for a bound error about a float that in fact meets the bound.

    jsonschema-rs compares some floats with integer bounds wrongly (-9223372036854775808.0
    fails `minimum: -9223372036854775808`); Python compares a float with an int exactly, and a
    float with a zero fraction is that integer (JSON Schema 2020-12, sections 6.1.1 and 6.2.4).
    """
    kind, value = error.kind, error.instance
    check = _BOUNDS.get(type(kind))
    if check is None or not isinstance(value, float):
        return False
    return bool(check(value, kind.limit))  # type: ignore[attr-defined]


class ViolationBuilder:
    """Builds the violations of one response body; `schema_base` locates errors of the root
    schema (those under `components` are located in the spec's components).

    `checked` is what jsonschema-rs validated when it is a copy of `body` (see `_instance`).
    """

    def __init__(
        self,
        body: Any,
        schema_base: str,
        schema: CompiledSchema,
        *,
        strict: bool,
        checked: Checkable | None = None,
    ) -> None:
        self.paths = InstancePaths(
            body,
            body if checked is None else checked.value,
            None if checked is None else checked.renamed,
        )
        self.schema_base = schema_base
        self.schema = schema
        self.strict = strict
        self.out_of_range = {} if checked is None else dict(checked.out_of_range)
        self._where_out_of_range: dict[tuple[str | int, ...], str] = {}

    def schema_location(self, schema_path: Sequence[str | int]) -> str:
        """Where a schema path is in the spec, as a `#/...` pointer."""
        if schema_path and schema_path[0] == "components":
            return fragment(schema_path)
        return self.schema_base + pointer(schema_path)

    def from_errors(self, errors: Iterable[jsonschema_rs.ValidationError]) -> Iterator[Violation]:
        """The violations of jsonschema-rs errors (one error can give several), numbers beyond
        a double's range first."""
        leaves = (
            (leaf, self._place(leaf))
            for error in errors
            for leaf in _most_specific(error)
            if not _holds_exactly(leaf)
        )
        if not self.out_of_range:
            for leaf, place in leaves:
                yield from self._convert(leaf, place)
            return
        # Such a number reached jsonschema-rs as null: its errors only say where in the spec.
        others = []
        for leaf, place in leaves:
            if place.tokens in self.out_of_range:
                where_in_spec = self.schema_location(leaf.schema_path)
                self._where_out_of_range.setdefault(place.tokens, where_in_spec)
            else:
                others.append((leaf, place))
        yield from self._out_of_range()
        for leaf, place in others:
            yield from self._convert(leaf, place)

    def _place(self, error: jsonschema_rs.ValidationError) -> Place:
        signature = (tuple(error.instance_path), tuple(error.schema_path), error.message)
        return self.paths.locate(error.instance_path, error.instance, signature)

    def _out_of_range(self) -> Iterator[Violation]:
        for tokens, text in self.out_of_range.items():
            at = pointer(tokens)
            yield Violation(
                ViolationKind.CONSTRAINT,
                at,
                self._where_out_of_range.get(tokens, self.schema_base),
                expected="a number within the range of a double",
                found=short_text(text),
                message=f"{where(at)}: the number {short_text(text)} is beyond the range of a"
                " double (about 1.8e308): no JSON parser that reads numbers as doubles holds it",
            )

    def _convert(self, error: jsonschema_rs.ValidationError, place: Place) -> Iterator[Violation]:
        kind = error.kind
        path = list(place.tokens)
        at = pointer(path)
        schema_at = self.schema_location(error.schema_path)
        instance = place.value
        if isinstance(kind, Kind.Required):
            missing = pointer([*path, kind.property])
            yield Violation(
                ViolationKind.MISSING_REQUIRED_FIELD,
                missing,
                schema_at,
                expected=f"field {kind.property!r}",
                found="nothing",
                message=f"{where(missing)}: required field {short(kind.property)} is missing",
            )
        elif isinstance(kind, Kind.AdditionalProperties | Kind.UnevaluatedProperties):
            hint = " (strict mode: strict=False, or --lenient on the command line, allows it)"
            for unexpected in kind.unexpected:
                name = self.paths.real_key(place.checked, unexpected)
                extra = pointer([*path, name])
                yield Violation(
                    ViolationKind.EXTRA_FIELD,
                    extra,
                    schema_at,
                    expected="only the fields the spec lists",
                    found=f"field {name!r}",
                    message=f"{where(extra)}: field {short(name)} is not in the spec"
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
        elif isinstance(kind, Kind.Minimum | Kind.Maximum) and self._from_format(error):
            node = self.schema.node(error.schema_path[:-1])
            format_at = self.schema_location([*error.schema_path[:-1], "format"])
            yield self._bad_format(at, format_at, node["format"], instance)
        else:
            yield self._constraint(error, at, schema_at, instance)

    def _from_format(self, error: jsonschema_rs.ValidationError) -> bool:
        """True for a bound error whose bound the schema's integer format set."""
        node = self.schema.node(error.schema_path[:-1])
        return isinstance(node, dict) and error.schema_path[-1] in node.get(FORMAT_BOUNDS, ())

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
        expected = FORMAT_HINTS.get(name) or _INTEGER_FORMAT_HINTS.get(name, f"a valid {name}")
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
        self, error: jsonschema_rs.ValidationError, at: str, schema_at: str, instance: Any
    ) -> Violation:
        kind = error.kind
        details = kind.as_dict()
        if isinstance(kind, Kind.Constant):
            expected = short(kind.expected_value)
            message = f"{where(at)}: expected {expected}, found {short(instance)}"
        elif isinstance(kind, Kind.OneOfMultipleValid):
            expected = "exactly one of the oneOf schemas"
            message = f"{where(at)}: {short(instance)} matches more than one oneOf schema"
        else:
            expected = " ".join([kind.name, *(short(value) for value in details.values())])
            text = " ".join(error.message.split())
            if len(text) > MESSAGE_LIMIT or not text.isascii():
                text = f"{short(instance)} breaks {expected}"
            message = f"{where(at)}: {text}"
        return Violation(
            ViolationKind.CONSTRAINT,
            at,
            schema_at,
            expected=expected,
            found=short(instance),
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

"""Turning a response schema of a spec into a compiled Draft 2020-12 validator (cached).

The response schema is carried with the spec's `components/schemas`, so `#/components/...`
references resolve as in the spec, and so error locations are locations in the spec. Formats
(uuid, date-time) are checked. In strict mode, every object schema that lists `properties`
and does not say `additionalProperties` gets `additionalProperties: false`; schemas that say it
(maps, Modzy's result items) keep theirs. In lenient mode, an enum marked `x-jobresults-open-enum`
accepts values it does not list. In both, `format: int32` and `int64` bound the value to their
range (OpenAPI defines them; JSON Schema leaves formats of numbers unchecked).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from .. import specs
from ._spec import DocumentedResponse

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SCHEMA_KEYWORDS = frozenset(
    {
        "items",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contentSchema",
    }
)
_SCHEMA_LIST_KEYWORDS = frozenset({"oneOf", "anyOf", "prefixItems"})
_SCHEMA_MAP_KEYWORDS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})


def strict_schema(schema: Any, *, closable: bool = True) -> Any:
    """A copy of `schema` in which object schemas with `properties` and no word on extra
    properties forbid them. Members of `allOf` are left open (closing them would reject the
    properties their siblings declare)."""
    if not isinstance(schema, dict):
        return schema
    copied: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in _SCHEMA_KEYWORDS:
            copied[keyword] = strict_schema(value)
        elif keyword in _SCHEMA_LIST_KEYWORDS and isinstance(value, list):
            copied[keyword] = [strict_schema(member) for member in value]
        elif keyword == "allOf" and isinstance(value, list):
            copied[keyword] = [strict_schema(member, closable=False) for member in value]
        elif keyword in _SCHEMA_MAP_KEYWORDS and isinstance(value, dict):
            copied[keyword] = {name: strict_schema(member) for name, member in value.items()}
        else:
            copied[keyword] = value
    if (
        closable
        and "properties" in copied
        and "additionalProperties" not in copied
        and "unevaluatedProperties" not in copied
        and "allOf" not in copied
    ):
        copied["additionalProperties"] = False
    return copied


def map_subschemas(schema: Any, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """A copy of `schema` in which `change` has rewritten every subschema (innermost first)."""
    if not isinstance(schema, dict):
        return schema
    copied: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in _SCHEMA_KEYWORDS:
            copied[keyword] = map_subschemas(value, change)
        elif keyword in (*_SCHEMA_LIST_KEYWORDS, "allOf") and isinstance(value, list):
            copied[keyword] = [map_subschemas(member, change) for member in value]
        elif keyword in _SCHEMA_MAP_KEYWORDS and isinstance(value, dict):
            copied[keyword] = {name: map_subschemas(m, change) for name, m in value.items()}
        else:
            copied[keyword] = value
    return change(copied)


OPEN_ENUM = "x-jobresults-open-enum"
"""Marks an enum whose list is open (a page says the values "include" these): strict mode
reports a value it does not list, lenient mode accepts any value of its type."""


def _open_enum_accepting_any(schema: dict[str, Any]) -> dict[str, Any]:
    if schema.get(OPEN_ENUM) is True and "enum" in schema:
        return {keyword: value for keyword, value in schema.items() if keyword != "enum"}
    return schema


INTEGER_FORMATS: dict[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
"""The ranges of the integer formats OpenAPI 3.1 defines (Data Types)."""

FORMAT_BOUNDS = "x-format-bounds"
"""In a compiled schema: the bound keywords (`minimum`, `maximum`) its integer format set."""


def _with_format_bounds(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with the range of its integer format as bounds, where its own bounds (if any)
    are looser: jsonschema-rs treats formats as annotations on numbers, OpenAPI asserts them."""
    format_name = schema.get("format")
    if not isinstance(format_name, str) or format_name not in INTEGER_FORMATS:
        return schema
    low, high = INTEGER_FORMATS[format_name]
    bounded = dict(schema)
    added = []
    if not any(_is_number(schema.get(word)) and schema[word] >= low for word in _LOWER):
        bounded["minimum"] = low
        added.append("minimum")
    if not any(_is_number(schema.get(word)) and schema[word] <= high for word in _UPPER):
        bounded["maximum"] = high
        added.append("maximum")
    if added:
        bounded[FORMAT_BOUNDS] = added
    return bounded


_LOWER = ("minimum", "exclusiveMinimum")
_UPPER = ("maximum", "exclusiveMaximum")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _prepared(schema: Any, *, strict: bool) -> Any:
    closed = strict_schema(schema) if strict else map_subschemas(schema, _open_enum_accepting_any)
    return map_subschemas(closed, _with_format_bounds)


def standalone_schema(service: str, schema: Any, *, strict: bool) -> dict[str, Any]:
    """`schema` as a self-contained 2020-12 schema, with the spec's component schemas."""
    components: dict[str, Any] = specs.load(service).get("components", {}).get("schemas", {})
    schema = _prepared(schema, strict=strict)
    components = {name: _prepared(member, strict=strict) for name, member in components.items()}
    body = schema if isinstance(schema, dict) else {"allOf": [schema]}
    return {"$schema": DIALECT, **body, "components": {"schemas": components}}


@dataclass(frozen=True, eq=False)
class CompiledSchema:
    """A response's compiled validator and the schema document it was compiled from."""

    validator: jsonschema_rs.Validator
    document: dict[str, Any]

    def node(self, schema_path: Sequence[str | int]) -> Any:
        """The subschema at a jsonschema-rs `schema_path` (a location in `document`)."""
        node: Any = self.document
        for token in schema_path:
            try:
                node = node[token]
            except (KeyError, IndexError, TypeError):
                return None
        return node


@functools.cache
def compiled(response: DocumentedResponse, strict: bool) -> CompiledSchema:
    """The compiled validator of a documented response's JSON schema (built once)."""
    root = standalone_schema(response.service, response.schema, strict=strict)
    return CompiledSchema(jsonschema_rs.Draft202012Validator(root, validate_formats=True), root)

"""Turning a response schema of a spec into a compiled Draft 2020-12 validator (cached).

The response schema is carried with the spec's `components/schemas`, so `#/components/...`
references resolve as in the spec, and so error locations are locations in the spec. Formats
(uuid, date-time) are checked. In strict mode, every object schema that lists `properties`
and does not say `additionalProperties` gets `additionalProperties: false`; schemas that say it
(maps, Modzy's result items) keep theirs. In lenient mode, an enum marked `x-open-enum`
accepts values it does not list.
"""

from __future__ import annotations

import functools
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


OPEN_ENUM = "x-open-enum"
"""Marks an enum whose list is open (a page says the values "include" these): strict mode
reports a value it does not list, lenient mode accepts any value of its type."""


def lenient_schema(schema: Any) -> Any:
    """A copy of `schema` in which open enums accept values they do not list."""
    if isinstance(schema, list):
        return [lenient_schema(member) for member in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        keyword: lenient_schema(value)
        for keyword, value in schema.items()
        if not (keyword == "enum" and schema.get(OPEN_ENUM) is True)
    }


def standalone_schema(service: str, schema: Any, *, strict: bool) -> dict[str, Any]:
    """`schema` as a self-contained 2020-12 schema, with the spec's component schemas."""
    components: dict[str, Any] = specs.load(service).get("components", {}).get("schemas", {})
    prepare = strict_schema if strict else lenient_schema
    schema = prepare(schema)
    components = {name: prepare(member) for name, member in components.items()}
    body = schema if isinstance(schema, dict) else {"allOf": [schema]}
    return {"$schema": DIALECT, **body, "components": {"schemas": components}}


@functools.cache
def compiled(response: DocumentedResponse, strict: bool) -> jsonschema_rs.Validator:
    """The compiled validator of a documented response's JSON schema (built once)."""
    root = standalone_schema(response.service, response.schema, strict=strict)
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)

"""The specs' response examples, and broken copies of them made by single mutations."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
from jobresults import specs
from jobresults.validate import ViolationKind

Path = tuple[str | int, ...]
ITEMS_WALKED = 2
"""Array elements walked per array (the others are alike)."""


@dataclass(frozen=True)
class Example:
    """One example response body written in a spec."""

    service: str
    operation_id: str
    status: int
    name: str
    value: Any

    @property
    def id(self) -> str:
        return f"{self.service}-{self.operation_id}-{self.status}-{self.name}"


@dataclass(frozen=True)
class Mutation:
    """A broken copy of an example and the violation it must give."""

    label: str
    body: Any
    kind: ViolationKind
    pointer: str


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _response_schema(service: str, operation_id: str, status: int) -> Any:
    spec = specs.load(service)
    method, template = specs.operations(service)[operation_id]
    response = _resolve(spec, spec["paths"][template][method.lower()]["responses"][str(status)])
    return response["content"]["application/json"]["schema"]


def examples() -> list[Example]:
    """Every example response body of every operation of every spec."""
    found = []
    for service in specs.services():
        spec = specs.load(service)
        for operation_id, (method, template) in specs.operations(service).items():
            responses = spec["paths"][template][method.lower()]["responses"]
            for status, response in responses.items():
                media = _resolve(spec, response).get("content", {}).get("application/json", {})
                if "example" in media:
                    found.append(
                        Example(service, operation_id, int(status), "example", media["example"])
                    )
                for name, example in media.get("examples", {}).items():
                    value = _resolve(spec, example)["value"]
                    found.append(Example(service, operation_id, int(status), name, value))
    return found


def _pointer(path: Path) -> str:
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def _matches(service: str, schema: Any, value: Any) -> bool:
    root = {**schema, "components": specs.load(service)["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True).is_valid(value)


def _nodes(
    service: str, schema: Any, value: Any, path: Path = ()
) -> Iterator[tuple[Path, Any, Any]]:
    """`(path, resolved schema, value)` of every value of the example the schema describes."""
    spec = specs.load(service)
    schema = _resolve(spec, schema)
    if not isinstance(schema, dict):
        return
    yield path, schema, value
    for keyword in ("oneOf", "anyOf"):
        for branch in schema.get(keyword, []):
            if _matches(service, branch, value):
                yield from (
                    node for node in _nodes(service, branch, value, path) if node[0] != path
                )
                break
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, member in value.items():
            if key in properties:
                yield from _nodes(service, properties[key], member, (*path, key))
            elif isinstance(extra, dict):
                yield from _nodes(service, extra, member, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, member in enumerate(value[:ITEMS_WALKED]):
            yield from _nodes(service, schema["items"], member, (*path, index))


def _replaced(body: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    copied = copy.deepcopy(body)
    target = copied
    for token in path[:-1]:
        target = target[token]
    target[path[-1]] = new
    return copied


def _dropped(body: Any, path: Path, key: str) -> Any:
    copied = copy.deepcopy(body)
    target = copied
    for token in path:
        target = target[token]
    del target[key]
    return copied


_TYPE_CANDIDATES = (("string", "mutated"), ("integer", 7), ("boolean", True))
_BROKEN_FORMATS = {"uuid": "not-a-uuid", "date-time": "2024-12-18 10:00"}


def _types(spec: dict[str, Any], schema: dict[str, Any]) -> set[str] | None:
    """The JSON types a schema allows, when it says (directly or through every branch)."""
    if "type" in schema:
        declared = schema["type"]
        types = set(declared) if isinstance(declared, list) else {declared}
    else:
        branches = schema.get("oneOf") or schema.get("anyOf")
        if not branches:
            return None
        types = set()
        for branch in branches:
            inner = _types(spec, _resolve(spec, branch))
            if inner is None:
                return None
            types |= inner
    return types | {"integer"} if "number" in types else types


def mutations(example: Example, family: str) -> Iterator[Mutation]:
    """The single mutations of one family: drop-required, enum, type or format."""
    spec = specs.load(example.service)
    schema = _response_schema(example.service, example.operation_id, example.status)
    body = example.value
    for path, node, value in _nodes(example.service, schema, body):
        at = _pointer(path)
        if family == "drop-required" and isinstance(value, dict):
            for key in node.get("required", []):
                if key in value:
                    yield Mutation(
                        f"drop {at}/{key}",
                        _dropped(body, path, key),
                        ViolationKind.MISSING_REQUIRED_FIELD,
                        _pointer((*path, key)),
                    )
        elif family == "enum" and "enum" in node:
            yield Mutation(
                f"enum {at}",
                _replaced(body, path, "not-a-listed-value"),
                ViolationKind.NOT_IN_ENUM,
                at,
            )
        elif family == "type":
            allowed = _types(spec, node)
            if allowed is None:
                continue
            for type_name, replacement in _TYPE_CANDIDATES:
                if type_name not in allowed:
                    yield Mutation(
                        f"type {at} -> {type_name}",
                        _replaced(body, path, replacement),
                        ViolationKind.WRONG_TYPE,
                        at,
                    )
                    break
        elif (
            family == "format" and isinstance(value, str) and node.get("format") in _BROKEN_FORMATS
        ):
            yield Mutation(
                f"format {at}",
                _replaced(body, path, _BROKEN_FORMATS[node["format"]]),
                ViolationKind.BAD_FORMAT,
                at,
            )


def closed_objects(example: Example) -> Iterator[tuple[str, Any]]:
    """`(pointer of the new field, body)` for each object of the example whose schema lists
    properties without saying anything of others: the body with one undocumented field added."""
    schema = _response_schema(example.service, example.operation_id, example.status)
    for path, node, value in _nodes(example.service, schema, example.value):
        if isinstance(value, dict) and "properties" in node and "additionalProperties" not in node:
            key = "undocumented_field"
            yield _pointer((*path, key)), _replaced(example.value, path, {**value, key: 1})

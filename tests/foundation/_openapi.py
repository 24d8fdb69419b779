"""Helpers for the spec tests: find examples, validate them, mutate them, walk schema paths."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "openapi"
SERVICES = ("modzy", "llamacloud", "wickson", "overmind")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def load_spec(service: str) -> dict[str, Any]:
    """The source tree's spec of `service`, parsed once (do not mutate it)."""
    return _parse(SPECS / f"{service}.yaml")


@functools.cache
def _parse(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text())
    return spec


def deref(spec: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s until reaching a node without one."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def validator(spec: dict[str, Any], schema: Any) -> jsonschema.Draft202012Validator:
    """A format-checking 2020-12 validator of `schema` that resolves the spec's components."""
    root = {**schema, "components": spec["components"]} if isinstance(schema, dict) else schema
    return jsonschema.Draft202012Validator(
        root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def is_valid(spec: dict[str, Any], schema: Any, instance: Any) -> bool:
    return validator(spec, schema).is_valid(instance)


@dataclass(frozen=True)
class Example:
    """One example written in a spec, with the schema it illustrates."""

    service: str
    where: str
    schema: Any
    value: Any

    @property
    def id(self) -> str:
        return f"{self.service}:{self.where}"


def _media_examples(spec: dict[str, Any], holder: dict[str, Any], where: str) -> Iterator[Any]:
    if "example" in holder:
        yield where, holder["example"]
    for name, example in holder.get("examples", {}).items():
        yield f"{where}#{name}", deref(spec, example)["value"]


def examples(service: str) -> Iterator[Example]:
    """Every example of a parameter, header, response body or schema in the spec."""
    spec = load_spec(service)
    for item in spec["paths"].values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            op = operation["operationId"]
            for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                parameter = deref(spec, parameter)
                where = f"{op} parameter {parameter['name']}"
                for at, value in _media_examples(spec, parameter, where):
                    yield Example(service, at, parameter["schema"], value)
            for status, response in operation["responses"].items():
                response = deref(spec, response)
                for name, header in response.get("headers", {}).items():
                    header = deref(spec, header)
                    for at, value in _media_examples(spec, header, f"{op} {status} {name}"):
                        yield Example(service, at, header["schema"], value)
                for media_type, media in response.get("content", {}).items():
                    for at, value in _media_examples(spec, media, f"{op} {status} {media_type}"):
                        yield Example(service, at, media["schema"], value)
    for name, schema in spec["components"]["schemas"].items():
        yield from _schema_examples(service, schema, f"schema {name}")


def _schema_examples(service: str, schema: Any, where: str) -> Iterator[Example]:
    if not isinstance(schema, dict):
        return
    for index, value in enumerate(schema.get("examples", [])):
        yield Example(service, f"{where} examples[{index}]", schema, value)
    if "example" in schema:
        yield Example(service, f"{where} example", schema, schema["example"])
    for key, sub in schema.get("properties", {}).items():
        yield from _schema_examples(service, sub, f"{where}.{key}")
    for key in ("items", "additionalProperties"):
        yield from _schema_examples(service, schema.get(key), f"{where}.{key}")
    for key in ("oneOf", "anyOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            yield from _schema_examples(service, sub, f"{where}.{key}[{index}]")


# ---- mutations ---------------------------------------------------------------------------------

JSON_TYPE_SAMPLES: tuple[tuple[str, Any], ...] = (
    ("string", "mutated"),
    ("integer", 12345),
    ("number", 1.5),
    ("boolean", True),
    ("null", None),
    ("array", []),
    ("object", {}),
)


def accepted_types(spec: dict[str, Any], schema: Any) -> set[str] | None:
    """The JSON types a schema accepts, or None when it accepts any type."""
    schema = deref(spec, schema)
    if not isinstance(schema, dict):
        return None
    if "type" in schema:
        declared = schema["type"]
        types = {declared} if isinstance(declared, str) else set(declared)
        return types | ({"integer"} if "number" in types else set())
    if "const" in schema:
        return {json_type(schema["const"])}
    if "enum" in schema:
        return {json_type(value) for value in schema["enum"]}
    for key in ("oneOf", "anyOf"):
        if key in schema:
            found: set[str] = set()
            for branch in schema[key]:
                branch_types = accepted_types(spec, branch)
                if branch_types is None:
                    return None
                found |= branch_types
            return found
    return None


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass(frozen=True)
class Mutation:
    """A copy of an example with one change that its schema must reject."""

    kind: str  # "required", "enum" or "type"
    path: tuple[str | int, ...]
    value: Any

    def describe(self) -> str:
        return f"{self.kind} at /{'/'.join(map(str, self.path))}"


def _replace(instance: Any, path: tuple[str | int, ...], new: Any) -> Any:
    if not path:
        return new
    changed = copy.deepcopy(instance)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return changed


def _remove(instance: Any, path: tuple[str | int, ...], key: str) -> Any:
    changed = copy.deepcopy(instance)
    target = changed
    for step in path:
        target = target[step]
    del target[key]
    return changed


def mutations(spec: dict[str, Any], schema: Any, instance: Any) -> list[Mutation]:
    """Every single-change copy of `instance` that breaks a constraint `schema` states.

    Walks the instance along the schema (through `$ref`s, and through the `oneOf`/`anyOf`
    branch the value matches) and, at every node, removes each present required property,
    swaps an enum or const value for one outside it, and swaps the value for one of a JSON type
    the node does not accept.
    """
    found: list[Mutation] = []
    _walk(spec, schema, instance, instance, (), found, branch=False)
    return found


def _walk(
    spec: dict[str, Any],
    schema: Any,
    value: Any,
    root: Any,
    path: tuple[str | int, ...],
    found: list[Mutation],
    *,
    branch: bool,
) -> None:
    # In a oneOf/anyOf branch, the union itself decides which types and values are accepted.
    schema = deref(spec, schema)
    if not isinstance(schema, dict):
        return
    types = None if branch else accepted_types(spec, schema)
    if types is not None:
        for type_name, sample in JSON_TYPE_SAMPLES:
            if type_name not in types:
                found.append(Mutation("type", path, _replace(root, path, sample)))
                break
    allowed = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else []
    if allowed and not branch and isinstance(value, (str, bool)):
        other = (not value) if isinstance(value, bool) else f"{value}-changed"
        if other not in allowed:
            found.append(Mutation("enum", path, _replace(root, path, other)))
    for key in ("oneOf", "anyOf"):
        for option in schema.get(key, []):
            if is_valid(spec, deref(spec, option), value):
                _walk(spec, option, value, root, path, found, branch=True)
                break
    for part in schema.get("allOf", []):
        _walk(spec, part, value, root, path, found, branch=branch)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key in value:
                found.append(Mutation("required", (*path, key), _remove(root, path, key)))
        for key, item in value.items():
            if key in properties:
                _walk(spec, properties[key], item, root, (*path, key), found, branch=False)
            elif isinstance(schema.get("additionalProperties"), dict):
                extra = schema["additionalProperties"]
                _walk(spec, extra, item, root, (*path, key), found, branch=False)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            _walk(spec, schema["items"], item, root, (*path, index), found, branch=False)


# ---- schema paths ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A schema reached by a path, with the object schema that declares it (if a property)."""

    schema: Any
    parent: dict[str, Any] | None
    key: str | None


def resolve(spec: dict[str, Any], schema: Any, path: str) -> list[Found]:
    """The schemas at `path` ("a/b", "*" for a map's values, "[]" for a list's items).

    Follows `$ref`s and every `oneOf`/`anyOf`/`allOf` branch that has the step.
    """
    current = [Found(schema, None, None)]
    for step in path.split("/") if path else []:
        current = [nxt for found in current for nxt in _step(spec, found.schema, step)]
    return current


def _step(spec: dict[str, Any], schema: Any, step: str) -> list[Found]:
    schema = deref(spec, schema)
    if not isinstance(schema, dict):
        return []
    results: list[Found] = []
    for key in ("oneOf", "anyOf", "allOf"):
        for branch in schema.get(key, []):
            results += _step(spec, branch, step)
    if step == "*":
        extra = schema.get("additionalProperties")
        if extra is True or isinstance(extra, dict):
            results.append(Found({} if extra is True else extra, None, None))
    elif step == "[]":
        if "items" in schema:
            results.append(Found(schema["items"], None, None))
    elif step in schema.get("properties", {}):
        results.append(Found(schema["properties"][step], schema, step))
    return results

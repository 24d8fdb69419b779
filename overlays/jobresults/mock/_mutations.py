"""The body faults that keep the JSON valid but break the contract, found from the response's
schema in the spec (for any service):

- `missing-field` removes the first required property of the body (of its first item, for an
  array body);
- `unknown-enum` puts a value the spec does not list into the body: into the shallowest field
  named `status` whose schema is an enum, else into the shallowest enum field, else into the
  shallowest field named `status` (where statuses are free strings, such as Modzy's, the value
  is only unexpected). The value is `paused` (`quarantined` where the enum has `paused`), in
  upper case where the value it replaces is.

The walk follows `$ref`s, `allOf`, the `oneOf`/`anyOf` branch of the value's JSON type, object
properties, `additionalProperties` and the first item of arrays; it stops after a few thousand
nodes, so a large body costs little.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, Final

from .. import specs
from ..validate._violations import json_type

UNKNOWN_VALUES: Final = ("paused", "quarantined")
MAX_NODES: Final = 4096


def _fits(schema: dict[str, Any], value: Any) -> bool:
    declared = schema.get("type")
    if declared is None:
        return True
    kinds = declared if isinstance(declared, list) else [declared]
    kind = json_type(value)
    return kind in kinds or (kind == "integer" and "number" in kinds)


def effective(spec: dict[str, Any], schema: Any, value: Any) -> dict[str, Any]:
    """`schema` as it applies to `value`: `$ref`s followed, `allOf` merged, the fitting branch
    of a `oneOf`/`anyOf` taken."""
    schema = specs.resolve(spec, schema)
    if not isinstance(schema, dict):
        return {}
    merged = dict(schema)
    for part in schema.get("allOf") or []:
        branch = effective(spec, part, value)
        merged["properties"] = {**branch.get("properties", {}), **merged.get("properties", {})}
        merged["required"] = [*merged.get("required", []), *branch.get("required", [])]
        for key in ("enum", "type", "items", "additionalProperties"):
            if key in branch and key not in merged:
                merged[key] = branch[key]
    for combinator in ("oneOf", "anyOf"):
        for part in schema.get(combinator) or []:
            branch = effective(spec, part, value)
            if _fits(branch, value):
                return {**merged, **branch}
    return merged


Path = tuple[str | int, ...]


def _walk(
    spec: dict[str, Any], schema: Any, body: Any
) -> Iterator[tuple[Path, dict[str, Any], Any]]:
    """(path, effective schema, value) of the body's nodes, breadth first."""
    queue: deque[tuple[Path, Any, Any]] = deque([((), schema, body)])
    seen = 0
    while queue and seen < MAX_NODES:
        path, node_schema, value = queue.popleft()
        seen += 1
        current = effective(spec, node_schema, value)
        yield path, current, value
        if isinstance(value, dict):
            properties = current.get("properties") or {}
            extra = current.get("additionalProperties")
            for key, child in value.items():
                if key in properties:
                    queue.append(((*path, key), properties[key], child))
                elif isinstance(extra, dict):
                    queue.append(((*path, key), extra, child))
        elif isinstance(value, list) and value and isinstance(current.get("items"), dict):
            queue.append(((*path, 0), current["items"], value[0]))


def json_path(path: Path) -> str:
    """`data.job_results[0].status` for `("data", "job_results", 0, "status")`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def drop_required_field(spec: dict[str, Any], schema: Any, body: Any) -> str | None:
    """Remove the first required property from a 2xx body in place; return its JSON path
    (None: the body has none to remove)."""
    target, prefix = body, ""
    if isinstance(body, list):
        if not body or not isinstance(body[0], dict):
            return None
        target, prefix = body[0], "[0]"
        schema = effective(spec, schema, body).get("items")
    if not isinstance(target, dict):
        return None
    for name in effective(spec, schema, target).get("required") or []:
        if name in target:
            del target[name]
            return f"{prefix}.{name}" if prefix else str(name)
    return None


def set_unknown_enum(spec: dict[str, Any], schema: Any, body: Any) -> str | None:
    """Put a value the spec does not list into a 2xx body in place; return its JSON path (None:
    no place for one)."""
    named_enum = any_enum = named = None
    for path, current, value in _walk(spec, schema, body):
        if not path or not isinstance(value, str):
            continue
        is_enum = isinstance(current.get("enum"), list)
        is_status = path[-1] == "status"
        if is_enum and is_status:
            named_enum = (path, current)
            break
        if is_enum and any_enum is None:
            any_enum = (path, current)
        if is_status and named is None:
            named = (path, current)
    chosen = named_enum or any_enum or named
    if chosen is None:
        return None
    path, current = chosen
    parent: Any = body
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = unknown_value(current.get("enum") or [], parent[path[-1]])
    return json_path(path)


def unknown_value(listed: list[Any], current: str) -> str:
    """A status no one lists: `paused` unless listed, in the case of the value it replaces."""
    taken = {str(value).lower() for value in listed}
    value = next((word for word in UNKNOWN_VALUES if word not in taken), "unlisted-value")
    return value.upper() if current.isupper() else value

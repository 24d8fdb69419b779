"""The examples of a spec: each documented response's named examples, and the ids they name.

The mock serves the specs' examples as they are written (the services' pages, transcribed in
the specs); this module only reads them. Which id an example is for:

- a path parameter's own `example`, or each of its `examples` (paired with the response example
  of the same name when there is one);
- a field of a 2xx example named like the parameter (`id` for `{id}`, `job_identifier` or
  `jobIdentifier` for `{jobIdentifier}`, at any depth, the shallowest first);
- in an error example, a word shaped like the parameter's example ids (`batch-xyz789` in Wickson's
  "Batch batch-xyz789 not found", shaped like `batch-abc123`): such a request answers that error.

An id's shape keeps its separators, the lengths of its letter-and-digit runs and its plain words:
`batch-abc123` is `batch-` then six letters or digits; a UUID is 8-4-4-4-12. Ids of one run (a
bare number or word) have no shape: they are too common to look for in messages.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import specs

JSON_MEDIA = re.compile(r"application/(?:[\w.+-]+\+)?json", re.IGNORECASE)
_RUNS = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9]+")
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True, slots=True)
class NamedExample:
    """One example of a response: its name in `examples` (None for a lone `example`)."""

    name: str | None
    value: Any


def raw_operation(spec: dict[str, Any], method: str, template: str) -> dict[str, Any]:
    """The operation object at `paths[template][method]`."""
    found: dict[str, Any] = spec["paths"][template][method.lower()]
    return found


def raw_parameters(spec: dict[str, Any], template: str, operation: dict[str, Any]) -> list[Any]:
    """The path item's and the operation's parameter objects, `$ref`s followed (the operation's
    own win over the path item's of the same name and location)."""
    by_key: dict[tuple[str, str], Any] = {}
    shared = spec["paths"][template].get("parameters", [])
    for node in [*shared, *operation.get("parameters", [])]:
        parameter = specs.resolve(spec, node)
        if isinstance(parameter, dict) and "name" in parameter:
            by_key[(str(parameter.get("in")), str(parameter["name"]))] = parameter
    return list(by_key.values())


def _examples(spec: dict[str, Any], holder: dict[str, Any], schema: Any) -> list[NamedExample]:
    """The examples of a parameter or media object: its `example`, its named `examples`
    (`$ref`s followed, `externalValue`s skipped), else its schema's `example(s)`."""
    found: list[NamedExample] = []
    if "example" in holder:
        found.append(NamedExample(None, holder["example"]))
    for name, node in (holder.get("examples") or {}).items():
        example = specs.resolve(spec, node)
        if isinstance(example, dict) and "value" in example:
            found.append(NamedExample(str(name), example["value"]))
    resolved = specs.resolve(spec, schema) if schema is not None else None
    if not found and isinstance(resolved, dict):
        if "example" in resolved:
            found.append(NamedExample(None, resolved["example"]))
        found.extend(NamedExample(None, value) for value in resolved.get("examples") or [])
    return found


def parameter_examples(spec: dict[str, Any], parameter: dict[str, Any]) -> list[NamedExample]:
    """A parameter's examples (see `_examples`)."""
    return _examples(spec, parameter, parameter.get("schema"))


def media(response: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """A response's media type (the first JSON one, else the first) and its media object."""
    content = response.get("content") or {}
    for media_type, media_object in content.items():
        if JSON_MEDIA.fullmatch(str(media_type).split(";")[0].strip()):
            return str(media_type), media_object or {}
    for media_type, media_object in content.items():
        return str(media_type), media_object or {}
    return None, {}


def response_examples(spec: dict[str, Any], response: dict[str, Any]) -> list[NamedExample]:
    """A response's examples, in the spec's order (copies: change them freely)."""
    _, media_object = media(response)
    found = _examples(spec, media_object, media_object.get("schema"))
    return [NamedExample(example.name, copy.deepcopy(example.value)) for example in found]


def id_field_names(wire: str) -> frozenset[str]:
    """The field names that hold a path parameter's id: its name, snake_case and camelCase."""
    snake = specs.python_name(wire)
    head, *rest = snake.split("_")
    return frozenset({wire, snake, head + "".join(part.capitalize() for part in rest)})


def named_value(value: Any, names: frozenset[str]) -> str | None:
    """The shallowest scalar field of `value` named one of `names` (breadth first), as text."""
    level: list[Any] = [value]
    for _ in range(16):
        following: list[Any] = []
        for node in level:
            if isinstance(node, dict):
                for key, child in node.items():
                    if key in names and _is_id(child):
                        return str(child)
                following.extend(node.values())
            elif isinstance(node, list):
                following.extend(node)
        if not following:
            return None
        level = following
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool) and str(value) != ""


def id_shape(ids: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching words shaped like `ids` (see the module's docstring), or None."""
    shapes: dict[str, None] = {}
    for identifier in ids:
        runs = _RUNS.findall(identifier)
        if sum(1 for run in runs if run[0].isascii() and run[0].isalnum()) < 2:
            continue
        shapes["".join(_run_pattern(run) for run in runs)] = None
    if not shapes:
        return None
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(shapes) + r")(?![A-Za-z0-9])")


def _run_pattern(run: str) -> str:
    if not (run[0].isascii() and run[0].isalnum()):
        return re.escape(run)
    if run.isalpha() and not set(run) <= _HEX:
        return re.escape(run)  # a plain word such as "batch" or "job"
    return f"[A-Za-z0-9]{{{len(run)}}}"


def strings(value: Any) -> Iterator[str]:
    """Every string inside `value`."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child)


# The examples the four services' stateful data starts from (their pages' examples).


def _operation_of(service: str, operation_id: str) -> tuple[dict[str, Any], str, dict[str, Any]]:
    method, template = specs.operations(service)[operation_id]
    spec = specs.load(service)
    return spec, template, raw_operation(spec, method, template)


def response_example(service: str, operation_id: str, status: str = "200") -> Any:
    """The first example of an operation's response (a copy: change it freely)."""
    spec, _, operation = _operation_of(service, operation_id)
    response = specs.resolve(spec, operation["responses"][status])
    examples = response_examples(spec, response)
    if not examples:
        raise LookupError(f"{service} {operation_id}: no example of the {status} response")
    return examples[0].value


def path_parameter_example(service: str, operation_id: str, name: str) -> str:
    """The example of an operation's path parameter `name` (the first, as text)."""
    spec, template, operation = _operation_of(service, operation_id)
    for parameter in raw_parameters(spec, template, operation):
        if parameter.get("in") == "path" and parameter.get("name") == name:
            examples = parameter_examples(spec, parameter)
            if examples:
                return str(examples[0].value)
    raise LookupError(f"{service} {operation_id}: path parameter {name!r} has no example")

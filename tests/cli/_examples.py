"""The specs' 200 examples, decoded into the generated Structs, for the summary tests."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

import msgspec
from jobresults import specs

T = TypeVar("T")


def example(service: str, operation_id: str, name: str | None = None) -> dict[str, Any]:
    """A deep copy of the first (or the named) 200 example of an operation's response."""
    spec = specs.load(service)
    for path_item in spec["paths"].values():
        operation = path_item.get("get", {})
        if operation.get("operationId") != operation_id:
            continue
        content = operation["responses"]["200"]["content"]["application/json"]
        examples = content["examples"]
        chosen = examples[name] if name is not None else next(iter(examples.values()))
        return copy.deepcopy(chosen["value"])
    raise LookupError(f"{service} has no operation {operation_id}")


def decode(value: Any, type_: type[T]) -> T:
    """`value` (JSON-like) decoded into `type_` as the clients decode response bodies."""
    return msgspec.json.decode(msgspec.json.encode(value), type=type_)

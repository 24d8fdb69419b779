"""The OpenAPI specs this package is generated from, as shipped inside it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Final

SERVICES: Final = ("modzy", "llamacloud", "wickson", "overmind")

_PACKAGED = Path(__file__).resolve().parent / "openapi"
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent / "openapi"


def directory() -> Path:
    """The folder holding the specs: inside the installed wheel, or the source tree's openapi/."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def path(service: str) -> Path:
    """The path of a service's spec, e.g. `path("wickson")`."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; valid services: {', '.join(SERVICES)}")
    return directory() / f"{service}.yaml"


@functools.cache
def load(service: str) -> dict[str, Any]:
    """A service's spec as a dict (parsed once, then cached; do not mutate it)."""
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(path(service).read_text(encoding="utf-8"))
    return loaded


def operations(service: str) -> dict[str, tuple[str, str]]:
    """`{operationId: (METHOD, path template)}` for a service's spec."""
    found: dict[str, tuple[str, str]] = {}
    for template, item in load(service).get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), template)
    return found

"""One service of the registry, as the mock serves it: its base path, key check and operations.

Built from the spec alone (`served(name)`), once per app (and cached while the spec file and the
key stay the same). The key is checked as the spec's `securitySchemes` say (see `_auth`); a
missing or wrong key gets the spec's 401 example. Every path under the service's prefix needs
the key, unless its operation sets `security: []`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .. import specs
from ._auth import KeyCheck
from ._errors import ErrorShapes
from ._operations import Route, ServedOperation
from ._responses import Reply
from ._services import API_KEYS, base_path


class ServedService:
    """A service of the registry under its prefix (see the module's docstring)."""

    def __init__(self, name: str, api_key: str) -> None:
        spec = specs.load(name)
        self.name = name
        self.base_path = base_path(name)
        self.api_key = api_key
        self.key_check = KeyCheck.of(name, api_key)
        self.errors = ErrorShapes({})
        raw_paths = spec.get("paths") or {}
        operations = [
            ServedOperation(
                name,
                spec,
                operation,
                requires_key=bool(
                    raw_paths[operation.path][operation.method.lower()].get(
                        "security", spec.get("security")
                    )
                ),
                fallback=self.errors,
            )
            for operation in specs.operation_objects(name)
        ]
        self.requires_key = bool(spec.get("security"))
        # Concrete paths before templated ones (as OpenAPI says), then the spec's order.
        self.operations = tuple(
            sorted(operations, key=lambda op: (len(op.path_names), -op.literal_length))
        )
        for operation in self.operations:  # the first operation's example of a status wins
            self.errors.include(operation.errors.examples)
        self.unauthorized = self.errors.reply(401, headers=self.key_check.challenge)
        self.not_found = self._unknown_path()

    def _unknown_path(self) -> Reply:
        """The 404 of a path no operation has: the spec's 404 example (without an id in it)."""
        for operation in self.operations:
            if operation.errors.documents(404):
                names_an_id = bool(operation.errors.ids_in("404"))
                return self.errors.reply(404, message="Not Found" if names_an_id else None)
        return self.errors.reply(404, message="Not Found")

    def unauthorized_for(self, operation: ServedOperation | None) -> Reply:
        """The 401 of a request to `operation` (None: to a path no operation has)."""
        if operation is None:
            return self.unauthorized
        return operation.errors.reply(401, headers=self.key_check.challenge)

    def method_not_allowed(self, allow: tuple[str, ...]) -> Reply:
        """The 405 of a method the path does not have, with `Allow`."""
        listed = ", ".join(dict.fromkeys([*allow, *(["HEAD"] if "GET" in allow else [])]))
        return self.errors.reply(405, headers=((b"allow", listed.encode()),))

    def route(self, method: str, path: str) -> Route:
        """Where a request for `path` (the whole path, prefix included) goes."""
        relative = path[len(self.base_path) :]
        if not path.startswith(self.base_path) or not relative.startswith("/"):
            return Route()
        lookup = "GET" if method == "HEAD" else method
        allow: list[str] = []
        for operation in self.operations:
            values = operation.match(relative)
            if values is None:
                continue
            if operation.method == lookup:
                return Route(operation, values)
            allow.append(operation.method)
        return Route(allow=tuple(allow))

    def operation_of(self, path: str) -> tuple[ServedOperation | None, tuple[str, ...]]:
        """The operation whose path `path` is, whatever the method, and its path values."""
        relative = path[len(self.base_path) :]
        if path.startswith(self.base_path) and relative.startswith("/"):
            for operation in self.operations:
                values = operation.match(relative)
                if values is not None:
                    return operation, values
        return None, ()

    def example_ids(self) -> dict[str, dict[str, int]]:
        """`{operationId: {id: status}}` for the operations with path parameters."""
        return {op.operation_id: op.example_ids() for op in self.operations if op.path_names}


def served(name: str) -> ServedService:
    """Service `name` as the mock serves it, with its current key (`API_KEYS[name]`)."""
    path = specs.path(name)
    return _served(name, path, path.stat().st_mtime_ns, API_KEYS[name])


@functools.lru_cache(maxsize=64)
def _served(name: str, _path: Path, _mtime: int, api_key: str) -> ServedService:
    return ServedService(name, api_key)

"""What a client needs to know of a service and its operations, read from the service's spec.

`make generate` writes these objects into each generated client module (so that a client never
parses YAML at run time), and `jobresults.specs` builds the same objects from a spec file at run
time (for the mock, validation, contract runs and specs added through `JOBRESULTS_SPEC_PATH`).
Both go through `jobresults.specs.read_service` and `read_operations`: one reading of the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

ParameterLocation = Literal["path", "query"]


@dataclass(frozen=True)
class Service:
    """How to reach and authenticate with one service.

    `default_base_url` is the spec's first server URL, or None when that URL holds variables
    (`https://{host}/api`: every customer has a host, so the base URL must be given);
    `base_url_template` is that URL as the spec writes it, for messages. The API key is sent in
    the header `auth_header`, as `"<auth_scheme> <key>"` when the scheme has a word (Bearer,
    Modzy's ApiKey) and as the bare key otherwise. `security_scheme` names the spec's security
    scheme (what contract tools configure auth by).
    """

    name: str
    api_key_env: str
    base_url_env: str
    default_base_url: str | None
    auth_header: str
    auth_scheme: str | None = None
    security_scheme: str = ""
    base_url_template: str | None = None
    title: str = ""

    def auth_value(self, api_key: str) -> str:
        """The auth header's value for `api_key`."""
        return api_key if self.auth_scheme is None else f"{self.auth_scheme} {api_key}"


@dataclass(frozen=True)
class Parameter:
    """One path or query parameter of an operation, as the spec declares it.

    `name` is the Python keyword (snake_case), `wire` the name sent. The constraints are the
    ones a client checks before sending anything: the listed values of an enum, an integer's
    minimum and maximum, a string's minimum length, and `format` (date-time, date, uuid).
    """

    name: str
    wire: str
    location: ParameterLocation
    required: bool = False
    type: str | None = None
    format: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_length: int | None = None


@dataclass(frozen=True)
class Operation:
    """One operation of a spec: its id, method, path template and parameters."""

    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...] = field(default=())

    def parameter(self, name: str) -> Parameter:
        """The parameter with Python name or wire name `name` (KeyError if none)."""
        for parameter in self.parameters:
            if name in (parameter.name, parameter.wire):
                return parameter
        raise KeyError(f"{self.operation_id} has no parameter {name!r}")

    def matches(self, method: str, path: str) -> bool:
        """True if a request of `method` to `path` (under the base URL) calls this operation."""
        if method.upper() != self.method:
            return False
        pattern = re.escape(self.path)
        for parameter in self.path_parameters:
            pattern = pattern.replace(re.escape("{" + parameter.wire + "}"), "[^/]+")
        return re.fullmatch(pattern, path.split("?", 1)[0]) is not None

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        """The parameters in the path, in the order the spec lists them."""
        return tuple(p for p in self.parameters if p.location == "path")

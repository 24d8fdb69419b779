"""What a client needs to know of a service and its operations, read from the service's spec.

`make generate` writes these objects into each generated client module (so that a client never
parses YAML at run time), and `jobresults.specs` builds the same objects from a spec file at run
time (for the mock, validation, contract runs and specs added through `JOBRESULTS_SPEC_PATH`).
Both go through `jobresults.specs.read_service` and `read_operations`: one reading of the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

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


JobStateName = Literal["pending", "running", "succeeded", "failed", "cancelled", "timed_out"]

VOCABULARY: dict[str, JobStateName] = {
    **dict.fromkeys(("pending", "queued", "starting", "throttled"), "pending"),
    **dict.fromkeys(("running", "processing"), "running"),
    **dict.fromkeys(("succeeded", "success", "completed"), "succeeded"),
    **dict.fromkeys(("failed", "error"), "failed"),
    **dict.fromkeys(("cancelled", "canceled"), "cancelled"),
}
"""The common status words (in any case) and the state each means: a job status enum made of
them needs no `x-jobresults-job`, and a rule's own `states` add to them."""


@dataclass(frozen=True)
class JobRule:
    """How to read a job's state from the operation that returns it (`x-jobresults-job`).

    `operation_id` is the operation that reads a job, `id_parameter` (Python name) the argument
    that takes the job's id, `arguments` fixed others (Wickson reads one item of the first
    page). The rest are JSON pointers into the 2xx body (wire names): `status`, whose value
    (in any case) means a state by `states` or else by the common words (`VOCABULARY`; an
    unknown value is RUNNING, no value PENDING; without `status`, a 2xx answer means the job's
    result is there: SUCCEEDED); `completed`, `failed`, `total` count the
    job's items (a pointer to an array counts its entries; `unit` names what they count);
    `error` is the failure text; the
    four times; `id_field` is where the body repeats the job's id. A 404 is an unknown job
    unless `not_found` is "pending" (the service shows new jobs late), for `not_found_grace`
    seconds of a wait (None: for as long as the wait lasts).

    Two more operations may take the job's id (as the parameter `id_parameter` names):
    `result_operation` returns a finished job's result, where the job and its result are read
    apart (LlamaCloud: the job's status, then the extracted records); `exists_operation` says
    whether a job exists, where the job operation's 404 cannot (Modzy: the results of a job
    accepted moments ago are a 404, its details are not). A wait follows a 404 of the job
    operation by one call to it: a 404 there is an unknown job, at once; else the job is
    waited for, however long its 404s last.
    """

    operation_id: str
    id_parameter: str
    arguments: dict[str, Any] = field(default_factory=dict)
    status: str | None = None
    states: dict[str, JobStateName] = field(default_factory=dict)
    completed: str | None = None
    failed: str | None = None
    total: str | None = None
    error: str | None = None
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    updated_at: str | None = None
    id_field: str | None = None
    not_found: Literal["error", "pending"] = "error"
    not_found_grace: float | None = None
    unit: str = "items"
    result_operation: str | None = None
    exists_operation: str | None = None

    def state_of(self, status: object) -> JobStateName:
        """The state a status value means (see the class docstring)."""
        if status is None:
            return "pending"
        text = str(getattr(status, "value", status)).lower()
        return self.states.get(text) or VOCABULARY.get(text) or "running"

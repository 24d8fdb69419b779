"""The registry of services: the OpenAPI specs this package knows, and what they say.

A service is a spec file, named by its stem (`wickson.yaml` is the service `wickson`): the specs
shipped inside the package, and those in the folders of the environment variable
`JOBRESULTS_SPEC_PATH` (separated like PATH), read at run time. A spec found there under the name
of a shipped one replaces it (a newer version of a service's spec, say). Nothing else in the
package keeps a list of services.

    >>> from jobresults import specs
    >>> specs.services()                                           # doctest: +SKIP
    ('llamacloud', 'modzy', 'overmind', 'wickson')
    >>> specs.service("wickson").auth_header                       # doctest: +SKIP
    'X-Api-Key'

What OpenAPI cannot say is read from the package's extensions, all named `x-jobresults...`:

    x-jobresults:                        # at the spec's root
      api-key-env: LLAMA_CLOUD_API_KEY   # default: <SERVICE>_API_KEY
      base-url-env: LLAMA_CLOUD_BASE_URL # default: <SERVICE>_BASE_URL
      auth-scheme: ApiKey                # the word before the key in an apiKey header scheme
      api-key-prefix: llx-               # how the service's keys begin (the mock's key does)
    x-jobresults-job: {...}              # on the operation that reads a job: `read_job_rule`
    x-jobresults-pages:                  # on a paginated operation: its page parameters
      page: page
      page-size: per-page
    x-jobresults-open-enum: true         # on an enum whose list the page leaves open

The default base URL is the first of `servers`; the auth header and scheme come from the scheme
named in the root `security` (an `http` scheme sends `Authorization: <Scheme> <key>`, an
`apiKey` scheme sends the key in its header, after `auth-scheme` when the spec sets one).

Reading a spec file needs PyYAML (`pip install 'jobresults[validate]'`); listing services and
the generated clients do not.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any, Final

from ._service import VOCABULARY, JobRule, JobStateName, Operation, Parameter, Service

SPEC_PATH_VARIABLE: Final = "JOBRESULTS_SPEC_PATH"
"""The environment variable naming more folders of specs (separated by `os.pathsep`)."""

EXTENSION: Final = "x-jobresults"
"""The root extension holding the facts OpenAPI cannot say."""

JOB_EXTENSION: Final = "x-jobresults-job"
"""The extension on the operation that reads a job: how its state reads (see `read_job_rule`)."""


SUFFIXES: Final = (".yaml", ".yml", ".json")

_PACKAGED = Path(__file__).resolve().parent / "openapi"
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent / "openapi"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class UnknownServiceError(ValueError):
    """No spec of that name in the registry; the message lists the services there are."""


def directory() -> Path:
    """The folder of the shipped specs: in the installed wheel, or the source tree's openapi/."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def directories() -> list[Path]:
    """Every folder specs are read from: the shipped one, then `JOBRESULTS_SPEC_PATH`'s."""
    extra = os.environ.get(SPEC_PATH_VARIABLE, "")
    return [directory(), *(Path(part) for part in extra.split(os.pathsep) if part.strip())]


def spec_files(folder: Path) -> dict[str, Path]:
    """`{service: spec file}` for the specs in one folder (a name that cannot be a Python
    module name, such as `my-service.yaml`, is a ValueError: the service's code is named by it)."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for file in sorted(folder.iterdir()):
        if file.suffix not in SUFFIXES or not file.is_file():
            continue
        if not _NAME.fullmatch(file.stem):
            raise ValueError(
                f"spec file {file}: a service name is lower-case letters, digits and _"
                " (it names the service's generated module); rename the file"
            )
        if file.stem in found:
            raise ValueError(f"two specs for service {file.stem!r}: {found[file.stem]} and {file}")
        found[file.stem] = file
    return found


def _registry() -> dict[str, Path]:
    return _registry_of(os.environ.get(SPEC_PATH_VARIABLE, ""))


@functools.cache
def _registry_of(_spec_path: str) -> dict[str, Path]:
    # Cached per value of JOBRESULTS_SPEC_PATH: the folders are listed once.
    found: dict[str, Path] = {}
    for folder in directories():
        found.update(spec_files(folder))
    return dict(sorted(found.items()))


def services() -> tuple[str, ...]:
    """The names of every service in the registry, sorted."""
    return tuple(_registry())


def check_service(service: str) -> str:
    """`service` if the registry has it, else `UnknownServiceError` naming those it has."""
    if not isinstance(service, str) or service not in _registry():
        raise UnknownServiceError(
            f"unknown service {service!r}; valid services: {', '.join(services())}"
        )
    return service


def path(service: str) -> Path:
    """The path of a service's spec, e.g. `path("wickson")`."""
    check_service(service)
    return _registry()[service]


def load(service: str) -> dict[str, Any]:
    """A service's spec as a dict (parsed once per file, then cached; do not mutate it)."""
    file = path(service)
    return _parse(file, file.stat().st_mtime_ns)


@functools.cache
def _parse(file: Path, _mtime: int) -> dict[str, Any]:
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".json":
        loaded: dict[str, Any] = json.loads(text)
        return loaded
    try:
        import yaml
    except ModuleNotFoundError:
        from ._extras import MissingExtraError

        raise MissingExtraError(
            f"reading the YAML spec {file.name}", "validate", ("pyyaml",)
        ) from None
    parsed: dict[str, Any] = yaml.safe_load(text)
    return parsed


def operations(service: str) -> dict[str, tuple[str, str]]:
    """`{operationId: (METHOD, path template)}` for a service's spec."""
    return {op.operation_id: (op.method, op.path) for op in operation_objects(service)}


def operation_objects(service: str) -> tuple[Operation, ...]:
    """Every operation of a service's spec, with its parameters (read once per file)."""
    file = path(service)
    return _operations_of(file, file.stat().st_mtime_ns)


@functools.cache
def _operations_of(file: Path, mtime: int) -> tuple[Operation, ...]:
    return read_operations(_parse(file, mtime))


def service(name: str) -> Service:
    """A service's connection facts (base URL, auth header, environment variables)."""
    return read_service(name, load(name))


def job_rule(name: str) -> JobRule | None:
    """How a job of the service reads (None if its spec does not say and cannot be guessed)."""
    return read_job_rule(load(name))


# Reading a spec's dict: shared by the run-time registry and the generator.


def python_name(wire: str) -> str:
    """The snake_case Python name of a wire name: `jobIdentifier` -> `job_identifier`,
    `per-page` -> `per_page`, `getTask` -> `get_task`."""
    name = re.sub(r"[^0-9A-Za-z]+", "_", wire)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = name.strip("_").lower()
    if not name or name[0].isdigit():
        name = f"p_{name}"
    return name


def _extension(spec: dict[str, Any]) -> dict[str, Any]:
    found = spec.get(EXTENSION) or {}
    if not isinstance(found, dict):
        raise ValueError(f"{EXTENSION} must be a mapping, got {type(found).__name__}")
    return found


def read_service(name: str, spec: dict[str, Any]) -> Service:
    """The `Service` a spec describes (see the module's docstring for what is read where)."""
    extension = _extension(spec)
    prefix = name.upper()
    servers = spec.get("servers") or []
    template = servers[0].get("url") if servers and isinstance(servers[0], dict) else None
    default = template if template and "{" not in template else None
    scheme_name, scheme = _security_scheme(spec)
    header, word = "Authorization", None
    if scheme.get("type") == "http":
        word = str(scheme.get("scheme", "bearer")).capitalize()
    elif scheme.get("type") == "apiKey":
        if scheme.get("in", "header") != "header":
            raise ValueError(f"{name}: only API keys sent in a header are supported")
        header = str(scheme.get("name") or header)
        word = extension.get("auth-scheme")
    return Service(
        name=name,
        api_key_env=str(extension.get("api-key-env", f"{prefix}_API_KEY")),
        base_url_env=str(extension.get("base-url-env", f"{prefix}_BASE_URL")),
        default_base_url=default.rstrip("/") if default else None,
        auth_header=header,
        auth_scheme=word,
        security_scheme=scheme_name,
        base_url_template=template,
        title=str(spec.get("info", {}).get("title", name)),
    )


def _security_scheme(spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    schemes = spec.get("components", {}).get("securitySchemes", {}) or {}
    for requirement in spec.get("security") or []:
        for scheme_name in requirement:
            if scheme_name in schemes:
                return scheme_name, schemes[scheme_name]
    if len(schemes) == 1:
        return next(iter(schemes.items()))
    return "", {}


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """`node` with its local `$ref`s followed (one level at a time, until none is left)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for token in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
        if seen > 64:
            raise ValueError("a $ref cycle in the spec")
    return node


def read_operations(spec: dict[str, Any]) -> tuple[Operation, ...]:
    """Every operation of a spec, in the order the spec lists them."""
    found: list[Operation] = []
    for template, item in (spec.get("paths") or {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            declared = [*shared, *operation.get("parameters", [])]
            parameters = _parameters(spec, declared)
            found.append(Operation(operation["operationId"], method.upper(), template, parameters))
    return tuple(found)


def _parameters(spec: dict[str, Any], declared: list[Any]) -> tuple[Parameter, ...]:
    by_key: dict[tuple[str, str], Parameter] = {}
    for node in declared:
        parameter = resolve(spec, node)
        location = parameter.get("in")
        if location not in ("path", "query"):
            continue
        schema = resolve(spec, parameter.get("schema", {}))
        enum = schema.get("enum")
        kind = schema.get("type")
        by_key[(location, parameter["name"])] = Parameter(
            name=python_name(parameter["name"]),
            wire=parameter["name"],
            location=location,
            required=bool(parameter.get("required", location == "path")),
            type=kind if isinstance(kind, str) else None,
            format=schema.get("format"),
            enum=tuple(str(value) for value in enum) if isinstance(enum, list) else None,
            minimum=schema.get("minimum"),
            maximum=schema.get("maximum"),
            min_length=schema.get("minLength"),
        )
    return tuple(by_key.values())


def _object_schema(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The (resolved) schema of an operation's 2xx JSON body ({} if none)."""
    for status, response in sorted((operation.get("responses") or {}).items()):
        if str(status).startswith("2"):
            content = resolve(spec, response).get("content") or {}
            media = content.get("application/json") or {}
            schema: dict[str, Any] = resolve(spec, media.get("schema", {}))
            return schema
    return {}


def _guessed_rule(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The `x-jobresults-job` a spec implies: the first GET operation of one path parameter
    whose body's `status` is an enum of common status words (`VOCABULARY`)."""
    for template, item in (spec.get("paths") or {}).items():
        operation = item.get("get")
        if not isinstance(operation, dict) or "operationId" not in operation:
            continue
        if template.count("{") != 1:
            continue
        properties = _object_schema(spec, operation).get("properties") or {}
        status = resolve(spec, properties.get("status", {}))
        values = status.get("enum")
        if not isinstance(values, list) or not values:
            continue
        if all(isinstance(value, str) and value.lower() in VOCABULARY for value in values):
            guessed: dict[str, Any] = {"operation": operation["operationId"], "status": "/status"}
            if "id" in properties:
                guessed["id-field"] = "/id"
            times = {
                key: f"/{key}_at" for key in ("created", "updated") if f"{key}_at" in properties
            }
            if times:
                guessed["times"] = times
            return guessed
    return None


def read_job_rule(spec: dict[str, Any]) -> JobRule | None:
    """How a job reads, from the `x-jobresults-job` of the operation that returns one:

        x-jobresults-job:
          id: jobIdentifier          # the parameter taking the job's id (default: the only
                                     # path parameter)
          arguments: {page_size: 1}  # fixed arguments of the call (wire names)
          status: /status            # JSON pointers into the 2xx body, by wire names
          states: {pending: [created]}   # values beyond the common words (VOCABULARY)
          counts: {completed: /done, failed: /failed, total: /total, unit: items}
                                     # (a pointer to an array counts its entries)
          error: /error/message
          times: {created: /created_at, started: ..., finished: ..., updated: ...}
          id-field: /id              # where the body repeats the job's id
          not-found: pending         # a 404 means "not visible yet" (default: unknown job)
          not-found-grace: 60        # ... for this many seconds of a wait (default: all of it)
          exists: getJob             # ... and the operation that says whether the job exists
          result: getJobResult       # the operation that returns a finished job's result

    `exists` and `result` name operations that take the job's id as their one path parameter,
    under the same name (`JobRule` says what each is for).

    Without the extension, a job status enum made of common words is found by itself (see
    `_guessed_rule`); None when neither says how a job reads.
    """
    declared: dict[str, Any] | None = None
    for operation in read_operations(spec):
        found = spec["paths"][operation.path][operation.method.lower()].get(JOB_EXTENSION)
        if isinstance(found, dict):
            declared = {"operation": operation.operation_id, **found}
            break
    if declared is None:
        declared = _guessed_rule(spec)
    if declared is None:
        return None
    by_id = {op.operation_id: op for op in read_operations(spec)}
    operation = by_id[declared["operation"]]
    if "id" in declared:
        id_parameter = operation.parameter(str(declared["id"])).name
    elif len(operation.path_parameters) == 1:
        id_parameter = operation.path_parameters[0].name
    else:
        raise ValueError(
            f"{JOB_EXTENSION} of {operation.operation_id}: say which parameter is `id`"
        )
    states: dict[str, JobStateName] = {}
    for state, values in (declared.get("states") or {}).items():
        for value in values:
            states[str(value).lower()] = state
    counts = declared.get("counts") or {}
    times = declared.get("times") or {}
    grace = declared.get("not-found-grace")
    return JobRule(
        result_operation=_companion(by_id, declared, "result", id_parameter),
        exists_operation=_companion(by_id, declared, "exists", id_parameter),
        operation_id=operation.operation_id,
        id_parameter=id_parameter,
        arguments={
            operation.parameter(str(name)).name: value
            for name, value in (declared.get("arguments") or {}).items()
        },
        status=declared.get("status"),
        states=dict(sorted(states.items())),
        completed=counts.get("completed"),
        failed=counts.get("failed"),
        total=counts.get("total"),
        error=declared.get("error"),
        created_at=times.get("created"),
        started_at=times.get("started"),
        finished_at=times.get("finished"),
        updated_at=times.get("updated"),
        id_field=declared.get("id-field"),
        not_found="pending" if declared.get("not-found") == "pending" else "error",
        not_found_grace=None if grace is None else float(grace),
        unit=str(counts.get("unit", "items")),
    )


def _companion(
    operations: dict[str, Operation], declared: dict[str, Any], key: str, id_parameter: str
) -> str | None:
    """The operation `x-jobresults-job`'s `key` names, checked to take the job's id alone."""
    name = declared.get(key)
    if name is None:
        return None
    where = f"{JOB_EXTENSION} of {declared['operation']}: {key}"
    found = operations.get(str(name))
    if found is None:
        raise ValueError(f"{where} names {name!r}, which is not an operationId of the spec")
    if [p.name for p in found.path_parameters] != [id_parameter]:
        raise ValueError(
            f"{where} names {name}, whose path parameters are not the job's id alone"
            f" ({id_parameter})"
        )
    return found.operation_id

"""The typed clients of `make generate`: one module per spec in generated/jobresults_api/.

Each module holds the spec's connection facts (`SERVICE`), one `Operation` per operation, and a
`Client` and an `AsyncClient` with one method per operation (named by its operationId in
snake_case), both rendered from one template (scripts/templates/api/module.py.jinja2). The
facts are read by `jobresults.specs`, the same reading the package does at run time.
"""

from __future__ import annotations

import ast
import dataclasses
import keyword
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jobresults import specs
from jobresults._service import Operation, Parameter

TEMPLATES = Path(__file__).resolve().parent / "templates" / "api"

RESERVED = frozenset({"self", "cast_to", "options", "timeout", "max_retries"})
"""Names a parameter cannot take in a generated method (they are the methods' own)."""

JSON = "application/json"


@dataclass(frozen=True)
class Argument:
    name: str
    annotation: str
    required: bool
    keyword_only: bool
    description: str


@dataclass(frozen=True)
class Method:
    name: str
    constant: str
    operation: Operation
    arguments: tuple[Argument, ...]
    returns: str
    summary: str
    description: str
    page_parameter: str | None = None

    @property
    def signature(self) -> str:
        return ", ".join(self._parts())

    @property
    def cast_signature(self) -> str:
        parts = self._parts()
        if "*" not in parts:
            parts.append("*")
        return ", ".join([*parts, "cast_to: type[_T]"])

    @property
    def cast_default_signature(self) -> str:
        parts = self._parts()
        if "*" not in parts:
            parts.append("*")
        return ", ".join([*parts, f"cast_to: Any = {self.returns}"])

    def _parts(self) -> list[str]:
        parts = ["self"]
        positional = [a for a in self.arguments if not a.keyword_only]
        keywords = [a for a in self.arguments if a.keyword_only]
        parts += [f"{a.name}: {a.annotation}" for a in positional]
        if keywords:
            parts.append("*")
        parts += [f"{a.name}: {a.annotation}" for a in keywords if a.required]
        parts += [f"{a.name}: {a.annotation} | None = None" for a in keywords if not a.required]
        return parts

    @property
    def forward(self) -> str:
        """The arguments passed on from the plain method to its `_response` twin."""
        return ", ".join(
            a.name if not a.keyword_only else f"{a.name}={a.name}" for a in self.arguments
        )

    @property
    def filters_type(self) -> str:
        """The name of the TypedDict of a paginated operation's other query parameters
        (`GetJobHistoryFilters`)."""
        return self.operation.operation_id[0].upper() + self.operation.operation_id[1:] + "Filters"

    @property
    def filter_arguments(self) -> tuple[Argument, ...]:
        """A paginated operation's query parameters but its page number (none otherwise)."""
        if self.page_parameter is None:
            return ()
        return tuple(a for a in self.arguments if a.keyword_only and a.name != self.page_parameter)

    @property
    def operation_literal(self) -> str:
        return literal(self.operation)

    @property
    def arguments_dict(self) -> str:
        return "{" + ", ".join(f'"{a.name}": {a.name}' for a in self.arguments) + "}"


def _annotation(parameter: Parameter, schema: dict[str, Any]) -> str:
    if parameter.type == "array":
        items = schema.get("items", {})
        inner = Parameter(parameter.name, parameter.wire, parameter.location)
        kind = items.get("type")
        inner = Parameter(
            parameter.name,
            parameter.wire,
            parameter.location,
            type=kind if isinstance(kind, str) else None,
            format=items.get("format"),
            enum=tuple(items["enum"]) if "enum" in items else None,
        )
        return f"Sequence[{_annotation(inner, items)}]"
    if parameter.enum is not None:
        return "str"
    if parameter.type == "integer":
        return "int"
    if parameter.type == "number":
        return "float"
    if parameter.type == "boolean":
        return "bool"
    if parameter.format == "date-time":
        return "str | datetime | date"
    if parameter.format == "date":
        return "str | date"
    if parameter.format == "uuid":
        return "str | UUID"
    return "str"


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


def literal(value: Any) -> str:
    """`value` as Python source: a dataclass by its fields that differ from their defaults."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = [
            f"{field.name}={literal(getattr(value, field.name))}"
            for field in dataclasses.fields(value)
            if field.default is dataclasses.MISSING or getattr(value, field.name) != field.default
        ]
        return f"{type(value).__name__}({', '.join(shown)})"
    if isinstance(value, tuple):
        return "(" + "".join(f"{literal(item)}, " for item in value) + ")"
    return repr(value)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _parameter_schemas(spec: dict[str, Any], operation: Operation) -> dict[str, dict[str, Any]]:
    item = spec["paths"][operation.path]
    declared = [*item.get("parameters", []), *item[operation.method.lower()].get("parameters", [])]
    found: dict[str, dict[str, Any]] = {}
    for node in declared:
        parameter = specs.resolve(spec, node)
        found[parameter["name"]] = {
            "schema": specs.resolve(spec, parameter.get("schema", {})),
            "description": parameter.get("description", ""),
        }
    return found


def _python_name(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) or name in RESERVED else name


def _return_type(spec: dict[str, Any], operation: dict[str, Any], structs: set[str]) -> str:
    """The Struct (or list of Structs) a 2xx JSON body decodes into; Any where the spec's schema
    has no component of its own."""
    for status, response in sorted((operation.get("responses") or {}).items()):
        if not str(status).startswith("2"):
            continue
        response = specs.resolve(spec, response)
        media = (response.get("content") or {}).get(JSON)
        if media is None:
            return "None" if not response.get("content") else "Any"
        schema = media.get("schema", {})
        if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
            return f"list[{_struct(schema['items']['$ref'], structs)}]"
        if "$ref" in schema:
            return _struct(schema["$ref"], structs)
        return "Any"
    return "Any"


def _struct(ref: str, structs: set[str]) -> str:
    name = ref.rsplit("/", 1)[-1]
    # An object that keeps undeclared keys is a plain dict in the Structs (see generate.py).
    return name if name in structs else "dict[str, Any]"


def struct_names(module: Path) -> set[str]:
    """The classes a generated Struct module defines."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


def methods(spec: dict[str, Any], structs: set[str]) -> list[Method]:
    found: list[Method] = []
    names: set[str] = set()
    for operation in specs.read_operations(spec):
        name = specs.python_name(operation.operation_id)
        if name in names:
            raise SystemExit(f"two operations are both named {name} in snake_case")
        names.add(name)
        schemas = _parameter_schemas(spec, operation)
        arguments = tuple(
            Argument(
                name=_python_name(parameter.name),
                annotation=_annotation(parameter, schemas[parameter.wire]["schema"]),
                required=parameter.required,
                keyword_only=parameter.location != "path",
                description=_text(schemas[parameter.wire]["description"]),
            )
            for parameter in operation.parameters
        )
        renamed = tuple(
            Parameter(**{**vars(p), "name": a.name})
            for p, a in zip(operation.parameters, arguments, strict=True)
        )
        operation = Operation(operation.operation_id, operation.method, operation.path, renamed)
        item = spec["paths"][operation.path][operation.method.lower()]
        pages = item.get("x-jobresults-pages") or {}
        page_parameter = None
        if "page" in pages:
            page_parameter = _python_name(operation.parameter(pages["page"]).name)
        found.append(
            Method(
                name=name,
                constant=name.upper(),
                operation=operation,
                arguments=arguments,
                returns=_return_type(spec, item, structs),
                summary=_text(item.get("summary") or operation.operation_id),
                description=textwrap.fill(_text(item.get("description")), 88),
                page_parameter=page_parameter,
            )
        )
    return found


def render(service: str, spec: dict[str, Any], structs: set[str]) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    found = methods(spec, structs)
    types = {m.returns for m in found}
    annotations = " ".join(a.annotation for m in found for a in m.arguments)
    used_structs = sorted(
        name
        for name in structs
        if any(name in type_.replace("[", " ").replace("]", " ").split() for type_ in types)
    )
    rule = specs.read_job_rule(spec)

    def returns_of(operation_id: str | None) -> str:
        return next((m.returns for m in found if m.operation.operation_id == operation_id), "Any")

    job_model = returns_of(rule and rule.operation_id)
    result_model = returns_of(rule and rule.result_operation)
    return environment.get_template("module.py.jinja2").render(
        service=service,
        job=literal(rule),
        job_model=job_model,
        result_model=result_model,
        facts=literal(specs.read_service(service, spec)),
        title=_text(spec.get("info", {}).get("title", service)),
        methods=found,
        structs=used_structs,
        uses_sequence="Sequence[" in annotations,
        uses_filters=any(m.filter_arguments for m in found),
        uses_datetime="datetime" in annotations,
        uses_date="date" in annotations.replace("datetime", ""),
        uses_uuid="UUID" in annotations,
        modes=[
            {
                "name": "Client",
                "base": "BaseClient",
                "def": "def",
                "await": "",
                "kind": "a blocking",
            },
            {
                "name": "AsyncClient",
                "base": "AsyncBaseClient",
                "def": "async def",
                "await": "await ",
                "kind": "an asyncio",
            },
        ],
    )


def generate(service: str, spec: dict[str, Any], out: Path) -> None:
    """Write generated/jobresults_api/<service>.py (the Struct module must exist in `out`)."""
    structs = struct_names(out / "jobresults_structs" / f"{service}.py")
    target = out / "jobresults_api" / f"{service}.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(service, spec, structs), encoding="utf-8")

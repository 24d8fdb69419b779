"""Generate the client, schema and struct packages from the OpenAPI specs.

    python scripts/generate.py [--output DIR]   # default: generated/
    python scripts/generate.py --check          # regenerate into a temporary folder and diff
    python scripts/generate.py --check --fresh DIR   # diff with a tree generated before
    python scripts/generate.py --specs DIR ...  # read the specs from DIR (default: openapi/)

Every generator runs with the pinned versions from requirements/dev.txt and the configuration
committed beside this script, so two runs give byte-identical trees.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import typed_clients
import yaml
from jobresults import specs as registry

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"
SCRIPTS = ROOT / "scripts"
BIN = Path(sys.executable).parent

PACKAGE_DOCS = {
    "jobresults_api": "Typed clients, one module per service: a Client and an AsyncClient with a "
    "method per operation, over the jobresults HTTP core (scripts/templates/api/).",
    "jobresults_clients": "httpx clients with attrs models, one subpackage per service "
    "(openapi-python-client).",
    "jobresults_schemas": "pydantic v2 models of every schema, one module per service "
    "(datamodel-code-generator).",
    "jobresults_structs": "msgspec Structs of every schema, one module per service "
    "(datamodel-code-generator); the fast typed decoding behind the jobresults clients.",
}

# A package whose dependencies come with an extra checks it when imported, so that a missing
# extra is an ImportError naming it (jobresults/_extras.py).
PACKAGE_EXTRAS = {"jobresults_schemas": ("schemas", "the pydantic models (jobresults_schemas)")}

COMMON_CODEGEN_ARGS = [
    "--input-file-type",
    "openapi",
    "--disable-timestamp",
    "--formatters",
    "ruff-format",
    "--target-python-version",
    "3.11",
    "--use-standard-collections",
    "--use-union-operator",
    "--capitalise-enum-members",
    "--use-schema-description",
    "--use-annotated",
    "--field-constraints",
    "--output-datetime-class",
    "datetime",
    "--snake-case-field",
]
"""What both model generators are given. Attributes are snake_case for every service; the wire
names stay the JSON's (msgspec `rename`s a field, pydantic aliases it)."""

STRUCT_BASE = "jobresults._model.Model"
"""The base of every Struct: `to_dict()`, `to_json()` (see its module)."""

OPEN_BASE = "jobresults._model.OpenModel"
"""The base of the Struct of an object that keeps undeclared keys (a Modzy result item): its
declared fields, and the rest beside them (`additional_properties`)."""

RESPONSE_BASE = "jobresults._model.ResponseModel"
"""The base of a Struct a whole 2xx body decodes into: it also keeps its response, for
`extra_fields()`."""


def run(args: list[str]) -> None:
    """Run a generator (in this process: each one's start-up is most of its time) or a tool."""
    main = IN_PROCESS.get(Path(args[0]).name)
    if main is None:
        env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        result = subprocess.run(args, env=env, capture_output=True, text=True)
        code, output = result.returncode, result.stdout + result.stderr
    else:
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            code = main(args[1:])
        output = captured.getvalue()
    if code != 0:
        sys.stderr.write(output)
        raise SystemExit(f"failed: {' '.join(args)}")


def _datamodel_codegen(args: list[str]) -> int:
    from datamodel_code_generator.__main__ import main

    return int(main(args))


def _openapi_python_client(args: list[str]) -> int:
    import typer
    from openapi_python_client.cli import app

    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"  # for its ruff hooks
    try:
        code = typer.main.get_command(app).main(args, standalone_mode=False)
    except SystemExit as error:
        code = error.code
    return int(code or 0)


IN_PROCESS = {
    "datamodel-codegen": _datamodel_codegen,
    "openapi-python-client": _openapi_python_client,
}
"""The generators run in this process, by their command's name (same arguments as the command)."""


def inline_open_objects(spec: dict[str, Any]) -> dict[str, Any]:
    """Turn component objects that keep undeclared keys into inline maps of any JSON.

    A msgspec Struct cannot keep keys it does not declare, so where a schema refers to a
    component with `additionalProperties` besides `properties` (a Modzy result item: its status
    and times plus one key per model output file) the value is decoded as `dict[str, Any]`,
    everything kept. The component stays a Struct of its declared fields (an `OpenModel`), that
    the overlay converts such a dict into when asked for the item typed.
    """
    refs = {f"#/components/schemas/{name}" for name in open_objects(spec)}

    def replace(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") in refs:
                return {"type": "object", "additionalProperties": True}
            return {key: replace(value) for key, value in node.items()}
        if isinstance(node, list):
            return [replace(value) for value in node]
        return node

    spec = replace(spec)
    for name in open_objects(spec):  # still a Struct of its own, of its declared fields
        spec["components"]["schemas"][name] = {
            key: value
            for key, value in spec["components"]["schemas"][name].items()
            if key != "additionalProperties"
        }
    return spec


def open_objects(spec: dict[str, Any]) -> list[str]:
    """The component objects that keep undeclared keys (see `inline_open_objects`)."""
    return sorted(
        name
        for name, schema in spec["components"]["schemas"].items()
        if schema.get("properties") and schema.get("additionalProperties") not in (None, False)
    )


def response_roots(spec: dict[str, Any]) -> list[str]:
    """The components a whole 2xx JSON body of an operation decodes into (a `$ref` as the
    response's schema)."""
    found: set[str] = set()
    for item in (spec.get("paths") or {}).values():
        for method, operation in item.items():
            if method.startswith("x-") or not isinstance(operation, dict):
                continue
            for status, response in (operation.get("responses") or {}).items():
                if not str(status).startswith("2"):
                    continue
                response = registry.resolve(spec, response)
                schema = ((response.get("content") or {}).get("application/json") or {}).get(
                    "schema", {}
                )
                if "$ref" in schema:
                    found.add(schema["$ref"].rsplit("/", 1)[-1])
    return sorted(found)


def absent_as_null(spec: dict[str, Any]) -> dict[str, Any]:
    """Let every optional property also read null, so that its Struct field is `X | None`,
    None when the server left it out (msgspec's `UNSET`, what the generator writes for an
    optional field otherwise, would reach user code as a third kind of value).

    Decoding stays lenient about a null where the spec has none (strict mode and validation
    read the spec itself, not this copy of it).
    """

    def nullable(schema: Any) -> Any:
        # The generator gives `X | None = None` for `nullable: true` alone; a null it reads
        # from a type list or an anyOf member would add UNSET beside None. So null is moved
        # into `nullable` here.
        if not isinstance(schema, dict) or not schema:
            return schema  # any JSON already admits null
        schema = dict(schema)
        types = schema.get("type")
        if types == "null":
            return schema
        if isinstance(types, list) and "null" in types:
            rest = [kind for kind in types if kind != "null"]
            if not rest:
                return schema
            schema["type"] = rest[0] if len(rest) == 1 else rest
        for key in ("anyOf", "oneOf"):
            members = schema.get(key)
            if isinstance(members, list):
                schema[key] = [
                    member
                    for member in members
                    if not (isinstance(member, dict) and member.get("type") == "null")
                ]
        schema["nullable"] = True
        return schema

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(value) for value in node]
        if not isinstance(node, dict):
            return node
        node = {key: visit(value) for key, value in node.items()}
        properties = node.get("properties")
        if isinstance(properties, dict) and node.get("type") in (None, "object"):
            required = set(node.get("required") or ())
            node["properties"] = {
                name: schema if name in required else nullable(schema)
                for name, schema in properties.items()
            }
        return node

    return visit(spec)


FLOAT_FORMATS = frozenset({"float", "double"})


def inexact_numbers(node: Any, where: str = "#") -> list[str]:
    """Where a schema says `type: number` alone, without `integer` or a float format.

    Every generator decodes such a value as a float, so an integer the server sends (an id, a
    count) would come back as one, and lose digits past 2**53. A spec says which it means:
    `type: [integer, number]` (integers stay ints, exactly) or `format: double`.
    """
    found: list[str] = []
    if isinstance(node, dict):
        types = node.get("type")  # in a `properties` map, "type" may name a property
        declared = (
            set(types) if isinstance(types, list) else {types} if isinstance(types, str) else set()
        )
        if (
            "number" in declared
            and "integer" not in declared
            and node.get("format") not in FLOAT_FORMATS
        ):
            found.append(where)
        for key, value in node.items():
            found += inexact_numbers(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += inexact_numbers(value, f"{where}/{index}")
    return found


def check_numbers(specs: Path) -> None:
    problems = [
        f"{spec_file.name} {where}"
        for spec_file in registry.spec_files(specs).values()
        for where in inexact_numbers(yaml.safe_load(spec_file.read_text(encoding="utf-8")))
    ]
    if problems:
        raise SystemExit(
            "type: number without integer or a float format (write type: [integer, number]"
            " or format: double):\n  " + "\n  ".join(problems)
        )


def generate_clients(service: str, out: Path, spec_file: Path) -> None:
    target = out / "jobresults_clients" / service
    run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_file),
            "--meta",
            "none",
            "--config",
            str(SCRIPTS / "openapi-python-client.yaml"),
            "--output-path",
            str(target),
            "--overwrite",
            "--fail-on-warning",
        ]
    )
    shutil.rmtree(target / ".ruff_cache", ignore_errors=True)


def generate_schemas(service: str, out: Path, spec_file: Path) -> None:
    run(
        [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(spec_file),
            "--output",
            str(out / "jobresults_schemas" / f"{service}.py"),
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--allow-population-by-field-name",
            *COMMON_CODEGEN_ARGS,
        ]
    )


def generate_structs(service: str, out: Path, spec: dict[str, Any], work: Path) -> None:
    transformed = work / f"{service}.yaml"
    structs = absent_as_null(inline_open_objects(spec))
    transformed.write_text(yaml.safe_dump(structs, sort_keys=False))
    run(
        [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(transformed),
            "--output",
            str(out / "jobresults_structs" / f"{service}.py"),
            "--output-model-type",
            "msgspec.Struct",
            "--use-standard-primitive-types",
            "--custom-template-dir",
            str(SCRIPTS / "templates" / "structs"),
            "--base-class",
            STRUCT_BASE,
            "--base-class-map",
            json.dumps(
                {
                    **dict.fromkeys(response_roots(spec), RESPONSE_BASE),
                    **dict.fromkeys(open_objects(spec), OPEN_BASE),
                }
            ),
            "--strict-nullable",  # a field reads None only where it is nullable: absent_as_null
            *COMMON_CODEGEN_ARGS,
        ]
    )


def write_package_inits(out: Path) -> None:
    for package, doc in PACKAGE_DOCS.items():
        folder = out / package
        folder.mkdir(parents=True, exist_ok=True)
        text = f'"""{doc}\n\nWritten by `make generate` from openapi/; do not edit by hand."""\n'
        if package in PACKAGE_EXTRAS:
            extra, feature = PACKAGE_EXTRAS[package]
            text += f'\nfrom jobresults._extras import require\n\nrequire("{extra}", "{feature}")\n'
        (folder / "__init__.py").write_text(text)
        (folder / "py.typed").write_text("")


# The formatters look for their configuration above the folder they format, so the output would
# depend on where it is written (the repository's pyproject.toml sets another line length).
# Every run therefore writes into a staging folder under this fixed configuration, then copies.
STAGING_RUFF_CONFIG = "# Formatting of generated code (scripts/generate.py).\nline-length = 88\n"


def generate(out: Path, specs: Path = SPECS) -> None:
    check_numbers(specs)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(STAGING_RUFF_CONFIG)
        stage, work = root / "generated", root / "work"
        work.mkdir()
        write_package_inits(stage)
        for service, spec_file in registry.spec_files(specs).items():
            spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
            generate_clients(service, stage, spec_file)
            generate_schemas(service, stage, spec_file)
            generate_structs(service, stage, spec, work)
            typed_clients.generate(service, spec, stage)
        run([str(BIN / "ruff"), "format", "--quiet", str(stage / "jobresults_api")])
        out.mkdir(parents=True, exist_ok=True)
        for package in PACKAGE_DOCS:
            shutil.rmtree(out / package, ignore_errors=True)
            shutil.copytree(stage / package, out / package)


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def generated_services(root: Path) -> dict[str, list[str]]:
    """`{service: [its generated files, relative to root]}` of a generated tree."""
    found: dict[str, list[str]] = {}
    for package in PACKAGE_DOCS:
        for path in sorted((root / package).glob("*")):
            name = path.stem if path.suffix == ".py" else path.name
            if name.startswith(("__", ".")) or name == "py.typed":
                continue
            found.setdefault(name, []).append(str(path.relative_to(root)))
    return found


def orphans(committed: Path, specs: Path) -> list[str]:
    """One line per spec without generated code and per generated service without a spec."""
    known = registry.spec_files(specs)
    have = generated_services(committed)
    lines = [
        f"{specs.name}/{file.name} has no generated code in generated/:"
        " run `make generate` and commit it"
        for service, file in known.items()
        if service not in have
    ]
    lines += [
        f"generated/{path} has no spec ({specs.name}/{service}.yaml): remove it, or add the spec"
        for service, paths in have.items()
        if service not in known
        for path in paths
    ]
    return lines


def check(committed: Path, specs: Path = SPECS, fresh: Path | None = None) -> int:
    """Regenerate into a temporary folder (or take `fresh`, generated before); print what
    differs and return 1 if `committed` differs."""
    with tempfile.TemporaryDirectory() as tmp:
        if fresh is None:
            fresh = Path(tmp)
            generate(fresh, specs)
        want = {p: b for pkg in PACKAGE_DOCS for p, b in tree(fresh).items() if p.startswith(pkg)}
        have = {
            p: b for pkg in PACKAGE_DOCS for p, b in tree(committed).items() if p.startswith(pkg)
        }
    if want == have:
        print("generated/ matches the specs")
        return 0
    for line in orphans(committed, specs):
        print(line)
    for path in sorted(want.keys() | have.keys()):
        old, new = have.get(path), want.get(path)
        if old == new:
            continue
        if old is None:
            print(f"missing from generated/: {path}")
        elif new is None:
            print(f"not produced by the specs: {path}")
        else:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.decode(errors="replace").splitlines(keepends=True),
                    new.decode(errors="replace").splitlines(keepends=True),
                    fromfile=f"generated/{path}",
                    tofile=f"regenerated/{path}",
                )
            )
    print("\ngenerated/ differs from what the specs produce: run `make generate` and commit.")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "generated")
    parser.add_argument("--specs", type=Path, default=SPECS, help="folder of <service>.yaml")
    parser.add_argument("--check", action="store_true", help="diff against --output, write nothing")
    parser.add_argument(
        "--fresh", type=Path, help="with --check: compare with this tree generated before"
    )
    args = parser.parse_args()
    if args.check:
        return check(args.output, args.specs, args.fresh)
    generate(args.output, args.specs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

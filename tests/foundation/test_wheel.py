"""The wheel carries the overlay, the three generated packages and the specs, and works alone.

The import test runs in a fresh interpreter whose path holds the unpacked wheel and the
environment's third-party packages, but not the source tree (whose overlays/ and generated/ the
editable install adds through a .pth file, which `-S` leaves unprocessed).
"""

from __future__ import annotations

import ast
import email.parser
import importlib.metadata
import json
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ._openapi import ROOT, SERVICES

OWN_PACKAGES = (
    "jobresults",
    "jobresults_api",
    "jobresults_clients",
    "jobresults_schemas",
    "jobresults_structs",
)
DEV_TOOLS = {
    "openapi-python-client",
    "datamodel-code-generator",
    "schemathesis",
    "pytest",
    "ruff",
    "mypy",
    "hypothesis",
    "build",
    "openapi-spec-validator",
}
# Imported only where the importer's own environment provides it: the pytest plugin runs inside
# pytest. (Packages of the wheel's extras are also allowed; see `extras`.)
PROVIDED_BY_HOST = {"pytest"}
# A dependency may be declared ahead of the package that will import it, only until that package
# exists (has its __init__.py): then the dependency must be imported.
DECLARED_AHEAD = {
    "jsonschema-rs": "jobresults/validate",
    "starlette": "jobresults/mock",
    "uvicorn": "jobresults/mock",
}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    from plain_install import build_wheel

    return build_wheel(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="module")
def metadata(unpacked: Path) -> email.message.Message:
    (info,) = unpacked.glob("jobresults-*.dist-info")
    return email.parser.Parser().parsestr((info / "METADATA").read_text())


def test_wheel_holds_the_packages_and_the_specs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in OWN_PACKAGES:
        assert f"{package}/__init__.py" in names
        assert f"{package}/py.typed" in names
    for service in SERVICES:
        assert f"jobresults/openapi/{service}.yaml" in names
        assert f"jobresults_clients/{service}/__init__.py" in names
        assert f"jobresults_api/{service}.py" in names
        assert f"jobresults_schemas/{service}.py" in names
        assert f"jobresults_structs/{service}.py" in names
    top_level = {name.split("/")[0] for name in names}
    assert top_level - set(OWN_PACKAGES) == {"jobresults-0.1.0.dist-info"}
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


IMPORT_CHECK = """
import json, sys
unpacked, site = sys.argv[1], sys.argv[2]
sys.path.insert(0, unpacked)
sys.path.append(site)

import msgspec
import jobresults, jobresults.specs
import jobresults_clients.wickson
import jobresults_schemas.wickson
import jobresults_structs.wickson
from jobresults_clients.wickson.api.batches import get_batch_results

spec = jobresults.specs.load("wickson")
media = spec["paths"]["/v1/batches/{batch_id}/results"]["get"]["responses"]["200"]["content"]
page = media["application/json"]["examples"]["page1"]["value"]
decoded = msgspec.convert(page, jobresults_structs.wickson.BatchResultsResponse)
validated = jobresults_schemas.wickson.BatchResultsResponse.model_validate(page)
parsed = jobresults_clients.wickson.models.BatchResultsResponse.from_dict(page)
print(json.dumps({
    "modules": [m.__file__ for m in (
        jobresults, jobresults.specs, jobresults_clients.wickson, jobresults_schemas.wickson,
        jobresults_structs.wickson, get_batch_results,
    )],
    "specs": {s: str(jobresults.specs.path(s)) for s in jobresults.specs.services()},
    "openapi": spec["openapi"],
    "operations": jobresults.specs.operations("wickson"),
    "batch_ids": [
        decoded.data.batch_summary.batch_id,
        validated.data.batch_summary.batch_id,
        parsed.data.batch_summary.batch_id,
    ],
    "path": sys.path,
}))
"""


def test_wheel_imports_and_finds_its_specs_without_the_source_tree(unpacked: Path) -> None:
    site = sysconfig.get_paths()["purelib"]
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IMPORT_CHECK, str(unpacked), site],
        cwd=unpacked,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for module_file in report["modules"]:
        assert Path(module_file).is_relative_to(unpacked), module_file
    for service, spec_path in report["specs"].items():
        assert Path(spec_path) == unpacked / "jobresults" / "openapi" / f"{service}.yaml"
    assert report["openapi"].startswith("3.1")
    assert report["operations"] == {"getBatchResults": ["GET", "/v1/batches/{batch_id}/results"]}
    assert report["batch_ids"] == ["batch-abc123"] * 3
    source_dirs = {str(ROOT / "overlays"), str(ROOT / "generated"), str(ROOT)}
    assert not source_dirs & set(report["path"])


def requirements(metadata: email.message.Message) -> set[tuple[str, str | None]]:
    """`{(distribution, extra or None)}` of the wheel's Requires-Dist entries."""
    found: set[tuple[str, str | None]] = set()
    for requirement in metadata.get_all("Requires-Dist") or []:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", requirement)
        assert name is not None, requirement
        found.add((normalize(name.group()), extra.group(1) if extra else None))
    return found


def imported_distributions(unpacked: Path) -> dict[str, set[str]]:
    """`{distribution: {wheel files importing it}}` for every third-party absolute import."""
    providers = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in unpacked.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in OWN_PACKAGES or top == "__future__":
                    continue
                assert top in providers, f"{path.relative_to(unpacked)} imports unknown {top}"
                for distribution in providers[top]:
                    found.setdefault(normalize(distribution), set()).add(
                        str(path.relative_to(unpacked))
                    )
    return found


def test_runtime_dependencies_are_what_the_installed_code_imports(
    unpacked: Path, metadata: email.message.Message
) -> None:
    listed = requirements(metadata)
    declared = {name for name, extra in listed if extra is None}
    optional = {name for name, extra in listed if extra not in (None, "dev")}
    imported = imported_distributions(unpacked)
    assert not declared & DEV_TOOLS
    undeclared = set(imported) - declared - PROVIDED_BY_HOST - optional
    assert undeclared == set(), {name: imported[name] for name in undeclared}
    unused = {
        name
        for name in declared - set(imported)
        if name not in DECLARED_AHEAD or (unpacked / DECLARED_AHEAD[name] / "__init__.py").exists()
    }
    assert unused == set()


def test_dev_extra_holds_the_tools(metadata: email.message.Message) -> None:
    dev = {name for name, extra in requirements(metadata) if extra == "dev"}
    assert {"openapi-python-client", "datamodel-code-generator", "schemathesis"} <= dev
    assert {"pytest", "ruff", "mypy"} <= dev
    assert metadata["Requires-Python"] == ">=3.11"


def test_wheel_carries_the_license(wheel: Path, metadata: email.message.Message) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "jobresults-0.1.0.dist-info/licenses/LICENSE" in names
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    text = zipfile.ZipFile(wheel).read("jobresults-0.1.0.dist-info/licenses/LICENSE").decode()
    assert text.startswith("MIT License")
    assert "Permission is hereby granted" in text


# What only an extra installs: none of it comes with `pip install jobresults`.
FROM_EXTRAS_ONLY = {
    "click",
    "httptools",
    "jsonschema-rs",
    "pydantic",
    "pygments",
    "pyyaml",
    "rich",
    "schemathesis",
    "starlette",
    "typer",
    "uvicorn",
}

CORE_CHECK = """
import importlib.metadata, json, sys

base_url, key = sys.argv[1], sys.argv[2]
import httpx
httpx_loaded = sorted(name for name in ("click", "rich", "pygments") if name in sys.modules)

from jobresults import wickson

with wickson.Client(key, base_url=base_url) as client:
    page = client.batches.results("batch-abc123", page_size=2)
    ids = [item.job_id for item in client.batches.iter_results("batch-abc123", page_size=2)]
    raw = client.batches.results_response("batch-abc123", page_size=2)

import jobresults

with jobresults.client("wickson", key, base_url=base_url) as by_name:
    state = jobresults.snapshot(by_name, "batch-abc123").state.value

def refusal(call):
    try:
        call()
    except ImportError as error:
        return [type(error).__name__, getattr(error, "extra", None), str(error)]
    return None

def strict_client():
    wickson.Client(key, base_url=base_url, strict=True)

refusals = {
    "mock": refusal(lambda: __import__("jobresults.mock")),
    "proxy": refusal(lambda: __import__("jobresults.proxy")),
    "validate": refusal(lambda: __import__("jobresults.validate")),
    "schemas": refusal(lambda: __import__("jobresults_schemas.wickson")),
    "strict": refusal(strict_client),
    "deviations": refusal(raw.deviations),
    "cli": refusal(lambda: __import__("jobresults.cli").cli.app),
}
print(json.dumps({
    "httpx_loaded": httpx_loaded,
    "total_items": page.data.batch_summary.completion.total_items,
    "ids": len(ids),
    "unique": len(set(ids)),
    "refusals": refusals,
    "state": state,
    "modules": sorted({name.split(".")[0] for name in sys.modules}),
    "installed": sorted(d.metadata["Name"].lower() for d in importlib.metadata.distributions()),
}))
"""


def test_a_plain_install_is_the_clients_alone(
    wheel: Path, tmp_path: Path, jobresults_mock: Any
) -> None:
    """`pip install jobresults` (no extras) into a fresh environment, offline: the wheels come
    from the distributions installed here. It installs the clients' dependencies and nothing
    of the extras, a client call works against the mock, and every optional part says which
    extra it needs."""
    from plain_install import closure, core_requirements, environment  # (see `wheel`)

    wanted = closure(core_requirements(wheel))
    assert not wanted & FROM_EXTRAS_ONLY, wanted & FROM_EXTRAS_ONLY
    # pytest beside it: the plugin jobresults registers must load without any extra.
    python = environment(tmp_path, wheel, also=["pytest"])

    run = subprocess.run(
        [
            str(python),
            "-I",
            "-c",
            CORE_CHECK,
            jobresults_mock.base_url("wickson"),
            jobresults_mock.api_key("wickson"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    installed = {normalize(name) for name in report["installed"]}
    beside = closure(["pytest"])  # (pytest brings pygments)
    assert installed == wanted | beside | {"jobresults"}
    assert not (installed - beside) & FROM_EXTRAS_ONLY
    assert report["httpx_loaded"] == []  # httpx's own CLI (click, rich) stays unloaded
    assert not {"yaml", "pydantic", "jsonschema_rs", "starlette", "uvicorn"} & set(
        report["modules"]
    )
    assert report["total_items"] == report["ids"] == report["unique"] > 0
    assert report["state"] in ("succeeded", "failed", "running", "pending")
    expected = {
        "mock": "mock",
        "proxy": "mock",
        "validate": "validate",
        "schemas": "schemas",
        "strict": "validate",
        "deviations": "validate",
        "cli": "cli",
    }
    for feature, extra in expected.items():
        refused = report["refusals"][feature]
        assert refused is not None, feature
        kind, named, message = refused
        assert (kind, named) == ("MissingExtraError", extra), (feature, refused)
        assert f"pip install 'jobresults[{extra}]'" in message, (feature, message)

    tests = tmp_path / "user_tests"
    tests.mkdir()
    (tests / "test_user.py").write_text(
        "import jobresults.wickson\n\ndef test_it():\n    assert jobresults.wickson.Client\n"
    )
    suite = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tests,
    )
    assert suite.returncode == 0, suite.stdout + suite.stderr
    assert "1 passed" in suite.stdout

    command = subprocess.run(
        [str(tmp_path / "env" / "bin" / "jobresults"), "get", "wickson", "batch-abc123"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert command.returncode == 2
    assert command.stdout == ""
    (line,) = command.stderr.splitlines()
    assert line.startswith("error: missing extra: ")
    assert line.endswith("pip install 'jobresults[cli]'")

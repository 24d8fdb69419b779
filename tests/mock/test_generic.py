"""The generic layer: every service of the registry is served from its spec alone, including a
spec the package has never seen (`specs/gizmo.yaml`, put in JOBRESULTS_SPEC_PATH): examples for
the example ids, the spec's 401/404/400/422, Prism's Prefer, faults, and handlers over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import orjson
import pytest
import yaml
from jobresults import specs
from jobresults.cli import app as cli_app
from jobresults.mock import (
    API_KEYS,
    BASE_PATHS,
    MockServer,
    auth_headers,
    create_app,
    sync_transport,
)
from jobresults.mock import _handlers as handlers
from jobresults.mock._handlers import Call, StatefulService
from jobresults.mock._responses import json_reply
from starlette.types import ASGIApp
from typer.testing import CliRunner

GIZMO_SPEC = Path(__file__).with_name("specs") / "gizmo.yaml"
WIDGET = "/widgets/{}"

# A second spec of the tests' own, for the parameter checks: no 400 documented, so a parameter
# that breaks its schema gets the spec's 422.
PROBE_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Probe", "version": "1"},
    "servers": [{"url": "https://probe.example"}],
    "security": [{"Token": []}],
    "paths": {
        "/items/{item_id}": {
            "get": {
                "operationId": "getItem",
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                        "example": "0b0e2b54-8f7c-4d3e-9a53-0a6f1f3c2d10",
                    },
                    {
                        "name": "color",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "enum": ["red", "blue"]},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                    },
                    {
                        "name": "since",
                        "in": "query",
                        "schema": {"type": "string", "format": "date-time"},
                    },
                    {"name": "day", "in": "query", "schema": {"type": "string", "format": "date"}},
                    {"name": "tag", "in": "query", "schema": {"type": "string", "minLength": 2}},
                    {"name": "ratio", "in": "query", "schema": {"type": "number"}},
                ],
                "responses": {
                    "200": {
                        "description": "The item.",
                        "content": {"application/json": {"example": {"id": "x", "ok": True}}},
                    },
                    "422": {
                        "description": "A parameter is not valid.",
                        "content": {
                            "application/json": {
                                "example": {
                                    "detail": [
                                        {"loc": ["query", "limit"], "msg": "bad", "type": "x"}
                                    ]
                                }
                            }
                        },
                    },
                },
            }
        }
    },
    "components": {"securitySchemes": {"Token": {"type": "http", "scheme": "bearer"}}},
}
PROBE_ITEM = "/items/0b0e2b54-8f7c-4d3e-9a53-0a6f1f3c2d10"


@pytest.fixture(scope="module")
def spec_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with the two specs, in JOBRESULTS_SPEC_PATH for the module's tests."""
    folder = tmp_path_factory.mktemp("specs")
    shutil.copy(GIZMO_SPEC, folder / "gizmo.yaml")
    (folder / "probe.yaml").write_text(yaml.safe_dump(PROBE_SPEC), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(specs.SPEC_PATH_VARIABLE, str(folder))
        yield folder


@pytest.fixture(scope="module")
def mock_app(spec_folder: Path) -> Any:
    return create_app(seed=0)


@pytest.fixture(scope="module")
def http(mock_app: Any) -> Iterator[httpx.Client]:
    """An in-memory client of the app (no base URL, no key)."""
    transport = sync_transport(mock_app)
    with httpx.Client(transport=transport, base_url="http://mock") as client:
        yield client
    transport.close()


def get(http: httpx.Client, service: str, path: str, **headers: str) -> httpx.Response:
    """GET `path` under `service`'s base path with its key (and `headers`)."""
    sent = {**auth_headers(service), **headers}
    return http.get(BASE_PATHS[service] + path, headers=sent)


def spec_response(service: str, operation_id: str, status: str) -> dict[str, Any]:
    spec = specs.load(service)
    method, template = specs.operations(service)[operation_id]
    found: dict[str, Any] = specs.resolve(
        spec, spec["paths"][template][method.lower()]["responses"][status]
    )
    return found


def spec_examples(service: str, operation_id: str, status: str) -> dict[str | None, Any]:
    """The examples of a documented response, by name (None for a lone `example`)."""
    spec = specs.load(service)
    content = spec_response(service, operation_id, status)["content"]["application/json"]
    if "example" in content:
        return {None: content["example"]}
    return {name: specs.resolve(spec, node)["value"] for name, node in content["examples"].items()}


def conforms(service: str, operation_id: str, response: httpx.Response) -> Any:
    """`response`'s JSON, asserted to match the schema the spec documents for its status."""
    spec = specs.load(service)
    described = spec_response(service, operation_id, str(response.status_code))
    schema = described["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator({**schema, "components": spec["components"]})
    body = response.json()
    assert not list(validator.iter_errors(body)), (service, response.status_code, body)
    return body


# A new spec, no code


def test_a_new_spec_is_served_under_its_server_path_with_a_derived_key(mock_app: Any) -> None:
    assert BASE_PATHS["gizmo"] == "/gizmo/v2"
    assert API_KEYS["gizmo"] == "mock-gizmo-key-0000000000"
    assert auth_headers("gizmo") == {"X-Gizmo-Key": "mock-gizmo-key-0000000000"}
    assert API_KEYS["llamacloud"] == "llx-mock-llamacloud-key-0000000000"  # its keys' prefix
    entry = mock_app.state.mock.listing("http://h")["gizmo"]
    assert entry == {
        "base_url": "http://h/gizmo/v2",
        "api_key": "mock-gizmo-key-0000000000",
        "examples": {"getWidget": {"wid-4f2a91": 200, "wid-77c0de": 200, "wid-000000": 404}},
        "progress": False,
    }


def test_each_example_id_gets_the_example_that_names_it(http: httpx.Client) -> None:
    examples = spec_examples("gizmo", "getWidget", "200")
    active = get(http, "gizmo", WIDGET.format("wid-4f2a91"))
    assert conforms("gizmo", "getWidget", active) == examples["active"]
    retired = get(http, "gizmo", WIDGET.format("wid-77c0de"))
    assert conforms("gizmo", "getWidget", retired) == examples["retired"]


def test_an_unknown_id_gets_the_specs_404_naming_it(http: httpx.Client) -> None:
    response = get(http, "gizmo", WIDGET.format("wid-123456"))
    assert response.status_code == 404
    body = conforms("gizmo", "getWidget", response)
    assert body == {"error": {"code": "not_found", "message": "Widget wid-123456 not found"}}
    named = get(http, "gizmo", WIDGET.format("wid-000000"))  # the id of the spec's 404
    assert named.json() == spec_examples("gizmo", "getWidget", "404")[None]


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Gizmo-Key": "wrong"}, {"Authorization": "Bearer mock-gizmo-key-0000000000"}],
)
def test_a_missing_or_wrong_key_gets_the_specs_401(
    http: httpx.Client, headers: dict[str, str]
) -> None:
    response = http.get(BASE_PATHS["gizmo"] + WIDGET.format("wid-4f2a91"), headers=headers)
    assert response.status_code == 401
    assert (
        conforms("gizmo", "getWidget", response) == spec_examples("gizmo", "getWidget", "401")[None]
    )
    assert "www-authenticate" not in response.headers  # an apiKey scheme names no scheme


def test_paths_and_methods_the_spec_does_not_have(http: httpx.Client) -> None:
    unknown = get(http, "gizmo", "/gadgets/1")
    assert unknown.status_code == 404
    assert unknown.json() == {"error": {"code": "not_found", "message": "Not Found"}}
    outside = http.get("/gizmo/widgets/wid-4f2a91", headers=auth_headers("gizmo"))
    assert outside.status_code == 404  # not under the server path /v2
    other = http.delete(BASE_PATHS["gizmo"] + WIDGET.format("wid-4f2a91"))
    assert other.status_code == 401  # the key comes first
    other = http.delete(
        BASE_PATHS["gizmo"] + WIDGET.format("wid-4f2a91"), headers=auth_headers("gizmo")
    )
    assert other.status_code == 405
    assert other.headers["allow"] == "GET, HEAD"
    assert other.json()["error"]["message"] == "Method Not Allowed"


def test_the_control_api_keeps_no_jobs_of_a_spec_only_service(http: httpx.Client) -> None:
    response = http.post("/_mock/jobs", json={"service": "gizmo"})
    assert response.status_code == 400
    assert "serves its spec's examples" in response.json()["error"]


def test_the_cli_lists_the_new_service(spec_folder: Path) -> None:
    result = CliRunner().invoke(cli_app, ["mock", "--list", "--port", "9124"])
    assert result.exit_code == 0, result.output
    assert '"base_url": "http://127.0.0.1:9124/gizmo/v2"' in result.output
    assert '"wid-000000": 404' in result.output


# Every service of the registry


def every_example_id() -> list[tuple[str, str, str, int]]:
    app = create_app(seed=0)
    return [
        (service, operation_id, identifier, status)
        for service, entry in app.state.mock.listing("http://mock").items()
        for operation_id, ids in entry["examples"].items()
        for identifier, status in ids.items()
    ]


@pytest.mark.parametrize(("service", "operation_id", "identifier", "status"), every_example_id())
def test_every_shipped_specs_example_ids_answer_their_examples(
    http: httpx.Client, service: str, operation_id: str, identifier: str, status: int
) -> None:
    # The generic layer under the stateful one: `Prefer: code=` asks for the spec's response.
    template = specs.operations(service)[operation_id][1]
    name = template[template.index("{") + 1 : template.index("}")]
    path = template.replace("{" + name + "}", identifier)
    assert get(http, service, path).status_code == status  # the stateful layer agrees
    response = get(http, service, path, Prefer=f"code={status}")
    assert response.status_code == status
    assert response.headers["preference-applied"] == f"code={status}"
    assert response.json() in spec_examples(service, operation_id, str(status)).values()


def _clients() -> Iterator[httpx.Client]:
    transport = sync_transport(create_app(seed=0))
    with httpx.Client(transport=transport, base_url="http://mock") as client:
        yield client
    transport.close()


@pytest.mark.parametrize("service", ["modzy", "llamacloud", "wickson", "overmind", "gizmo"])
def test_every_services_401_is_its_specs_example(http: httpx.Client, service: str) -> None:
    operation_id, (method, template) = next(iter(specs.operations(service).items()))
    response = http.request(
        method, BASE_PATHS[service] + template.replace("{", "").replace("}", "")
    )
    assert response.status_code == 401
    assert response.json() == next(iter(spec_examples(service, operation_id, "401").values()))


# Parameters that break their schemas


@pytest.mark.parametrize(
    ("query", "name", "location"),
    [
        ("", "color", "query"),
        ("color=green", "color", "query"),
        ("color=red&limit=0", "limit", "query"),
        ("color=red&limit=51", "limit", "query"),
        ("color=red&limit=ten", "limit", "query"),
        ("color=red&since=yesterday", "since", "query"),
        ("color=red&day=2024-02-30", "day", "query"),
        ("color=red&tag=x", "tag", "query"),
        ("color=red&ratio=lots", "ratio", "query"),
        ("color=red&color=blue", "color", "query"),
    ],
)
def test_a_parameter_that_breaks_its_schema_gets_the_specs_422(
    http: httpx.Client, query: str, name: str, location: str
) -> None:
    response = http.get(f"/probe{PROBE_ITEM}?{query}", headers=auth_headers("probe"))
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == [location, name]
    assert problem["msg"].startswith(f"{name}: ")


def test_a_path_value_that_breaks_its_format_names_it(http: httpx.Client) -> None:
    response = http.get("/probe/items/not-a-uuid?color=red", headers=auth_headers("probe"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]
    assert "'not-a-uuid' is not a valid UUID" in response.json()["detail"][0]["msg"]


def test_valid_parameters_get_the_example_and_an_http_scheme_a_challenge(
    http: httpx.Client,
) -> None:
    query = "color=blue&limit=50&since=2024-01-01T00:00:60Z&day=2024-02-29&tag=ok&ratio=1e-3"
    response = http.get(f"/probe{PROBE_ITEM}?{query}", headers=auth_headers("probe"))
    assert response.status_code == 200, response.text
    assert response.json() == {"id": "x", "ok": True}
    refused = http.get(f"/probe{PROBE_ITEM}?color=red", headers={"Authorization": "Bearer no"})
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"


# Prefer, as Prism reads it


def test_prefer_code_and_example_pick_a_documented_response(http: httpx.Client) -> None:
    examples = spec_examples("gizmo", "getWidget", "200")
    response = get(http, "gizmo", WIDGET.format("wid-123456"), Prefer="example=retired")
    assert response.status_code == 200
    assert response.json() == examples["retired"]
    assert response.headers["preference-applied"] == "example=retired"
    both = get(http, "gizmo", WIDGET.format("wid-4f2a91"), Prefer="code=200, example=retired")
    assert both.json() == examples["retired"]
    not_found = get(http, "gizmo", WIDGET.format("wid-4f2a91"), Prefer="code=404")
    assert not_found.status_code == 404
    assert not_found.json()["error"]["message"] == "Widget wid-4f2a91 not found"
    # The stateful services too: Wickson's page example by name, whatever the batch.
    wickson = get(http, "wickson", "/v1/batches/batch-nope/results", Prefer="example=notFound")
    assert wickson.status_code == 404
    assert wickson.json()["message"] == "Batch batch-nope not found"
    page = get(http, "wickson", "/v1/batches/batch-nope/results", Prefer="code=200")
    assert page.json() == spec_examples("wickson", "getBatchResults", "200")["page1"]


@pytest.mark.parametrize(
    ("prefer", "status", "detail"),
    [
        ("code=418", 404, "documents no 418 response"),
        ("code=200, example=gone", 404, "has no example 'gone' (its examples: active, retired)"),
        ("example=gone", 404, "has no example 'gone'"),
        ("code=teapot", 400, "code must be an HTTP status"),
    ],
)
def test_prefer_what_the_spec_does_not_have_is_a_problem(
    http: httpx.Client, prefer: str, status: int, detail: str
) -> None:
    response = get(http, "gizmo", WIDGET.format("wid-4f2a91"), Prefer=prefer)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_prefer_does_not_skip_the_key_or_the_parameter_checks(http: httpx.Client) -> None:
    path = BASE_PATHS["gizmo"] + WIDGET.format("wid-4f2a91")
    assert http.get(path, headers={"Prefer": "code=200"}).status_code == 401
    response = http.get(
        f"/probe{PROBE_ITEM}?color=green", headers={**auth_headers("probe"), "Prefer": "code=200"}
    )
    assert response.status_code == 422
    ignored = get(http, "gizmo", WIDGET.format("wid-4f2a91"), Prefer="respond-async, wait=5")
    assert ignored.status_code == 200
    assert "preference-applied" not in ignored.headers


# Faults, for any service


def test_faults_work_for_a_spec_only_service(http: httpx.Client) -> None:
    path = WIDGET.format("wid-4f2a91")
    throttled = get(http, "gizmo", path, **{"X-Mock-Fault": "429, retry-after=3"})
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "3"
    assert throttled.json() == {"error": {"code": "not_found", "message": "Too Many Requests"}}
    failing = get(http, "gizmo", path, **{"X-Mock-Fault": "503"})
    assert failing.status_code == 503
    missing = get(http, "gizmo", path, **{"X-Mock-Fault": "missing-field"})
    assert missing.headers["x-mock-fault"] == "missing-field"
    assert "widget_id" not in missing.json()
    unknown = get(http, "gizmo", path, **{"X-Mock-Fault": "unknown-enum"})
    assert unknown.json()["status"] == "paused"
    malformed = get(http, "gizmo", path, **{"X-Mock-Fault": "malformed"})
    assert malformed.status_code == 200
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(malformed.content)


# Handlers over the generic layer


async def _echo(call: Call, store: Any) -> ASGIApp:
    return json_reply({"item": call.values[0], "query": call.query, "store": store.seeded_ids()})


class _Store:
    def __init__(self, seed: int) -> None:
        self.seed = seed

    def seeded_ids(self) -> list[str]:
        return [f"seed-{self.seed}"]

    def create(self, number: int, progress: Any) -> str:
        return f"created-{number}"

    def remove(self, job_id: str) -> None:
        pass


def test_a_registered_handler_answers_instead_of_the_examples(
    spec_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        handlers.STATEFUL, "probe", StatefulService("probe", "items", _Store, {"getItem": _echo})
    )
    for client in _clients():
        path = f"/probe{PROBE_ITEM}?color=red&ratio=0.5"
        response = client.get(path, headers=auth_headers("probe"))
        assert response.json() == {
            "item": PROBE_ITEM.rsplit("/", 1)[1],
            "query": {"color": "red", "limit": 10, "ratio": 0.5},  # checked, converted, defaults
            "store": ["seed-0"],
        }
        # Prefer asks for the spec's own response; the handler is skipped.
        preferred = client.get(path, headers={**auth_headers("probe"), "Prefer": "code=200"})
        assert preferred.json() == {"id": "x", "ok": True}
        listing = client.get("/_mock/").json()["probe"]
        assert (listing["progress"], listing["items"]) == (True, ["seed-0"])
        created = client.post("/_mock/jobs", json={"service": "probe"})
        assert created.json()["ids"] == ["created-1"]


# A contract run against the mock, for the new service


@pytest.fixture(scope="module")
def server(spec_folder: Path) -> Iterator[MockServer]:
    with MockServer(log_level="critical") as running:
        yield running


def test_a_contract_run_finds_nothing_in_the_new_service(
    server: MockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # schemathesis and hypothesis write caches where they run
    result = CliRunner().invoke(
        cli_app,
        ["contract", "gizmo", "--base-url", server.base_url("gizmo"), "--max-examples", "20"],
    )
    assert result.exit_code == 0, result.output[-3000:]
    assert "No issues found" in result.stdout
    assert "mock-gizmo-key-0000000000" not in result.output
    assert result.stdout.rstrip().endswith("every check passed")

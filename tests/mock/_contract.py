"""Checking mock responses against the specs: status documented, JSON body valid (Draft 2020-12
with the spec's components and formats), required headers present."""

from __future__ import annotations

import functools
from typing import Any

import httpx
import jsonschema
import jsonschema_rs
from jobresults import specs


def _named(operation: str) -> tuple[str, str]:
    """`(service, operationId)` of `operation`: an operationId of one spec alone, or
    `service.operationId` (Modzy and Overmind both have a `getJob`)."""
    if "." in operation:
        service, operation_id = operation.split(".", 1)
        return service, operation_id
    owners = [service for service in specs.services() if operation in specs.operations(service)]
    if len(owners) != 1:
        raise AssertionError(f"{operation}: say which service's (service.operationId): {owners}")
    return owners[0], operation


def _deref(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@functools.cache
def _response_spec(operation: str, status: int) -> dict[str, Any]:
    service, operation_id = _named(operation)
    spec = specs.load(service)
    method, template = specs.operations(service)[operation_id]
    operation = spec["paths"][template][method.lower()]
    responses = operation["responses"]
    if str(status) not in responses:
        raise AssertionError(f"{operation_id}: status {status} is not documented")
    found: dict[str, Any] = _deref(spec, responses[str(status)])
    return found


@functools.cache
def _validator(operation_id: str, status: int) -> jsonschema.Draft202012Validator:
    spec = specs.load(_named(operation_id)[0])
    schema = _response_spec(operation_id, status)["content"]["application/json"]["schema"]
    root = {**schema, "components": spec["components"]}
    return jsonschema.Draft202012Validator(
        root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _fast_validator(operation_id: str, status: int) -> jsonschema_rs.Draft202012Validator:
    spec = specs.load(_named(operation_id)[0])
    schema = _response_spec(operation_id, status)["content"]["application/json"]["schema"]
    root = {**schema, "components": spec["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


def fast_errors(operation_id: str, status: int, body: Any) -> list[str]:
    """Like `errors`, with jsonschema-rs (for large bodies)."""
    found = _fast_validator(operation_id, status).iter_errors(body)
    return [f"{error.instance_path}: {error.message}" for error in found]


def errors(operation_id: str, status: int, body: Any) -> list[str]:
    """Every way `body` breaks the documented schema of `status` (empty: valid)."""
    found = _validator(operation_id, status).iter_errors(body)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found]


def assert_conforms(
    operation_id: str, response: httpx.Response, *, as_status: int | None = None
) -> Any:
    """Assert that `response` is what the spec documents for `operation_id` (for its status, or
    for `as_status`); return its JSON."""
    status = response.status_code if as_status is None else as_status
    described = _response_spec(operation_id, status)
    assert response.headers["content-type"].split(";")[0] == "application/json"
    for name, header in described.get("headers", {}).items():
        if header.get("required"):
            assert name.lower() in response.headers, f"missing header {name}"
    body = response.json()
    problems = errors(operation_id, status, body)
    assert not problems, f"{operation_id} {response.status_code}: {problems[:5]}"
    return body


def example(operation_id: str, status: int, name: str | None = None) -> Any:
    """The spec's example of `operation_id`'s `status` response (by name, or the only one)."""
    content = _response_spec(operation_id, status)["content"]["application/json"]
    if "example" in content:
        return content["example"]
    examples = content["examples"]
    chosen = examples[name] if name is not None else next(iter(examples.values()))
    return _deref(specs.load(_named(operation_id)[0]), chosen)["value"]

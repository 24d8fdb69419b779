"""Independent validators to check ours against: python-jsonschema (Draft 2020-12, formats
checked) on the parsed body, and openapi-core's `validate_response` on the whole response.

Where they are wrong (leap seconds, year 0000, OpenAPI's integer formats, Retry-After read with
Python's `int()`), the tests say so and the validate README's table names what decides."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import jsonschema
from jobresults import specs

from ._corpus import _response_schema


@functools.cache
def _jsonschema_validator(service: str, operation_id: str, status: int) -> Any:
    schema = _response_schema(service, operation_id, status)
    root = {**schema, "components": specs.load(service)["components"]}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(root, format_checker=checker)


def jsonschema_pointers(service: str, operation_id: str, status: int, body: Any) -> set[str]:
    """The RFC 6901 pointers of python-jsonschema's errors (for a missing field, where the
    field belongs), leaves of anyOf/oneOf included."""
    found: set[str] = set()

    def collect(error: jsonschema.ValidationError) -> None:
        if error.context:
            for inner in error.context:
                collect(inner)
            return
        path = list(error.absolute_path)
        if error.validator == "required":
            path.append(error.message.split("'")[1])
        found.add(pointer(path))

    for error in _jsonschema_validator(service, operation_id, status).iter_errors(body):
        collect(error)
    return found


def jsonschema_ok(service: str, operation_id: str, status: int, body: Any) -> bool:
    return bool(_jsonschema_validator(service, operation_id, status).is_valid(body))


def pointer(path: list[Any]) -> str:
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def resolve(document: Any, json_pointer: str) -> Any:
    """The value an RFC 6901 pointer names in `document` (KeyError if none)."""
    node = document
    if not json_pointer:
        return node
    for token in json_pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


@functools.cache
def _openapi(service: str) -> Any:
    from openapi_core import OpenAPI

    return OpenAPI.from_dict(specs.load(service))


def _request_url(service: str, operation_id: str) -> tuple[str, str]:
    spec = specs.load(service)
    server = spec["servers"][0]
    host = server["url"]
    for name, variable in server.get("variables", {}).items():
        host = host.replace("{" + name + "}", variable["default"])
    method, template = specs.operations(service)[operation_id]
    scheme, _, rest = host.partition("://")
    netloc, slash, base = rest.partition("/")
    host, path = f"{scheme}://{netloc}", f"{slash}{base}{template}"
    for parameter in spec["paths"][template][method.lower()].get("parameters", []):
        if parameter.get("in") == "path":
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
    return host, path


def openapi_core_ok(
    service: str,
    operation_id: str,
    status: int,
    body: bytes,
    headers: Mapping[str, str] | None = None,
    content_type: str = "application/json",
) -> bool:
    """openapi-core's verdict on a whole response (it stops at the first problem)."""
    from openapi_core.testing import MockRequest, MockResponse

    host, path = _request_url(service, operation_id)
    method, _ = specs.operations(service)[operation_id]
    request = MockRequest(host, method.lower(), path)
    response = MockResponse(
        body, status_code=status, content_type=content_type, headers=dict(headers or {})
    )
    try:
        _openapi(service).validate_response(request, response)
    except Exception:  # any of openapi-core's validation errors
        return False
    return True


def dumps(value: Any) -> bytes:
    """JSON text of `value` as the standard library writes it (lone surrogates escaped,
    integers of any size)."""
    return json.dumps(value).encode()

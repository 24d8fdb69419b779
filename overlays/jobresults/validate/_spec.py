"""Finding what a spec documents for one response of one operation."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from typing import Any

from .. import specs
from ._errors import UnknownOperationError, UnknownServiceError, UnknownStatusError
from ._pointer import escape

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True, eq=False)
class DocumentedHeader:
    """A response header the spec documents."""

    name: str
    required: bool
    schema: Any
    location: str


@dataclass(frozen=True, eq=False)
class DocumentedResponse:
    """What the spec says about one response: its key in `responses` ("200", "4XX" or
    "default"), where it is in the spec, its media types, JSON schema and headers."""

    service: str
    operation_id: str
    key: str
    location: str
    content_types: tuple[str, ...]
    schema: Any
    schema_location: str | None
    headers: tuple[DocumentedHeader, ...]


def check_service(service: str) -> str:
    """`service`, or an `UnknownServiceError` listing the valid ones."""
    known = specs.services()
    if service not in known:
        raise UnknownServiceError("service", service, known)
    return service


def _operation(service: str, operation_id: str) -> tuple[str, dict[str, Any]]:
    """The operation's location in the spec and its object."""
    operations = specs.operations(check_service(service))
    if operation_id not in operations:
        raise UnknownOperationError(
            "operation", operation_id, operations, where=f"in the {service} spec"
        )
    method, template = operations[operation_id]
    found: dict[str, Any] = specs.load(service)["paths"][template][method.lower()]
    return f"#/paths/{escape(template)}/{method.lower()}", found


def _resolve(spec: dict[str, Any], node: Any, location: str) -> tuple[Any, str]:
    """Follow local `$ref`s; return the node reached and its location."""
    while isinstance(node, dict) and "$ref" in node:
        location = node["$ref"]
        target: Any = spec
        for token in location.removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node, location


def status_keys(service: str, operation_id: str) -> tuple[str, ...]:
    """The keys of the operation's `responses`, e.g. `("200", "404", "default")`."""
    return tuple(str(key) for key in _operation(service, operation_id)[1].get("responses", {}))


def _response_key(keys: tuple[str, ...], status: int) -> str | None:
    """The key documenting `status`: exact, then a range like "4XX", then "default"."""
    for candidate in (str(status), f"{status // 100}XX", "default"):
        for key in keys:
            if key.upper() == candidate.upper():
                return key
    return None


def as_status(status: int | str) -> int:
    """An HTTP status code from an int or a string of three ASCII digits.

    Raises `TypeError` for anything else that is not a string (a float such as 404.9, a bool,
    None) and `ValueError` for a string or an int that is no status code (100-599)."""
    if isinstance(status, str):
        if not (len(status) == 3 and status.isascii() and status.isdigit()):
            raise ValueError(f"not an HTTP status code: {status!r}")
        code = int(status)
    elif isinstance(status, bool) or not hasattr(type(status), "__index__"):
        raise TypeError(
            f"an HTTP status is an int (or a string of 3 digits), not {type(status).__name__}"
            f" {status!r}"
        )
    else:
        code = operator.index(status)
    if not 100 <= code <= 599:
        raise ValueError(f"not an HTTP status code: {status!r}")
    return code


def find_response(service: str, operation_id: str, status: int) -> DocumentedResponse | None:
    """What the spec documents for `status`, or None when it documents nothing for it.

    Raises `UnknownServiceError` or `UnknownOperationError` for names the specs lack."""
    key = _response_key(status_keys(service, operation_id), status)
    return None if key is None else _documented(service, operation_id, key)


def documented_response(service: str, operation_id: str, status: int | str) -> DocumentedResponse:
    """What the spec documents for `status`; `UnknownStatusError` lists the documented ones."""
    keys = status_keys(service, operation_id)
    try:
        key = _response_key(keys, as_status(status))
    except ValueError:
        key = None
    if key is None:
        raise UnknownStatusError(
            "status", status, keys, where=f"for {service} {operation_id}", plural="statuses"
        )
    return _documented(service, operation_id, key)


@functools.cache
def _documented(service: str, operation_id: str, key: str) -> DocumentedResponse:
    spec = specs.load(service)
    location, operation = _operation(service, operation_id)
    response, location = _resolve(
        spec, operation["responses"][key], f"{location}/responses/{escape(key)}"
    )
    content: dict[str, Any] = response.get("content") or {}
    schema: Any = None
    schema_location = None
    for media_type, media in content.items():
        if is_json_media_type(media_type) and isinstance(media, dict) and "schema" in media:
            schema = media["schema"]
            schema_location = f"{location}/content/{escape(media_type)}/schema"
            break
    headers = []
    for name, header in (response.get("headers") or {}).items():
        resolved, header_location = _resolve(spec, header, f"{location}/headers/{escape(name)}")
        headers.append(
            DocumentedHeader(
                name=name,
                required=bool(resolved.get("required", False)),
                schema=resolved.get("schema"),
                location=header_location,
            )
        )
    return DocumentedResponse(
        service=service,
        operation_id=operation_id,
        key=key,
        location=location,
        content_types=tuple(content),
        schema=schema,
        schema_location=schema_location,
        headers=tuple(headers),
    )


def is_json_media_type(media_type: str) -> bool:
    """True for application/json and the `+json` types (parameters ignored)."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence == JSON_MEDIA_TYPE or essence.endswith("+json")

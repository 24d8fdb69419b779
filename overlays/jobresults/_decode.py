"""Response bytes to typed objects: msgspec Structs generated from the specs.

Decoding is lenient by default: keys the spec does not declare are skipped (the raw body stays
on the response) and an enum value the spec does not list comes back as a pseudo-member named
UNKNOWN holding its string. `strict=True` validates the body against the spec first and raises
on any deviation.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
import msgspec

from . import errors

T = TypeVar("T")


_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}


def decoder(type_: Any) -> msgspec.json.Decoder[Any]:
    """A cached msgspec JSON decoder for `type_`."""
    try:
        return _DECODERS[type_]
    except KeyError:
        return _DECODERS.setdefault(type_, msgspec.json.Decoder(type_))


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media == ""


def decode(
    response: httpx.Response,
    type_: type[T],
    *,
    service: str,
    operation_id: str,
    strict: bool = False,
) -> T:
    """Decode a 2xx response's body into `type_`, or raise `ResponseParseError`."""
    where = f"{response.request.method} {response.request.url.copy_with(query=None)}"
    content_type = response.headers.get("content-type", "")
    if not _is_json(content_type):
        raise errors.ResponseParseError(
            f"{where}: expected a JSON body, got {content_type}",
            response=response,
            reason=f"content type {content_type}",
            service=service,
            operation_id=operation_id,
        )
    if strict:
        _raise_on_violations(response, service=service, operation_id=operation_id, where=where)
    try:
        value: T = decoder(type_).decode(response.content)
    except msgspec.ValidationError as error:
        raise errors.ResponseParseError(
            f"{where}: the body does not match the {service} spec: {error}",
            response=response,
            reason=str(error),
            service=service,
            operation_id=operation_id,
        ) from error
    except msgspec.DecodeError as error:
        raise errors.ResponseParseError(
            f"{where}: the body is not valid JSON ({error}; {len(response.content)} bytes)",
            response=response,
            reason=f"invalid JSON: {error}",
            service=service,
            operation_id=operation_id,
        ) from error
    return value


def _raise_on_violations(
    response: httpx.Response, *, service: str, operation_id: str, where: str
) -> None:
    from .validate import validate_response

    report = validate_response(
        service,
        operation_id,
        response.status_code,
        response.content,
        response.headers,
        strict=True,
    )
    if report.ok:
        return
    first = report.violations[0]
    more = len(report.violations) - 1
    raise errors.ResponseParseError(
        f"{where}: {first.message}" + (f" (and {more} more deviations)" if more else ""),
        response=response,
        reason=first.message,
        service=service,
        operation_id=operation_id,
    )

"""`validate_response`: one response (status, body, headers) against its operation's spec."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import jsonschema_rs
import orjson

from ._pointer import short
from ._report import ValidationReport, Violation, ViolationKind
from ._schema import DIALECT, compiled
from ._spec import (
    DocumentedHeader,
    DocumentedResponse,
    as_status,
    documented_response,
    find_response,
    status_keys,
)
from ._violations import ViolationBuilder, without_echoes

MAX_VIOLATIONS = 1000
"""A report keeps this many violations at most (and says `truncated`)."""

HeadersLike: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]]
"""Response headers: a mapping (such as `httpx.Headers`) or (name, value) pairs."""


def validate_response(
    service: str,
    operation_id: str,
    status: int | str,
    body: Any,
    headers: HeadersLike | None = None,
    *,
    strict: bool = True,
) -> ValidationReport:
    """Check a response of `service`'s `operation_id` against the spec.

        report = validate_response("wickson", "getBatchResults", 200, response.content,
                                   response.headers)
        if not report.ok:
            for violation in report.violations:
                print(violation.message)

    `body` is the raw body (bytes, or str of JSON text) or the parsed JSON value; a body that
    is not JSON is reported as an `invalid_json` violation. With `headers`, the content type
    and the documented required headers (Retry-After on 429) are checked too. `strict`
    reports fields the spec does not list (`extra_field`) in objects that do not allow them.

    Raises `UnknownServiceError`, `UnknownOperationError` or `UnknownStatusError` (all
    `ValueError`s that list the valid names) when the spec has no such service, operation or
    documented status (the `default` response documents every status).
    """
    response = documented_response(service, operation_id, status)
    return check_documented(response, as_status(status), body, headers, strict=strict)


def check_response(
    service: str,
    operation_id: str,
    status: int,
    body: Any,
    headers: HeadersLike | None,
    *,
    strict: bool = True,
    source: str | None = None,
) -> ValidationReport:
    """Like `validate_response`, for a response a server really sent: a status the spec does
    not document is reported as an `undocumented_status` violation instead of raised."""
    response = find_response(service, operation_id, status)
    if response is None:
        documented = ", ".join(status_keys(service, operation_id))
        violation = Violation(
            ViolationKind.UNDOCUMENTED_STATUS,
            "",
            "",
            expected=f"one of {documented}",
            found=str(status),
            message=f"status {status} is not documented for {service} {operation_id}"
            f" (documented: {documented})",
        )
        return ValidationReport(service, operation_id, status, (violation,), source)
    return check_documented(response, status, body, headers, strict=strict, source=source)


def check_documented(
    response: DocumentedResponse,
    status: int,
    body: Any,
    headers: HeadersLike | None,
    *,
    strict: bool,
    source: str | None = None,
) -> ValidationReport:
    """Every violation of a response whose status the spec documents as `response`."""
    found = itertools.islice(
        _violations(response, status, body, headers, strict=strict), MAX_VIOLATIONS + 1
    )
    violations = tuple(without_echoes(list(found)))
    return ValidationReport(
        response.service,
        response.operation_id,
        status,
        violations[:MAX_VIOLATIONS],
        source,
        truncated=len(violations) > MAX_VIOLATIONS,
    )


def _violations(
    response: DocumentedResponse,
    status: int,
    body: Any,
    headers: HeadersLike | None,
    *,
    strict: bool,
) -> Iterator[Violation]:
    check_body = True
    if headers is not None:
        lowered = _lower(headers)
        yield from _header_violations(response, status, lowered)
        content_type = _content_type_violation(response, lowered, body)
        if content_type is not None:
            yield content_type
            check_body = "content-type" not in lowered
    if response.schema is None or not check_body:
        return
    parsed, problem = parse_body(body)
    if problem is not None:
        yield Violation(
            ViolationKind.INVALID_JSON,
            "",
            response.schema_location or response.location,
            expected="a JSON document",
            found=short(body if isinstance(body, str) else bytes(body[:80]).decode("latin-1")),
            message=f"the body is not valid JSON: {problem}",
        )
        return
    validator = compiled(response, strict)
    try:
        if validator.is_valid(parsed):
            return
    except ValueError as error:  # a parsed body holding a value JSON has no type for
        raise TypeError(f"the body is not JSON data: {error}") from None
    builder = ViolationBuilder(parsed, response.schema_location or response.location, strict=strict)
    yield from builder.from_errors(validator.iter_errors(parsed))


def parse_body(body: Any) -> tuple[Any, str | None]:
    """The parsed body and None, or None and why the body is not JSON."""
    if not isinstance(body, bytes | bytearray | memoryview | str):
        return body, None
    if not body:
        return None, "the body is empty"
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError as error:
        reason = str(error)
    try:  # orjson refuses integers beyond 64 bits, which JSON allows
        text = body if isinstance(body, str) else bytes(body).decode("utf-8")
        return json.loads(text, parse_constant=_refuse_constant), None
    except (ValueError, UnicodeDecodeError, RecursionError):  # nesting past the stack
        return None, reason


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _lower(headers: HeadersLike) -> dict[str, str]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return {str(name).lower(): str(value) for name, value in pairs}


def _header_violations(
    response: DocumentedResponse, status: int, headers: dict[str, str]
) -> Iterator[Violation]:
    for header in response.headers:
        value = headers.get(header.name.lower())
        if value is None:
            if header.required:
                yield Violation(
                    ViolationKind.MISSING_HEADER,
                    "",
                    header.location,
                    expected=f"header {header.name}",
                    found="nothing",
                    message=f"the {status} response lacks the required header {header.name}",
                )
            continue
        problem = _header_value_violation(header, value)
        if problem is not None:
            yield problem


def _header_value_violation(header: DocumentedHeader, value: str) -> Violation | None:
    schema = header.schema if isinstance(header.schema, dict) else {}
    wanted = schema.get("type")
    parsed: Any = value
    try:
        if wanted == "integer":
            parsed = int(value.strip())
        elif wanted == "number":
            parsed = float(value.strip())
    except ValueError:
        return Violation(
            ViolationKind.WRONG_TYPE,
            "",
            f"{header.location}/schema",
            expected=str(wanted),
            found=short(value),
            message=f"header {header.name}: expected {wanted}, found {short(value)}",
        )
    if not schema or _header_validator(header).is_valid(parsed):
        return None
    return Violation(
        ViolationKind.CONSTRAINT,
        "",
        f"{header.location}/schema",
        expected=short(schema),
        found=short(value),
        message=f"header {header.name}: {short(value)} does not match {short(schema)}",
    )


@functools.cache
def _header_validator(header: DocumentedHeader) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft202012Validator(
        {"$schema": DIALECT, **header.schema}, validate_formats=True
    )


def _content_type_violation(
    response: DocumentedResponse, headers: dict[str, str], body: Any
) -> Violation | None:
    if not response.content_types or body in (b"", ""):
        return None
    given = headers.get("content-type")
    essence = None if given is None else given.split(";", 1)[0].strip().lower()
    documented = [media.lower() for media in response.content_types]
    if essence is not None and any(_media_matches(essence, media) for media in documented):
        return None
    expected = " or ".join(response.content_types)
    found = "no Content-Type header" if given is None else short(given)
    return Violation(
        ViolationKind.WRONG_CONTENT_TYPE,
        "",
        f"{response.location}/content",
        expected=expected,
        found=found,
        message=f"the content type is {found}, expected {expected}",
    )


def _media_matches(essence: str, documented: str) -> bool:
    if documented in ("*/*", essence):
        return True
    kind, _, subtype = documented.partition("/")
    return subtype == "*" and essence.startswith(kind + "/")

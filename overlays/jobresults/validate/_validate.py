"""`validate_response`: one response (status, body, headers) against its operation's spec."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from .._json import loads
from ._headers import header_violations
from ._instance import OutOfRange, checkable, parse_float
from ._pointer import printable, short
from ._report import ValidationReport, Violation, ViolationKind
from ._schema import compiled
from ._spec import (
    DocumentedResponse,
    as_status,
    documented_response,
    find_response,
    status_keys,
)
from ._violations import ViolationBuilder, without_echoes

MAX_VIOLATIONS = 1000
"""A report keeps this many violations at most (and says `truncated`)."""
MAX_ERRORS = 10 * MAX_VIOLATIONS
"""jsonschema-rs errors read at most (some give no violation: bounds it misjudged)."""

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
    """Every violation of a response whose status the spec documents as `response`.

    Header and content type violations are always reported; the body is checked too unless
    its Content-Type names another media type (an empty body is reported whatever it says).
    """
    lowered = None if headers is None else _lower(headers)
    empty = _is_empty(body)
    violations = (
        [] if lowered is None else list(_message_violations(response, status, lowered, empty))
    )
    other_type = (
        lowered is not None
        and "content-type" in lowered
        and any(v.kind is ViolationKind.WRONG_CONTENT_TYPE for v in violations)
    )
    if response.schema is not None and (empty or not other_type):
        found = itertools.islice(
            _body_violations(response, body, strict=strict), MAX_VIOLATIONS + 1
        )
        violations += without_echoes(list(found))
    return ValidationReport(
        response.service,
        response.operation_id,
        status,
        tuple(violations[:MAX_VIOLATIONS]),
        source,
        truncated=len(violations) > MAX_VIOLATIONS,
    )


def _message_violations(
    response: DocumentedResponse, status: int, headers: dict[str, str], empty: bool
) -> Iterator[Violation]:
    """The violations of the headers and the content type."""
    yield from header_violations(response, status, headers)
    content_type = _content_type_violation(response, headers, empty)
    if content_type is not None:
        yield content_type


def _is_empty(body: Any) -> bool:
    return isinstance(body, bytes | bytearray | memoryview | str) and len(body) == 0


def _body_violations(
    response: DocumentedResponse, body: Any, *, strict: bool
) -> Iterator[Violation]:
    parsed = parse_body(body)
    if parsed.problem is not None:
        yield Violation(
            ViolationKind.INVALID_JSON,
            "",
            response.schema_location or response.location,
            expected="a JSON document",
            found=short(body[:80] if isinstance(body, str) else bytes(body[:80]).decode("latin-1")),
            message=f"the body is not valid JSON: {printable(parsed.problem)}",
        )
        return
    schema = compiled(response, strict)
    base = response.schema_location or response.location
    checked = checkable(parsed.value) if parsed.out_of_range else None
    if checked is None:
        try:
            if schema.validator.is_valid(parsed.value):
                return
            errors = list(itertools.islice(schema.validator.iter_errors(parsed.value), MAX_ERRORS))
        except ValueError:  # a lone surrogate, which jsonschema-rs cannot read (or not JSON)
            checked = checkable(parsed.value)
        else:
            builder = ViolationBuilder(parsed.value, base, schema, strict=strict)
            yield from builder.from_errors(errors)
            return
    builder = ViolationBuilder(parsed.value, base, schema, strict=strict, checked=checked)
    yield from builder.from_errors(schema.validator.iter_errors(checked.value))


@dataclass(frozen=True)
class ParsedBody:
    """A body as parsed: its value, or why it is not JSON; `out_of_range` when it holds a
    number beyond the range of a double (an `OutOfRange` in `value`)."""

    value: Any
    problem: str | None = None
    out_of_range: bool = False


def parse_body(body: Any) -> ParsedBody:
    """The parsed body (every integer exact), or why the body is not JSON."""
    if not isinstance(body, bytes | bytearray | memoryview | str):
        return ParsedBody(body)
    if not body:
        return ParsedBody(None, "the body is empty")
    beyond: list[str] = []

    def number(text: str) -> float:
        value = parse_float(text)
        if isinstance(value, OutOfRange):
            beyond.append(text)
        return value

    try:
        return ParsedBody(loads(body, parse_float=number), out_of_range=bool(beyond))
    except ValueError as error:  # json.JSONDecodeError, UnicodeDecodeError
        return ParsedBody(None, str(error))


def _lower(headers: HeadersLike) -> dict[str, str]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return {str(name).lower(): str(value) for name, value in pairs}


def _content_type_violation(
    response: DocumentedResponse, headers: dict[str, str], empty: bool
) -> Violation | None:
    """A Content-Type the response does not document. No Content-Type is one too, but for an
    empty body: without content there is no type to name (RFC 9110 section 8.3), and the
    empty body is reported itself."""
    given = headers.get("content-type")
    if not response.content_types or (given is None and empty):
        return None
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

"""Matching a proxied request to its operation and validating the upstream's response.

The upstream URL's path is the spec's base, so the path a client sends is matched whole against
the spec's path templates (a `{param}` is one non-empty segment, as everywhere in
`jobresults.validate`); a path with anything before a template matches nothing.
"""

from __future__ import annotations

import dataclasses

import httpx

from ..validate import (
    OperationMatcher,
    UnknownStatusError,
    ValidationReport,
    Violation,
    validate_httpx_response,
    validate_response,
)
from ._forward import where


class Checker:
    """The operations of one service's spec, and validation of their responses."""

    def __init__(self, service: str, *, strict: bool) -> None:
        self.matcher = OperationMatcher(service)
        self.service = self.matcher.service
        self.strict = strict

    def __repr__(self) -> str:
        return f"Checker({self.service!r}, strict={self.strict})"

    def operation(self, method: str, raw_path: str) -> str | None:
        """The operationId a request of `method` to `raw_path` (under the base) calls, or None."""
        found = [
            (literal, operation_id)
            for operation_id, prefix, literal in self.matcher.candidates(method, raw_path)
            if not prefix
        ]
        return max(found)[1] if found else None

    def check(
        self,
        operation_id: str,
        request: httpx.Request,
        response: httpx.Response,
        body: bytes,
    ) -> ValidationReport:
        """The report of `response` to `request`: status, headers, content type and `body`
        (already decoded from its Content-Encoding)."""
        source = where(request)
        try:
            report = validate_response(
                self.service,
                operation_id,
                response.status_code,
                body,
                response.headers,
                strict=self.strict,
            )
        except UnknownStatusError:  # a status the spec does not document: a violation too
            decoded = httpx.Response(
                response.status_code, headers=response.headers, request=request
            )
            found = validate_httpx_response(
                decoded, service=self.service, operation_id=operation_id, strict=self.strict
            )
            assert found is not None  # the operation is given, so there is always a report
            return found
        return dataclasses.replace(report, source=source)


def violation_line(report: ValidationReport, violation: Violation, request: str) -> str:
    """One line of the proxy's output for a violation: the request, what was found (kind, JSON
    pointer) and the message."""
    pointer = violation.pointer or '""'
    return (
        f"{request} -> {report.status} {report.operation_id}: [{violation.kind.value}]"
        f" pointer={pointer} {violation.message}"
    )

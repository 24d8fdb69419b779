"""Validating an `httpx.Response` against the operation its request called."""

from __future__ import annotations

import httpx

from .. import specs
from ._match import match_operation
from ._report import ValidationReport
from ._validate import check_response


def describe(request: httpx.Request) -> str:
    """A request as reports name it: method and URL without userinfo, query or fragment (a
    query can carry a key, e.g. Modzy's `accessKey` filter); never a header."""
    url = request.url
    path = url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
    return f"{request.method} {url.scheme}://{url.netloc.decode('ascii', 'replace')}{path}"


def validate_httpx_response(
    response: httpx.Response,
    *,
    service: str | None = None,
    operation_id: str | None = None,
    strict: bool = True,
) -> ValidationReport | None:
    """Validate a read `httpx.Response` against the operation its request called (matched by
    method and path template, or given as `service` and `operation_id`); None when the
    request calls no operation of the specs. Its status, content type and headers are checked
    too: a status the spec does not document is an `undocumented_status` violation."""
    request = response.request
    if operation_id is None:
        services = specs.services() if service is None else (service,)
        matched = match_operation(request.method, request.url, services)
        if matched is None:
            return None
        service, operation_id = matched
    elif service is None:
        raise ValueError("give the service of operation_id too")
    return check_response(
        service,
        operation_id,
        response.status_code,
        response.content,
        response.headers,
        strict=strict,
        source=describe(request),
    )

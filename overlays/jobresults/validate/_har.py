"""Validating the responses recorded in a HAR file (HTTP Archive 1.2)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import specs
from ._errors import UnknownOperationError
from ._match import match_operation, request_path
from ._report import ValidationReport
from ._spec import check_service
from ._validate import check_response


class HarFormatError(ValueError):
    """The data is not a HAR document (no `log.entries` list)."""


@dataclass(frozen=True)
class HarValidation:
    """The reports of a HAR's matched entries, and the entries left out and why."""

    reports: list[ValidationReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every matched entry is valid."""
        return all(report.ok for report in self.reports)


@dataclass(frozen=True)
class _Entry:
    label: str
    method: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes | str | None


def is_har(data: Any) -> bool:
    """True when parsed JSON looks like a HAR document."""
    log = data.get("log") if isinstance(data, Mapping) else None
    return isinstance(log, Mapping) and isinstance(log.get("entries"), list)


def _entries(har: Any, name: str) -> Iterator[_Entry]:
    if not is_har(har):
        raise HarFormatError(f"{name} is not a HAR document (it has no log.entries list)")
    for index, entry in enumerate(har["log"]["entries"]):
        request = entry.get("request") or {}
        response = entry.get("response") or {}
        method = str(request.get("method", "GET")).upper()
        url = str(request.get("url", ""))
        headers = _headers(response.get("headers") or [])
        content = response.get("content") or {}
        if "content-type" not in headers and content.get("mimeType"):
            headers["content-type"] = str(content["mimeType"])
        yield _Entry(
            label=f"{name}#{index} {method} {request_path(url)}",
            method=method,
            url=url,
            status=int(response.get("status", 0)),
            headers=headers,
            body=_body(content),
        )


def _headers(pairs: Iterable[Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for pair in pairs:
        name = str(pair.get("name", "")).lower()
        value = str(pair.get("value", ""))
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _body(content: Mapping[str, Any]) -> bytes | str | None:
    text = content.get("text")
    if text is None:
        return None
    if content.get("encoding") == "base64":
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return str(text)
    return str(text)


def validate_har(
    har: Any,
    *,
    service: str | None = None,
    operation_id: str | None = None,
    strict: bool = True,
    name: str = "har",
) -> HarValidation:
    """Validate every response of a parsed HAR document whose request calls an operation of
    the specs (of `service`, and only `operation_id`, when given), matched by method and path
    template; the status, headers and content type are checked too. Entries that call no
    such operation, or whose body was not recorded, are listed in `skipped`. `name` labels the
    entries in reports. Raises `HarFormatError` when `har` is not a HAR document."""
    services = specs.services() if service is None else (check_service(service),)
    if operation_id is not None:
        if service is None:
            raise ValueError("give the service of operation_id too")
        known = specs.operations(service)
        if operation_id not in known:
            raise UnknownOperationError(
                "operation", operation_id, known, where=f"in the {service} spec"
            )
    outcome = HarValidation()
    for entry in _entries(har, name):
        matched = match_operation(entry.method, entry.url, services)
        if matched is None or (operation_id is not None and matched[1] != operation_id):
            outcome.skipped.append(f"{entry.label}: not an operation validated here")
            continue
        if entry.status == 0:
            outcome.skipped.append(f"{entry.label}: the HAR holds no response")
            continue
        if entry.body is None:
            outcome.skipped.append(f"{entry.label}: the HAR holds no response body")
            continue
        outcome.reports.append(
            check_response(
                *matched,
                entry.status,
                entry.body,
                entry.headers,
                strict=strict,
                source=entry.label,
            )
        )
    return outcome

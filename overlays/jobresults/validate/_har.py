"""Validating the responses recorded in a HAR file (HTTP Archive 1.2)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import specs
from ._errors import UnknownOperationError
from ._match import match_operation, request_path
from ._report import ValidationReport
from ._spec import check_service
from ._validate import check_response


class HarFormatError(ValueError):
    """The data is not a HAR document (no `log.entries` list), or an entry is malformed (not
    an object, headers that are not a list of name/value objects, a status that is not a
    whole number); the message names the entry and the field in one line."""


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
        where = f"{name}: entry {index}"
        if not isinstance(entry, Mapping):
            raise HarFormatError(f"{where} must be an object, got {_kind(entry)}")
        request = _object(entry.get("request"), f"{where}: request")
        response = _object(entry.get("response"), f"{where}: response")
        method = str(request.get("method", "GET")).upper()
        url = str(request.get("url", ""))
        headers = _headers(response.get("headers"), f"{where}: response.headers")
        content = _object(response.get("content"), f"{where}: response.content")
        if "content-type" not in headers and content.get("mimeType"):
            headers["content-type"] = str(content["mimeType"])
        yield _Entry(
            label=f"{name}#{index} {method} {request_path(url)}",
            method=method,
            url=url,
            status=_status(response.get("status", 0), f"{where}: response.status"),
            headers=headers,
            body=_body(content, f"{where}: response.content.text"),
        )


def _object(value: Any, where: str) -> Mapping[str, Any]:
    """`value` if it is a JSON object; absent (None) is an empty one; else `HarFormatError`."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise HarFormatError(f"{where} must be an object, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    names: dict[type, str] = {str: "a string", list: "a list", dict: "an object"}
    names |= {bool: "a boolean", int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _status(value: Any, where: str) -> int:
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole:
        raise HarFormatError(f"{where} must be a whole number, got {value!r:.40}")
    return int(value)


def _headers(pairs: Any, where: str) -> dict[str, str]:
    if pairs is None:
        return {}
    if not isinstance(pairs, list):
        expected = "a list of {name, value} objects"
        raise HarFormatError(f"{where} must be {expected}, got {_kind(pairs)}")
    headers: dict[str, str] = {}
    for position, pair in enumerate(pairs):
        pair = _object(pair, f"{where}[{position}]")
        name = str(pair.get("name", "")).lower()
        value = str(pair.get("value", ""))
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _body(content: Mapping[str, Any], where: str) -> bytes | str | None:
    text = content.get("text")
    if text is None:
        return None
    if not isinstance(text, str):
        raise HarFormatError(f"{where} must be a string, got {_kind(text)}")
    if content.get("encoding") == "base64":
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return text
    return text


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

"""Matching a request (method and URL or path) to the operation of a spec that it calls.

A request matches an operation when the methods are equal and the request's path *ends* with
the operation's path template, so any base URL or prefix works (`/wickson`, `/modzy/api`, a
proxy's own prefix). A `{param}` matches one non-empty path segment; a trailing slash is
significant (Overmind's paths end in one). The raw, still percent-encoded path is matched, so
an encoded slash stays inside its segment.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .. import specs
from ._spec import check_service

_PARAMETER = re.compile(r"(\{[^{}/]+\})")


@dataclass(frozen=True)
class _Route:
    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    literal_length: int


def _route(operation_id: str, method: str, template: str) -> _Route:
    parts = _PARAMETER.split(template)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    literal = sum(len(part) for part in parts if not part.startswith("{"))
    return _Route(operation_id, method, template, re.compile(f"(?P<prefix>.*?){regex}"), literal)


class OperationMatcher:
    """Matches requests to the operations of one service's spec."""

    def __init__(self, service: str) -> None:
        self.service = check_service(service)
        self._routes = tuple(
            _route(operation_id, method, template)
            for operation_id, (method, template) in specs.operations(service).items()
        )

    def __repr__(self) -> str:
        return f"OperationMatcher({self.service!r})"

    def candidates(self, method: str, path: str) -> list[tuple[str, str, int]]:
        """`(operation_id, prefix, literal length)` of every operation the request matches."""
        found = []
        for route in self._routes:
            if route.method != method.upper():
                continue
            matched = route.pattern.fullmatch(path)
            if matched is not None:
                found.append((route.operation_id, matched["prefix"], route.literal_length))
        return found

    def match(self, method: str, url_or_path: Any) -> str | None:
        """The operationId the request calls, or None."""
        found = self.candidates(method, request_path(url_or_path))
        if not found:
            return None
        return max(found, key=lambda candidate: candidate[2])[0]


@functools.cache
def matcher(service: str) -> OperationMatcher:
    """The (cached) matcher of a service."""
    return OperationMatcher(service)


def request_path(url_or_path: Any) -> str:
    """The raw path of a URL (str or `httpx.URL`) or a path, without query or fragment."""
    raw = getattr(url_or_path, "raw_path", None)
    if isinstance(raw, bytes):
        return raw.decode("ascii", "replace").split("?", 1)[0]
    text = str(url_or_path)
    if "://" in text:
        return urlsplit(text).path or "/"
    return text.split("?", 1)[0].split("#", 1)[0]


def match_operation(
    method: str, url_or_path: Any, services: Iterable[str] | None = None
) -> tuple[str, str] | None:
    """`(service, operation_id)` of the operation a request calls, across all services (or the
    given ones), or None; e.g. `match_operation("GET", "http://host/overmind/api/jobs/7/")`
    -> `("overmind", "getJob")`. When several match, a service named by a segment of the
    prefix wins, then the longest template; a prefix that names other services but not the
    candidate's rules it out (`/overmind/api/jobs/7` is not Modzy's `/jobs/{jobIdentifier}`)."""
    path = request_path(url_or_path)
    registered = set(specs.services())
    best: tuple[tuple[bool, int], str, str] | None = None
    for service in specs.services() if services is None else services:
        for operation_id, prefix, literal in matcher(service).candidates(method, path):
            named = registered.intersection(prefix.split("/"))
            if named and service not in named:
                continue
            score = (service in named, literal)
            if best is None or score > best[0]:
                best = (score, service, operation_id)
    return None if best is None else (best[1], best[2])

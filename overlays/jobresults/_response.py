"""A typed result together with the HTTP response it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final, Generic, TypeVar

import httpx

from ._http import CALL_ELAPSED, RETRIES_TAKEN

T = TypeVar("T")

REQUEST_ID_HEADERS: Final = (
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-correlation-id",
    "x-trace-id",
    "traceparent",
)
"""The headers a service names its request id in, in the order they are looked for (services
use one of these; none of the specs declares another)."""


def request_id_of(headers: httpx.Headers) -> str | None:
    """The request id in `headers` (see `REQUEST_ID_HEADERS`), or None."""
    for name in REQUEST_ID_HEADERS:
        value: str | None = headers.get(name)
        if value:
            return value
    return None


@dataclass(frozen=True, repr=False)
class ApiResponse(Generic[T]):
    """What a `*_response` method returns: `.parsed` (the typed result) and `.http` (the response).

    The typed result keeps only what the spec declares; everything else the server sent stays
    reachable here: `.json()` is the whole body as plain JSON, `.extra_fields()` holds the keys
    the spec does not declare, `.deviations()` every way the body departs from the spec.
    """

    parsed: T
    http: httpx.Response
    service: str
    operation_id: str

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http.headers

    @property
    def retries_taken(self) -> int:
        """How many times the call was retried before this response (0: the first attempt)."""
        taken: int = self.http.extensions.get(RETRIES_TAKEN, 0)
        return taken

    @property
    def elapsed(self) -> timedelta:
        """How long the whole call took, its retries and their pauses included, until the body
        was read (`.http.elapsed` is the last attempt's alone)."""
        seconds = self.http.extensions.get(CALL_ELAPSED)
        if seconds is None:  # a response made by hand
            return self.http.elapsed if hasattr(self.http, "_elapsed") else timedelta(0)
        return timedelta(seconds=seconds)

    @property
    def request_id(self) -> str | None:
        """The id the service gave this request, from the first of the usual headers it sent
        (`REQUEST_ID_HEADERS`: x-request-id, request-id, ...), or None. Quote it when you ask
        the service about a call."""
        return request_id_of(self.http.headers)

    @property
    def content(self) -> bytes:
        """The raw body, exactly as received."""
        return self.http.content

    def json(self) -> Any:
        """The whole body as plain JSON (dicts and lists), undeclared keys included; every
        integer is a Python int, exactly, however large."""
        from ._json import loads

        return loads(self.http.content)

    def deviations(self) -> list[Any]:
        """Every way the body departs from the spec, checked strictly (`Violation` objects)."""
        from .validate import validate_response

        report = validate_response(
            self.service,
            self.operation_id,
            self.http.status_code,
            self.http.content,
            self.http.headers,
            strict=True,
        )
        return list(report.violations)

    def extra_fields(self) -> dict[str, Any]:
        """What the server sent that the spec does not declare, `{JSON pointer: value}` in the
        body's order: the keys the typed result did not keep (see `ResponseModel.extra_fields`;
        a result of plain JSON keeps every key)."""
        from ._extra import undeclared

        return undeclared(self.parsed, self.http.content)

    def __repr__(self) -> str:
        return (
            f"<ApiResponse {self.service}.{self.operation_id} {self.http.status_code} "
            f"{type(self.parsed).__name__}>"
        )

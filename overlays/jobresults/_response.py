"""A typed result together with the HTTP response it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

T = TypeVar("T")


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

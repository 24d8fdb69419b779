"""The four services as the mock serves them: URL prefixes, fixed API keys and auth headers."""

from __future__ import annotations

from typing import Final, Literal

ServiceName = Literal["modzy", "llamacloud", "wickson", "overmind"]

SERVICES: Final[tuple[ServiceName, ...]] = ("modzy", "llamacloud", "wickson", "overmind")

API_KEYS: Final[dict[str, str]] = {
    "modzy": "mock-modzy-key-0000000000",
    "llamacloud": "llx-mock-llamacloud-key-0000000000",
    "wickson": "mock-wickson-key-0000000000",
    "overmind": "mock-overmind-key-0000000000",
}
"""The one API key each service of the mock accepts (fixed and documented, never a real key)."""

BASE_PATHS: Final[dict[str, str]] = {
    "modzy": "/modzy/api",
    "llamacloud": "/llamacloud",
    "wickson": "/wickson",
    "overmind": "/overmind",
}
"""Where each service's base URL points on the mock (Modzy's base URLs end in /api)."""

CONTROL_PATH: Final = "/_mock"
"""The prefix of the test-control API (not part of any service's spec)."""


def check_service(service: str) -> ServiceName:
    """`service` as a service name, or a ValueError naming the valid ones."""
    for name in SERVICES:
        if name == service:
            return name
    raise ValueError(f"unknown service {service!r}; valid services: {', '.join(SERVICES)}")


def auth_headers(service: str, api_key: str | None = None) -> dict[str, str]:
    """The header that authenticates a request to `service` (with the mock's key by default)."""
    key = API_KEYS[check_service(service)] if api_key is None else api_key
    if service == "modzy":
        return {"Authorization": f"ApiKey {key}"}
    if service == "llamacloud":
        return {"Authorization": f"Bearer {key}"}
    return {"X-Api-Key": key}


def presented_key(service: ServiceName, headers: dict[str, str]) -> str | None:
    """The API key a request presents in `service`'s header form (lower-case header names)."""
    if service in ("wickson", "overmind"):
        return headers.get("x-api-key")
    scheme = "apikey" if service == "modzy" else "bearer"
    value = headers.get("authorization", "")
    given_scheme, _, key = value.strip().partition(" ")
    if given_scheme.lower() != scheme or not key.strip():
        return None
    return key.strip()


def service_of_path(path: str) -> ServiceName | None:
    """The service whose prefix `path` starts with, if any."""
    first = path.split("/", 2)[1] if path.startswith("/") else ""
    for name in SERVICES:
        if name == first:
            return name
    return None

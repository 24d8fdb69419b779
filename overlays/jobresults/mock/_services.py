"""Where and how the mock serves each service of the registry: its base path, its fixed API key
and the header that carries it. Every fact comes from the service's spec (`jobresults.specs`);
nothing here lists services.

- The base path is `/<service>` followed by the path of the spec's first server URL (with its
  variables at their defaults): `https://{host}/api` puts Modzy at `/modzy/api`,
  `https://api.wickson.ai` puts Wickson at `/wickson`.
- The key is `mock-<service>-key-0000000000`, after the prefix the service's keys begin with when
  the spec's `x-jobresults` says so (`api-key-prefix: llx-` gives LlamaCloud
  `llx-mock-llamacloud-key-0000000000`). It is fixed and documented, never a real key.
- The key goes in the header `specs.service(name).auth_header`, after the scheme word when the
  scheme has one (`Authorization: ApiKey <key>`, `Authorization: Bearer <key>`, `X-Api-Key: <key>`).

`API_KEYS`, `BASE_PATHS` and `SERVICES` are live views of the registry: a spec added through
`JOBRESULTS_SPEC_PATH` shows in them at once. `API_KEYS` takes overrides (`API_KEYS[name] = key`)
for apps created afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Final, overload
from urllib.parse import urlsplit

from .. import specs

CONTROL_PATH: Final = "/_mock"
"""The prefix of the test-control API (not part of any service's spec)."""

KEY_PREFIX_FIELD: Final = "api-key-prefix"
"""The `x-jobresults` field naming how the service's API keys begin (e.g. `llx-`)."""


def check_service(service: str) -> str:
    """`service` if the registry has it, else a ValueError naming the services there are."""
    return specs.check_service(service)


def server_path(service: str) -> str:
    """The path of the service's first server URL, variables at their defaults (`/api`), or ''."""
    spec = specs.load(service)
    servers = spec.get("servers") or []
    server = servers[0] if servers and isinstance(servers[0], dict) else {}
    url = str(server.get("url") or "")
    for name, variable in (server.get("variables") or {}).items():
        default = variable.get("default", "") if isinstance(variable, dict) else ""
        url = url.replace("{" + str(name) + "}", str(default))
    path = urlsplit(url).path if "://" in url else url
    return "/" + path.strip("/") if path.strip("/") else ""


def base_path(service: str) -> str:
    """Where the service's base URL points on the mock: `/<service>` + its server URL's path."""
    return f"/{check_service(service)}{server_path(service)}"


def default_api_key(service: str) -> str:
    """The key the mock accepts for `service` unless `API_KEYS` says otherwise."""
    extension = specs.load(check_service(service)).get(specs.EXTENSION) or {}
    prefix = extension.get(KEY_PREFIX_FIELD, "") if isinstance(extension, dict) else ""
    return f"{prefix}mock-{service}-key-0000000000"


class _ApiKeys(MutableMapping[str, str]):
    """`{service: key}` for every service of the registry (see the module's docstring)."""

    def __init__(self) -> None:
        self._overrides: dict[str, str] = {}

    def __getitem__(self, service: str) -> str:
        if service not in specs.services():
            raise KeyError(service)
        return self._overrides.get(service) or default_api_key(service)

    def __setitem__(self, service: str, key: str) -> None:
        self._overrides[check_service(service)] = key

    def __delitem__(self, service: str) -> None:
        del self._overrides[service]

    def __iter__(self) -> Iterator[str]:
        return iter(specs.services())

    def __len__(self) -> int:
        return len(specs.services())

    def __repr__(self) -> str:
        return f"API_KEYS({dict(self)!r})"


class _BasePaths(Mapping[str, str]):
    """`{service: base path}` for every service of the registry."""

    def __getitem__(self, service: str) -> str:
        if service not in specs.services():
            raise KeyError(service)
        return base_path(service)

    def __iter__(self) -> Iterator[str]:
        return iter(specs.services())

    def __len__(self) -> int:
        return len(specs.services())


class _Services(Sequence[str]):
    """The names of the services the mock serves: the registry's, in its order."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return specs.services()[index]

    def __len__(self) -> int:
        return len(specs.services())

    def __repr__(self) -> str:
        return repr(specs.services())


API_KEYS: Final[MutableMapping[str, str]] = _ApiKeys()
"""The one API key the mock accepts for each service (fixed and documented, never a real key)."""

BASE_PATHS: Final[Mapping[str, str]] = _BasePaths()
"""Where each service's base URL points on the mock (Modzy's base URLs end in /api)."""

SERVICES: Final[Sequence[str]] = _Services()
"""Every service the mock serves (the registry's services)."""


def auth_headers(service: str, api_key: str | None = None) -> dict[str, str]:
    """The header that authenticates a request to `service` (with the mock's key by default)."""
    facts = specs.service(check_service(service))
    key = API_KEYS[service] if api_key is None else api_key
    return {facts.auth_header: facts.auth_value(key)}

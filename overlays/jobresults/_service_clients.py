"""A client of any registered service by its name: `jobresults.client("wickson", ...)`.

The service's own package (`jobresults.wickson`) where there is one, else its generated module
(`jobresults_api.<service>`, written by `make generate`), else, for a spec found only at run
time (`JOBRESULTS_SPEC_PATH`), a client built from the spec then: no typed methods, but raw
calls (`request`, `get`), `snapshot` and `wait_all` from the spec's job rule, and validation.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

from . import specs
from ._client_base import AsyncBaseClient, BaseClient


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is not None and name.startswith(error.name):
            return None  # no such module (but an import failing inside one is raised)
        raise


@functools.cache
def _built(service: str, asynchronous: bool) -> type[BaseClient] | type[AsyncBaseClient]:
    base: type[BaseClient] | type[AsyncBaseClient] = AsyncBaseClient if asynchronous else BaseClient
    facts = {
        "service": specs.service(service),
        "operations": specs.operation_objects(service),
        "job_rule": specs.job_rule(service),
        "__doc__": f"A client of {service} built from its spec at run time (no typed methods).",
        "__module__": __name__,
    }
    return type("AsyncClient" if asynchronous else "Client", (base,), facts)


def client_type(
    service: str, *, asynchronous: bool = False
) -> type[BaseClient] | type[AsyncBaseClient]:
    """The client class of a registered service (see the module's docstring for which)."""
    specs.check_service(service)
    name = "AsyncClient" if asynchronous else "Client"
    for module_name in (f"jobresults.{service}", f"jobresults_api.{service}"):
        module = _module(module_name)
        if module is not None and hasattr(module, name):
            found: type[BaseClient] | type[AsyncBaseClient] = getattr(module, name)
            return found
    return _built(service, asynchronous)


def client(service: str, api_key: str | None = None, **options: Any) -> BaseClient:
    """A blocking client of `service` (any registered one), built with `options` (see
    `ClientOptions`; `http_client`, `sleep` too)."""
    found = client_type(service)
    assert issubclass(found, BaseClient)
    return found(api_key, **options)


def async_client(service: str, api_key: str | None = None, **options: Any) -> AsyncBaseClient:
    """An asyncio client of `service` (any registered one), built with `options`."""
    found = client_type(service, asynchronous=True)
    assert issubclass(found, AsyncBaseClient)
    return found(api_key, **options)

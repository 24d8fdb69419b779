"""Building a service's client from the command line's options."""

from __future__ import annotations

import os
from typing import Any

from ._exit_codes import ExitCode, fail


def checked_service(service: str) -> str:
    """`service` if the registry has it; else exit with the usage code, listing the services."""
    from .. import specs

    try:
        return specs.check_service(service)
    except ValueError as error:
        fail(str(error), ExitCode.USAGE)


def open_client(
    service: str,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    max_retries: int | None = None,
    asynchronous: bool = False,
    **options: Any,
) -> Any:
    """A `Client` (or `AsyncClient`) of `service`, from options or the service's environment.

    A missing API key or base URL exits with the usage code and says which option or
    environment variable gives it.
    """
    from .._service_clients import client_type

    found = client_type(checked_service(service), asynchronous=asynchronous)
    facts = found.service
    if not (api_key or os.environ.get(facts.api_key_env)):
        fail(f"no API key for {service}: pass --api-key or set {facts.api_key_env}", ExitCode.USAGE)
    if not (base_url or os.environ.get(facts.base_url_env) or facts.default_base_url):
        fail(
            f"no base URL for {service}: pass --base-url or set {facts.base_url_env}",
            ExitCode.USAGE,
        )
    if max_retries is not None:
        options["max_retries"] = max_retries
    if base_url is not None:
        options["base_url"] = base_url
    return found(api_key, **options)

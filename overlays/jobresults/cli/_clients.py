"""Building a service's client from the command line's options."""

from __future__ import annotations

import enum
import importlib
import os
from typing import TYPE_CHECKING, Any

from ._exit_codes import ExitCode, fail

if TYPE_CHECKING:
    from .._client_base import AsyncBaseClient, BaseClient


class ServiceName(enum.StrEnum):
    """The services the command line speaks to."""

    MODZY = "modzy"
    LLAMACLOUD = "llamacloud"
    WICKSON = "wickson"
    OVERMIND = "overmind"


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
    module = importlib.import_module(f"jobresults.{service}")
    client_type: type[BaseClient] | type[AsyncBaseClient] = (
        module.AsyncClient if asynchronous else module.Client
    )
    spec = client_type.service
    if not (api_key or os.environ.get(spec.api_key_env)):
        fail(f"no API key for {service}: pass --api-key or set {spec.api_key_env}", ExitCode.USAGE)
    if not (base_url or os.environ.get(spec.base_url_env) or spec.default_base_url):
        fail(
            f"no base URL for {service}: pass --base-url or set {spec.base_url_env}",
            ExitCode.USAGE,
        )
    if max_retries is not None:
        options["max_retries"] = max_retries
    return client_type(api_key, base_url=base_url, **options)

"""Running schemathesis's checks of a service's spec against a running server.

schemathesis is an optional dependency (`pip install 'jobresults[contract]'`), imported only
when a run starts. The run is schemathesis's own `run` command, in this process, so that the
API key is not visible in the process list; its output sanitizes the key too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from .. import specs
from ._spec import check_service

DEFAULT_MAX_EXAMPLES: Final = 50
DEFAULT_SEED: Final = 1
CONFIG: Final = '[warnings]\nfail-on = ["missing_auth"]\n'
"""The run's schemathesis configuration (a project's own schemathesis.toml is not read): a
server that answers every request with 401 or 403 fails the run instead of passing it."""

AUTH_HEADERS: Final = {
    "modzy": ("Authorization", "ApiKey {key}"),
    "llamacloud": ("Authorization", "Bearer {key}"),
    "wickson": ("X-Api-Key", "{key}"),
    "overmind": ("X-Api-Key", "{key}"),
}
"""Each service's auth header: name and value template."""

API_KEY_VARIABLES: Final = {
    "modzy": "MODZY_API_KEY",
    "llamacloud": "LLAMA_CLOUD_API_KEY",
    "wickson": "WICKSON_API_KEY",
    "overmind": "OVERMIND_API_KEY",
}
"""The environment variable each service's key is read from when none is given."""


class ContractUnavailableError(RuntimeError):
    """schemathesis is not installed."""


def auth_header(service: str, api_key: str) -> tuple[str, str]:
    """The header that authenticates `api_key` with `service`."""
    name, template = AUTH_HEADERS[check_service(service)]
    return name, template.format(key=api_key)


def environment_api_key(service: str) -> str | None:
    """The key in the service's environment variable, if set."""
    return os.environ.get(API_KEY_VARIABLES[check_service(service)]) or None


def schemathesis_arguments(
    service: str,
    base_url: str,
    api_key: str | None,
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[str]:
    """The arguments of `schemathesis run` for the service's shipped spec, with every check."""
    arguments = [
        "run",
        str(specs.path(check_service(service))),
        "--url",
        base_url.rstrip("/"),
        "--checks",
        "all",
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--continue-on-failure",
        "--generation-database",
        "none",
        "--workers",
        "1",
    ]
    if api_key is not None:
        name, value = auth_header(service, api_key)
        arguments += ["--header", f"{name}: {value}"]
    return arguments


def run_contract(arguments: Sequence[str]) -> int:
    """Run `schemathesis` with `arguments` (its output goes to stdout); its exit code: 0 when
    every check passed, 1 when some failed (or every request was refused as unauthorized), 2
    when the run could not test."""
    try:
        from schemathesis.cli import schemathesis
    except ImportError as error:
        raise ContractUnavailableError(
            "the contract command needs schemathesis: pip install 'jobresults[contract]'"
        ) from error
    with tempfile.TemporaryDirectory(prefix="jobresults-contract-") as folder:
        config = Path(folder) / "schemathesis.toml"
        config.write_text(CONFIG, encoding="utf-8")
        try:  # click prints usage errors itself and exits, as it does for the run's outcome
            schemathesis.main(
                args=["--config-file", str(config), *arguments], prog_name="schemathesis"
            )
        except SystemExit as exit_:
            code = exit_.code
            return code if isinstance(code, int) else (0 if code is None else 1)
    return 0

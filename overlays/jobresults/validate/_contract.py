"""Running schemathesis's checks of a service's spec against a running server.

schemathesis is an optional dependency (`pip install 'jobresults[contract]'`), imported only
when a run starts. The run is schemathesis's own `run` command, in this process, so that the
API key is not visible in the process list; its output sanitizes the key too.

Any service of the registry can be checked: the key is given to schemathesis through its own
configuration, by the spec's security scheme (`[auth.openapi.<SchemeName>]`, `api_key` for an
`apiKey` scheme, `bearer` for an HTTP bearer scheme), so that schemathesis knows which requests
carry it and checks that the server refuses requests without it. The configuration file names
the key only as `${JOBRESULTS_CONTRACT_API_KEY}`, set in this process's environment for the
run: the key is never written to disk.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .. import specs
from ._spec import check_service

DEFAULT_MAX_EXAMPLES: Final = 50
DEFAULT_SEED: Final = 1
CONFIG: Final = '[warnings]\nfail-on = ["missing_auth"]\n'
"""The run's schemathesis configuration (a project's own schemathesis.toml is not read): a
server that answers every request with 401 or 403 fails the run instead of passing it."""

KEY_VARIABLE: Final = "JOBRESULTS_CONTRACT_API_KEY"
"""The environment variable the run's configuration reads the key from."""


@dataclass(frozen=True)
class ContractRun:
    """The arguments of `schemathesis run` and the auth section of its configuration."""

    arguments: list[str]
    auth: str = ""
    """The `[auth.openapi.<Scheme>]` table (empty: no key, or sent by `--header`)."""
    api_key: str | None = field(default=None, repr=False)
    """The value the auth table reads from `KEY_VARIABLE`."""


class ContractUnavailableError(RuntimeError):
    """schemathesis is not installed."""


class ContractUsageError(ValueError):
    """schemathesis refused its arguments (an option passed through that it does not know)."""


def auth_header(service: str, api_key: str) -> tuple[str, str]:
    """The header that authenticates `api_key` with `service` (from its `securitySchemes`)."""
    facts = specs.service(check_service(service))
    return facts.auth_header, facts.auth_value(api_key)


def environment_api_key(service: str) -> str | None:
    """The key in the service's environment variable, if set."""
    return os.environ.get(specs.service(check_service(service)).api_key_env) or None


def auth_table(service: str) -> tuple[str, str] | None:
    """`(TOML table, field)` that gives schemathesis the service's key by its security scheme
    (None: a scheme schemathesis cannot be given a key for, sent by `--header` instead)."""
    facts = specs.service(check_service(service))
    schemes = specs.load(service).get("components", {}).get("securitySchemes", {}) or {}
    scheme = schemes.get(facts.security_scheme) or {}
    if scheme.get("type") == "apiKey" and scheme.get("in", "header") == "header":
        kind = "api_key"
    elif scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        kind = "bearer"
    else:
        return None
    name = facts.security_scheme.replace("\\", "\\\\").replace('"', '\\"')
    return f'[auth.openapi."{name}"]\n{kind} = "${{{KEY_VARIABLE}}}"\n', kind


def schemathesis_arguments(
    service: str,
    base_url: str,
    api_key: str | None,
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    seed: int = DEFAULT_SEED,
) -> ContractRun:
    """The `schemathesis run` of every check of the service's spec (as the registry has it),
    with the key in the configuration's auth table for the spec's security scheme."""
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
    if api_key is None:
        return ContractRun(arguments)
    table = auth_table(service)
    if table is None:
        name, value = auth_header(service, api_key)
        return ContractRun([*arguments, "--header", f"{name}: {value}"])
    auth, kind = table
    # An apiKey scheme's header carries the scheme word too (Modzy's `ApiKey <key>`).
    value = auth_header(service, api_key)[1] if kind == "api_key" else api_key
    return ContractRun(arguments, auth, value)


@contextlib.contextmanager
def _key_in_environment(value: str | None) -> Iterator[None]:
    before = os.environ.get(KEY_VARIABLE)
    if value is not None:
        os.environ[KEY_VARIABLE] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(KEY_VARIABLE, None)
        else:
            os.environ[KEY_VARIABLE] = before


def run_contract(run: ContractRun | Sequence[str]) -> int:
    """Run `schemathesis` (its output goes to stdout); its exit code: 0 when every check
    passed, 1 when some failed (or every request was refused as unauthorized), 2 when the run
    could not test. Arguments schemathesis refuses are a `ContractUsageError`."""
    if not isinstance(run, ContractRun):
        run = ContractRun(list(run))
    try:
        from schemathesis.cli import schemathesis
    except ImportError as error:
        raise ContractUnavailableError(
            "the contract command needs schemathesis: pip install 'jobresults[contract]'"
        ) from error
    with tempfile.TemporaryDirectory(prefix="jobresults-contract-") as folder:
        config = Path(folder) / "schemathesis.toml"
        config.write_text(CONFIG + run.auth, encoding="utf-8")
        arguments = ["--config-file", str(config), *run.arguments]
        import click

        try:  # not standalone: a usage error is raised, the run's outcome is returned
            with _key_in_environment(run.api_key if run.auth else None):
                returned = schemathesis.main(
                    args=arguments, prog_name="schemathesis", standalone_mode=False
                )
        except click.UsageError as error:
            raise ContractUsageError(f"schemathesis: {error.format_message()}") from None
        except click.exceptions.Exit as exit_:
            return exit_.exit_code
        except SystemExit as exit_:
            code = exit_.code
            return code if isinstance(code, int) else (0 if code is None else 1)
    return returned if isinstance(returned, int) else 0

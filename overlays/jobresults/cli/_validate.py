"""`jobresults validate` (captured responses against a spec) and `jobresults contract`
(schemathesis's checks against a running server)."""

from __future__ import annotations

import enum
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from ..validate import ValidationReport

USAGE_ERROR = 2
ALL_OPERATIONS = "all"
KIND_WIDTH = 22


class OutputFormat(enum.StrEnum):
    """How `jobresults validate` prints its report."""

    TEXT = "text"
    JSON = "json"


@dataclass
class _Outcome:
    reports: list[ValidationReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def invalid(self) -> list[ValidationReport]:
        return [report for report in self.reports if not report.ok]


def _usage_error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(USAGE_ERROR)


def _read(name: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        _usage_error(f"cannot read {name}: {error.strerror or error}")


def _parsed_json(data: bytes) -> Any:
    import orjson

    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


def validate(
    service: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="A service of the registry: a spec shipped or in JOBRESULTS_SPEC_PATH.",
        ),
    ],
    operation: Annotated[
        str,
        typer.Argument(
            metavar="OPERATION",
            help="The operationId (see `jobresults operations`), or 'all' to check every"
            " operation's entries of HAR files.",
        ),
    ],
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Captured responses: JSON bodies, or HAR files whose entries are matched to"
            " operations by method and path ('-' reads standard input).",
            show_default=False,
        ),
    ],
    status: Annotated[
        int,
        typer.Option(help="The status of the JSON bodies (HAR entries carry their own)."),
    ] = 200,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="A readable report or one JSON document.")
    ] = OutputFormat.TEXT,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="Allow fields the spec does not list (strict by default)."),
    ] = False,
) -> None:
    """Check captured responses against SERVICE's spec: JSON bodies as OPERATION's STATUS
    response, HAR entries as the response of the operation their request calls.

    Exit codes: 0 all valid, 1 any violation, 2 usage error (unknown service, operation or
    status, unreadable file, malformed HAR)."""
    import dataclasses

    from ..validate import validate_har, validate_response
    from ..validate._har import is_har
    from ..validate._spec import check_service, status_keys

    operation_id = None if operation == ALL_OPERATIONS else operation
    try:
        # An unknown service or operation is a usage error before any file is read.
        check_service(service) if operation_id is None else status_keys(service, operation_id)
    except ValueError as error:
        _usage_error(str(error))
    contents = [(name, _read(name)) for name in files]
    outcome = _Outcome()
    try:
        for name, data in contents:
            parsed = _parsed_json(data)
            if name.endswith(".har") or is_har(parsed):
                if parsed is None:
                    _usage_error(f"{name} is not a HAR document (not JSON)")
                har = validate_har(
                    parsed,
                    service=service,
                    operation_id=operation_id,
                    strict=not lenient,
                    name=name,
                )
                outcome.reports.extend(har.reports)
                outcome.skipped.extend(har.skipped)
            elif operation_id is None:
                _usage_error(f"{name} is a JSON body: name its operation instead of 'all'")
            else:
                report = validate_response(service, operation_id, status, data, strict=not lenient)
                outcome.reports.append(dataclasses.replace(report, source=name))
    except ValueError as error:
        _usage_error(str(error))
    _print(outcome, output_format)
    raise typer.Exit(1 if outcome.invalid else 0)


def _print(outcome: _Outcome, output_format: OutputFormat) -> None:
    # A pointer keeps a key as the body has it, even a lone surrogate (JSON text may escape
    # one); written out, such a code point becomes its JSON escape again.
    from ..validate._pointer import printable

    if output_format is OutputFormat.JSON:
        document = {
            "ok": not outcome.invalid,
            "checked": len(outcome.reports),
            "invalid": len(outcome.invalid),
            "reports": [report.to_dict() for report in outcome.reports],
            "skipped": outcome.skipped,
        }
        typer.echo(printable(json.dumps(document, indent=2, ensure_ascii=False)))
        return
    for report in outcome.reports:
        typer.echo(printable(report.summary()))
        for violation in report.violations:
            typer.echo(f"  {violation.kind.value:<{KIND_WIDTH}} {violation.message}")
    for skipped in outcome.skipped:
        typer.echo(f"skipped {skipped}")
    count = len(outcome.reports)
    violations = sum(len(report.violations) for report in outcome.reports)
    typer.echo(
        f"{count} response{'s' if count != 1 else ''} checked: {count - len(outcome.invalid)}"
        f" valid, {len(outcome.invalid)} with violations ({violations} in all)"
        + (f"; {len(outcome.skipped)} skipped" if outcome.skipped else "")
    )


def contract(
    service: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="A service of the registry: a spec shipped or in JOBRESULTS_SPEC_PATH.",
        ),
    ],
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="The server's base URL for the service (Modzy's ends in /api; on the mock:"
            " http://HOST:PORT/<service> plus the spec's server path, e.g."
            " http://HOST:PORT/modzy/api).",
        ),
    ],
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            metavar="KEY",
            help="The key to send (default: the service's environment variable, e.g."
            " WICKSON_API_KEY, else the mock server's documented key).",
            show_default=False,
        ),
    ] = None,
    max_examples: Annotated[
        int, typer.Option(min=1, metavar="N", help="Test cases per operation and phase.")
    ] = 50,
    seed: Annotated[int, typer.Option(help="schemathesis's random seed.")] = 1,
) -> None:
    """Run every schemathesis check of SERVICE's spec against a running server and print the
    outcome. Exit codes: 0 every check passed, 1 some failed, 2 the run could not test."""
    from ..validate import _contract

    try:
        key = api_key or _contract.environment_api_key(service)
        if key is None:
            from ..mock import API_KEYS

            key = API_KEYS[service]
            typer.echo(f"no API key given: sending the mock server's key for {service}", err=True)
        arguments = _contract.schemathesis_arguments(
            service, base_url, key, max_examples=max_examples, seed=seed
        )
        code = _contract.run_contract(arguments)
    except (ValueError, _contract.ContractUnavailableError) as error:
        _usage_error(str(error))
    outcome = {0: "every check passed", 1: "some checks failed (see above)"}.get(
        code, "the run could not test"
    )
    typer.echo(f"contract {service} at {base_url}: {outcome}")
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add `validate` and `contract` to `app`."""
    app.command("validate")(validate)
    app.command("contract")(contract)

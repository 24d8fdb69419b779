"""`jobresults validate` (captured responses against a spec) and `jobresults contract`
(schemathesis's checks against a running server).

Both exit by the command line's table (`_exit_codes`): 0 all valid / every check passed, 2 a
usage error, 11 (check failed) violations found, 13 (could not test) a contract run that could
not test the server; every failure ends with its one `error: <kind>: ...` line on stderr."""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ._exit_codes import ExitCode, fail

if TYPE_CHECKING:
    from ..validate import ValidationReport

ALL_OPERATIONS = "all"
KIND_WIDTH = 22


class OutputFormat(enum.StrEnum):
    """How `jobresults validate` prints its report."""

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"


@dataclass
class _Outcome:
    reports: list[ValidationReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def invalid(self) -> list[ValidationReport]:
        return [report for report in self.reports if not report.ok]


def _usage_error(message: str) -> NoReturn:
    fail(message, ExitCode.USAGE)


def _read(name: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        _usage_error(f"cannot read {name}: {error.strerror or error}")


def _parsed_json(data: bytes) -> Any:
    """`data` as JSON, or None if it is not JSON. orjson first; what it refuses and JSON allows
    (integers past 64 bits, say in a HAR's sizes) is read by the standard library."""
    import orjson

    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
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
        OutputFormat,
        typer.Option(
            "--format",
            help="A readable report, one JSON document, or JUnit XML (one test case per"
            " response checked) for CI.",
        ),
    ] = OutputFormat.TEXT,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="Allow fields the spec does not list (strict by default)."),
    ] = False,
) -> None:
    """Check captured responses against SERVICE's spec: JSON bodies as OPERATION's STATUS
    response, HAR entries as the response of the operation their request calls.

    Exit codes: 0 all valid, 11 violations found (check failed), 2 usage error (unknown
    service, operation or status, unreadable file, malformed HAR)."""

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
    if outcome.invalid:
        violations = sum(len(report.violations) for report in outcome.invalid)
        fail(
            f"{len(outcome.invalid)} of {len(outcome.reports)} responses off the {service} spec"
            f" ({violations} violation{'s' if violations != 1 else ''})",
            ExitCode.CHECK_FAILED,
        )


def _print(outcome: _Outcome, output_format: OutputFormat) -> None:
    # A pointer keeps a key as the body has it, even a lone surrogate (JSON text may escape
    # one); written out, such a code point becomes its JSON escape again.
    from ..validate._pointer import printable

    if output_format is OutputFormat.JUNIT:
        typer.echo(printable(junit_xml(outcome.reports, outcome.skipped)))
        return
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


def junit_xml(reports: list[ValidationReport], skipped: list[str]) -> str:
    """The reports as a JUnit XML document: one test case per response checked (a failure
    listing its violations), one skipped case per HAR entry that matched no operation."""
    from xml.etree import ElementTree

    failures = sum(1 for report in reports if not report.ok)
    suite = ElementTree.Element(
        "testsuite",
        name="jobresults validate",
        tests=str(len(reports) + len(skipped)),
        failures=str(failures),
        errors="0",
        skipped=str(len(skipped)),
    )
    for report in reports:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"{report.service}.{report.operation_id}",
            name=report.source or f"{report.operation_id} {report.status}",
        )
        if not report.ok:
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=f"{len(report.violations)} violations",
                type="ResponseOffSpec",
            )
            failure.text = "\n".join(
                f"{violation.kind.value}: {violation.message}" for violation in report.violations
            )
    for entry in skipped:
        case = ElementTree.SubElement(suite, "testcase", classname="skipped", name=entry)
        ElementTree.SubElement(case, "skipped", message="matches no operation of the spec")
    ElementTree.indent(suite)
    body = ElementTree.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n{body}\n</testsuites>'


def _unreachable(base_url: str) -> str | None:
    """Why nothing answers at `base_url` (None: a server answers, whatever its status)."""
    import httpx

    try:
        httpx.get(base_url, timeout=10.0)
    except httpx.InvalidURL as error:
        _usage_error(f"--base-url {base_url!r}: {error}")
    except httpx.HTTPError as error:
        return f"no server answers ({type(error).__name__}: {error or 'no answer'})"
    return None


CONTRACT_CONTEXT = {"allow_extra_args": True, "ignore_unknown_options": True}
"""`contract` passes the options it does not know on to `schemathesis run`."""


def contract(
    ctx: typer.Context,
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
    outcome. Options this command does not know go to `schemathesis run` as given, e.g.
    `--report junit --report-dir reports` or `--phases examples`.

    Exit codes: 0 every check passed, 11 some failed (check failed), 13 the run could not
    test (could not test), 2 usage error."""
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
        arguments = dataclasses.replace(arguments, arguments=[*arguments.arguments, *ctx.args])
    except (ValueError, _contract.ContractUnavailableError) as error:
        _usage_error(str(error))
    where = f"contract {service} at {base_url}"
    unreachable = _unreachable(base_url)
    if unreachable is not None:  # schemathesis would report each request as a failure
        fail(f"{where}: the run could not test: {unreachable}", ExitCode.NOT_TESTED)
    try:
        code = _contract.run_contract(arguments)
    except (ValueError, _contract.ContractUnavailableError) as error:
        _usage_error(str(error))
    if code == 0:
        typer.echo(f"{where}: every check passed")
        return
    if code == 1:
        fail(f"{where}: some checks failed (see the report above)", ExitCode.CHECK_FAILED)
    fail(f"{where}: the run could not test (schemathesis exited {code})", ExitCode.NOT_TESTED)


def register(app: typer.Typer) -> None:
    """Add `validate` and `contract` to `app`."""
    app.command("validate")(validate)
    app.command("contract", context_settings=CONTRACT_CONTEXT)(contract)

"""`jobresults proxy`: the validating reverse proxy between any client and a service."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class ProxyMode(enum.StrEnum):
    """What the proxy does with a response that breaks the spec."""

    REPORT = "report"
    REJECT = "reject"


def proxy(
    service: Annotated[
        str, typer.Argument(metavar="SERVICE", help="The spec to validate against, e.g. wickson.")
    ],
    upstream: Annotated[
        str,
        typer.Option(
            help="Where requests go, e.g. https://api.wickson.ai; its path is the spec's base.",
            show_default=False,
        ),
    ],
    host: Annotated[
        str, typer.Option(help="Interface to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: a free port).")] = 8766,
    mode: Annotated[
        ProxyMode,
        typer.Option(
            help="report: answer as the upstream did and print violations; reject: answer 502"
            " with the validation report when a response breaks the spec."
        ),
    ] = ProxyMode.REPORT,
    record: Annotated[
        str | None,
        typer.Option(
            metavar="FILE.har", help="Write every exchange to this HAR file (secrets masked)."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (one report sums their counts).")
    ] = 1,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="Allow fields the spec does not list (strict by default)."),
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="Seconds the upstream may stay silent before a 504.")
    ] = 60.0,
    max_body_bytes: Annotated[
        int | None,
        typer.Option(
            help="Bodies the proxy reads whole are refused past this size (default: the"
            " clients' own limit, 256 MiB).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Forward every request to UPSTREAM and validate each response against SERVICE's spec.

    Responses come back as the upstream sent them, plus X-Jobresults-Violations: N; each
    violation is printed on one line (kind, JSON pointer, message). GET /_proxy/report returns
    the running summary as JSON. Requests that call no operation of the spec are forwarded and
    counted as unmatched.
    """
    from .. import specs
    from .._options import DEFAULT_MAX_RESPONSE_BYTES
    from .._serving import root_url
    from ..proxy import ProxyConfig, serve
    from ..proxy._server import listening_socket

    try:
        specs.check_service(service)
        config = ProxyConfig(
            service=service,
            upstream=upstream,
            mode=mode.value,
            strict=not lenient,
            record=record,
            timeout=timeout,
            max_body_bytes=DEFAULT_MAX_RESPONSE_BYTES if max_body_bytes is None else max_body_bytes,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    try:
        sock = listening_socket(host, port)
    except OSError as error:
        from ._exit_codes import ExitCode, fail

        fail(f"cannot listen on {host}:{port}: {error.strerror or error}", ExitCode.USAGE)
    url = root_url(host, sock.getsockname()[1])

    def started() -> None:
        how = "strict" if config.strict else "lenient"
        extra = f", recording to {record}" if record else ""
        extra += f", {workers} workers" if workers > 1 else ""
        typer.echo(f"proxy {url} -> {config.upstream} ({service}, {mode.value}, {how}{extra})")
        typer.echo(f"report {url}/_proxy/report  (Ctrl+C to stop)")
        if host not in LOOPBACK_HOSTS:
            typer.echo(f"warning: listening on {host}, beyond this machine's loopback", err=True)

    serve(config, sock, workers=workers, started=started)

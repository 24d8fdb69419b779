"""`jobresults mock`: serve the embedded mock of every service of the registry (or list what it
serves)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import socket

    from starlette.applications import Starlette

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
IDS_SHOWN = 3


def mock(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: a free port).")] = 8765,
    speed: Annotated[
        float, typer.Option(help="How many times faster than real time simulated time runs.")
    ] = 1.0,
    faults: Annotated[
        str | None,
        typer.Option(
            help="Faults of the run, e.g. 429=0.2,500=0.1,reset=0.05,truncate=0.02,latency=50ms."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated jobs.")] = 0,
    replay: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE.har",
            help="Answer from these recorded exchanges first (repeat for several files).",
        ),
    ] = None,
    replay_strict: Annotated[
        bool, typer.Option("--replay-strict", help="Answer 404 for anything not recorded.")
    ] = False,
    list_only: Annotated[
        bool,
        typer.Option(
            "--list",
            help="Print the base URLs, keys and seeded ids as JSON (`progressing`: the seeded"
            " jobs that progress; POST /_mock/jobs creates more); start nothing.",
        ),
    ] = False,
    env: Annotated[
        bool,
        typer.Option(
            "--env",
            help="With --list: print `export` lines of every service's key and base URL"
            ' variables instead, for `eval "$(jobresults mock --list --env)"`.',
        ),
    ] = False,
) -> None:
    """Serve every service of the registry on one port, without the internet.

    Base URLs are http://HOST:PORT/<service> plus the path of the spec's server URL (Modzy:
    http://HOST:PORT/modzy/api). Each spec's examples are served; Modzy, LlamaCloud, Wickson and
    Overmind also keep jobs that progress. The test-control API lives under /_mock/; the
    X-Mock-Fault header asks one request for a fault, Prefer: code=N / example=NAME for one of
    the spec's responses.
    """
    from .._serving import bind_socket, root_url
    from ..mock import create_app
    from ..mock._replay import with_replay

    try:
        app = create_app(seed=seed, speed=speed, faults=faults)
        served = with_replay(app, replay, strict=replay_strict)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    if env and not list_only:
        raise typer.BadParameter("--env goes with --list", param_hint="--env")
    if list_only:
        listing = app.state.mock.listing(root_url(host, port))
        typer.echo(export_lines(listing) if env else json.dumps(listing, indent=2))
        return
    try:
        sock = bind_socket(host, port)
    except OSError as error:
        from ._exit_codes import ExitCode, fail

        fail(f"cannot listen on {host}:{port}: {error.strerror or error}", ExitCode.USAGE)
    _serve(app, sock, root_url(host, sock.getsockname()[1]), host, served)


def _serve(
    app: Starlette, sock: socket.socket, url: str, host: str, served: Any | None = None
) -> None:
    import uvicorn

    from ..mock._server import server_config

    listing = app.state.mock.listing(url)
    for service, entry in listing.items():
        label, ids = _shown_ids(entry)
        shown = ", ".join(ids[:IDS_SHOWN])
        typer.echo(f"{service:<11} {entry['base_url']}  key: {entry['api_key']}  {label}: {shown}")
    progressing = sum(len(entry.get("progressing", [])) for entry in listing.values())
    typer.echo(
        f"jobs       {progressing or 'no'} seeded job{'s' if progressing != 1 else ''} progress;"
        " the others keep their seeded state; POST /_mock/jobs creates jobs that progress"
    )
    typer.echo(f"control    {url}/_mock/  (Ctrl+C to stop)")
    if host not in LOOPBACK_HOSTS:
        typer.echo(f"warning: listening on {host}, beyond this machine's loopback", err=True)
    if served is not None and served is not app:
        typer.echo(f"replay     {served!r}")
    server = uvicorn.Server(server_config(served or app, "info"))
    server.run(sockets=[sock])


def export_lines(listing: dict[str, dict[str, Any]]) -> str:
    """`export NAME=value` lines (shell-quoted) of every service's key and base URL variables
    (the spec's `x-jobresults` names, e.g. LLAMA_CLOUD_API_KEY)."""
    import shlex

    from .. import specs

    lines = []
    for service, entry in listing.items():
        facts = specs.service(service)
        lines.append(f"export {facts.api_key_env}={shlex.quote(str(entry['api_key']))}")
        lines.append(f"export {facts.base_url_env}={shlex.quote(str(entry['base_url']))}")
    return "\n".join(lines)


def _shown_ids(entry: dict[str, Any]) -> tuple[str, list[str]]:
    """What a service's line names: its seeded jobs (the listing's list of ids: `jobs`,
    `batches`), else its example ids."""
    for label, value in entry.items():
        if isinstance(value, list) and value and label != "progressing":
            return label, [str(ident) for ident in value]
    examples = [ident for ids in entry.get("examples", {}).values() for ident in ids]
    return "examples", examples

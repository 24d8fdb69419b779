"""The options several commands share, as reusable annotated types."""

from __future__ import annotations

from typing import Annotated

import typer

ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        metavar="KEY",
        help="The service's API key (default: its environment variable, e.g. MODZY_API_KEY,"
        " LLAMA_CLOUD_API_KEY, WICKSON_API_KEY, OVERMIND_API_KEY; prefer it: arguments are"
        " visible to other users of the machine).",
        show_default=False,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="URL",
        help="The service's base URL (default: its *_BASE_URL environment variable, else the"
        " documented one; Modzy has none).",
        show_default=False,
    ),
]
MaxRetriesOption = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        min=0,
        metavar="N",
        help="Retries of a request on connection errors, 408, 429 and 5xx (default: 2).",
        show_default=False,
    ),
]
AllowInsecureHttpOption = Annotated[
    bool,
    typer.Option(
        "--allow-insecure-http",
        help="Allow a plain http:// base URL off loopback (the key then travels in clear text;"
        " http to 127.0.0.1, ::1 or localhost needs no option).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the typed result as JSON, for piping.")
]

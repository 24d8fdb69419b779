"""Keeping credentials out of what the proxy writes (the HAR file, its output lines).

Headers that carry credentials (`Authorization`, `Proxy-Authorization`, `X-Api-Key`, `Cookie`,
`Set-Cookie`, and the service's own auth header) are masked whole. The credential values a
request carried there, and the service's configured key (its environment variable, e.g.
`WICKSON_API_KEY`), are also replaced wherever else they appear: URLs and query values (as
written and percent-encoded), request and response bodies, violation messages. Values shorter
than `MIN_SECRET_LENGTH` are masked in headers but not searched for elsewhere (a two-letter
"key" would mask half of every body).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final
from urllib.parse import quote

from .. import specs

MASK: Final = "[masked]"
SECRET_HEADERS: Final = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"}
)
MIN_SECRET_LENGTH: Final = 8


class Secrets:
    """What to mask for one service: its credential headers and its configured key."""

    def __init__(self, service: str) -> None:
        facts = specs.service(service)
        self.header_names = SECRET_HEADERS | {facts.auth_header.lower()}
        configured = (os.environ.get(facts.api_key_env) or "").strip()
        self.configured = _searchable([configured])

    def __repr__(self) -> str:
        return f"Secrets(headers={sorted(self.header_names)})"

    def of_request(self, headers: Iterable[tuple[bytes, bytes]]) -> tuple[str, ...]:
        """Every value to search for in one exchange: the configured key and the credentials
        in the request's headers (whole, and without a scheme word such as `Bearer`)."""
        found = list(self.configured)
        for name, raw in headers:
            lowered = name.decode("latin-1").lower()
            if lowered not in self.header_names:
                continue
            value = raw.decode("latin-1").strip()
            found.append(value)
            found.append(value.partition(" ")[2].strip())
            if lowered == "cookie":
                found.extend(part.partition("=")[2].strip() for part in value.split(";"))
        return _searchable(found)

    def header_value(self, name: str, value: str) -> str:
        """`value`, masked if header `name` carries credentials."""
        return MASK if name.lower() in self.header_names else value


def _searchable(values: Iterable[str]) -> tuple[str, ...]:
    """The values long enough to search for, each also percent-encoded; longest first, so a
    key is replaced before any part of it."""
    found = {v for value in values if len(value) >= MIN_SECRET_LENGTH for v in _forms(value)}
    return tuple(sorted(found, key=len, reverse=True))


def _forms(value: str) -> tuple[str, str, str]:
    return value, quote(value, safe=""), quote(value, safe="/")


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with every secret replaced by the mask."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def scrub_bytes(data: bytes, secrets: tuple[str, ...]) -> bytes:
    """`data` with every secret (as UTF-8) replaced by the mask."""
    for secret in secrets:
        encoded = secret.encode("utf-8")
        if encoded in data:
            data = data.replace(encoded, MASK.encode("ascii"))
    return data

"""The `Prefer` request header, as Stoplight Prism reads it: `code=404` picks the response of
that status, `example=NAME` the example of that name (`Prefer: code=404, example=notFound`).

Preferences are separated by commas (or semicolons), values may be quoted, and preferences
other than these two are ignored (RFC 7240). A `Prefer` the mock can apply skips the stateful
handlers: the answer is the spec's own response. It never skips the key check or the parameter
checks, which come first (as in Prism).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PREFERENCE = re.compile(r'(?:^|[,;])\s*([A-Za-z][\w-]*)\s*(?:=\s*("[^"]*"|[^,;]*))?')
_STATUS = re.compile(r"[1-5][0-9][0-9]")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class PreferError(ValueError):
    """A `Prefer` header whose `code` is not an HTTP status."""


@dataclass(frozen=True, slots=True)
class Preference:
    """What a `Prefer` header asks for (None: not asked)."""

    code: int | None = None
    example: str | None = None

    @property
    def asked(self) -> bool:
        """Whether it asks for a response or an example at all."""
        return self.code is not None or self.example is not None

    def applied(self) -> bytes:
        """The `Preference-Applied` header's value."""
        parts = [] if self.code is None else [f"code={self.code}"]
        if self.example is not None:
            token = _TOKEN.fullmatch(self.example) is not None
            parts.append(f"example={self.example}" if token else f'example="{self.example}"')
        return ", ".join(parts).encode("latin-1", "replace")

    @classmethod
    def parse(cls, header: str) -> Preference:
        """The preferences of a `Prefer` header's value."""
        code: int | None = None
        example: str | None = None
        for match in _PREFERENCE.finditer(header):
            name, value = match.group(1).lower(), (match.group(2) or "").strip().strip('"')
            if name == "code":
                if not _STATUS.fullmatch(value):
                    raise PreferError(f"Prefer: code must be an HTTP status, not {value!r}")
                code = int(value)
            elif name == "example" and value:
                example = value
        return cls(code, example)

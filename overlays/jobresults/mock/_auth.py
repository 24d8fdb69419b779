"""Each service's authentication, enforced as its spec's `securitySchemes` say: the key in the
header `specs.service(name).auth_header`, after the scheme word when there is one (any case),
compared in constant time. An HTTP scheme's 401 says which scheme it wants (WWW-Authenticate)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from .. import specs
from ._responses import RawHeaders


@dataclass(frozen=True, slots=True)
class KeyCheck:
    """How a request to one service presents the mock's key: in which header (lower case),
    after which scheme word (lower case; None: the bare key)."""

    header: bytes
    scheme: str | None
    key: bytes
    challenge: RawHeaders = ()
    """The headers a 401 carries (`WWW-Authenticate: Bearer` for an HTTP scheme)."""

    @classmethod
    def of(cls, service: str, api_key: str) -> KeyCheck:
        """The check of `service`'s scheme with the key `api_key`."""
        facts = specs.service(service)
        schemes = specs.load(service).get("components", {}).get("securitySchemes", {}) or {}
        challenge: RawHeaders = ()
        if schemes.get(facts.security_scheme, {}).get("type") == "http" and facts.auth_scheme:
            challenge = ((b"www-authenticate", facts.auth_scheme.encode("latin-1")),)
        return cls(
            facts.auth_header.lower().encode("latin-1"),
            facts.auth_scheme.lower() if facts.auth_scheme else None,
            api_key.encode("latin-1", "replace"),
            challenge,
        )

    def accepts(self, value: str | None) -> bool:
        """Whether the header's value (None: absent) presents the key."""
        if value is None:
            return False
        if self.scheme is not None:
            given_scheme, _, given = value.strip().partition(" ")
            if given_scheme.lower() != self.scheme:
                return False
            value = given.strip()
        return bool(value) and hmac.compare_digest(value.encode("latin-1", "replace"), self.key)

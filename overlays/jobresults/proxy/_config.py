"""`ProxyConfig`: what one proxy is told (service, upstream, mode, recording, limits), declared
once and carried as JSON to worker processes."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias
from urllib.parse import urlsplit

from .._options import DEFAULT_MAX_RESPONSE_BYTES

Mode: TypeAlias = Literal["report", "reject"]
MODES: Final[tuple[Mode, ...]] = ("report", "reject")

DEFAULT_PORT: Final = 8766
DEFAULT_TIMEOUT: Final = 60.0
"""Seconds the upstream may stay silent (connect, each read, each write) before a 504."""
DEFAULT_CONNECT_TIMEOUT: Final = 5.0
DEFAULT_MAX_CONNECTIONS: Final = 100
"""Connections to the upstream per worker (one httpx pool)."""

ENVIRONMENT_VARIABLE: Final = "JOBRESULTS_PROXY_CONFIG"
"""How worker processes get their configuration (JSON of `ProxyConfig`)."""


@dataclass(frozen=True, kw_only=True)
class ProxyConfig:
    """How a proxy runs.

    - `service`: the spec responses are validated against (a name of `jobresults.specs`);
    - `upstream`: where requests go; its path is the spec's base (the path a client sends,
      query included, is appended to it, and matched against the spec's path templates);
    - `mode`: "report" answers with the upstream's response and counts its violations,
      "reject" answers 502 with the validation report instead when it has any;
    - `strict`: report fields the spec does not list (False: `--lenient`);
    - `record`: a HAR file to write every exchange to (secrets masked);
    - `max_body_bytes`: bodies the proxy reads (to validate or record) are refused past this,
      the clients' own default limit;
    - `timeout`, `connect_timeout`: seconds the upstream may stay silent;
    - `tally_dir`: where worker processes keep their counts, so that `/_proxy/report` sums
      all of them (None: the counts of this process only).
    """

    service: str
    upstream: str
    mode: Mode = "report"
    strict: bool = True
    record: str | None = None
    max_body_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    tally_dir: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.upstream)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the upstream must be an http(s) URL, got {self.upstream!r}")
        if parts.query or parts.fragment:
            raise ValueError("the upstream URL takes no query or fragment")
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; valid modes: {', '.join(MODES)}")
        if self.max_body_bytes < 0 or self.max_connections < 1:
            raise ValueError("max_body_bytes must be >= 0 and max_connections >= 1")
        object.__setattr__(self, "upstream", self.upstream.rstrip("/"))

    def to_json(self) -> str:
        """The configuration as JSON (what `from_json` reads)."""
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ProxyConfig:
        """A configuration written by `to_json`."""
        return cls(**json.loads(text))

    @classmethod
    def from_environment(cls) -> ProxyConfig:
        """The configuration a worker process was started with (`ENVIRONMENT_VARIABLE`)."""
        text = os.environ.get(ENVIRONMENT_VARIABLE)
        if not text:
            raise RuntimeError(f"{ENVIRONMENT_VARIABLE} is not set: start workers with serve()")
        return cls.from_json(text)

"""The options of every client, declared once: `ClientOptions` and the per-call `RequestOptions`.

`ClientOptions` is what a client was built with, frozen, carried from the constructors to the
HTTP core (and to `to_async()` twins). Its keyword form `ClientOptionArgs` types the
constructors' `**options`; the two list the same names (a test keeps them in step), so an option
is added here and nowhere else. What differs between blocking and asyncio clients (the
`http_client` to send through, the `sleep` to pause with) is a constructor argument of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias, TypedDict

import httpx

from ._decode import DEFAULT_MAX_JSON_DEPTH
from ._retry import RetryPolicy

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
DeadlineTypes: TypeAlias = float | None
"""A whole call's deadline in seconds (None: none); see `_deadline`."""
OnRetry: TypeAlias = Callable[[int, float, str], None]
"""Called before each retry with the retry's number (1 for the first), the pause before it
(seconds) and why the attempt before failed ("503", "ConnectError: ...")."""

DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=5.0)
"""Connect within 5 s; every read, write and pool wait within 60 s."""
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_MAX_RESPONSE_BYTES: Final = 256 * 1024 * 1024
"""Bodies larger than this are refused before they are parsed."""


@dataclass(frozen=True, kw_only=True, repr=False)
class ClientOptions:
    """How a client talks to its service.

    - `base_url`: where requests go (default: the service's environment variable, then the
      spec's server URL);
    - `timeout`: httpx's per-phase timeouts for each request (connect, read, write, pool);
    - `deadline`: seconds a whole call may take, its retries and their pauses included, beside
      `timeout`'s per-read bounds (None, the default: no limit for single calls; waits bound
      each poll by the time they have left whatever this says; see `_deadline`);
    - `max_retries` / `retry`: how often and after which pauses a failed request is retried
      (`retry`, a `RetryPolicy`, wins over `max_retries` when given);
    - `strict`: validate every body against the spec and raise on any deviation;
    - `allow_insecure_http`: allow plain http to a host that is not loopback (the key would
      travel in clear text);
    - `max_response_bytes` / `max_json_depth`: bodies larger or nesting deeper are refused
      before parsing (`ResponseParseError`);
    - `default_headers` / `default_query`: sent with every request (a call's `extra_headers` /
      `extra_query` win over them; a call's own parameters win over `default_query`); the
      auth header is always the client's own;
    - `on_retry`: called before each retry (`OnRetry`: the retry's number, the pause, why);
    - `clock`: monotonic seconds, what waits tell time by (injected in tests).
    """

    base_url: str | None = None
    timeout: TimeoutTypes = field(default_factory=lambda: DEFAULT_TIMEOUT)
    deadline: DeadlineTypes = None
    max_retries: int = DEFAULT_MAX_RETRIES
    retry: RetryPolicy | None = None
    strict: bool = False
    allow_insecure_http: bool = False
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    default_headers: Mapping[str, str] = field(default_factory=dict)
    default_query: Mapping[str, Any] = field(default_factory=dict)
    on_retry: OnRetry | None = None
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.strict:  # validation is an extra: say so when the client is made
            from ._extras import require

            require("validate", "strict=True (validating every body against the spec)")

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy in force: `retry`, or the default one with `max_retries`."""
        return self.retry if self.retry is not None else RetryPolicy(max_retries=self.max_retries)

    def __repr__(self) -> str:
        return f"ClientOptions(base_url={self.base_url!r}, timeout={self.timeout!r}, ...)"


class ClientOptionArgs(TypedDict, total=False):
    """`ClientOptions` as keyword arguments (every one optional; see `ClientOptions`)."""

    base_url: str | None
    timeout: TimeoutTypes
    deadline: DeadlineTypes
    max_retries: int
    retry: RetryPolicy | None
    strict: bool
    allow_insecure_http: bool
    max_response_bytes: int
    max_json_depth: int
    default_headers: Mapping[str, str]
    default_query: Mapping[str, Any]
    on_retry: OnRetry | None
    clock: Callable[[], float]


class RequestOptions(TypedDict, total=False):
    """What one call may set for itself, as keyword arguments of every method that sends a
    request: `timeout` (httpx's per-phase timeouts), `deadline` (the whole call's),
    `max_retries`, and `extra_headers` / `extra_query` (sent beside what the spec's parameters
    and the client's defaults make, winning over both), for this call only."""

    timeout: TimeoutTypes
    deadline: DeadlineTypes
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]

"""When to retry a request, and how long to wait first."""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter.

    Attempt `n` (0 for the first retry) waits a random time in `[0, min(max_delay,
    initial_delay * 2**n)]`, or what the server's Retry-After asks when it sent one (capped at
    `max_retry_after`). Retried: connection errors, timeouts, 408, 429 and 5xx; never other 4xx.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """The jittered delay before retry number `attempt` (0-based)."""
        ceiling = min(self.max_delay, self.initial_delay * (2**attempt))
        return (rng or random).uniform(0.0, ceiling)

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        """The delay before retry `attempt`, honoring the response's Retry-After if present."""
        if response is not None:
            asked = parse_retry_after(response.headers.get("retry-after"))
            if asked is not None:
                return min(asked, self.max_retry_after)
        return self.backoff(attempt)


def is_retryable_status(status_code: int) -> bool:
    """True for 408, 429 and 5xx."""
    return status_code in RETRYABLE_STATUSES or status_code >= 500


_SECONDS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""Delay-seconds as servers send them: RFC 9110's ASCII digits, read leniently with a fraction
or a minus sign (taken as 0); not what `float()` also reads ("+5", "1e3", "inf", "nan", "1_0",
digits of other scripts), which count as unreadable."""


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent
    or unreadable."""
    if value is None:
        return None
    value = value.strip(" \t")
    if _SECONDS.fullmatch(value):
        return max(0.0, float(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))

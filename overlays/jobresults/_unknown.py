"""Enum values the specs do not list.

Lenient decoding keeps such a value instead of failing: it comes back as a pseudo-member of the
enum, named UNKNOWN, equal to the string the server sent (`JobStatus("queued") == "queued"`).
`is_unknown` tells such values apart from the listed ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import Enum

logger = logging.getLogger("jobresults")


def is_unknown(value: object) -> bool:
    """True if `value` is an enum value its spec does not list (kept by lenient decoding)."""
    if not isinstance(value, Enum):
        return False
    return type(value)._value2member_map_.get(value._value_) is not value


def warn_unknown(where: str, values: Iterable[object]) -> bool:
    """Log one WARNING (logger "jobresults") naming the unknown enum values among `values`.

    Returns True if there was one. `where` names the response, e.g. "GET https://.../results".
    """
    unknown = sorted(
        {
            f"{type(value).__name__}({_shortened(str(value))})"
            for value in values
            if is_unknown(value)
        }
    )
    if not unknown:
        return False
    listed = ", ".join(unknown[:_LISTED])
    if len(unknown) > _LISTED:
        listed += f" and {len(unknown) - _LISTED} more"
    logger.warning("%s: values the spec does not list, kept as they came: %s", where, listed)
    return True


_LISTED = 10
_SHOWN_CHARACTERS = 60


def _shortened(text: str) -> str:
    """`text`, cut to a length a log line can carry (a server may send anything)."""
    if len(text) <= _SHOWN_CHARACTERS:
        return text
    return f"{text[:_SHOWN_CHARACTERS]}... ({len(text)} characters)"

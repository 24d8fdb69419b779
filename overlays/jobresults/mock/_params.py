"""Strict parsing of path and query parameters, as the specs define them."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, datetime

from starlette.datastructures import QueryParams

_INTEGER = re.compile(r"[+-]?[0-9]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


class ParameterError(ValueError):
    """A parameter that is not valid: which one, where, and why."""

    def __init__(self, name: str, location: str, message: str) -> None:
        super().__init__(f"{location} parameter {name!r}: {message}")
        self.name = name
        self.location = location
        self.message = message


def query_value(query: QueryParams, name: str) -> str | None:
    """The one value of query parameter `name` (None when absent; repeated is an error)."""
    values = query.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise ParameterError(name, "query", "must be given once")
    return values[0]


def text(query: QueryParams, name: str) -> str | None:
    """The one value of a query parameter that must not be empty (None when absent)."""
    value = query_value(query, name)
    if value is not None and not value:
        raise ParameterError(name, "query", "must not be empty")
    return value


def integer(
    query: QueryParams, name: str, *, default: int, minimum: int, maximum: int | None = None
) -> int:
    """Query parameter `name` as an integer within [minimum, maximum]."""
    raw = query_value(query, name)
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw):
        raise ParameterError(name, "query", "must be an integer")
    value = int(raw)
    if value < minimum:
        raise ParameterError(name, "query", f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ParameterError(name, "query", f"must be at most {maximum}")
    return value


def choice(query: QueryParams, name: str, allowed: Collection[str]) -> str | None:
    """Query parameter `name`, which must be one of `allowed` when given."""
    raw = query_value(query, name)
    if raw is not None and raw not in allowed:
        raise ParameterError(name, "query", f"must be one of {', '.join(sorted(allowed))}")
    return raw


def date_time(query: QueryParams, name: str) -> float | None:
    """Query parameter `name` as an RFC 3339 date-time, in seconds since the epoch."""
    raw = query_value(query, name)
    if raw is None:
        return None
    return parse_date_time(raw, name)


def parse_date_time(raw: str, name: str) -> float:
    """An RFC 3339 date-time (leap seconds allowed) in seconds since the epoch."""
    match = _DATE_TIME.fullmatch(raw)
    if match is None:
        raise ParameterError(name, "query", "must be an RFC 3339 date-time")
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    fraction = float(match.group(7) or 0)
    zone = match.group(8)
    try:
        moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except ValueError:
        raise ParameterError(name, "query", "must be an RFC 3339 date-time") from None
    if hour > 23 or minute > 59 or second > 60:
        raise ParameterError(name, "query", "must be an RFC 3339 date-time")
    offset = 0
    if zone not in ("Z", "z"):
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if hours > 23 or minutes > 59:
            raise ParameterError(name, "query", "must be an RFC 3339 date-time")
        offset = (hours * 3600 + minutes * 60) * (1 if zone[0] == "+" else -1)
    return moment.timestamp() + (second - min(second, 59)) + fraction - offset


def non_empty(value: str, name: str) -> str:
    """A path parameter that must not be empty."""
    if not value:
        raise ParameterError(name, "path", "must not be empty")
    return value


def uuid_text(value: str, name: str) -> str:
    """A path parameter that must be a UUID in its canonical 8-4-4-4-12 form."""
    if not _UUID.fullmatch(value):
        raise ParameterError(name, "path", f"{value!r} is not a valid UUID.")
    return value

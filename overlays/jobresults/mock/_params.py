"""Checking path and query parameters against their schemas in the spec.

Each parameter's check is built once per app from `jobresults.specs`' reading of it (type,
format, enum, bounds, minimum length, required) plus its schema's `default`. A request's values
are checked in the spec's order, path parameters first; the first that breaks its schema is the
`ParameterError` answered with the spec's 400 (or 422). Values come back converted: integers as
int, numbers as float, booleans as bool, everything else as the text sent. A query parameter
given twice is an error unless its schema is an array.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from .._service import Parameter

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
_FORMAT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class ParameterError(ValueError):
    """A parameter that is not valid: which one, where, and why."""

    def __init__(self, name: str, location: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.location = location
        self.message = message


@dataclass(frozen=True, slots=True)
class ParameterCheck:
    """How one parameter is checked and converted."""

    parameter: Parameter
    default: Any = None
    array: bool = False

    @property
    def wire(self) -> str:
        """The parameter's name as sent."""
        return self.parameter.wire

    def fail(self, message: str) -> ParameterError:
        """The error saying this parameter breaks its schema as `message` says."""
        return ParameterError(self.parameter.wire, self.parameter.location, message)

    def missing(self) -> Any:
        """The value of an absent parameter: its default, or an error if it is required."""
        if self.parameter.required:
            raise self.fail("is required")
        return self.default

    def convert(self, raw: str) -> Any:
        """`raw` checked against the schema and converted (a `ParameterError` if it breaks it)."""
        parameter = self.parameter
        if parameter.enum is not None and raw not in parameter.enum:
            raise self.fail(f"must be one of {', '.join(parameter.enum)}")
        kind = parameter.type
        if kind == "integer":
            return self._bounded(self._integer(raw))
        if kind == "number":
            if not _NUMBER.fullmatch(raw) or not math.isfinite(float(raw)):
                raise self.fail("must be a number")
            return self._bounded(float(raw))
        if kind == "boolean":
            if raw not in ("true", "false"):
                raise self.fail("must be true or false")
            return raw == "true"
        if parameter.min_length is not None and len(raw) < parameter.min_length:
            if parameter.min_length == 1:
                raise self.fail("must not be empty")
            raise self.fail(f"must be at least {parameter.min_length} characters long")
        if parameter.format == "uuid" and not _UUID.fullmatch(raw):
            raise self.fail(f"{raw!r} is not a valid UUID")
        if parameter.format == "date-time":
            parse_date_time(raw, parameter.wire, parameter.location)
        elif parameter.format == "date":
            _check_date(raw, self)
        return raw

    def _integer(self, raw: str) -> int:
        if not _INTEGER.fullmatch(raw):
            raise self.fail("must be an integer")
        value = int(raw)
        bounds = _FORMAT_BOUNDS.get(self.parameter.format or "")
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            raise self.fail(f"must be a {self.parameter.format} integer")
        return value

    def _bounded(self, value: float) -> Any:
        minimum, maximum = self.parameter.minimum, self.parameter.maximum
        if minimum is not None and value < minimum:
            raise self.fail(f"must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise self.fail(f"must be at most {maximum}")
        return value


def check_for(parameter: Parameter, schema: dict[str, Any]) -> ParameterCheck:
    """The check of `parameter`, whose (resolved) schema is `schema`."""
    return ParameterCheck(parameter, schema.get("default"), schema.get("type") == "array")


def _check_date(raw: str, check: ParameterCheck) -> None:
    match = _DATE.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        date(*(int(part) for part in match.groups()))
    except ValueError:
        raise check.fail("must be a date (YYYY-MM-DD)") from None


def parse_date_time(raw: str, name: str, location: str = "query") -> float:
    """An RFC 3339 date-time (leap seconds allowed) in seconds since the epoch."""
    match = _DATE_TIME.fullmatch(raw)
    if match is None:
        raise ParameterError(name, location, "must be an RFC 3339 date-time")
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    fraction = float(match.group(7) or 0)
    zone = match.group(8)
    try:
        moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except ValueError:
        raise ParameterError(name, location, "must be an RFC 3339 date-time") from None
    if hour > 23 or minute > 59 or second > 60:
        raise ParameterError(name, location, "must be an RFC 3339 date-time")
    offset = 0
    if zone not in ("Z", "z"):
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if hours > 23 or minutes > 59:
            raise ParameterError(name, location, "must be an RFC 3339 date-time")
        offset = (hours * 3600 + minutes * 60) * (1 if zone[0] == "+" else -1)
    return moment.timestamp() + (second - min(second, 59)) + fraction - offset

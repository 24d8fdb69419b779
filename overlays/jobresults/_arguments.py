"""An operation's arguments, checked against the spec's parameters and put on the wire.

Every generated client method hands its keyword arguments here: each is checked as its
parameter's schema says (an enum's listed values, an integer's bounds, a UUID, an ISO 8601
date-time, a non-empty string) before anything is sent, so a mistyped argument is a ValueError
naming the parameter instead of a request the service refuses. Then the path parameters are
percent-encoded into the path template and the query parameters become the query (None: left out).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any
from urllib.parse import quote

from ._service import Operation, Parameter

QueryValue = str | list[str]


def _range(parameter: Parameter) -> str:
    low, high = parameter.minimum, parameter.maximum
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" >= {low}"
    return "" if high is None else f" <= {high}"


def _within(parameter: Parameter, value: float) -> bool:
    low, high = parameter.minimum, parameter.maximum
    return (low is None or value >= low) and (high is None or value <= high)


def _integer(parameter: Parameter, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int) or not _within(parameter, value):
        raise ValueError(f"{parameter.name} must be an integer{_range(parameter)}; got {value!r}")
    return str(value)


def _number(parameter: Parameter, value: Any) -> str:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not _within(parameter, value)
    ):
        raise ValueError(f"{parameter.name} must be a number{_range(parameter)}; got {value!r}")
    return repr(value) if isinstance(value, float) else str(value)


def _boolean(parameter: Parameter, value: Any) -> str:
    if not isinstance(value, bool):
        raise ValueError(f"{parameter.name} must be True or False; got {value!r}")
    return "true" if value else "false"


def _choice(parameter: Parameter, value: Any) -> str:
    """A listed value: exactly, or the one it matches ignoring case and surrounding spaces."""
    listed = parameter.enum or ()
    text = value.value if isinstance(value, Enum) else value
    if isinstance(text, str):
        if text in listed:
            return text
        folded = {item.lower(): item for item in listed}
        match = folded.get(text.strip().lower())
        if match is not None:
            return match
    raise ValueError(f"{parameter.name} must be one of {', '.join(listed)}; got {value!r}")


def _moment(parameter: Parameter, value: Any) -> str:
    """An ISO 8601 date-time: a datetime (naive ones are UTC), a date (its midnight UTC) or an
    ISO 8601 string (without an offset: UTC), sent in the form the string or datetime gave."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{parameter.name} must be an ISO 8601 date or date-time such as"
                f" 2024-05-01T12:00:00Z; got {value!r}"
            ) from None
    else:
        raise ValueError(
            f"{parameter.name} must be a datetime, a date or an ISO 8601 string; got {value!r}"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def _day(parameter: Parameter, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(
        f"{parameter.name} must be a date or an ISO 8601 date such as 2024-05-01; got {value!r}"
    )


def _uuid(parameter: Parameter, value: Any) -> str:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value.strip()))
        except ValueError:
            pass
    raise ValueError(
        f"{parameter.name} must be a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e;"
        f" got {value!r}"
    )


def _string(parameter: Parameter, value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise ValueError(f"{parameter.name} must be a string; got {value!r}")
    if parameter.location == "path" and value.strip() in ("", ".", ".."):
        # Any of these would change the path the request goes to.
        raise ValueError(f"{parameter.name} {value!r} is not a valid identifier")
    if parameter.min_length and len(value.strip()) < parameter.min_length:
        raise ValueError(f"{parameter.name} must be a non-empty string; got {value!r}")
    return value


def wire_value(parameter: Parameter, value: Any) -> str:
    """`value` as the text the parameter is sent as, or ValueError naming the parameter."""
    if parameter.enum is not None:
        return _choice(parameter, value)
    if parameter.type == "integer":
        return _integer(parameter, value)
    if parameter.type == "number":
        return _number(parameter, value)
    if parameter.type == "boolean":
        return _boolean(parameter, value)
    if parameter.format == "date-time":
        return _moment(parameter, value)
    if parameter.format == "date":
        return _day(parameter, value)
    if parameter.format == "uuid":
        return _uuid(parameter, value)
    return _string(parameter, value)


def _query_value(parameter: Parameter, value: Any) -> QueryValue:
    if parameter.type == "array":
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise ValueError(f"{parameter.name} must be a list; got {value!r}")
        item = Parameter(parameter.name, parameter.wire, parameter.location)
        return [wire_value(item, element) for element in value]
    return wire_value(parameter, value)


def build(operation: Operation, arguments: Mapping[str, Any]) -> tuple[str, dict[str, QueryValue]]:
    """The path (parameters percent-encoded) and query of a call with `arguments` (by Python
    name; None leaves an optional parameter out)."""
    path = operation.path
    query: dict[str, QueryValue] = {}
    for parameter in operation.parameters:
        value = arguments.get(parameter.name)
        if value is None:
            if parameter.required:
                raise ValueError(f"{parameter.name} is required")
            continue
        if parameter.location == "path":
            text = wire_value(parameter, value)
            path = path.replace("{" + parameter.wire + "}", quote(text, safe=""))
        else:
            query[parameter.wire] = _query_value(parameter, value)
    return path, query


def check_arguments(operation: Operation, **arguments: Any) -> None:
    """Check a call's arguments now (ValueError naming the first bad one), for a call made
    later: an iterator checks its arguments when it is created, not at its first page."""
    build(operation, arguments)

"""Response headers against what the spec documents: required ones present, each value as its
schema says.

A header's value is text; its schema describes the value the text stands for. The text (its
surrounding spaces and tabs trimmed, RFC 9110 section 5.5) stands for an integer when the schema
takes one and the text is ASCII digits with at most a leading minus: `delay-seconds` in
Retry-After is `1*DIGIT` (RFC 9110 section 10.2.3), so `+5`, `1_0`, `٥` and `５`, which
Python's `int()` would read, are not integers here. A `-1` is an integer that a `minimum: 0`
then rejects. Otherwise the text is a string, checked with the formats; `http-date` takes the
IMF-fixdate form, the only one RFC 9110 (section 5.6.7) lets a sender generate.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import jsonschema_rs

from ._instance import has_lone_surrogate, without_lone_surrogates
from ._pointer import short
from ._report import Violation, ViolationKind
from ._schema import DIALECT
from ._spec import DocumentedHeader, DocumentedResponse
from ._violations import FORMAT_HINTS, json_type

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_OWS = " \t"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_IMF_FIXDATE = re.compile(
    rf"({'|'.join(_DAYS)}), ([0-9]{{2}}) ({'|'.join(_MONTHS)}) ([0-9]{{4}})"
    r" ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT"
)


def is_http_date(text: str) -> bool:
    """True for an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) naming a real instant, its
    day name right; a leap second (`23:59:60`) is allowed, as RFC 9110 section 5.6.7 says."""
    found = _IMF_FIXDATE.fullmatch(text)
    if found is None:
        return False
    day, date, month, year, hour, minute, second = found.groups()
    leap = second == "60" and (hour, minute) == ("23", "59")
    try:
        when = datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(date),
            int(hour),
            int(minute),
            59 if leap else int(second),
            tzinfo=UTC,
        )
    except ValueError:
        return False
    return _DAYS[when.weekday()] == day


def header_violations(
    response: DocumentedResponse, status: int, headers: dict[str, str]
) -> Iterator[Violation]:
    """Required headers that are missing and values that break their schema (`headers` has
    lower-case names)."""
    for header in response.headers:
        value = headers.get(header.name.lower())
        if value is None:
            if header.required:
                yield Violation(
                    ViolationKind.MISSING_HEADER,
                    "",
                    header.location,
                    expected=f"header {header.name}",
                    found="nothing",
                    message=f"the {status} response lacks the required header {header.name}",
                )
            continue
        problem = _value_violation(header, value)
        if problem is not None:
            yield problem


def _forms(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a header schema allows: its `anyOf`/`oneOf` branches, or itself."""
    branches = schema.get("anyOf") or schema.get("oneOf")
    if isinstance(branches, list):
        return [branch for branch in branches if isinstance(branch, dict)]
    return [schema]


def _types(form: dict[str, Any]) -> set[str]:
    declared = form.get("type")
    return set(declared) if isinstance(declared, list) else {str(declared)} if declared else set()


def header_value(text: str, schema: dict[str, Any]) -> Any:
    """The value `text` stands for under `schema` (see the module's docstring)."""
    text = text.strip(_OWS)
    types = set().union(*(_types(form) for form in _forms(schema)))
    if types & {"integer", "number"} and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in types and _NUMBER.fullmatch(text):
        return float(text)
    return text


def _fits(form: dict[str, Any], value: Any) -> bool:
    types = _types(form)
    kind = json_type(value)
    return not types or kind in types or (kind == "integer" and "number" in types)


def _describe(form: dict[str, Any]) -> str:
    format_name = form.get("format")
    if isinstance(format_name, str) and format_name in FORMAT_HINTS:
        return FORMAT_HINTS[format_name]
    types = sorted(_types(form))
    if types == ["integer"]:
        return "an integer (ASCII digits)"
    return " or ".join(types) or "a value"


def _value_violation(header: DocumentedHeader, text: str) -> Violation | None:
    schema = header.schema if isinstance(header.schema, dict) else {}
    if not schema:
        return None
    value = header_value(text, schema)
    if isinstance(value, str) and has_lone_surrogate(value):  # jsonschema-rs reads UTF-8
        value = without_lone_surrogates(value)
    if _header_validator(header).is_valid(value):
        return None
    forms = _forms(schema)
    fitting = [form for form in forms if _fits(form, value)]
    found = short(text)
    if not fitting:
        kind = ViolationKind.WRONG_TYPE
        expected = " or ".join(sorted(set().union(*(_types(form) for form in forms))))
        hint = " (an integer is ASCII digits)" if _reads_as_number(text) else ""
        message = f"expected {expected}, found {found}{hint}"
    elif any("format" in form for form in fitting):
        kind = ViolationKind.BAD_FORMAT
        expected = " or ".join(_describe(form) for form in forms)
        message = f"{found} is not {expected}"
    else:
        kind = ViolationKind.CONSTRAINT
        expected = short(fitting[0])
        checker = jsonschema_rs.Draft202012Validator({"$schema": DIALECT, **fitting[0]})
        broken = next(iter(checker.iter_errors(value)), None)
        message = f"{found} does not match {expected}" if broken is None else broken.message
    return Violation(
        kind,
        "",
        f"{header.location}/schema",
        expected=expected,
        found=found,
        message=f"header {header.name}: {message}",
    )


def _reads_as_number(text: str) -> bool:
    """True for text Python reads as a number though JSON and HTTP do not (`+5`, `٥`, `1_0`)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


@functools.cache
def _header_validator(header: DocumentedHeader) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft202012Validator(
        {"$schema": DIALECT, **header.schema},
        validate_formats=True,
        formats={"http-date": is_http_date},
    )

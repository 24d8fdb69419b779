"""One operation of a spec, ready to serve: its route, its parameter checks, its documented
responses with their examples encoded, which ids answer what, and its error shapes.

Everything is worked out once, when an app is created; a request only matches a regular
expression, checks its parameters and sends bytes made in advance. Without a stateful handler
an operation answers from its spec alone:

- its lowest 2xx response's example for the example ids of its path parameters (the example
  that names the id, see `_examples`), and for operations without path parameters;
- the error an error example names the id in (Wickson's `batch-xyz789` answers its 404);
- 404 for any other id when the operation documents 404 (else the first 2xx example);
- with `Prefer: code=N` the response of status N (its exact key, then `NXX`, then `default`),
  with `Prefer: example=NAME` the example of that name (in that response, or in the first
  response that has one); neither documented: a 404 `application/problem+json`, as Prism answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any
from urllib.parse import parse_qsl

from .. import specs
from .._service import Operation
from ._errors import ErrorExample, ErrorShapes, phrase
from ._examples import (
    JSON_MEDIA,
    NamedExample,
    id_field_names,
    id_shape,
    media,
    named_value,
    parameter_examples,
    raw_operation,
    raw_parameters,
    response_examples,
)
from ._params import ParameterError, check_for
from ._prefer import Preference
from ._responses import RawHeaders, Reply, dumps

PROBLEM_MEDIA = "application/problem+json"
MAX_EXAMPLE_COMBINATIONS = 256


def problem(status: int, detail: str, headers: RawHeaders = ()) -> Reply:
    """An `application/problem+json` answer of the mock itself (not of the service's spec)."""
    body = {"type": "about:blank", "title": phrase(status), "status": status, "detail": detail}
    return Reply(status, dumps(body), PROBLEM_MEDIA, headers)


def _encode(value: Any, media_type: str | None) -> bytes:
    if isinstance(value, str) and media_type is not None and not JSON_MEDIA.fullmatch(media_type):
        return value.encode()
    return dumps(value)


def _status_of(key: str) -> int:
    if key.isdigit():
        return int(key)
    return int(key[0]) * 100 if key[1:].upper() == "XX" else 500


def _header_value(spec: dict[str, Any], header: dict[str, Any]) -> str:
    schema = specs.resolve(spec, header.get("schema") or {})
    schema = schema if isinstance(schema, dict) else {}
    for source, field in ((header, "example"), (schema, "example"), (schema, "default")):
        if field in source:
            return str(source[field])
    if schema.get("examples"):
        return str(schema["examples"][0])
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return str(schema["enum"][0])
    if "minimum" in schema:
        return str(schema["minimum"])
    return "0" if schema.get("type") in ("integer", "number") else "x"


@dataclass(frozen=True, slots=True)
class DocumentedResponse:
    """One response of the operation's `responses`: key, status, media type, examples (encoded
    at that status), the values of its required headers, and its body's schema."""

    key: str
    status: int
    media_type: str | None
    examples: tuple[NamedExample, ...]
    replies: tuple[Reply, ...]
    headers: RawHeaders
    schema: Any

    @classmethod
    def read(cls, spec: dict[str, Any], key: str, node: Any) -> DocumentedResponse:
        """The response `responses[key]` of a spec."""
        response = specs.resolve(spec, node)
        media_type, media_object = media(response)
        headers: list[tuple[bytes, bytes]] = []
        for name, header_node in (response.get("headers") or {}).items():
            header = specs.resolve(spec, header_node)
            if isinstance(header, dict) and header.get("required"):
                value = _header_value(spec, header).encode("latin-1", "replace")
                headers.append((str(name).lower().encode("latin-1"), value))
        examples = tuple(response_examples(spec, response))
        status = _status_of(key)
        replies = tuple(
            Reply(status, _encode(example.value, media_type), media_type, headers)
            for example in examples
        )
        schema = specs.resolve(spec, media_object.get("schema")) if media_object else None
        return cls(key, status, media_type, examples, replies, tuple(headers), schema)

    def named(self, name: str) -> int | None:
        """The position of the example called `name`, if any."""
        for index, example in enumerate(self.examples):
            if example.name == name:
                return index
        return None

    def reply(self, status: int, index: int) -> Reply:
        """Example `index` answered with `status` (the response may document a range)."""
        made = self.replies[index]
        if status == made.status:
            return made
        return Reply(status, made.body, self.media_type, self.headers)


@dataclass(frozen=True, slots=True)
class Route:
    """Where a request goes within a service: its operation and the path values, or the methods
    the path allows (for a 405), or neither (a path no operation has)."""

    operation: ServedOperation | None = None
    values: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()


_CHECKED_LIMIT = 1024
"""How many checked requests an operation keeps the outcome of (all forgotten when full)."""
_CHECKED_QUERY_LENGTH = 256
"""The longest query string whose outcome is kept."""


class ServedOperation:
    """One operation of a service, as the mock serves it (see the module's docstring)."""

    def __init__(
        self,
        service: str,
        spec: dict[str, Any],
        operation: Operation,
        *,
        requires_key: bool,
        fallback: ErrorShapes | None = None,
    ) -> None:
        raw = raw_operation(spec, operation.method, operation.path)
        self.service = service
        self.operation_id = operation.operation_id
        self.method = operation.method
        self.template = operation.path
        self.spec = spec
        self.requires_key = requires_key
        self.path_names = tuple(re.findall(r"\{([^}]+)\}", operation.path))
        self.pattern = _path_pattern(operation.path)
        self.literal_length = len(re.sub(r"\{[^}]+\}", "", operation.path))
        parameters = {
            (p.get("in"), p.get("name")): p for p in raw_parameters(spec, operation.path, raw)
        }
        checks = {
            (p.location, p.wire): check_for(
                p, _schema_of(spec, parameters.get((p.location, p.wire), {}))
            )
            for p in operation.parameters
        }
        self.path_checks = tuple(
            checks[("path", name)] for name in self.path_names if ("path", name) in checks
        )
        self.query_checks = tuple(
            check for (location, _), check in checks.items() if location == "query"
        )
        self.query_names = frozenset(check.wire for check in self.query_checks)
        self.responses = {
            str(key): DocumentedResponse.read(spec, str(key), node)
            for key, node in (raw.get("responses") or {}).items()
        }
        self.success = next(
            (self.responses[key] for key in sorted(self.responses) if key.startswith("2")), None
        )
        self.by_ids = self._ids_of_examples(spec, parameters)
        single = [values[0] for values in self.by_ids] if len(self.path_names) == 1 else []
        self.errors = ErrorShapes(
            self._error_examples(),
            id_shape=id_shape(single),
            parameter_names=frozenset(p.wire for p in operation.parameters),
            fallback=fallback,
        )
        self.error_ids = self._ids_of_errors()
        documents = self.errors.documents
        self.invalid_status = 400 if documents(400) or not documents(422) else 422
        self._checked: dict[tuple[tuple[str, ...], bytes], dict[str, Any]] = {}

    # Reading the spec.

    def _error_examples(self) -> dict[str, ErrorExample]:
        found: dict[str, ErrorExample] = {}
        for key, response in self.responses.items():
            if response.status < 400 or not response.examples:
                continue
            media_type = response.media_type or "application/json"
            found[key] = ErrorExample(
                response.status, media_type, response.examples[0].value, response.headers
            )
        return found

    def _ids_of_examples(
        self, spec: dict[str, Any], parameters: Mapping[tuple[Any, Any], dict[str, Any]]
    ) -> dict[tuple[str, ...], int]:
        """`{path values: position of the 2xx example served for them}`."""
        found: dict[tuple[str, ...], int] = {}
        if not self.path_names or self.success is None or not self.success.examples:
            return found
        names = [id_field_names(name) for name in self.path_names]
        for index, example in enumerate(self.success.examples):
            values = [named_value(example.value, field_names) for field_names in names]
            if all(value is not None for value in values):
                found.setdefault(tuple(str(value) for value in values), index)
        listed = [
            parameter_examples(spec, parameters.get(("path", name), {})) for name in self.path_names
        ]
        success = self.success
        for count, combination in enumerate(product(*listed)):
            if count >= MAX_EXAMPLE_COMBINATIONS:
                break
            key = tuple(str(example.value) for example in combination)
            # A parameter example goes with the response example of its name, else the first.
            paired = [success.named(e.name) for e in combination if e.name is not None]
            found.setdefault(key, next((i for i in paired if i is not None), 0))
        return found

    def _ids_of_errors(self) -> dict[tuple[str, ...], int]:
        """`{path values: error status}` for the ids the error examples name."""
        found: dict[tuple[str, ...], int] = {}
        if len(self.path_names) != 1:
            return found
        names = id_field_names(self.path_names[0])
        for key in sorted(self.errors.examples):
            example = self.errors.examples[key]
            words = self.errors.ids_in(key)
            named = named_value(example.value, names)
            for word in [*words, *([] if named is None else [named])]:
                if (word,) not in self.by_ids:
                    found.setdefault((word,), example.status)
        return found

    # Serving.

    def match(self, path: str) -> tuple[str, ...] | None:
        """The path values if `path` (under the base path) is this operation's."""
        found = self.pattern.fullmatch(path)
        return None if found is None else found.groups()

    def check(self, values: tuple[str, ...], query_string: bytes) -> dict[str, Any]:
        """The query values, after checking every parameter (a `ParameterError` if one breaks
        its schema).

        The outcome depends on the path values and the query string alone, so that of a valid
        request is kept (for short query strings, a bounded number of them): clients ask for
        the same pages and jobs again and again, and parsing and converting the query was a
        good part of the mock's own time per request."""
        key = (values, query_string)
        checked = self._checked.get(key)
        if checked is None:
            checked = self._check(values, query_string)
            if len(query_string) <= _CHECKED_QUERY_LENGTH:
                if len(self._checked) >= _CHECKED_LIMIT:
                    self._checked.clear()
                self._checked[key] = checked
        return dict(checked)  # a copy: the kept one stays as it was

    def _check(self, values: tuple[str, ...], query_string: bytes) -> dict[str, Any]:
        for check, value in zip(self.path_checks, values, strict=False):
            check.convert(value)
        given: dict[str, list[str]] = {}
        if query_string:
            for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
                if name in self.query_names:
                    given.setdefault(name, []).append(value)
        query: dict[str, Any] = {}
        for check in self.query_checks:
            raw = given.get(check.wire)
            if raw is None:
                value = check.missing()
                if value is not None:
                    query[check.wire] = value
            elif check.array:
                query[check.wire] = raw
            elif len(raw) > 1:
                raise ParameterError(check.wire, "query", "must be given once")
            else:
                query[check.wire] = check.convert(raw[0])
        return query

    def invalid(self, error: ParameterError, values: tuple[str, ...]) -> Reply:
        """The answer to a parameter that breaks its schema (400, or the 422 the spec has)."""
        return self.errors.reply(
            self.invalid_status, message=str(error), identifier=_identifier(values), failed=error
        )

    def example_reply(self, values: tuple[str, ...]) -> Reply:
        """The answer from the spec alone to a valid request with these path values."""
        success = self.success
        if success is None:
            return problem(500, f"{self.operation_id} documents no 2xx response")
        if not success.replies:
            if success.media_type is None:
                return Reply(success.status, b"", None, success.headers)
            return problem(500, f"{self.operation_id}: the {success.key} response has no example")
        if not self.path_names:
            return success.replies[0]
        index = self.by_ids.get(values)
        if index is not None:
            return success.replies[index]
        identifier = _identifier(values)
        status = self.error_ids.get(values)
        if status is not None:
            return self.errors.reply(status, identifier=identifier)
        if self.errors.documents(404):
            return self.errors.reply(404, identifier=identifier)
        return success.replies[0]

    def response_for(self, status: int) -> DocumentedResponse | None:
        """The response documenting `status`: its own key, then its range, then `default`."""
        for key in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
            if key in self.responses:
                return self.responses[key]
        return None

    def preferred(self, preference: Preference, values: tuple[str, ...]) -> Reply:
        """The answer a `Prefer` header asks for (see the module's docstring)."""
        found = self._preferred_response(preference)
        if isinstance(found, Reply):
            return found
        documented, status, index = found
        applied = ((b"preference-applied", preference.applied()),)
        if status >= 400:
            chosen = None
            if index is not None:
                value = documented.examples[index].value
                media_type = documented.media_type or "application/json"
                chosen = ErrorExample(status, media_type, value, documented.headers)
            reply = self.errors.reply(status, identifier=_identifier(values), example=chosen)
            return reply.with_headers(applied)
        if not documented.replies:
            return Reply(status, b"", None, (*documented.headers, *applied))
        if index is None:
            index = self.by_ids.get(values, 0) if documented is self.success else 0
        return documented.reply(status, index).with_headers(applied)

    def _preferred_response(
        self, preference: Preference
    ) -> tuple[DocumentedResponse, int, int | None] | Reply:
        """The response, status and example position `preference` picks, or the problem
        saying the spec has none such."""
        wanted = preference.example
        if preference.code is None:
            ranked = sorted(
                self.responses.values(), key=lambda r: (not 200 <= r.status < 300, r.status)
            )
            for documented in ranked:
                index = None if wanted is None else documented.named(wanted)
                if index is not None:
                    return documented, documented.status, index
            return problem(404, f"{self.operation_id} has no example {wanted!r}")
        documented_or_none = self.response_for(preference.code)
        if documented_or_none is None:
            keys = ", ".join(self.responses)
            detail = f"{self.operation_id} documents no {preference.code} response ({keys})"
            return problem(404, detail)
        documented = documented_or_none
        if wanted is None:
            return documented, preference.code, None
        index = documented.named(wanted)
        if index is None:
            names = ", ".join(str(e.name) for e in documented.examples if e.name) or "none"
            detail = (
                f"the {documented.key} response of {self.operation_id} has no example"
                f" {wanted!r} (its examples: {names})"
            )
            return problem(404, detail)
        return documented, preference.code, index

    def example_ids(self) -> dict[str, int]:
        """`{id: status}` for the ids the examples name ("/"-joined for several path values)."""
        status = self.success.status if self.success is not None else 200
        listed = {"/".join(values): status for values in self.by_ids}
        listed.update({"/".join(values): code for values, code in self.error_ids.items()})
        return listed


def _identifier(values: tuple[str, ...]) -> str | None:
    return values[0] if len(values) == 1 else None


def _schema_of(spec: dict[str, Any], parameter: dict[str, Any]) -> dict[str, Any]:
    schema = specs.resolve(spec, parameter.get("schema") or {})
    return schema if isinstance(schema, dict) else {}


def _path_pattern(template: str) -> re.Pattern[str]:
    """A template's pattern; a path value may hold any character, slashes and line breaks too."""
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join(
        r"([\s\S]*)" if part.startswith("{") and part.endswith("}") else re.escape(part)
        for part in parts
    )
    return re.compile(pattern)

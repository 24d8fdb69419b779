"""Error bodies from the specs' error examples.

The answer to an error status is the spec's example for that status, with what actually went
wrong written in:

- the id of the request replaces the words shaped like the operation's example ids (a 404 names
  the job asked for, not the page's example job);
- a message, when there is one to give (which parameter broke which rule, why a job has no
  result yet), replaces the example's message: the shallowest string field named `message`,
  `detail`, `msg`, `error`, `title` or `description`;
- for a parameter error, strings naming one of the operation's parameters name the one that
  failed, and a location word (`path`, `query`) beside such a name becomes its location (as in
  `"loc": ["path", "job_id"]`).

A status the operation documents no example for takes the nearest example's shape (the same
class first, e.g. a 405 the shape of the 404), with the status and its phrase where the example
had its own. Without any error example (in the operation, then in the service), the body is
`{"title": <phrase>, "status": <status>, "detail": <message>}`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Final

from ._examples import strings
from ._params import ParameterError
from ._responses import RawHeaders, Reply, dumps

MESSAGE_FIELDS: Final = ("message", "detail", "msg", "error", "title", "description")
LOCATIONS: Final = frozenset({"path", "query", "header", "cookie"})


def phrase(status: int) -> str:
    """The HTTP reason phrase of `status` ("Error" for statuses the standard does not name)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass(frozen=True, slots=True)
class ErrorExample:
    """A documented error response's example: status, media type, body and required headers."""

    status: int
    media_type: str
    value: Any
    headers: RawHeaders = ()


@dataclass(frozen=True, slots=True)
class _Rewrite:
    identifier: str | None
    id_shape: re.Pattern[str] | None
    failed: ParameterError | None
    parameter_names: frozenset[str]
    status_from: int
    status_to: int

    def value(self, node: Any) -> Any:
        if isinstance(node, str):
            return self.text(node)
        if isinstance(node, bool):
            return node
        if isinstance(node, int):
            return self.status_to if node == self.status_from else node
        if isinstance(node, dict):
            return {key: self.value(child) for key, child in node.items()}
        if isinstance(node, list):
            failed = self.failed
            names = self.parameter_names
            if failed is not None and any(isinstance(c, str) and c in names for c in node):
                return [
                    failed.location if isinstance(c, str) and c in LOCATIONS else self.value(c)
                    for c in node
                ]
            return [self.value(child) for child in node]
        return node

    def text(self, text: str) -> str:
        if self.failed is not None and text in self.parameter_names:
            return self.failed.name
        if self.status_from != self.status_to and text == phrase(self.status_from):
            return phrase(self.status_to)
        if self.identifier is not None and self.id_shape is not None:
            identifier = self.identifier
            return self.id_shape.sub(lambda _: identifier, text)
        return text


def message_path(value: Any) -> tuple[str | int, ...] | None:
    """Where the example's message is: the shallowest string field of `MESSAGE_FIELDS`."""
    level: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while level:
        following: list[tuple[tuple[str | int, ...], Any]] = []
        for path, node in level:
            if isinstance(node, dict):
                for field in MESSAGE_FIELDS:
                    if isinstance(node.get(field), str):
                        return (*path, field)
                following.extend(((*path, key), child) for key, child in node.items())
            elif isinstance(node, list):
                following.extend(((*path, index), child) for index, child in enumerate(node))
        level = following
    return None


def _set(value: Any, path: tuple[str | int, ...], text: str) -> None:
    for step in path[:-1]:
        value = value[step]
    value[path[-1]] = text


class ErrorShapes:
    """The error answers of one operation (or, for paths no operation has, of a service).

    `examples` are keyed as the spec's `responses` are (`"404"`, `"4XX"`, `"default"`).
    """

    def __init__(
        self,
        examples: Mapping[str, ErrorExample],
        *,
        id_shape: re.Pattern[str] | None = None,
        parameter_names: frozenset[str] = frozenset(),
        fallback: ErrorShapes | None = None,
    ) -> None:
        self.examples = dict(examples)
        self.id_shape = id_shape
        self.parameter_names = parameter_names
        self.fallback = fallback
        self._exact = {e.status: e for key, e in self.examples.items() if key.isdigit()}

    def include(self, examples: Mapping[str, ErrorExample]) -> None:
        """Add `examples` for the statuses (keys) it has none of yet."""
        for key, example in examples.items():
            self.examples.setdefault(key, example)
        self._exact = {e.status: e for key, e in self.examples.items() if key.isdigit()}

    def _documented(self, status: int) -> ErrorExample | None:
        for key in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
            if key in self.examples:
                return self.examples[key]
        return None

    def documents(self, status: int) -> bool:
        """Whether the operation has an example for `status` (its own, its range's, default)."""
        return self._documented(status) is not None

    def _source(self, status: int) -> tuple[ErrorShapes, ErrorExample] | None:
        documented = self._documented(status)
        if documented is not None:
            return self, documented
        ranked = sorted(
            self._exact.values(),
            key=lambda e: (e.status // 100 != status // 100, abs(e.status - status), e.status),
        )
        if ranked:
            return self, ranked[0]
        return self.fallback._source(status) if self.fallback is not None else None

    def reply(
        self,
        status: int,
        *,
        message: str | None = None,
        identifier: str | None = None,
        failed: ParameterError | None = None,
        example: ErrorExample | None = None,
        headers: RawHeaders = (),
    ) -> Reply:
        """The answer `status`, ready to send (see the module's docstring for what is written
        into the example; `example` replaces the spec's choice, `headers` replace documented
        headers of the same names)."""
        found = self._source(status) if example is None else (self, example)
        if found is None:
            detail = message or phrase(status)
            generic = {"title": phrase(status), "status": status, "detail": detail}
            return Reply(status, dumps(generic), "application/json", headers)
        shapes, chosen = found
        own_status = chosen.status == status or shapes._documented(status) is chosen
        rewrite = _Rewrite(
            identifier,
            shapes.id_shape if shapes is self else None,
            failed,
            shapes.parameter_names,
            chosen.status,
            status,
        )
        body = rewrite.value(chosen.value)
        if message is None and not own_status:
            message = phrase(status)
        where = message_path(chosen.value)
        if message is not None and where is not None:
            _set(body, where, message)
        elif message is not None and isinstance(body, str):
            body = message
        text = isinstance(body, str) and "json" not in chosen.media_type
        encoded = body.encode() if text else dumps(body)
        reply = Reply(status, encoded, chosen.media_type, chosen.headers if own_status else ())
        return reply.with_headers(headers) if headers else reply

    def ids_in(self, key: str) -> list[str]:
        """The words of the example `key` shaped like the operation's ids."""
        example = self.examples.get(key)
        if example is None or self.id_shape is None:
            return []
        found: dict[str, None] = {}
        for text in strings(example.value):
            for match in self.id_shape.finditer(text):
                found[match.group(0)] = None
        return list(found)

"""Answering from recorded exchanges: `jobresults mock --replay FILE.har`.

The HAR files (as `jobresults proxy --record` writes them, or as browsers and other proxies
save them) are read once. Each entry with a response is indexed by its service, operation,
path parameters and query: the service and operation its `_jobresults` says (the proxy writes
them), else the spec operation its method and URL path match (`match_operation`); the values
of the path parameters and the query pairs (in any order) percent-decoded. A request to the
mock (`/<service>/...`, with the key the mock accepts for that service) that has the same key
gets the recorded response: its status, its headers (less those that framed the recorded
message: the body is stored decoded) and its body, plus `X-Mock-Replay: recorded`. Exchanges
recorded several times with one key are answered in the order recorded, then the last of them
again and again (a job seen queued, running, then finished replays so).

Anything else goes to the mock's own app: its data, its 401 for a missing or wrong key, its
control API, its faults. With `strict`, a request for a service that no recorded exchange
answers gets a 404 (`X-Mock-Replay: missing`) instead of the mock's data.

`with_replay(app, files, strict=...)` wraps any ASGI app of the mock; nothing inside the app
changes.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeAlias
from urllib.parse import parse_qsl, unquote, urlsplit

import orjson

from .. import specs
from ..validate import OperationMatcher, match_operation
from ._services import auth_headers

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

Key: TypeAlias = tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]
"""(service, operationId, path parameter values, sorted query pairs)."""

REPLAY_HEADER: Final = b"x-mock-replay"
FRAMING: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "content-length",
        "content-encoding",
        "trailer",
        "upgrade",
    }
)
"""Recorded response headers not replayed: they framed a message whose body HAR stores decoded."""
_PARAMETER = re.compile(r"\{[^{}/]+\}")


class ReplayFileError(ValueError):
    """A file to replay is not a HAR document."""


@dataclass(frozen=True)
class Recorded:
    """One recorded response."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


@dataclass
class _Answers:
    responses: list[Recorded] = field(default_factory=list)
    next: int = 0

    def take(self) -> Recorded:
        found = self.responses[min(self.next, len(self.responses) - 1)]
        self.next += 1
        return found


class Recordings:
    """The recorded exchanges of some HAR files, indexed by `Key`."""

    def __init__(self) -> None:
        self._answers: dict[Key, _Answers] = {}
        self.skipped: list[str] = []
        """Entries left out, and why (no response, no body, no operation of the specs)."""

    def __len__(self) -> int:
        return sum(len(answers.responses) for answers in self._answers.values())

    def __repr__(self) -> str:
        return f"Recordings({len(self)} responses, {len(self._answers)} keys)"

    @classmethod
    def load(cls, files: Iterable[str | Path]) -> Recordings:
        """Read and index HAR files (`ReplayFileError` for a file that is not one)."""
        recordings = cls()
        for file in files:
            try:
                document = orjson.loads(Path(file).read_bytes())
            except (OSError, orjson.JSONDecodeError) as error:
                raise ReplayFileError(f"cannot read {file} as a HAR file: {error}") from None
            log = document.get("log") if isinstance(document, dict) else None
            entries = log.get("entries") if isinstance(log, dict) else None
            if not isinstance(entries, list):
                raise ReplayFileError(f"{file} is not a HAR document (it has no log.entries list)")
            for index, entry in enumerate(entries):
                recordings.add(entry, f"{file}#{index}")
        return recordings

    def add(self, entry: Any, label: str = "entry") -> None:
        """Index one HAR entry (or list it in `skipped`)."""
        if not isinstance(entry, dict):
            self.skipped.append(f"{label}: not a HAR entry")
            return
        request = entry.get("request") or {}
        response = entry.get("response") or {}
        method = str(request.get("method", "GET")).upper()
        url = str(request.get("url", ""))
        status = response.get("status")
        body = _body(response.get("content") or {})
        key = _entry_key(entry, method, url)
        if not isinstance(status, int) or not 100 <= status <= 599:
            self.skipped.append(f"{label}: no response recorded")
        elif body is None:
            self.skipped.append(f"{label}: no response body recorded")
        elif key is None:
            self.skipped.append(f"{label}: {method} {url} calls no operation of the specs")
        else:
            headers = tuple(
                (str(pair["name"]).lower().encode("latin-1"), str(pair["value"]).encode("latin-1"))
                for pair in response.get("headers") or []
                if str(pair.get("name", "")).lower() not in FRAMING
            )
            answers = self._answers.setdefault(key, _Answers())
            answers.responses.append(Recorded(status, headers, body))

    def answer(self, key: Key) -> Recorded | None:
        """The next recorded response for `key`, or None."""
        answers = self._answers.get(key)
        return None if answers is None else answers.take()


def _body(content: dict[str, Any]) -> bytes | None:
    text = content.get("text")
    if not isinstance(text, str):
        return None if content.get("size") else b""
    if content.get("encoding") == "base64":
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
    return text.encode("utf-8")


def _entry_key(entry: dict[str, Any], method: str, url: str) -> Key | None:
    parts = urlsplit(url)
    told = entry.get("_jobresults")
    service, operation_id = (
        (told.get("service"), told.get("operation")) if isinstance(told, dict) else (None, None)
    )
    if service not in specs.services() or not operation_id:
        matched = match_operation(method, parts.path or "/")
        if matched is None:
            return None
        service, operation_id = matched
    return _key(str(service), str(operation_id), parts.path or "/", parts.query)


def request_key(method: str, raw_path: str, query: str) -> Key | None:
    """The key of a request to the mock (`/<service>/...` under the mock's prefixes)."""
    service = raw_path.split("/", 2)[1] if raw_path.startswith("/") else ""
    if service not in specs.services():
        return None
    found = [
        (literal, operation_id)
        for operation_id, prefix, literal in OperationMatcher(service).candidates(method, raw_path)
        if prefix.split("/")[1:2] == [service]
    ]
    if not found:
        return None
    return _key(service, max(found)[1], raw_path, query)


def _key(service: str, operation_id: str, path: str, query: str) -> Key | None:
    template = specs.operations(service).get(operation_id, ("", None))[1]
    if template is None:
        return None
    matched = _template_pattern(template).fullmatch(path)
    if matched is None:
        return None
    values = tuple(unquote(value) for value in matched.groups())
    pairs = tuple(sorted(parse_qsl(query, keep_blank_values=True)))
    return service, operation_id, values, pairs


@functools.cache
def _template_pattern(template: str) -> re.Pattern[str]:
    """`.*?` then the template, each `{param}` one captured segment."""
    literals = _PARAMETER.split(template)
    return re.compile(".*?" + "([^/]+)".join(re.escape(literal) for literal in literals))


def _presents_key(scope: Scope, service: str) -> bool:
    """Whether the request carries the key the mock accepts for `service`."""
    try:
        wanted = auth_headers(service)
    except (KeyError, ValueError):  # a service the mock holds no key for
        return True
    headers = {name.decode("latin-1").lower(): value for name, value in scope["headers"]}
    return all(
        headers.get(name.lower()) == value.encode("latin-1") for name, value in wanted.items()
    )


class ReplayApp:
    """The mock's app, answering from recordings first (see the module's docstring)."""

    def __init__(self, app: ASGIApp, recordings: Recordings, *, strict: bool = False) -> None:
        self.app = app
        self.recordings = recordings
        self.strict = strict

    def __repr__(self) -> str:
        return f"ReplayApp({self.recordings!r}, strict={self.strict})"

    def __getattr__(self, name: str) -> Any:
        # The wrapped app's attributes (`state`, `faults`) stay reachable through the wrapper.
        if name == "app":
            raise AttributeError(name)
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1")
        query = scope["query_string"].decode("latin-1")
        key = request_key(scope["method"], raw_path, query)
        service = raw_path.split("/", 2)[1] if raw_path.startswith("/") else ""
        if service not in specs.services() or not _presents_key(scope, service):
            await self.app(scope, receive, send)
            return
        recorded = None if key is None else self.recordings.answer(key)
        if recorded is not None:
            await _send(
                send,
                recorded.status,
                [*recorded.headers, (REPLAY_HEADER, b"recorded")],
                recorded.body,
            )
        elif self.strict:
            target = raw_path + (f"?{query}" if query else "")
            what = f" ({key[0]} {key[1]})" if key is not None else ""
            message = f"no recorded exchange answers {scope['method']} {target}{what}"
            body = orjson.dumps({"error": "not_recorded", "message": message})
            headers = [(b"content-type", b"application/json"), (REPLAY_HEADER, b"missing")]
            await _send(send, 404, headers, body)
        else:
            await self.app(scope, receive, send)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    framed = [*headers, (b"content-length", str(len(body)).encode("ascii"))]
    await send({"type": "http.response.start", "status": status, "headers": framed})
    await send({"type": "http.response.body", "body": body})


def with_replay(
    app: ASGIApp, files: Iterable[str | Path] | None, *, strict: bool = False
) -> ASGIApp:
    """`app` answering from the recorded exchanges of `files` first (`app` itself when none
    are given and not `strict`)."""
    files = list(files or ())
    if not files and not strict:
        return app
    return ReplayApp(app, Recordings.load(files), strict=strict)

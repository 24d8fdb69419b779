"""Recording exchanges as HAR 1.2 (`--record FILE.har`), credentials masked (see `_secrets`).

The file is a complete HAR document at every moment between two writes: it starts as a log
with no entries, and each entry is written over the document's closing brackets, followed by
them again, under an exclusive lock on the file (`flock`), so that the worker processes of one
proxy can append to one file. An entry is written before the client gets the end of its
answer, so a HAR read after a response holds it; entries are in the order their exchanges
ended. Each holds the request as sent upstream (the upstream's URL), the response as it came
(headers as received, the body decoded from its Content-Encoding, as text when it is UTF-8 and
in base64 otherwise), timings, and `_jobresults`: the service, the operation matched (None if
none) and the number of violations. An exchange the upstream failed has the status 0 and
`_error` (HAR readers, and `jobresults validate`, skip it as holding no response).
"""

from __future__ import annotations

import base64
import datetime
import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qsl

import httpx
import orjson

from .. import __version__
from ._secrets import MASK, Secrets, scrub, scrub_bytes

HEAD: Final = (
    b'{"log": {"version": "1.2", "creator": {"name": "jobresults", "version": "'
    + __version__.encode("ascii")
    + b'"}, "pages": [], "entries": ['
)
TAIL: Final = b"\n]}}\n"


class HarFileError(OSError):
    """The file to record into is not a HAR document this proxy began."""


def begin(path: str | os.PathLike[str]) -> None:
    """Start a new, empty HAR document at `path` (replacing what was there)."""
    Path(path).write_bytes(HEAD + TAIL)


@dataclass
class Exchange:
    """One request as sent upstream and what came back (`response` None: the upstream failed,
    `error` says how)."""

    started: datetime.datetime
    request: httpx.Request
    request_body: bytes | None
    response: httpx.Response | None = None
    raw_body: bytes = b""
    body: bytes | None = b""
    """The response body decoded (None: not recorded, e.g. over the size limit)."""
    waited: float = 0.0
    """Seconds until the response's head came."""
    received: float = 0.0
    """Seconds reading the body."""
    operation_id: str | None = None
    violations: int = 0
    error: str | None = None


class HarRecorder:
    """Appends exchanges to one HAR file (safe across threads and processes)."""

    def __init__(self, path: str | os.PathLike[str], service: str, secrets: Secrets) -> None:
        self.path = Path(path)
        self.service = service
        self.secrets = secrets
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"HarRecorder({str(self.path)!r})"

    def record(self, exchange: Exchange) -> None:
        """Write one exchange (blocking: call it from a thread when in an event loop)."""
        self.append(orjson.dumps(self.entry(exchange)))

    def entry(self, exchange: Exchange) -> dict[str, Any]:
        """The HAR entry of an exchange, with credentials masked."""
        request = exchange.request
        secrets = self.secrets.of_request(request.headers.raw)
        url = scrub(str(request.url), secrets)
        query = request.url.query.decode("ascii", "replace")
        entry: dict[str, Any] = {
            "startedDateTime": exchange.started.isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"
            ),
            "time": round((exchange.waited + exchange.received) * 1000, 3),
            "request": {
                "method": request.method,
                "url": url,
                "httpVersion": "HTTP/1.1",
                "cookies": self._cookies(request.headers.get_list("cookie")),
                "headers": self._headers(request.headers.raw, secrets),
                "queryString": [
                    {"name": scrub(name, secrets), "value": scrub(value, secrets)}
                    for name, value in parse_qsl(query, keep_blank_values=True)
                ],
                "headersSize": -1,
                "bodySize": len(exchange.request_body or b""),
            },
            "response": self._response(exchange, secrets),
            "cache": {},
            "timings": {
                "send": 0,
                "wait": round(exchange.waited * 1000, 3),
                "receive": round(exchange.received * 1000, 3),
            },
            "_jobresults": {
                "service": self.service,
                "operation": exchange.operation_id,
                "violations": exchange.violations,
            },
        }
        if exchange.request_body:
            media = request.headers.get("content-type", "application/octet-stream")
            body = scrub_bytes(exchange.request_body, secrets)
            entry["request"]["postData"] = {"mimeType": media, **_text(body)}
        return entry

    def _response(self, exchange: Exchange, secrets: tuple[str, ...]) -> dict[str, Any]:
        response = exchange.response
        if response is None:
            return {
                "status": 0,
                "statusText": "",
                "httpVersion": "",
                "cookies": [],
                "headers": [],
                "content": {"size": 0, "mimeType": "x-unknown"},
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": -1,
                "_error": scrub(exchange.error or "", secrets),
            }
        media = response.headers.get("content-type", "x-unknown")
        content: dict[str, Any] = {"size": len(exchange.raw_body), "mimeType": media}
        if exchange.body is None:
            content["comment"] = "the body was not recorded (over the proxy's size limit)"
        else:
            content["size"] = len(exchange.body)
            content["compression"] = len(exchange.body) - len(exchange.raw_body)
            content.update(_text(scrub_bytes(exchange.body, secrets)))
        return {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": response.http_version,
            "cookies": self._cookies(response.headers.get_list("set-cookie"), set_cookie=True),
            "headers": self._headers(response.headers.raw, secrets),
            "content": content,
            "redirectURL": scrub(response.headers.get("location", ""), secrets),
            "headersSize": -1,
            "bodySize": len(exchange.raw_body),
        }

    def _headers(
        self, pairs: list[tuple[bytes, bytes]], secrets: tuple[str, ...]
    ) -> list[dict[str, str]]:
        headers = []
        for raw_name, raw_value in pairs:
            name = raw_name.decode("latin-1")
            value = self.secrets.header_value(name, raw_value.decode("latin-1"))
            headers.append({"name": name, "value": scrub(value, secrets)})
        return headers

    @staticmethod
    def _cookies(values: list[str], *, set_cookie: bool = False) -> list[dict[str, str]]:
        cookies = []
        for value in values:
            parts = value.split(";")[:1] if set_cookie else value.split(";")
            for part in parts:
                name = part.partition("=")[0].strip()
                if name:
                    cookies.append({"name": name, "value": MASK})
        return cookies

    def append(self, entry: bytes) -> None:
        """Write one serialized entry into the document, under the file's lock."""
        with self._lock, open(self.path, "r+b") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                end = file.seek(0, os.SEEK_END)
                if end < len(HEAD) + len(TAIL):
                    raise HarFileError(f"{self.path} is not a HAR document this proxy began")
                file.seek(end - len(TAIL) - 1)
                before = file.read(1)
                if file.read() != TAIL:
                    raise HarFileError(f"{self.path} was changed while recording")
                file.seek(end - len(TAIL))
                file.write((b"\n" if before == b"[" else b",\n") + entry + TAIL)
                file.flush()
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)


def _text(body: bytes) -> dict[str, str]:
    """A body as HAR content: UTF-8 text as it is, other bytes in base64."""
    try:
        return {"text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": base64.b64encode(body).decode("ascii"), "encoding": "base64"}

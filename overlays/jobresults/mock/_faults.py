"""Faults: parsing `--faults` and the `X-Mock-Fault` header, and applying them to requests.

Faults act around the services, never inside them, so they never change what the mock stores:
a faulted request leaves every job exactly as it was. They work for any service from its spec:
a 429 or 5xx is the operation's example of that status (or of the nearest, see `_errors`), and
the body faults find their place from the response's schema (see `_mutations`).
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import orjson

from ._connection import close_connection, reset_connection
from ._mutations import drop_required_field, set_unknown_enum

if TYPE_CHECKING:
    from ._served import ServedService

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FAULT_HEADER: Final = "x-mock-fault"
FAULT_KINDS: Final = (
    "429",
    "500",
    "502",
    "503",
    "html",
    "reset",
    "truncate",
    "malformed",
    "missing-field",
    "unknown-enum",
)
"""Every fault but `latency`, which delays a request and then answers it normally."""

DEFAULT_RETRY_AFTER: Final = 1
_DURATION = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|s)?")
_HTML_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


def parse_duration(text: str) -> float:
    """`50ms`, `0.2s` or `200` (milliseconds) in seconds."""
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a duration: {text!r} (write e.g. 50ms or 0.2s)")
    value = float(match.group(1))
    return value if match.group(2) == "s" else value / 1000


def _retry_after(text: str) -> int:
    if not text.strip().isdigit():
        raise ValueError(f"retry-after must be a whole number of seconds, not {text!r}")
    return int(text)


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """The faults of a run: each kind's probability per request, latency and Retry-After."""

    chances: tuple[tuple[str, float], ...] = ()
    latency: float = 0.0
    retry_after: int = DEFAULT_RETRY_AFTER

    @classmethod
    def parse(cls, spec: str | None) -> FaultPlan:
        """Parse e.g. `429=0.2,500=0.1,reset=0.05,truncate=0.02,latency=50ms,retry-after=0`."""
        if spec is None or not spec.strip():
            return cls()
        chances: dict[str, float] = {}
        latency, retry_after = 0.0, DEFAULT_RETRY_AFTER
        for part in spec.split(","):
            name, equals, value = (piece.strip() for piece in part.partition("="))
            if not equals:
                raise ValueError(f"fault {part.strip()!r} needs a value, e.g. {name}=0.1")
            if name == "latency":
                latency = parse_duration(value)
            elif name == "retry-after":
                retry_after = _retry_after(value)
            elif name in FAULT_KINDS:
                try:
                    chance = float(value)
                except ValueError:
                    raise ValueError(f"probability of {name} is not a number: {value!r}") from None
                if not 0.0 <= chance <= 1.0:
                    raise ValueError(f"probability of {name} must be between 0 and 1")
                chances[name] = chance
            else:
                known = ", ".join((*FAULT_KINDS, "latency", "retry-after"))
                raise ValueError(f"unknown fault {name!r}; known faults: {known}")
        if sum(chances.values()) > 1.0 + 1e-9:
            raise ValueError("the fault probabilities add up to more than 1")
        return cls(tuple(chances.items()), latency, retry_after)

    def draw(self, rng: random.Random) -> str | None:
        """The fault for one request (None for none), drawn from the probabilities."""
        if not self.chances:
            return None
        roll = rng.random()
        for kind, chance in self.chances:
            if roll < chance:
                return kind
            roll -= chance
        return None


@dataclass(frozen=True, slots=True)
class RequestFaults:
    """What an `X-Mock-Fault` header asks for one request."""

    kind: str | None = None
    latency: float | None = None
    retry_after: int | None = None
    no_random: bool = False
    """`none`: skip the run's random faults for this request."""

    @classmethod
    def parse(cls, header: str) -> RequestFaults:
        """Parse e.g. `500`, `latency=200ms`, `429, retry-after=0` or `none`."""
        kind, latency, retry_after, no_random = None, None, None, False
        for part in header.split(","):
            name, equals, value = (piece.strip() for piece in part.partition("="))
            if name == "none" and not equals:
                no_random = True
            elif name == "latency" and equals:
                latency = parse_duration(value)
            elif name == "retry-after" and equals:
                retry_after = _retry_after(value)
            elif name in FAULT_KINDS and not equals and kind is None:
                kind = name
            else:
                raise ValueError(f"X-Mock-Fault: cannot apply {part.strip()!r}")
        return cls(kind, latency, retry_after, no_random)


class FaultInjector:
    """Applies the run's and each request's faults to requests for the services."""

    def __init__(self, plan: FaultPlan, seed: int = 0) -> None:
        self.plan = plan
        self._rng = random.Random(seed)

    async def __call__(
        self, scope: Scope, receive: Receive, send: Send, app: ASGIApp, service: ServedService
    ) -> None:
        """Serve one ASGI request for `service` through `app`, with faults."""
        header = _header(scope, FAULT_HEADER)
        try:
            asked = RequestFaults.parse(header) if header is not None else RequestFaults()
        except ValueError as error:
            await _send_plain(send, 400, str(error).encode())
            return
        latency = self.plan.latency if asked.latency is None else asked.latency
        kind = asked.kind
        if kind is None and not asked.no_random:
            kind = self.plan.draw(self._rng)
        if latency > 0:
            await asyncio.sleep(latency)
        if kind is None:
            await app(scope, receive, send)
            return
        retry_after = self.plan.retry_after if asked.retry_after is None else asked.retry_after
        await self._apply(kind, service, retry_after, scope, receive, send, app)

    async def _apply(
        self,
        kind: str,
        service: ServedService,
        retry_after: int,
        scope: Scope,
        receive: Receive,
        send: Send,
        app: ASGIApp,
    ) -> None:
        marker = [(b"x-mock-fault", kind.encode())]
        if kind in ("429", "500", "502", "503"):
            status = int(kind)
            extra = [(b"retry-after", str(retry_after).encode())] if status == 429 else []
            operation, values = service.operation_of(scope["path"])
            errors = service.errors if operation is None else operation.errors
            identifier = values[0] if len(values) == 1 else None
            reply = errors.reply(status, identifier=identifier, headers=[*marker, *extra])
            await reply(scope, receive, send)
        elif kind == "html":
            await _send_whole(send, 502, b"text/html; charset=utf-8", _HTML_PAGE, marker)
        elif kind == "reset":
            await reset_connection(scope)
        else:
            status, headers, body = await _capture(app, scope, receive)
            await self._send_altered(kind, service, scope, send, status, headers, body)

    async def _send_altered(
        self,
        kind: str,
        service: ServedService,
        scope: Scope,
        send: Send,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        headers = [(name, value) for name, value in headers if name.lower() != b"content-length"]
        if kind == "truncate":
            headers.append((b"content-length", str(len(body)).encode()))
            headers.append((b"x-mock-fault", b"truncate"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send(
                {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
            )
            await close_connection(scope)
            return
        applied: str | None = "body"
        if kind == "malformed":
            body = body[:-1] if body else b"{"
        elif 200 <= status < 300 and body:
            applied = None
            operation, _ = service.operation_of(scope["path"])
            documented = None if operation is None else operation.response_for(status)
            try:
                document = orjson.loads(body)
            except orjson.JSONDecodeError:
                documented = None
            if operation is not None and documented is not None:
                alter = drop_required_field if kind == "missing-field" else set_unknown_enum
                applied = alter(operation.spec, documented.schema, document)
                body = orjson.dumps(document)
        else:
            applied = None
        label = kind if applied is not None else f"{kind}; not applicable"
        headers.append((b"content-length", str(len(body)).encode()))
        headers.append((b"x-mock-fault", label.encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode()
    for key, value in scope["headers"]:
        if key.lower() == wanted:
            return bytes(value).decode("latin-1")
    return None


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[int, list[Any], bytes]:
    status = 500
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = [(bytes(name), bytes(value)) for name, value in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))

    await app(scope, receive, keep)
    return status, headers, b"".join(chunks)


async def _send_whole(
    send: Send, status: int, content_type: bytes, body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    all_headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})


async def _send_plain(send: Send, status: int, body: bytes) -> None:
    await _send_whole(send, status, b"text/plain; charset=utf-8", body, [])

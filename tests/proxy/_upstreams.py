"""Upstreams the mock cannot be: one that echoes the request it got, one that answers what a
test scripts (any status, headers, body, sent in slow chunks)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson


async def _body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


class EchoApp:
    """Answers every request with JSON saying what reached it: method, raw path, query,
    headers (in order, as pairs) and the body in base64."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = await _body(receive)
        seen = {
            "method": scope["method"],
            "raw_path": scope["raw_path"].decode("latin-1"),
            "query": scope["query_string"].decode("latin-1"),
            "headers": [[n.decode("latin-1"), v.decode("latin-1")] for n, v in scope["headers"]],
            "body": base64.b64encode(body).decode("ascii"),
        }
        self.seen.append(seen)
        document = orjson.dumps(seen)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": document})


@dataclass
class Scripted:
    """One scripted answer: status, headers, and the body in `chunks`, `pause` seconds apart."""

    status: int = 200
    headers: Sequence[tuple[str, str]] = (("content-type", "application/json"),)
    chunks: Sequence[bytes] = (b"{}",)
    pause: float = 0.0


@dataclass
class ScriptedApp:
    """Answers each path with its `Scripted` answer (404 for other paths)."""

    answers: dict[str, Scripted] = field(default_factory=dict)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await _body(receive)
        answer = self.answers.get(scope["path"], Scripted(404, chunks=(b'{"detail": "no"}',)))
        headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in answer.headers]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        for chunk in answer.chunks:
            if answer.pause:
                await asyncio.sleep(answer.pause)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

"""Misbehaving HTTP servers on loopback sockets, for what the mock cannot do: stall, trickle,
or answer whatever a test scripts."""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

import orjson

STALLS = {
    "before the status line": b"",
    "in the headers": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n",
    "in the body": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        b'{"success": true, "data": {"job_results": ['
    ),
    "in a chunked body": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        b'5\r\n{"a":\r\n'
    ),
}
"""Where a `StallingServer` stops: the bytes it sends before going silent."""


class StallingServer:
    """Accepts connections, reads each request's head, sends `prefix`, then says nothing more
    (keeping the connection open) until stopped."""

    def __init__(self, prefix: bytes) -> None:
        self.prefix = prefix
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections = 0

    @property
    def url(self) -> str:
        """The root URL, e.g. http://127.0.0.1:PORT."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> Self:
        self._listener.settimeout(0.05)
        self._spawn(self._accept)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._spawn(self._serve, connection)

    def _read_head(self, connection: socket.socket) -> bool:
        """Read a request's head; False if the client went away first."""
        connection.settimeout(0.05)
        head = b""
        while b"\r\n\r\n" not in head and not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                chunk = connection.recv(65536)
                if not chunk:
                    return False
                head += chunk
        return True

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if not self._read_head(connection):
                return
            with contextlib.suppress(OSError):
                connection.sendall(self.prefix)
            self._stop.wait()


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    yield port


class Recorder:
    """ASGI middleware keeping what each request looked like when it reached the server."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[dict[str, Any]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.seen.append(
                {
                    "path": scope["path"],
                    "raw_path": bytes(scope["raw_path"]),
                    "query": bytes(scope["query_string"]),
                }
            )
        await self.app(scope, receive, send)


class TricklingUpstream:
    """An ASGI upstream serving Wickson results pages about the batch its path names: in
    `chunks` pieces `pause` seconds apart for `/v1/batches/slow-N/results`, half of it and then
    nothing for `stall` seconds for `/v1/batches/stall/results`, at once for any other batch.
    `slow_started` and `slow_finished` count the slow bodies begun and ended."""

    def __init__(self, page: bytes, *, chunks: int, pause: float, stall: float) -> None:
        self.page = orjson.loads(page)
        self.chunks = chunks
        self.pause = pause
        self.stall = stall
        self.slow_started = 0
        self.slow_finished = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        batch = scope["path"].split("/")[3]
        page = dict(self.page)
        page["data"] = {**page["data"], "batch_summary": {**page["data"]["batch_summary"]}}
        page["data"]["batch_summary"]["batch_id"] = batch
        body = orjson.dumps(page)
        headers = [(b"content-type", b"application/json")]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        if batch == "stall":
            await send({"type": "http.response.body", "body": body[:100], "more_body": True})
            await asyncio.sleep(self.stall)
            return
        if not batch.startswith("slow-"):
            await send({"type": "http.response.body", "body": body})
            return
        self.slow_started += 1
        size = -(-len(body) // self.chunks)
        for start in range(0, len(body), size):
            piece = body[start : start + size]
            await send({"type": "http.response.body", "body": piece, "more_body": True})
            await asyncio.sleep(self.pause)
        self.slow_finished += 1
        await send({"type": "http.response.body", "body": b""})


@dataclass(frozen=True)
class Seen:
    """A request as a `ScriptedServer` received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    """Header names lowercased."""


@dataclass(frozen=True)
class Reply:
    """What a `ScriptedServer` answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})


def json_reply(document: Any, status: int = 200, **headers: str) -> Reply:
    """A JSON reply; integers beyond 64 bits are written by the standard library."""
    import json

    return Reply(
        status, json.dumps(document).encode(), {"Content-Type": "application/json", **headers}
    )


class ScriptedServer:
    """A loopback HTTP/1.1 server (keep-alive, a thread per connection) answering each request
    with `answer(seen)`; `seen` lists every request received."""

    def __init__(self, answer: Callable[[Seen], Reply]) -> None:
        self.answer = answer
        self.seen: list[Seen] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                seen = Seen(
                    self.command,
                    urllib.parse.unquote(parts.path),
                    dict(urllib.parse.parse_qsl(parts.query)),
                    {name.lower(): value for name, value in self.headers.items()},
                )
                outer.seen.append(seen)
                reply = outer.answer(seen)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """The root URL, e.g. http://127.0.0.1:PORT."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


TRICKLES = {
    "a header byte at a time": (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", b"X"),
    "a body byte at a time": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n",
        b" ",
    ),
    "a flood of 100 Continue": (b"", b"HTTP/1.1 100 Continue\r\n\r\n"),
}
"""How a `TricklingServer` answers: a prefix, then one piece after another, never done."""


class TricklingServer(StallingServer):
    """Reads each request's head, sends `prefix`, then `drip` every `every` seconds, for ever
    (until stopped): each read of the client gets a byte well within any read timeout."""

    def __init__(self, prefix: bytes, drip: bytes, every: float = 0.02) -> None:
        super().__init__(prefix)
        self.drip = drip
        self.every = every

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if not self._read_head(connection):
                return
            try:
                connection.sendall(self.prefix)
                while not self._stop.wait(self.every):
                    connection.sendall(self.drip)
            except OSError:
                return

"""Serving an ASGI app on a real uvicorn server: listening sockets, root URLs, and
`BackgroundServer`, which runs one in a background thread (`MockServer` and `ProxyServer` are
ones)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, ClassVar, Self

import uvicorn

STARTUP_TIMEOUT = 10.0
SHUTDOWN_TIMEOUT = 10.0
BACKLOG = 128


def root_url(host: str, port: int) -> str:
    """The root URL clients reach a server bound to `host:port` at (loopback for wildcards)."""
    host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def bind_socket(host: str, port: int, backlog: int = BACKLOG) -> socket.socket:
    """A listening TCP socket on `host:port` (port 0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that name it.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


class BackgroundServer:
    """`app` served by uvicorn on `host:port` (0: a free port) in a background thread, with the
    uvicorn configuration `config(app, log_level)` gives. Use it as a context manager (or
    `start()` and `stop()`)."""

    label: ClassVar[str] = "server"
    """What messages call it."""
    backlog: ClassVar[int] = BACKLOG

    def __init__(
        self,
        app: Any,
        config: Callable[[Any, str], uvicorn.Config],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
    ) -> None:
        self.app = app
        self.host = host
        self._config = config
        self._requested_port = port
        self._log_level = log_level
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._socket is not None else "not started"
        return f"{type(self).__name__}({where})"

    @property
    def port(self) -> int:
        """The port the server listens on (known once started)."""
        if self._socket is None:
            raise RuntimeError(f"the {self.label} is not started")
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:8765`."""
        return root_url(self.host, self.port)

    def start(self) -> Self:
        """Bind, start uvicorn in a background thread and wait until it accepts connections."""
        if self._socket is not None:
            raise RuntimeError(f"the {self.label} is already started")
        sock = bind_socket(self.host, self._requested_port, self.backlog)
        self._socket = sock
        server = uvicorn.Server(self._config(self.app, self._log_level))
        self._server = server
        self._thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [sock]},
            name=f"jobresults-{self.label.replace(' ', '-')}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {self.label} did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop the server and wait for its thread (idempotent)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(SHUTDOWN_TIMEOUT)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

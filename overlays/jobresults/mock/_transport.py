"""In-memory httpx transports to the mock app: fast tests without sockets."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
from starlette.applications import Starlette

from ._app import create_app
from ._connection import ConnectionReset, TruncatedBody


class MockASGITransport(httpx.ASGITransport):
    """`httpx.ASGITransport` to the mock app, turning its connection faults into the httpx
    errors a real connection gives (`ReadError` for a reset, `RemoteProtocolError` for a
    truncated body)."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` to the app."""
        try:
            return await super().handle_async_request(request)
        except ConnectionReset as error:
            raise httpx.ReadError(str(error), request=request) from error
        except TruncatedBody as error:
            raise httpx.RemoteProtocolError(str(error), request=request) from error


class MockSyncTransport(httpx.BaseTransport):
    """A synchronous transport to the mock app (for `httpx.Client`): runs the app on an event
    loop in a helper thread, started on first use and stopped by `close()`."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self._async = MockASGITransport(app=app)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name="jobresults-mock-transport", daemon=True
                )
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` to the app and wait for the whole response."""
        content = request.read()
        forwarded = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=content,
            extensions=request.extensions,
        )
        future = asyncio.run_coroutine_threadsafe(self._send(forwarded), self._running_loop())
        status, headers, body = future.result()
        return httpx.Response(status, headers=headers, content=body, request=request)

    async def _send(self, request: httpx.Request) -> tuple[int, Any, bytes]:
        response = await self._async.handle_async_request(request)
        body = await response.aread()
        return response.status_code, response.headers.raw, body

    def close(self) -> None:
        """Stop the helper thread and its event loop."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()


def transport(app: Starlette | None = None, **create_app_kwargs: Any) -> httpx.AsyncBaseTransport:
    """An async httpx transport to `app` (or to a new `create_app(**create_app_kwargs)`)."""
    return MockASGITransport(app=app if app is not None else create_app(**create_app_kwargs))


def sync_transport(app: Starlette | None = None, **create_app_kwargs: Any) -> MockSyncTransport:
    """A synchronous httpx transport to `app` (or to a new `create_app(**create_app_kwargs)`);
    close it (or the `httpx.Client` using it) when done."""
    return MockSyncTransport(app if app is not None else create_app(**create_app_kwargs))

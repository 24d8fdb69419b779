"""`CoalescingTransport`: a connection's transport that sends what one step of the event loop
wrote as one packet.

uvicorn writes a response's head and its body separately, so a small response cost two `send`
calls, and woke the client twice (once for a head it cannot use without the body). Gathered,
they leave in one `send` at the end of the step, in the order written; once the gathered bytes
pass `FLUSH_BYTES` they leave at once, each as it is (a large body is neither held back nor
copied). Closing sends what was gathered first; aborting drops it, as aborting drops what the
transport still buffers.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

FLUSH_BYTES: Final = 64 * 1024
"""Gathered bytes past which they are sent at once (a large body is not held back)."""


class CoalescingTransport(asyncio.Transport):
    """`transport`, its writes gathered until the end of the event loop's step."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Gather `data`; it is sent once the current step of the loop is over."""
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))
        self._size += len(data)
        if self._size > FLUSH_BYTES:
            self.flush()

    def writelines(self, list_of_data: Any) -> None:
        """Gather every chunk of `list_of_data`."""
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Send what was gathered now (in one write)."""
        if not self._pending:
            return
        pending, size = self._pending, self._size
        self._pending = []
        self._size = 0
        if self._transport.is_closing():
            return
        if size > FLUSH_BYTES:  # a large body: not copied into one buffer with the head
            for data in pending:
                self._transport.write(data)
        else:
            self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        """Send what was gathered, then close (the transport sends its buffer first)."""
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        """Drop what was gathered and reset the connection now."""
        self._pending = []
        self._size = 0
        self._transport.abort()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self._size + self._transport.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

"""The mock's connection layer: the protocol it picks, and the transport that gathers writes."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from jobresults.mock._protocol import GuardedH11Protocol, guarded_protocol
from jobresults.mock._writes import FLUSH_BYTES, CoalescingTransport


def test_the_mock_serves_on_httptools_when_it_is_installed() -> None:
    from jobresults.mock._httptools_protocol import GuardedHttpToolsProtocol

    assert guarded_protocol() is GuardedHttpToolsProtocol


def test_without_httptools_the_mock_serves_on_the_guarded_h11_protocol(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("jobresults.mock._httptools_protocol", "uvicorn.protocols.http.httptools_impl"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "httptools", None)  # `import httptools` fails
    assert guarded_protocol() is GuardedH11Protocol


class Recording(asyncio.Transport):
    """A transport that records what is done to it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, Any]] = []
        self.closing = False

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def close(self) -> None:
        self.calls.append(("close", None))
        self.closing = True

    def abort(self) -> None:
        self.calls.append(("abort", None))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 0


async def test_writes_of_one_step_leave_together_in_order() -> None:
    inner = Recording()
    transport = CoalescingTransport(inner, asyncio.get_running_loop())
    transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
    transport.write(b"")
    transport.write(bytearray(b"body"))
    assert inner.calls == []
    assert transport.get_write_buffer_size() == 23
    await asyncio.sleep(0)
    assert inner.calls == [("write", b"HTTP/1.1 200 OK\r\n\r\nbody")]
    transport.write(b"next")
    await asyncio.sleep(0)
    assert inner.calls[1:] == [("write", b"next")]


async def test_a_large_body_leaves_at_once_and_is_not_copied_with_the_head() -> None:
    inner = Recording()
    transport = CoalescingTransport(inner, asyncio.get_running_loop())
    body = b"x" * (FLUSH_BYTES + 1)
    transport.write(b"head")
    transport.write(body)
    assert inner.calls == [("write", b"head"), ("write", body)]
    await asyncio.sleep(0)
    assert len(inner.calls) == 2


async def test_close_sends_what_was_gathered_first_and_abort_drops_it() -> None:
    loop = asyncio.get_running_loop()
    inner = Recording()
    transport = CoalescingTransport(inner, loop)
    transport.write(b"408")
    transport.close()
    assert inner.calls == [("write", b"408"), ("close", None)]
    transport.write(b"late")
    await asyncio.sleep(0)
    assert inner.calls == [("write", b"408"), ("close", None)]  # nothing into a closing one
    aborted = Recording()
    transport = CoalescingTransport(aborted, loop)
    transport.write(b"partial")
    transport.abort()
    await asyncio.sleep(0)
    assert aborted.calls == [("abort", None)]
    assert isinstance(transport, asyncio.Transport)  # what the connection faults look for

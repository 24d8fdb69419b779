"""Reading a batch page after page while the next pages are fetched ahead.

The blocking reader fetches ahead on a few daemon threads (`prefetch` threads sharing the
client's `httpx.Client`, which is thread-safe, so a caller's own client with its transport and
event hooks serves every page); the asyncio reader runs the fetches as tasks. Both keep at most
`prefetch` requests in flight and `prefetch` pages fetched or coming beyond the one being read
(the next is asked for when a page arrives), and yield items in order. A page ahead is fetched
and decoded where it was fetched; its checks run when its turn comes.

Both stop fetching when the consumer stops: breaking out of the loop, `close()` / `aclose()`, or
the generator being garbage-collected cancels the pages not started and drops the rest, and
frees the pager's record of the ids yielded (a file of its own once the batch is large). The
threads stop at once: their pauses before retries end, they send nothing more, and a read under
way on the client's own connections is cut; an iterator never closed cannot delay the
interpreter's exit (the threads are daemons).
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from concurrent.futures import Future
from typing import Any, Final, TypeVar

from jobresults_structs.wickson import JobResult

from .._deadline import Stop
from .._response import ApiResponse
from ..errors import APIError
from ._models import BatchResultsPage
from ._pager import Pager

T = TypeVar("T")

THREAD_NAME: Final = "jobresults-prefetch"
"""The name of the fetching threads (numbered: `jobresults-prefetch_0`, ...)."""

PageResponse = ApiResponse[BatchResultsPage]
Parse = Callable[[PageResponse], PageResponse]


def _mark_resume(error: APIError, pager: Pager) -> None:
    """Say on `error` which page to resume from."""
    error.resume_page = pager.current
    error.add_note(
        f"while reading page {pager.current} of batch {pager.batch_id!r} (page_size "
        f"{pager.page_size}): the items of earlier pages were yielded, none of this page; "
        f"resume with iter_results(..., start_page={pager.current})"
    )


class _Workers:
    """A few daemon threads running the calls submitted to them.

    Unlike a `ThreadPoolExecutor`'s threads, which the interpreter waits for when it exits,
    these never delay its exit: an iterator left unclosed cannot hold a program open.
    """

    def __init__(self, count: int) -> None:
        self._queue: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None
        ]
        self._queue = queue.SimpleQueue()
        self._count = count
        for number in range(count):
            name = f"{THREAD_NAME}_{number}"
            threading.Thread(target=self._run, name=name, daemon=True).start()

    def submit(self, call: Callable[..., T], *args: Any) -> Future[T]:
        """Run `call(*args)` on a worker; its outcome comes in the future."""
        future: Future[T] = Future()
        self._queue.put((future, call, args))
        return future

    def shutdown(self) -> None:
        """Let the workers end once the calls they run return (calls not started are dropped
        by cancelling their futures)."""
        for _ in range(self._count):
            self._queue.put(None)

    def _run(self) -> None:
        while (work := self._queue.get()) is not None:
            future, call, args = work
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call(*args))
            except BaseException as error:  # handed to the reader, whatever it is
                future.set_exception(error)
            del future, work


def iterate(
    pager: Pager,
    send: Callable[[int, Stop], PageResponse],
    parse: Parse,
    prefetch: int,
) -> Generator[JobResult, None, None]:
    """Every item `pager` plans: `send(page, stop)` fetches a page (up to `prefetch` ahead, on
    threads), `parse(response)` checks it when its turn comes. Closing the generator sets
    `stop`: every fetch ends at once (see `_deadline.Stop`) and nothing more is sent."""
    workers: _Workers | None = None
    ahead: dict[int, Future[PageResponse]] = {}
    stop = Stop()

    def fetch_ahead() -> None:
        nonlocal workers
        for number in pager.to_fetch(prefetch):
            if workers is None:
                workers = _Workers(prefetch)
            ahead[number] = workers.submit(send, number, stop)

    def current_page(again: bool = False) -> PageResponse:
        future = None if again else ahead.pop(pager.current, None)
        try:
            response = send(pager.current, stop) if future is None else future.result()
            fetch_ahead()
            return parse(response)
        except APIError as error:
            _mark_resume(error, pager)
            raise

    try:
        while True:
            taken = pager.take(current_page())
            items = pager.take_again(current_page(again=True)) if taken.short else taken.items
            del taken
            fetch_ahead()
            yield from items
            del items
            if not pager.advance():
                return
    finally:
        stop.set()
        for future in ahead.values():
            future.cancel()
        ahead.clear()
        if workers is not None:
            workers.shutdown()
        pager.close()


async def aiterate(
    pager: Pager,
    send: Callable[[int], Awaitable[PageResponse]],
    parse: Parse,
    prefetch: int,
) -> AsyncGenerator[JobResult, None]:
    """Every item `pager` plans: `send(page)` fetches a page (up to `prefetch` ahead, as
    tasks), `parse(response)` checks it when its turn comes."""
    ahead: dict[int, asyncio.Task[PageResponse]] = {}

    def fetch_ahead() -> None:
        for number in pager.to_fetch(prefetch):
            ahead[number] = asyncio.ensure_future(send(number))

    async def current_page(again: bool = False) -> PageResponse:
        task = None if again else ahead.pop(pager.current, None)
        try:
            response = await (send(pager.current) if task is None else task)
            fetch_ahead()
            return parse(response)
        except APIError as error:
            _mark_resume(error, pager)
            raise

    try:
        while True:
            taken = pager.take(await current_page())
            items = pager.take_again(await current_page(again=True)) if taken.short else taken.items
            del taken
            fetch_ahead()
            for item in items:
                yield item
            del items
            if not pager.advance():
                return
    finally:
        tasks = list(ahead.values())
        ahead.clear()
        for task in tasks:
            task.cancel()
        pager.close()  # first: the await below may be cut short by a cancellation
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

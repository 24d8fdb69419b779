"""Reading a batch page after page while the next pages are fetched ahead.

The blocking reader fetches ahead on a small thread pool (`prefetch` threads sharing the client's
`httpx.Client`, which is thread-safe, so a caller's own client with its transport and event
hooks serves every page); the asyncio reader runs the fetches as tasks. Both keep at most
`prefetch` requests in flight and `prefetch` pages fetched or coming beyond the one being read
(the next is asked for when a page arrives), and yield items in order. A page ahead is fetched
and decoded where it was fetched; its checks run when its turn comes.

Both stop fetching when the consumer stops: breaking out of the loop, `close()` / `aclose()`, or
the generator being garbage-collected cancels the pages not started and drops the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor

from jobresults_structs.wickson import JobResult

from .._response import ApiResponse
from ..errors import APIError
from ._models import BatchResultsPage
from ._pager import Pager

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


def iterate(
    pager: Pager,
    send: Callable[[int], PageResponse],
    parse: Parse,
    prefetch: int,
) -> Generator[JobResult, None, None]:
    """Every item `pager` plans: `send(page)` fetches a page (up to `prefetch` ahead, on
    threads), `parse(response)` checks it when its turn comes."""
    pool: ThreadPoolExecutor | None = None
    ahead: dict[int, Future[PageResponse]] = {}

    def fetch_ahead() -> None:
        nonlocal pool
        for number in pager.to_fetch(prefetch):
            if pool is None:
                pool = ThreadPoolExecutor(prefetch, thread_name_prefix="jobresults-prefetch")
            ahead[number] = pool.submit(send, number)

    def current_page(again: bool = False) -> PageResponse:
        future = None if again else ahead.pop(pager.current, None)
        try:
            response = send(pager.current) if future is None else future.result()
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
        for future in ahead.values():
            future.cancel()
        ahead.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


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
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

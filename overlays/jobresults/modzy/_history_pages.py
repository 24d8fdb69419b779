"""Page objects of the job history (`client.jobs.history_page(...)`): `HistoryPage` and
`AsyncHistoryPage`, read through the `Pages` plan that `history` iterates by (`_page` says
how page objects move on)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from jobresults_structs import modzy as structs

from .._page import AsyncPage, SyncPage
from .._response import ApiResponse
from ..errors import APIError
from ._history import Pages

HistoryResponse = ApiResponse[list[structs.Job]]


class HistoryPage(SyncPage[structs.Job, list[structs.Job]]):
    """One page of the job history: its jobs (`for job in page`, `page[0]`, `len(page)`),
    `.response`, and `has_next_page()`, `get_next_page()`, `iter_pages()`."""


class AsyncHistoryPage(AsyncPage[structs.Job, list[structs.Job]]):
    """`HistoryPage` for the `AsyncClient` (`await page.get_next_page()`)."""


class HistoryChain:
    """History pages read one after the other through one `Pages` plan (blocking).

    `send(page)` fetches a page; `probe()` fetches page 1 again, to tell a server that
    ignores `page` from jobs created meanwhile (see `Pages`).
    """

    def __init__(
        self,
        new_plan: Callable[[int], Pages],
        send: Callable[[int], HistoryResponse],
        probe: Callable[[], list[structs.Job]],
    ) -> None:
        self._new_plan = new_plan
        self._send = send
        self._probe = probe
        self._plan: Pages
        self._head: HistoryPage | None = None

    def start(self, page: int) -> HistoryPage:
        """The page numbered `page`: the first of this chain."""
        self._plan = self._new_plan(page)
        return self._read()

    def _read(self) -> HistoryPage:
        plan = self._plan
        number = plan.page
        try:
            response = self._send(number)
            if plan.needs_probe(response.parsed):
                plan.check_probe(self._probe(), response.parsed, response.http)
        except APIError as error:
            error.resume_page = number
            raise
        jobs = plan.take(response.parsed)
        page = HistoryPage(
            jobs, response, number=number, has_next=not plan.done, following=self._after
        )
        self._head = page
        return page

    def _after(self, page: HistoryPage) -> HistoryPage:
        if page is self._head:
            return self._read()
        return HistoryChain(self._new_plan, self._send, self._probe).start(page.number + 1)


class AsyncHistoryChain:
    """`HistoryChain` for the `AsyncClient`."""

    def __init__(
        self,
        new_plan: Callable[[int], Pages],
        send: Callable[[int], Awaitable[HistoryResponse]],
        probe: Callable[[], Awaitable[list[structs.Job]]],
    ) -> None:
        self._new_plan = new_plan
        self._send = send
        self._probe = probe
        self._plan: Pages
        self._head: AsyncHistoryPage | None = None

    async def start(self, page: int) -> AsyncHistoryPage:
        """The page numbered `page`: the first of this chain."""
        self._plan = self._new_plan(page)
        return await self._read()

    async def _read(self) -> AsyncHistoryPage:
        plan = self._plan
        number = plan.page
        try:
            response = await self._send(number)
            if plan.needs_probe(response.parsed):
                plan.check_probe(await self._probe(), response.parsed, response.http)
        except APIError as error:
            error.resume_page = number
            raise
        jobs = plan.take(response.parsed)
        page = AsyncHistoryPage(
            jobs, response, number=number, has_next=not plan.done, following=self._after
        )
        self._head = page
        return page

    async def _after(self, page: AsyncHistoryPage) -> AsyncHistoryPage:
        if page is self._head:
            return await self._read()
        chain = AsyncHistoryChain(self._new_plan, self._send, self._probe)
        return await chain.start(page.number + 1)

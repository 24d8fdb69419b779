"""Page objects of a batch's results (`client.batches.results_page(...)`): `ResultsPage` and
`AsyncResultsPage`, read through the `Pager` that `iter_results` reads by (`_page` says how
page objects move on)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from jobresults_structs.wickson import JobResult

from .._page import AsyncPage, SyncPage
from .._response import ApiResponse
from ..errors import APIError
from ._models import BatchResultsPage
from ._pager import Pager

PageResponse = ApiResponse[BatchResultsPage]


class ResultsPage(SyncPage[JobResult, BatchResultsPage]):
    """One page of a batch's results: its job results (`for item in page`), `.parsed` (the
    typed page: `.data.batch_summary`, `.error_summary`, ...), `.response`, and
    `has_next_page()`, `get_next_page()`, `iter_pages()`."""


class AsyncResultsPage(AsyncPage[JobResult, BatchResultsPage]):
    """`ResultsPage` for the `AsyncClient` (`await page.get_next_page()`)."""


def _mark(error: APIError, pager: Pager) -> None:
    if error.resume_page is None:
        error.resume_page = pager.current


def _after_take(pager: Pager) -> bool:
    """Whether a page follows the one just taken; on the last page, the check that no item
    announced is missing (`Pager.advance`), then the plan's record of ids is freed: nothing
    more is read through it. (A chain left before its end frees it when it is collected.)"""
    if pager.current < pager.last_page:
        return True
    pager.advance()
    pager.close()
    return False


class ResultsChain:
    """Pages of one batch read one after the other through one `Pager` (blocking)."""

    def __init__(self, pager: Callable[[int], Pager], send: Callable[[int], PageResponse]) -> None:
        self._new_pager = pager
        self._send = send
        self._pager: Pager
        self._head: ResultsPage | None = None

    def start(self, page: int) -> ResultsPage:
        """The page numbered `page`: the first of this chain."""
        self._pager = self._new_pager(page)
        return self._read()

    def _fetch(self) -> PageResponse:
        try:
            return self._send(self._pager.current)
        except APIError as error:
            _mark(error, self._pager)
            raise

    def _read(self) -> ResultsPage:
        pager = self._pager
        response = self._fetch()
        taken = pager.take(response)
        items = taken.items
        if taken.short:  # the batch grew while the page was read: the page once more
            response = self._fetch()
            items = pager.take_again(response)
        number = pager.current
        page = ResultsPage(
            items, response, number=number, has_next=_after_take(pager), following=self._after
        )
        self._head = page
        return page

    def _after(self, page: ResultsPage) -> ResultsPage:
        if page is self._head:
            self._pager.advance()
            return self._read()
        return ResultsChain(self._new_pager, self._send).start(page.number + 1)


class AsyncResultsChain:
    """`ResultsChain` for the `AsyncClient`."""

    def __init__(
        self, pager: Callable[[int], Pager], send: Callable[[int], Awaitable[PageResponse]]
    ) -> None:
        self._new_pager = pager
        self._send = send
        self._pager: Pager
        self._head: AsyncResultsPage | None = None

    async def start(self, page: int) -> AsyncResultsPage:
        """The page numbered `page`: the first of this chain."""
        self._pager = self._new_pager(page)
        return await self._read()

    async def _fetch(self) -> PageResponse:
        try:
            return await self._send(self._pager.current)
        except APIError as error:
            _mark(error, self._pager)
            raise

    async def _read(self) -> AsyncResultsPage:
        pager = self._pager
        response = await self._fetch()
        taken = pager.take(response)
        items = taken.items
        if taken.short:
            response = await self._fetch()
            items = pager.take_again(response)
        number = pager.current
        page = AsyncResultsPage(
            items, response, number=number, has_next=_after_take(pager), following=self._after
        )
        self._head = page
        return page

    async def _after(self, page: AsyncResultsPage) -> AsyncResultsPage:
        if page is self._head:
            self._pager.advance()
            return await self._read()
        return await AsyncResultsChain(self._new_pager, self._send).start(page.number + 1)

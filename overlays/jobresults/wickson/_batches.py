"""`client.batches`: one page of a batch's results, or every job result across pages."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING, Unpack

from jobresults_api import wickson as api
from jobresults_structs.wickson import JobResult

from .._arguments import check_arguments
from .._deadline import Stop, stopping
from .._options import RequestOptions
from .._response import ApiResponse
from .._unknown import warn_unknown
from ._models import BatchResultsPage, unknown_values
from ._pager import Pager
from ._pages import AsyncResultsChain, AsyncResultsPage, ResultsChain, ResultsPage
from ._prefetch import aiterate, iterate

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

DEFAULT_PAGE_SIZE = 100
DEFAULT_PREFETCH = 8


def _checked(response: ApiResponse[BatchResultsPage]) -> ApiResponse[BatchResultsPage]:
    unknown = unknown_values(response.parsed)
    if unknown:
        request = response.http.request
        warn_unknown(f"{request.method} {request.url}", unknown)
    return response


def _pager(batch_id: str, page_size: int, start_page: int, prefetch: int) -> Pager:
    """The reading plan, its arguments checked at the call (before the first page is asked)."""
    if prefetch < 0:
        raise ValueError(f"prefetch must be 0 or more, got {prefetch}")
    pager = Pager(batch_id, page_size=page_size, start_page=start_page)
    check_arguments(api.GET_BATCH_RESULTS, batch_id=batch_id, page=start_page, page_size=page_size)
    return pager


class Batches:
    """Wickson's batch results (`GET /v1/batches/{batch_id}/results`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def results(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> BatchResultsPage:
        """One page of a batch's results, typed (`.items`, `.has_next`, `.error_summary`, ...)."""
        return self.results_response(batch_id, page, page_size, **options).parsed

    def results_response(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[BatchResultsPage]:
        """`results(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, `.deviations()`."""
        response = self._client.get_batch_results_response(
            batch_id, page=page, page_size=page_size, cast_to=BatchResultsPage, **options
        )
        return _checked(response)

    def results_page(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> ResultsPage:
        """One page of a batch's results as a page object: its items (`for item in page`),
        `.parsed` (the typed page), `has_next_page()`, `get_next_page()`, `iter_pages()`.

        The pages read on from it are checked against each other as `iter_results` checks
        them (each item once, `PaginationError` with `.resume_page` for pages that contradict
        each other), one request per page; `iter_results` is the faster way through a whole
        batch (it fetches pages ahead).
        """
        _pager(batch_id, page_size, page, 0)

        def send(number: int) -> ApiResponse[BatchResultsPage]:
            return self.results_response(batch_id, number, page_size, **options)

        chain = ResultsChain(lambda start: _pager(batch_id, page_size, start, 0), send)
        return chain.start(page)

    def iter_results(
        self,
        batch_id: str,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        prefetch: int = DEFAULT_PREFETCH,
        start_page: int = 1,
        **options: Unpack[RequestOptions],
    ) -> Generator[JobResult, None, None]:
        """Every job result of a batch, each exactly once and in order, from `start_page` on.

        Page 1 tells how many pages there are; up to `prefetch` of the next pages are fetched
        ahead on a few threads while you read (0: one page at a time, no threads). Only those
        pages are held in memory, and the job ids yielded (past 10,000 of them, in a temporary
        SQLite file). Stopping the loop, `close()` or dropping the generator stops the fetching
        and frees the ids. A page that fails after the retries raises its error with
        `.resume_page` set: every item before that page was yielded, none after it, and
        `iter_results(batch_id, page_size, start_page=error.resume_page)` goes on from there.
        A batch that grows while it is read is followed to its end. Every page is checked
        against what was asked and what the pages before said (see `_pager`): a server that
        caps `page_size` or pages by another size is read in its own grid; pages that
        contradict each other, repeat earlier ones or leave items missing raise
        `PaginationError` rather than losing or repeating items. `timeout`, `max_retries` and
        `deadline` apply to each page's request.
        """
        pager = _pager(batch_id, page_size, start_page, prefetch)

        def send(page: int, stop: Stop) -> ApiResponse[BatchResultsPage]:
            with stopping(stop):
                return self._client.get_batch_results_response(
                    batch_id, page=page, page_size=page_size, cast_to=BatchResultsPage, **options
                )

        return iterate(pager, send, _checked, prefetch)


class AsyncBatches:
    """Wickson's batch results (`GET /v1/batches/{batch_id}/results`), for asyncio."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def results(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> BatchResultsPage:
        """One page of a batch's results, typed (`.items`, `.has_next`, `.error_summary`, ...)."""
        response = await self.results_response(batch_id, page, page_size, **options)
        return response.parsed

    async def results_response(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[BatchResultsPage]:
        """`results(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, `.deviations()`."""
        response = await self._client.get_batch_results_response(
            batch_id, page=page, page_size=page_size, cast_to=BatchResultsPage, **options
        )
        return _checked(response)

    async def results_page(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> AsyncResultsPage:
        """One page of a batch's results as a page object (see `Batches.results_page`):
        `await page.get_next_page()`, `async for page in first.iter_pages()`."""
        _pager(batch_id, page_size, page, 0)

        async def send(number: int) -> ApiResponse[BatchResultsPage]:
            return await self.results_response(batch_id, number, page_size, **options)

        chain = AsyncResultsChain(lambda start: _pager(batch_id, page_size, start, 0), send)
        return await chain.start(page)

    def iter_results(
        self,
        batch_id: str,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        prefetch: int = DEFAULT_PREFETCH,
        start_page: int = 1,
        **options: Unpack[RequestOptions],
    ) -> AsyncGenerator[JobResult, None]:
        """Every job result of a batch, each exactly once and in order (`async for`).

        As `Client.batches.iter_results`, with the pages ahead fetched as asyncio tasks (at
        most `prefetch` at a time); `aclose()` or leaving the loop cancels them.
        """
        pager = _pager(batch_id, page_size, start_page, prefetch)

        async def send(page: int) -> ApiResponse[BatchResultsPage]:
            return await self._client.get_batch_results_response(
                batch_id, page=page, page_size=page_size, cast_to=BatchResultsPage, **options
            )

        return aiterate(pager, send, _checked, prefetch)

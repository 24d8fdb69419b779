"""`client.jobs`: one job's details, and the job history, one page or every matching job
across pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Unpack

from jobresults_structs import modzy as structs

from .._options import RequestOptions
from .._response import ApiResponse
from ..errors import APIError
from ._history import HistoryQuery, Pages, checked_filters, first_page
from ._history_pages import AsyncHistoryChain, AsyncHistoryPage, HistoryChain, HistoryPage
from ._results import JobRef, job_identifier

if TYPE_CHECKING:
    from ._client import AsyncClient, Client


class HistoryArgs(HistoryQuery, RequestOptions, total=False):
    """The history's keyword arguments: its filters (`HistoryQuery`), and `timeout` and
    `max_retries` for each page's request."""


def _pages(
    arguments: HistoryArgs, start_page: int, limit: int | None, max_pages: int | None
) -> Pages:
    """The reading plan of one iteration over the history (its arguments checked now)."""
    page_size = arguments.get("per_page")
    return Pages(page_size, start_page=first_page(start_page), limit=limit, max_pages=max_pages)


class Jobs:
    """Modzy's jobs (`client.jobs`): one job's details, and the job history."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> structs.Job:
        """A job's details (the history's job object: `.status`, the item counts, the times);
        `job` is its identifier, a `Result` or a history `Job`. A job is there from the moment
        it was submitted, also while its results still answer 404; an unknown job is a
        `NotFoundError`."""
        return self.get_response(job, **options).parsed

    def get_response(
        self, job: JobRef, **options: Unpack[RequestOptions]
    ) -> ApiResponse[structs.Job]:
        """`get`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        return self._client.get_job_response(job_identifier(job), **options)

    def history_page(self, page: int = 1, **arguments: Unpack[HistoryArgs]) -> HistoryPage:
        """One page of the job history (pages start at 1), filtered as `HistoryQuery` says, as
        a page object: its jobs (`for job in page`, `page[0]`, `len(page)`), `.response`,
        `has_next_page()`, `get_next_page()`, `iter_pages()`. The pages read on from it are
        checked as `history` checks them (each job once; a server that ignores `page` is a
        `PaginationError`).

        Filters are checked before anything is sent: ValueError for an unknown status or
        direction, a date that is not ISO 8601, a start after the end, a page below 1.
        """
        checked_filters(arguments)
        first_page(page)
        chain = HistoryChain(
            lambda start: _pages(arguments, start, None, None),
            lambda number: self._client.get_job_history_response(page=number, **arguments),
            lambda: self._client.get_job_history(page=1, **arguments),
        )
        return chain.start(page)

    def history_page_response(
        self, page: int = 1, **arguments: Unpack[HistoryArgs]
    ) -> ApiResponse[list[structs.Job]]:
        """`history_page`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        checked_filters(arguments)
        return self._client.get_job_history_response(page=page, **arguments)

    def history(
        self,
        *,
        start_page: int = 1,
        limit: int | None = None,
        max_pages: int | None = None,
        **arguments: Unpack[HistoryArgs],
    ) -> Iterator[structs.Job]:
        """Every job that matches the filters (`HistoryQuery`), page after page, each once.

        Pages are fetched as the iteration goes (none ahead); a page shorter than `per_page`
        (or than the first page, when the server picks the size) or an empty one is the last.
        A job already yielded is not yielded again, and a page of jobs already yielded (jobs
        created meanwhile shift the newest-first pages) does not end the iteration. At most
        `limit` jobs are yielded and `max_pages` pages fetched, when given; a server that
        ignores `page` (it answers page 1 again: checked when a page repeats the one before)
        is a `PaginationError`. An error raised while iterating carries `.resume_page`: pass
        it as `start_page` to go on from there. `timeout`, `max_retries` and `deadline` apply
        to each page's request.
        """
        checked_filters(arguments)
        pages = _pages(arguments, start_page, limit, max_pages)
        return self._iterate(arguments, pages)

    def _iterate(self, arguments: HistoryArgs, pages: Pages) -> Iterator[structs.Job]:
        while not pages.done:
            try:
                response = self._client.get_job_history_response(page=pages.page, **arguments)
                if pages.needs_probe(response.parsed):
                    first = self._client.get_job_history(page=1, **arguments)
                    pages.check_probe(first, response.parsed, response.http)
            except APIError as error:
                error.resume_page = pages.page
                raise
            yield from pages.take(response.parsed)


class AsyncJobs:
    """Modzy's jobs (`client.jobs` of the `AsyncClient`): one job's details, the job history."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get(self, job: JobRef, **options: Unpack[RequestOptions]) -> structs.Job:
        """A job's details (see `Jobs.get`)."""
        response = await self.get_response(job, **options)
        return response.parsed

    async def get_response(
        self, job: JobRef, **options: Unpack[RequestOptions]
    ) -> ApiResponse[structs.Job]:
        """`get`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        return await self._client.get_job_response(job_identifier(job), **options)

    async def history_page(
        self, page: int = 1, **arguments: Unpack[HistoryArgs]
    ) -> AsyncHistoryPage:
        """One page of the job history as a page object (see `Jobs.history_page`)."""
        checked_filters(arguments)
        first_page(page)

        async def send(number: int) -> ApiResponse[list[structs.Job]]:
            return await self._client.get_job_history_response(page=number, **arguments)

        async def probe() -> list[structs.Job]:
            return await self._client.get_job_history(page=1, **arguments)

        chain = AsyncHistoryChain(lambda start: _pages(arguments, start, None, None), send, probe)
        return await chain.start(page)

    async def history_page_response(
        self, page: int = 1, **arguments: Unpack[HistoryArgs]
    ) -> ApiResponse[list[structs.Job]]:
        """`history_page`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        checked_filters(arguments)
        return await self._client.get_job_history_response(page=page, **arguments)

    def history(
        self,
        *,
        start_page: int = 1,
        limit: int | None = None,
        max_pages: int | None = None,
        **arguments: Unpack[HistoryArgs],
    ) -> AsyncIterator[structs.Job]:
        """Every job that matches the filters, page after page (`async for`; see
        `Jobs.history`). The filters are checked at once, before the first page is fetched."""
        checked_filters(arguments)
        pages = _pages(arguments, start_page, limit, max_pages)
        return self._iterate(arguments, pages)

    async def _iterate(self, arguments: HistoryArgs, pages: Pages) -> AsyncIterator[structs.Job]:
        while not pages.done:
            try:
                response = await self._client.get_job_history_response(page=pages.page, **arguments)
                if pages.needs_probe(response.parsed):
                    first = await self._client.get_job_history(page=1, **arguments)
                    pages.check_probe(first, response.parsed, response.http)
            except APIError as error:
                error.resume_page = pages.page
                raise
            for job in pages.take(response.parsed):
                yield job

"""`client.jobs`: the job history, one page or every matching job across pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Final, Unpack

from jobresults_structs import modzy as structs

from .._http import NOT_GIVEN, DeadlineTypes, TimeoutTypes, _NotGiven
from .._response import ApiResponse
from ..errors import APIError
from ._history import HistoryFilters, HistoryQuery, Pages, first_page

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

OPERATION: Final = "getJobHistory"
PAGE_TYPE: Final = list[structs.Job]


class Jobs:
    """Modzy's job history (`client.jobs`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def history_page(
        self,
        page: int = 1,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> list[structs.Job]:
        """One page of the job history (pages start at 1), filtered as `HistoryQuery` says.

        Filters are checked before anything is sent: ValueError for an unknown status or
        direction, a date that is not ISO 8601, a start after the end, a page below 1.
        """
        return self.history_page_response(
            page, timeout=timeout, max_retries=max_retries, deadline=deadline, **filters
        ).parsed

    def history_page_response(
        self,
        page: int = 1,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> ApiResponse[list[structs.Job]]:
        """`history_page`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        query = HistoryFilters.build(**filters)
        return self._fetch(query, page, timeout=timeout, max_retries=max_retries, deadline=deadline)

    def history(
        self,
        *,
        start_page: int = 1,
        limit: int | None = None,
        max_pages: int | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> Iterator[structs.Job]:
        """Every job that matches the filters (`HistoryQuery`), page after page, each once.

        Pages are fetched as the iteration goes (none ahead); a page shorter than `per_page`
        (or than the first page, when the server picks the size) or an empty one is the last.
        A job already yielded is not yielded again, and a page of jobs already yielded (jobs
        created meanwhile shift the newest-first pages) does not end the iteration. At most
        `limit` jobs are yielded and `max_pages` pages fetched, when given; a server that
        ignores `page` (it answers page 1 again: checked when a page repeats the one before)
        is a `PaginationError`. An error raised while
        iterating carries `.resume_page`: pass it as `start_page` to go on from there.
        `timeout`, `max_retries` and `deadline` apply to each page's request.
        """
        query = HistoryFilters.build(**filters)
        pages = Pages(
            query.per_page, start_page=first_page(start_page), limit=limit, max_pages=max_pages
        )
        options = {"timeout": timeout, "max_retries": max_retries, "deadline": deadline}
        return self._iterate(query, pages, options)

    def _iterate(
        self, query: HistoryFilters, pages: Pages, options: dict[str, Any]
    ) -> Iterator[structs.Job]:
        while not pages.done:
            try:
                response = self._fetch(query, pages.page, **options)
                if pages.needs_probe(response.parsed):
                    first = self._fetch(query, 1, **options).parsed
                    pages.check_probe(first, response.parsed, response.http)
            except APIError as error:
                error.resume_page = pages.page
                raise
            yield from pages.take(response.parsed)

    def _fetch(
        self,
        query: HistoryFilters,
        page: int,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[list[structs.Job]]:
        return self._client._get_typed(
            query.request(page),
            PAGE_TYPE,
            operation_id=OPERATION,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )


class AsyncJobs:
    """Modzy's job history (`client.jobs` of the `AsyncClient`)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def history_page(
        self,
        page: int = 1,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> list[structs.Job]:
        """One page of the job history (see `Jobs.history_page`)."""
        response = await self.history_page_response(
            page, timeout=timeout, max_retries=max_retries, deadline=deadline, **filters
        )
        return response.parsed

    async def history_page_response(
        self,
        page: int = 1,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> ApiResponse[list[structs.Job]]:
        """`history_page`, with the HTTP response (`.parsed`, `.http`, `.json()`)."""
        query = HistoryFilters.build(**filters)
        return await self._fetch(
            query, page, timeout=timeout, max_retries=max_retries, deadline=deadline
        )

    def history(
        self,
        *,
        start_page: int = 1,
        limit: int | None = None,
        max_pages: int | None = None,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
        **filters: Unpack[HistoryQuery],
    ) -> AsyncIterator[structs.Job]:
        """Every job that matches the filters, page after page (`async for`; see
        `Jobs.history`). The filters are checked at once, before the first page is fetched."""
        query = HistoryFilters.build(**filters)
        pages = Pages(
            query.per_page, start_page=first_page(start_page), limit=limit, max_pages=max_pages
        )
        options = {"timeout": timeout, "max_retries": max_retries, "deadline": deadline}
        return self._iterate(query, pages, options)

    async def _iterate(
        self, query: HistoryFilters, pages: Pages, options: dict[str, Any]
    ) -> AsyncIterator[structs.Job]:
        while not pages.done:
            try:
                response = await self._fetch(query, pages.page, **options)
                if pages.needs_probe(response.parsed):
                    first = (await self._fetch(query, 1, **options)).parsed
                    pages.check_probe(first, response.parsed, response.http)
            except APIError as error:
                error.resume_page = pages.page
                raise
            for job in pages.take(response.parsed):
                yield job

    async def _fetch(
        self,
        query: HistoryFilters,
        page: int,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[list[structs.Job]]:
        return await self._client._get_typed(
            query.request(page),
            PAGE_TYPE,
            operation_id=OPERATION,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )

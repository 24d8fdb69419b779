"""`client.batches`: one page of a batch's results, or every job result across pages."""

from __future__ import annotations

import functools
from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING

import httpx
from jobresults_structs.wickson import JobResult

from .._client_base import typed_response
from .._deadline import Stop
from .._http import NOT_GIVEN, DeadlineTypes, TimeoutTypes, _check_path_params, _NotGiven
from .._identity import about_job
from .._response import ApiResponse
from .._unknown import warn_unknown
from ._models import BatchResultsPage, unknown_values
from ._pager import Pager
from ._prefetch import aiterate, iterate

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

OPERATION_ID = "getBatchResults"
DEFAULT_PAGE_SIZE = 100
DEFAULT_PREFETCH = 8


def _request(batch_id: str, page: int, page_size: int) -> tuple[dict[str, object], dict[str, str]]:
    # Imported on first use: the generated client package (attrs models) takes ~20 ms to load.
    from jobresults_clients.wickson.api.batches import get_batch_results

    spec = get_batch_results._get_kwargs(batch_id, page=page, page_size=page_size)
    return spec, {"batch_id": batch_id}


def _checked(
    response: ApiResponse[BatchResultsPage], batch_id: str
) -> ApiResponse[BatchResultsPage]:
    """`response`, checked to be about `batch_id`, its unknown enum values logged."""
    answered = response.parsed.data.batch_summary.batch_id
    about_job(response, asked=batch_id, answered=answered, what="batch")
    unknown = unknown_values(response.parsed)
    if unknown:
        request = response.http.request
        warn_unknown(f"{request.method} {request.url}", unknown)
    return response


def _pager(batch_id: str, page_size: int, start_page: int, prefetch: int) -> Pager:
    _check_path_params({"batch_id": batch_id})
    if prefetch < 0:
        raise ValueError(f"prefetch must be 0 or more, got {prefetch}")
    return Pager(batch_id, page_size=page_size, start_page=start_page)


class Batches:
    """Wickson's batch results (`GET /v1/batches/{batch_id}/results`)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def results(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> BatchResultsPage:
        """One page of a batch's results, typed (`.items`, `.has_next`, `.error_summary`, ...)."""
        return self.results_response(
            batch_id, page, page_size, timeout=timeout, max_retries=max_retries, deadline=deadline
        ).parsed

    def results_response(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[BatchResultsPage]:
        """`results(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, `.deviations()`."""
        spec, path_params = _request(batch_id, page, page_size)
        response = self._client._get_typed(
            spec,
            BatchResultsPage,
            operation_id=OPERATION_ID,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return _checked(response, batch_id)

    def iter_results(
        self,
        batch_id: str,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        prefetch: int = DEFAULT_PREFETCH,
        start_page: int = 1,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> Generator[JobResult, None, None]:
        """Every job result of a batch, each exactly once and in order, from `start_page` on.

        Page 1 tells how many pages there are; up to `prefetch` of the next pages are fetched
        ahead on a few threads while you read (0: one page at a time, no threads). Only those
        pages are held in memory. Stopping the loop, `close()` or dropping the generator stops
        the fetching. A page that fails after the retries raises its error with
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

        http = self._client._http

        def send(page: int, stop: Stop) -> httpx.Response:
            spec, path_params = _request(batch_id, page, page_size)
            return http.request(
                spec,
                path_params=path_params,
                timeout=timeout,
                max_retries=max_retries,
                deadline=deadline,
                stop=stop,
            )

        return iterate(pager, send, functools.partial(self._parse, batch_id=batch_id), prefetch)

    def _parse(self, response: httpx.Response, batch_id: str) -> ApiResponse[BatchResultsPage]:
        page = typed_response(self._client, response, BatchResultsPage, OPERATION_ID)
        return _checked(page, batch_id)


class AsyncBatches:
    """Wickson's batch results (`GET /v1/batches/{batch_id}/results`), for asyncio."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def results(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> BatchResultsPage:
        """One page of a batch's results, typed (`.items`, `.has_next`, `.error_summary`, ...)."""
        response = await self.results_response(
            batch_id, page, page_size, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return response.parsed

    async def results_response(
        self,
        batch_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> ApiResponse[BatchResultsPage]:
        """`results(...)` with the HTTP response: `.parsed`, `.http`, `.json()`, `.deviations()`."""
        spec, path_params = _request(batch_id, page, page_size)
        response = await self._client._get_typed(
            spec,
            BatchResultsPage,
            operation_id=OPERATION_ID,
            path_params=path_params,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return _checked(response, batch_id)

    def iter_results(
        self,
        batch_id: str,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        prefetch: int = DEFAULT_PREFETCH,
        start_page: int = 1,
        timeout: TimeoutTypes | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        deadline: DeadlineTypes | _NotGiven = NOT_GIVEN,
    ) -> AsyncGenerator[JobResult, None]:
        """Every job result of a batch, each exactly once and in order (`async for`).

        As `Client.batches.iter_results`, with the pages ahead fetched as asyncio tasks (at
        most `prefetch` at a time); `aclose()` or leaving the loop cancels them.
        """
        pager = _pager(batch_id, page_size, start_page, prefetch)

        http = self._client._http

        async def send(page: int) -> httpx.Response:
            spec, path_params = _request(batch_id, page, page_size)
            return await http.request(
                spec,
                path_params=path_params,
                timeout=timeout,
                max_retries=max_retries,
                deadline=deadline,
            )

        return aiterate(pager, send, functools.partial(self._parse, batch_id=batch_id), prefetch)

    def _parse(self, response: httpx.Response, batch_id: str) -> ApiResponse[BatchResultsPage]:
        page = typed_response(self._client, response, BatchResultsPage, OPERATION_ID)
        return _checked(page, batch_id)

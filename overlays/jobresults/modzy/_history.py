"""The job history's filters: checked and normalized before anything is sent."""

from __future__ import annotations

import datetime as dt

import httpx
from jobresults_api import modzy as api
from jobresults_structs import modzy as structs

from .. import _arguments
from ..errors import PaginationError

HistoryQuery = api.GetJobHistoryFilters
"""The job history's filters, as keyword arguments (all optional; generated from the spec)."""


def checked_filters(filters: HistoryQuery) -> HistoryQuery:
    """The filters, checked before anything is sent: each as its parameter's schema says (a
    listed status or direction, ISO 8601 dates, a page size >= 1), and a start not after the
    end. ValueError names the first bad one."""
    query = _arguments.build(api.GET_JOB_HISTORY, filters)[1]
    start, end = (api.GET_JOB_HISTORY.parameter(name).wire for name in ("start_date", "end_date"))
    if start in query and end in query:
        first, last = (dt.datetime.fromisoformat(str(query[key])) for key in (start, end))
        if first > last:
            raise ValueError(
                f"start_date ({first.isoformat()}) is after end_date ({last.isoformat()})"
            )
    return filters


def _positive(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1; got {value!r}")
    return value


class Pages:
    """Where the history's pages end, and which jobs were already yielded.

    A page shorter than the page size (`per_page`, or the first page's length when the server
    chose it) or an empty page is the last; nothing else ends the iteration early. A job seen
    on an earlier page is not yielded again: jobs created while iterating shift the
    newest-first pages, so a page may bring only jobs already yielded (even the very jobs of
    the page before, when a page's worth were created), and the next pages are still read.
    `limit` (jobs) and `max_pages` (pages fetched) stop the iteration early when given, so a
    server that never ends cannot keep a loop running.

    A server that ignores `page` answers every page like the first. A page holding the same
    jobs as the one before is therefore checked against page 1 fetched again (`needs_probe`):
    after a shift page 1 holds the new jobs, from such a server the same ones, and that is a
    `PaginationError` (`check_probe`).
    """

    def __init__(
        self, per_page: int | None, *, start_page: int, limit: int | None, max_pages: int | None
    ) -> None:
        self.size = per_page
        self.page = start_page
        """The page to fetch next."""
        self.limit = None if limit is None else _positive("limit", limit)
        self.max_pages = None if max_pages is None else _positive("max_pages", max_pages)
        self.seen: set[str] = set()
        self.done = False
        self._yielded = 0
        self._fetched = 0
        self._previous: list[str] | None = None

    def needs_probe(self, jobs: list[structs.Job]) -> bool:
        """True if the page just fetched holds the same jobs as the one before it."""
        ids = [job.job_identifier for job in jobs]
        return bool(ids) and ids == self._previous and self.page != 1

    def check_probe(
        self, first: list[structs.Job], jobs: list[structs.Job], response: httpx.Response
    ) -> None:
        """Raise `PaginationError` if page 1, fetched again (`first`), is the page just
        fetched (`jobs`, `response`): the server ignores `page`."""
        if [job.job_identifier for job in first] == [job.job_identifier for job in jobs]:
            raise PaginationError(
                f"the job history answered page {self.page} with the same {len(jobs)} jobs as"
                " the page before it and as page 1: the server ignores `page`",
                response=response,
                resume_page=self.page,
            )

    def take(self, jobs: list[structs.Job]) -> list[structs.Job]:
        """The jobs of the page just fetched not yielded before (up to `limit`); sets `done`
        when it is the last page, moves `page` on otherwise."""
        self._fetched += 1
        if self.size is None:
            self.size = len(jobs)
        self._previous = [job.job_identifier for job in jobs]
        fresh = []
        for job in jobs:
            if job.job_identifier not in self.seen:
                self.seen.add(job.job_identifier)
                fresh.append(job)
        if self.limit is not None:
            fresh = fresh[: self.limit - self._yielded]
        self._yielded += len(fresh)
        self.done = (
            not jobs
            or len(jobs) < self.size
            or (self.limit is not None and self._yielded >= self.limit)
            or (self.max_pages is not None and self._fetched >= self.max_pages)
        )
        self.page += 1
        return fresh


def first_page(start_page: int) -> int:
    """Check the page an iteration starts from."""
    return _positive("start_page", start_page)

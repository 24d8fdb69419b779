"""The job history's filters: checked and normalized before anything is sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from jobresults_api import modzy as api
from jobresults_structs import modzy as structs

from .. import _arguments

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
    chose it) or an empty page is the last. A job seen on an earlier page is not yielded again
    (jobs created while iterating shift the newest-first pages); a full page of only such jobs
    ends the iteration, as a server that ignores `page` would otherwise repeat it forever.
    """

    def __init__(self, per_page: int | None) -> None:
        self.size = per_page
        self.seen: set[str] = set()
        self.done = False

    def take(self, jobs: list[structs.Job]) -> Iterator[structs.Job]:
        """The jobs of a page not yielded before; sets `done` when it is the last page."""
        if self.size is None:
            self.size = len(jobs)
        fresh = [job for job in jobs if job.jobIdentifier not in self.seen]
        self.seen.update(job.jobIdentifier for job in fresh)
        self.done = not jobs or len(jobs) < self.size or not fresh
        return iter(fresh)


def first_page(start_page: int) -> int:
    """Check the page an iteration starts from."""
    return _positive("start_page", start_page)

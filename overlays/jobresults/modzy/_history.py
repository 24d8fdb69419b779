"""The job history's filters: checked and normalized before anything is sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypedDict, TypeVar

import httpx
from jobresults_clients.modzy.api.jobs import get_job_history
from jobresults_clients.modzy.models import JobHistoryStatus, SortDirection
from jobresults_clients.modzy.types import UNSET
from jobresults_structs import modzy as structs

from ..errors import PaginationError

E = TypeVar("E", bound=Enum)

DateLike = dt.datetime | dt.date | str
"""A moment: a datetime (naive ones are taken as UTC), a date (midnight UTC) or an ISO 8601
string."""


class HistoryQuery(TypedDict, total=False):
    """The job history's filters, as keyword arguments (all optional).

    `status`: all, pending, terminated or timedout (a `JobHistoryStatus` or its string);
    `model`, `user`, `access_key`: only jobs of that model, user, API key; `start_date`,
    `end_date`: only jobs created within (datetime, date or ISO 8601 string); `sort_by`: the job
    field to sort by (e.g. "createdAt"); `direction`: asc or desc (a `SortDirection` or its
    string); `per_page`: jobs per request (the server's default when left out).
    """

    status: str | Enum | None
    model: str | None
    user: str | None
    access_key: str | None
    start_date: DateLike | None
    end_date: DateLike | None
    sort_by: str | None
    direction: str | Enum | None
    per_page: int | None


def _choice(name: str, value: str | Enum, enum: type[E]) -> E:
    text = value.value if isinstance(value, Enum) else value
    valid = [member.value for member in enum]
    if isinstance(text, str) and text.strip().lower() in valid:
        return enum(text.strip().lower())
    raise ValueError(f"{name} must be one of {', '.join(valid)}; got {value!r}")


def parse_date(name: str, value: DateLike) -> dt.datetime:
    """A timezone-aware datetime from a datetime, a date or an ISO 8601 string.

    Naive datetimes and strings without an offset are taken as UTC; a date is its midnight UTC.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{name} must be an ISO 8601 date or date-time such as 2024-05-01T12:00:00Z;"
                f" got {value!r}"
            ) from None
    else:
        raise ValueError(f"{name} must be a datetime, a date or an ISO 8601 string; got {value!r}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _text(name: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value


def _positive(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1; got {value!r}")
    return value


@dataclass(frozen=True)
class HistoryFilters:
    """The job history's filters, checked: strings, generated enums and aware datetimes."""

    status: JobHistoryStatus | None = None
    model: str | None = None
    user: str | None = None
    access_key: str | None = None
    start_date: dt.datetime | None = None
    end_date: dt.datetime | None = None
    sort_by: str | None = None
    direction: SortDirection | None = None
    per_page: int | None = None

    @classmethod
    def build(
        cls,
        *,
        status: str | Enum | None = None,
        model: str | None = None,
        user: str | None = None,
        access_key: str | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        sort_by: str | None = None,
        direction: str | Enum | None = None,
        per_page: int | None = None,
    ) -> HistoryFilters:
        """Check and normalize the filters; raise ValueError naming the first bad one."""
        start = None if start_date is None else parse_date("start_date", start_date)
        end = None if end_date is None else parse_date("end_date", end_date)
        if start is not None and end is not None and start > end:
            raise ValueError(
                f"start_date ({start.isoformat()}) is after end_date ({end.isoformat()})"
            )
        return cls(
            status=None if status is None else _choice("status", status, JobHistoryStatus),
            model=None if model is None else _text("model", model),
            user=None if user is None else _text("user", user),
            access_key=None if access_key is None else _text("access_key", access_key),
            start_date=start,
            end_date=end,
            sort_by=None if sort_by is None else _text("sort_by", sort_by),
            direction=None if direction is None else _choice("direction", direction, SortDirection),
            per_page=None if per_page is None else _positive("per_page", per_page),
        )

    def request(self, page: int) -> dict[str, Any]:
        """The request for one page (the generated `_get_kwargs`)."""
        return get_job_history._get_kwargs(
            user=_or_unset(self.user),
            access_key=_or_unset(self.access_key),
            start_date=_or_unset(self.start_date),
            end_date=_or_unset(self.end_date),
            model=_or_unset(self.model),
            status=_or_unset(self.status),
            sort_by=_or_unset(self.sort_by),
            direction=_or_unset(self.direction),
            page=_positive("page", page),
            per_page=_or_unset(self.per_page),
        )


def _or_unset(value: Any) -> Any:
    return UNSET if value is None else value


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
        ids = [job.jobIdentifier for job in jobs]
        return bool(ids) and ids == self._previous and self.page != 1

    def check_probe(
        self, first: list[structs.Job], jobs: list[structs.Job], response: httpx.Response
    ) -> None:
        """Raise `PaginationError` if page 1, fetched again (`first`), is the page just
        fetched (`jobs`, `response`): the server ignores `page`."""
        if [job.jobIdentifier for job in first] == [job.jobIdentifier for job in jobs]:
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
        self._previous = [job.jobIdentifier for job in jobs]
        fresh = []
        for job in jobs:
            if job.jobIdentifier not in self.seen:
                self.seen.add(job.jobIdentifier)
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

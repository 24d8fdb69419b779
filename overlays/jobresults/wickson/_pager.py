"""Which pages of a batch to fetch, and which of their items to yield (no I/O here).

Every page is checked against what was asked and what the pages before it said, and items are
placed by position in the page grid the server uses: item `i` of page `p` is at
`(p - 1) * size + i`. The pager yields every position once, in order, never a `job_id` twice,
and ends with as many items as the batch's final `total_items`, or raises `PaginationError`
(with `resume_page`) saying what went wrong:

- `pagination.page` must be the page asked for: a server that ignores `page` (it answers page
  1 again) is an error at the first such page, and so is a page that brings only items already
  yielded, before any of them is repeated;
- the grid's size is the `page_size` the server reports on the first page read, which may not
  be the one asked (servers cap it: ask 1000, get 100; or page by a larger size). A server
  that caps it without saying so is recognized when the first page's length, and not the size
  reported, is what its `total_items` and `total_pages` agree with. A size that changes
  between pages is an error;
- the last page is `ceil(total_items / size)`, the largest any page announced (a batch that
  grows while it is read is followed to its new end; Wickson lists items as they complete).
  `total_pages` is used only where it agrees with `total_items`: a `total_pages` of 0, of
  10**9 or a stale one cannot end the reading early nor make it go on for ever. A
  `total_items` smaller than the items already seen is not believed either;
- a page that comes back short (fewer items than the size) while later pages are announced
  means the batch grew while the page was read: none of its items is yielded yet, it is
  fetched once more and that answer is used; still short, the pages contradict each other;
- a page with more items than the size yields only the positions not yielded before;
- a page that holds one `job_id` twice is an error (its items are not yielded);
- after the last page, fewer items than the final `total_items` is an error saying how many
  are missing; its `resume_page` is the first page that brought items already yielded in
  place of its own, where the missing ones were due (the last page if none did).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from jobresults_structs.wickson import JobResult

from .._response import ApiResponse
from .._seen import SeenIds
from ..errors import PaginationError
from ._models import BatchResultsPage

_JOB_ID = attrgetter("job_id")


@dataclass(frozen=True)
class Taken:
    """What consuming one page gave: the items to yield, or `short` (none yet: fetch it again)."""

    items: list[JobResult]
    short: bool


def _pages(items: int, size: int) -> int:
    return -(-items // size)


class Pager:
    """The reading plan of one batch."""

    def __init__(self, batch_id: str, *, page_size: int, start_page: int) -> None:
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        if start_page < 1:
            raise ValueError(f"start_page must be at least 1, got {start_page}")
        self.batch_id = batch_id
        self.page_size = page_size
        """The page size asked for."""
        self.start_page = start_page
        self.current = start_page
        """The page whose items come next."""
        self.last_page = start_page
        """The last page known to exist (see the module)."""
        self.size: int | None = None
        """The page size of the server's grid, known once the first page was read."""
        self._handed_out = start_page
        self._next_position = 0
        self._yielded = SeenIds()
        """Every job_id yielded: in memory, or on disk past a threshold (see `_seen`)."""
        self._total = 0
        self._last_response: ApiResponse[BatchResultsPage] | None = None
        self._first_overlap: int | None = None
        """The first page that brought items already yielded (their positions lost)."""

    def to_fetch(self, window: int) -> range:
        """Pages after the current one, at most `window` ahead and up to the last page, that
        were not handed out before (each page is handed out once)."""
        stop = min(self.last_page, self.current + window)
        pages = range(max(self._handed_out, self.current) + 1, stop + 1)
        self._handed_out = max(self._handed_out, stop)
        return pages

    def _error(
        self, response: ApiResponse[BatchResultsPage], why: str, resume_page: int | None = None
    ) -> PaginationError:
        """The error of `why`, resumed from `resume_page` (default: the current page)."""
        return PaginationError(
            f"batch {self.batch_id!r}: {why}",
            response=response.http,
            resume_page=self.current if resume_page is None else resume_page,
        )

    def _grid(self, response: ApiResponse[BatchResultsPage]) -> int:
        """The grid's page size, fixed by the first page read and checked on the others."""
        pagination = response.parsed.data.pagination
        reported, items = pagination.page_size, len(response.parsed.data.job_results)
        if self.size is None:
            if reported < 1:
                raise self._error(
                    response, f"page {self.current} reports a page_size of {reported}"
                )
            size = reported
            total, pages = pagination.total_items, pagination.total_pages
            silently_capped = 0 < items < reported < total and pages == _pages(total, items)
            if silently_capped and pages != _pages(total, reported):
                size = items  # its totals agree with the length of its pages, not the size
            self.size = size
            self._reported = reported
            self._next_position = (self.start_page - 1) * size
        elif reported != self._reported:
            raise self._error(
                response,
                f"page {self.current} reports a page_size of {reported}, the pages before it"
                f" {self._reported}: the page grid changed while the batch was read",
            )
        return self.size

    def _plan(self, response: ApiResponse[BatchResultsPage], size: int, seen: int) -> None:
        """Move the last page on from what `response` announces (see the module)."""
        pagination = response.parsed.data.pagination
        total, pages = pagination.total_items, pagination.total_pages
        if total >= seen:
            last = _pages(total, size)
            self._total = total
        else:  # fewer items than already seen: only a total_pages that fits them counts
            last = pages if pages * size >= seen else _pages(seen, size)
            self._total = max(self._total, seen)
        self.last_page = max(self.last_page, last)

    def take(self, response: ApiResponse[BatchResultsPage]) -> Taken:
        """Consume a response for the current page: its items not yielded yet."""
        page = response.parsed
        if page.data.pagination.page != self.current:
            raise self._error(
                response,
                f"asked for page {self.current}, got page {page.data.pagination.page}: the"
                " server does not serve the pages asked for (it may ignore `page`)",
            )
        size = self._grid(response)
        items = page.data.job_results
        start = (self.current - 1) * size
        self._plan(response, size, start + len(items))
        if len(items) < size and self.current < self.last_page:
            return Taken([], short=True)
        skip = self._next_position - start
        fresh = items if skip <= 0 else items[skip:]
        ids = list(map(_JOB_ID, fresh))  # at C speed
        if len(set(ids)) != len(ids):
            repeated = next(job_id for job_id, n in Counter(ids).items() if n > 1)
            raise self._error(
                response,
                f"page {self.current} holds job {repeated!r} more than once: the server repeats"
                " items within a page",
            )
        # Recorded at once; a page of ids all yielded before leaves the record as it was.
        before = self._yielded.add(ids)
        if before and before.issuperset(ids):
            raise self._error(
                response,
                f"page {self.current} holds only items already yielded (the first:"
                f" {fresh[0].job_id!r}): the server repeats pages",
            )
        if before:
            fresh = [item for item in fresh if item.job_id not in before]
            if self._first_overlap is None:
                self._first_overlap = self.current
        self._next_position = max(self._next_position, start + len(items))
        self._last_response = response
        return Taken(fresh, short=False)

    def take_again(self, response: ApiResponse[BatchResultsPage]) -> list[JobResult]:
        """Consume the current page fetched a second time; raise `PaginationError` if it is
        still short while later pages are announced."""
        taken = self.take(response)
        if taken.short:
            count = len(response.parsed.data.job_results)
            raise self._error(
                response,
                f"page {self.current} came back with {count} items of {self.size} twice while"
                f" {self.last_page} pages were announced; the batch changed while it was read",
            )
        return taken.items

    def advance(self) -> bool:
        """Move on to the next page; False when the current page was the last (after checking
        that every item announced was yielded)."""
        if self.current < self.last_page:
            self.current += 1
            return True
        assert self.size is not None
        assert self._last_response is not None
        had = (self.start_page - 1) * self.size + len(self._yielded)
        if had < self._total:
            why = (
                f"the last page ({self.current}) was read and {self._total - had} of the"
                f" {self._total} items announced are missing ({had} were read, counting the"
                " pages before the start page as whole): pages overlapped or repeated items"
            )
            overlap = self._first_overlap
            if overlap is not None:
                # The missing items were due where the first page brought repeats instead:
                # only a reading from there can reach them (the items after it come again).
                why += (
                    f"; the first overlap was on page {overlap}, where a reading that resumes"
                    f" gets them (with the items of pages {overlap}-{self.current} again)"
                )
            raise self._error(self._last_response, why, resume_page=overlap)
        return False

    def close(self) -> None:
        """Free the record of the ids yielded (its file, once it is on disk); the reading
        cannot go on after."""
        self._yielded.close()

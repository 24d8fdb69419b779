"""Which pages of a batch to fetch, and which of their items to yield (no I/O here).

Items are placed by position: item `i` of page `p` is at `(p - 1) * page_size + i`. The pager
yields every position once, in order, and never one twice:

- the last page is the largest `total_pages` any response announced (a batch that grows while
  it is read is followed to its new end; Wickson lists items as they complete);
- a page that comes back short (fewer than `page_size` items) while later pages are announced
  means the batch grew while the page was read: none of its items is yielded yet, it is fetched
  once more and that answer is used; still short, the pages contradict each other, and
  `PaginationError` is raised (with `resume_page`) rather than skipping items;
- a page with more than `page_size` items yields only the positions not yielded before;
- the iteration ends after the last page, or after a short last page.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobresults_structs.wickson import JobResult

from .._response import ApiResponse
from ..errors import PaginationError
from ._models import BatchResultsPage


@dataclass(frozen=True)
class Taken:
    """What consuming one page gave: the items to yield, or `short` (none yet: fetch it again)."""

    items: list[JobResult]
    short: bool


class Pager:
    """The reading plan of one batch at a fixed page size."""

    def __init__(self, batch_id: str, *, page_size: int, start_page: int) -> None:
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        if start_page < 1:
            raise ValueError(f"start_page must be at least 1, got {start_page}")
        self.batch_id = batch_id
        self.page_size = page_size
        self.current = start_page
        """The page whose items come next."""
        self.last_page = start_page
        """The last page known to exist: the largest `total_pages` announced so far."""
        self._handed_out = start_page
        self._next_position = (start_page - 1) * page_size

    def to_fetch(self, window: int) -> range:
        """Pages after the current one, at most `window` ahead and up to the last page, that
        were not handed out before (each page is handed out once)."""
        stop = min(self.last_page, self.current + window)
        pages = range(max(self._handed_out, self.current) + 1, stop + 1)
        self._handed_out = max(self._handed_out, stop)
        return pages

    def take(self, response: ApiResponse[BatchResultsPage]) -> Taken:
        """Consume a response for the current page: its items not yielded yet."""
        page = response.parsed
        self.last_page = max(self.last_page, page.data.pagination.total_pages)
        items = page.data.job_results
        start = (self.current - 1) * self.page_size
        skip = self._next_position - start
        fresh = items if skip <= 0 else items[skip:]
        if len(items) < self.page_size and self.current < self.last_page:
            return Taken([], short=True)
        self._next_position = max(self._next_position, start + len(items))
        return Taken(fresh, short=False)

    def take_again(self, response: ApiResponse[BatchResultsPage]) -> list[JobResult]:
        """Consume the current page fetched a second time; raise `PaginationError` if it is
        still short while later pages are announced."""
        taken = self.take(response)
        if taken.short:
            count = len(response.parsed.data.job_results)
            raise PaginationError(
                f"batch {self.batch_id!r}: page {self.current} came back with {count} items "
                f"of {self.page_size} twice while {self.last_page} pages were announced; "
                "the batch changed while it was read",
                response=response.http,
                resume_page=self.current,
            )
        return taken.items

    def advance(self) -> bool:
        """Move on to the next page; False when the current page was the last."""
        if self.current >= self.last_page:
            return False
        self.current += 1
        return True

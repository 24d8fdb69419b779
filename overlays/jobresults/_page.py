"""Page objects: one page of a paginated operation, and the way to the pages after it.

`SyncPage` / `AsyncPage` hold a page's items (iterate over the page, `len(page)`,
`page[0]`), its `ApiResponse` (`.response`; `.parsed` is the typed body) and its number, and
move on as the Stainless SDKs' pages do: `has_next_page()`, `get_next_page()`, `iter_pages()`.

How the pages follow each other, and every check of what the server sends about them, belongs
to the operation's own reading plan (Wickson's `Pager`, Modzy's `Pages`: the same plans the item
iterators use), held by a `Chain` of the service. Pages read through one chain are checked
against each other: an item shows up on one page only, and pages that contradict each other
raise `PaginationError` with `resume_page`. `get_next_page()` on the latest page of a chain
reads on through it; on an earlier page (asked twice, or kept from before) it starts a new
chain at the following page, checked from there on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Generic, Self, TypeVar, overload

from ._response import ApiResponse

ItemT = TypeVar("ItemT")
BodyT = TypeVar("BodyT")


class _Page(Generic[ItemT, BodyT]):
    """What sync and async pages share."""

    def __init__(
        self,
        items: list[ItemT],
        response: ApiResponse[BodyT],
        *,
        number: int,
        has_next: bool,
    ) -> None:
        self.items = items
        """The page's items: each item of the chain once (see the module)."""
        self.response = response
        """The page's HTTP response, typed (`.parsed`, `.http`, `.json()`, ...)."""
        self.number = number
        """The page's number (1-based)."""
        self._has_next = has_next

    @property
    def parsed(self) -> BodyT:
        """The page's typed body, as the operation returns it."""
        return self.response.parsed

    def has_next_page(self) -> bool:
        """True if a page follows this one (as the reading plan sees it, not only as this
        page's own pagination fields say)."""
        return self._has_next

    def extra_fields(self) -> dict[str, Any]:
        """What the page's body holds that the spec does not declare (`{JSON pointer: value}`)."""
        return self.response.extra_fields()

    def to_dict(self) -> Any:
        """The page's typed body as JSON-ready builtins (`jobresults.to_builtins`)."""
        from ._builtins import to_builtins

        return to_builtins(self.response.parsed)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> ItemT: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ItemT]: ...

    def __getitem__(self, index: int | slice) -> ItemT | Sequence[ItemT]:
        return self.items[index]

    def _no_next(self) -> LookupError:
        return LookupError(f"no page after page {self.number}; check has_next_page() first")

    def __repr__(self) -> str:
        more = ", more follow" if self._has_next else ", the last"
        return f"<{type(self).__name__} {self.number}: {len(self.items)} items{more}>"


class SyncPage(_Page[ItemT, BodyT]):
    """One page of a paginated operation (blocking client); see the module."""

    def __init__(
        self,
        items: list[ItemT],
        response: ApiResponse[BodyT],
        *,
        number: int,
        has_next: bool,
        following: Callable[[Self], Self],
    ) -> None:
        super().__init__(items, response, number=number, has_next=has_next)
        self._following = following

    def __iter__(self) -> Iterator[ItemT]:
        return iter(self.items)

    def get_next_page(self) -> Self:
        """The page after this one, fetched and checked; LookupError on the last page."""
        if not self._has_next:
            raise self._no_next()
        return self._following(self)

    def iter_pages(self) -> Iterator[Self]:
        """This page, then every page after it, in order (one request per page)."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def iter_items(self) -> Iterator[ItemT]:
        """Every item of this page and of the pages after it."""
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_Page[ItemT, BodyT]):
    """One page of a paginated operation (asyncio client): `await page.get_next_page()`,
    `async for page in first.iter_pages()`, `async for item in first.iter_items()`."""

    def __init__(
        self,
        items: list[ItemT],
        response: ApiResponse[BodyT],
        *,
        number: int,
        has_next: bool,
        following: Callable[[Self], Awaitable[Self]],
    ) -> None:
        super().__init__(items, response, number=number, has_next=has_next)
        self._following = following

    def __iter__(self) -> Iterator[ItemT]:
        return iter(self.items)

    async def get_next_page(self) -> Self:
        """The page after this one, fetched and checked; LookupError on the last page."""
        if not self._has_next:
            raise self._no_next()
        return await self._following(self)

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then every page after it, in order (one request per page)."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def iter_items(self) -> AsyncIterator[ItemT]:
        """Every item of this page and of the pages after it."""
        async for page in self.iter_pages():
            for item in page.items:
                yield item

"""The record of the ids an iterator has yielded: exact at any size, in bounded memory.

An iterator that promises never to yield an id twice must remember every id it yielded; over a
batch of a million items a set of them costs more than everything else the reading holds
(about 120 bytes an id). `SeenIds` keeps the ids in a set up to `threshold` of them (the
reads of most batches cost what a set costs, and nothing more) and past it moves them to a
scratch SQLite database on disk, keyed by the id, whose page cache is all it holds in memory:
the memory of a reading stays flat however many items it yields, and membership stays exact
(the ids themselves are compared, never a hash of them).

The database is SQLite's private temporary database (the empty file name): SQLite makes its
file in the temporary directory and unlinks it at once, so it is gone when the connection is
closed, garbage-collected or the process dies, and no other process can open it. It is
scratch: no journal, no syncs. Where `sqlite3` cannot be imported (a Python built without
it), the record stays a set at any size: exact still, but its memory grows with the ids.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import sqlite3

SPILL_THRESHOLD: Final = 10_000
"""The ids a record holds in a set before it moves them to disk."""

CACHE_KIB: Final = 1024
"""The on-disk record's page cache (KiB): the memory it holds, whatever its size."""

_CHUNK: Final = 500
"""Ids per statement (with the batch number, well under any SQLite's limit of 999 variables)."""


_SCHEMA: Final = """
CREATE TABLE seen (
    id TEXT PRIMARY KEY NOT NULL,
    batch INTEGER NOT NULL  -- the `add` that recorded it (0: moved from the set)
) WITHOUT ROWID
"""


class SeenIds:
    """The ids recorded so far (see the module): `add(ids)` records a page's ids and says which
    of them were recorded before; `len()` counts the distinct ids; `close()` frees it."""

    def __init__(self, *, threshold: int | None = None) -> None:
        threshold = SPILL_THRESHOLD if threshold is None else threshold
        if threshold < 0:
            raise ValueError(f"threshold must be 0 or more, got {threshold}")
        self.threshold = threshold
        """The ids held in a set before they move to disk (default: `SPILL_THRESHOLD`)."""
        self._ids: set[str] | None = set()
        self._db: sqlite3.Connection | None = None
        self._count = 0
        """The ids in the database (the set's are `len(self._ids)`)."""
        self._batch = 0
        """The number of the latest `add` on disk: each row remembers the `add` that made it."""
        self._closed = False

    @property
    def on_disk(self) -> bool:
        """Whether the ids were moved to the on-disk database."""
        return self._db is not None

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._closed

    def __len__(self) -> int:
        return self._count if self._ids is None else len(self._ids)

    def add(self, ids: Sequence[str]) -> set[str]:
        """Record `ids`; return those of them that were recorded before this call (an id that
        appears twice in `ids` only is not among them). If every id was recorded before,
        nothing changes."""
        if self._closed:
            raise ValueError("the record of ids was closed")
        memory = self._ids
        if memory is not None and (
            len(memory) + len(ids) <= self.threshold or not self._spill(memory)
        ):
            before = memory.intersection(ids)
            memory.update(ids)
            return before
        return self._add_on_disk(ids)

    def close(self) -> None:
        """Free the record (the on-disk database and its file with it); `add` fails after."""
        self._closed = True
        self._ids = set()
        db, self._db = self._db, None
        if db is not None:
            db.close()

    def _spill(self, memory: set[str]) -> bool:
        """Move the ids to a new database; False (the set stays) without `sqlite3`."""
        try:
            import sqlite3  # here, not above: a read that never spills does not load it
        except ImportError:  # a Python built without sqlite3 (see the module)
            self.threshold = sys.maxsize  # not tried again
            return False
        # Called by the thread reading at the time, and possibly closed (or collected) on
        # another: no two threads use the record at once, so SQLite's own check is not needed.
        db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        try:
            for pragma in (
                "journal_mode = OFF",  # scratch: nothing to roll back or recover
                "synchronous = OFF",
                "locking_mode = EXCLUSIVE",  # one connection only: no lock per statement
                "temp_store = FILE",
                f"cache_size = -{CACHE_KIB}",
            ):
                db.execute(f"PRAGMA {pragma}")
            db.execute(_SCHEMA)
            # The batch of the set's ids is 0; sorted, they go in as appends to the index.
            self._count = _insert(db, 0, sorted(memory))
        except sqlite3.Error:  # no usable temporary directory, say: the set stays, exact
            db.close()
            self.threshold = sys.maxsize
            return False
        self._db = db
        self._ids = None
        return True

    def _add_on_disk(self, ids: Sequence[str]) -> set[str]:
        db = self._db
        assert db is not None
        self._batch += 1
        batch = self._batch
        # Sorted, a page's ids reach the index in key order: random ids (UUIDs) touch its
        # pages in one sweep rather than at random (6.1 to 5.1 us an id over 300,000 UUIDs).
        added = _insert(db, batch, sorted(ids))
        self._count += added
        if added == len(ids):  # every id was new: what a correct server gives
            return set()
        # Some ids were ignored: recorded before this call (an older batch), or twice in `ids`.
        before: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(ids))):
            before.update(row[0] for row in db.execute(_select_sql(len(chunk)), (batch, *chunk)))
        return before


def _insert(db: sqlite3.Connection, batch: int, ids: Sequence[str]) -> int:
    """Insert the ids not in `db` yet, as written by the `add` numbered `batch`; how many were."""
    changes = db.total_changes
    # One statement per chunk of ids, not one per id (`executemany`): 2.5x as fast. No
    # transaction around them: with no journal and the lock held, each costs nothing more.
    for chunk in _chunks(ids):
        db.execute(_insert_sql(len(chunk)), (batch, *chunk))
    return db.total_changes - changes


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


@cache
def _insert_sql(count: int) -> str:
    """The statement that records `count` ids (bound after the batch number, `?1`)."""
    values = ", ".join(["(?)"] * count)
    return f"INSERT OR IGNORE INTO seen SELECT column1, ?1 FROM (VALUES {values})"


@cache
def _select_sql(count: int) -> str:
    """The query for which of `count` ids were recorded before the batch numbered `?1`."""
    marks = ", ".join(["?"] * count)
    return f"SELECT id FROM seen WHERE batch < ?1 AND id IN ({marks})"

"""The record of the ids an iterator yielded (`jobresults._seen.SeenIds`): exact on either side
of the point where it moves from a set to its on-disk database, its file gone once it is
closed, and closed by Wickson's iterators however their reading ends."""

from __future__ import annotations

import asyncio
import gc
import os
import random
import sys
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from jobresults import _seen
from jobresults._seen import SeenIds
from jobresults.errors import PaginationError
from jobresults.wickson import _pager

from ._support import JSON
from .test_pagination import BATCH, Grid, items, wickson_clients, wickson_page

PROC_FDS = Path("/proc/self/fd")


def scratch_files() -> list[str]:
    """The files this process holds open that SQLite made as private temporary databases."""
    found = []
    for fd in os.listdir(PROC_FDS):
        try:
            target = os.readlink(PROC_FDS / fd)
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if "etilqs_" in target:
            found.append(target)
    return found


def test_the_record_says_exactly_which_ids_it_had_before_across_the_spill() -> None:
    # A small pool of ids, so that a page often repeats ids of earlier pages (or its own),
    # checked against a set call by call, with the threshold crossed on the way.
    rng = random.Random(20240601)
    pool = [f"job-{n:04d}" for n in range(300)]
    for threshold in (0, 1, 40, 150):
        record, oracle = SeenIds(threshold=threshold), set[str]()
        for _ in range(60):
            ids = rng.choices(pool, k=rng.randrange(0, 25))
            assert record.add(ids) == oracle.intersection(ids), threshold
            oracle.update(ids)
            assert len(record) == len(oracle)
        assert record.on_disk, threshold  # every threshold here was crossed
        record.close()


def test_ids_that_only_look_alike_are_not_taken_for_each_other() -> None:
    lookalikes = ["job-1", "JOB-1", "job-1 ", " job-1", "job-01", "job-1\x00", ""]
    lookalikes += ["\u00e9", "e\u0301"]  # é composed, and e with a combining accent
    for threshold in (0, 100):
        record = SeenIds(threshold=threshold)
        assert record.add(lookalikes[:1]) == set()
        assert record.add(lookalikes[1:]) == set(), threshold
        assert record.add(lookalikes) == set(lookalikes)
        assert len(record) == len(lookalikes)
        record.close()


def test_a_page_of_ids_all_recorded_before_leaves_the_record_as_it_was() -> None:
    record = SeenIds(threshold=5)
    record.add([f"a{n}" for n in range(4)])
    assert record.add(["a0", "a1", "a0"]) == {"a0", "a1"}  # still the set
    assert record.add([f"b{n}" for n in range(4)]) == set()  # moves to disk here
    assert record.on_disk
    assert len(record) == 8
    assert record.add(["b3", "a2", "b3"]) == {"b3", "a2"}
    assert len(record) == 8
    assert record.add(["c", "c"]) == set()  # twice in one call: not recorded before it
    assert len(record) == 9
    record.close()
    with pytest.raises(ValueError, match="closed"):
        record.add(["d"])


@pytest.mark.skipif(not PROC_FDS.is_dir(), reason="needs /proc/self/fd")
def test_the_on_disk_record_has_no_name_and_is_gone_when_closed_or_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_seen, "CACHE_KIB", 64)  # SQLite writes its file past its cache
    before = scratch_files()
    many = [f"job-{n:040d}" for n in range(4000)]
    for ending in ("close", "collect"):
        record = SeenIds(threshold=10)
        record.add(many[:10])
        record.add(many[10:])
        opened = [name for name in scratch_files() if name not in before]
        assert len(opened) == 1, opened
        assert opened[0].endswith("(deleted)"), opened  # unlinked from the start
        assert record.add([*many[:3], "new"]) == set(many[:3])  # read back from the file
        if ending == "close":
            record.close()
        else:
            del record
            gc.collect()
        assert scratch_files() == before, ending


def test_a_record_never_spills_without_sqlite3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlite3", None)  # import fails
    record = SeenIds(threshold=3)
    assert record.add(["a", "b", "c", "d"]) == set()
    assert record.add(["d", "e"]) == {"d"}
    assert not record.on_disk
    assert len(record) == 5


def test_a_record_whose_database_cannot_be_made_stays_a_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_seen, "_SCHEMA", "CREATE TABLE")  # fails as a full disk would
    record = SeenIds(threshold=3)
    assert record.add(["a", "b", "c", "d"]) == set()
    assert record.add(["d", "e", "e"]) == {"d"}
    assert not record.on_disk
    assert len(record) == 5


# Wickson's pager, reading through the record with a small threshold ------------------------


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_seen, "SPILL_THRESHOLD", 25)


class Repeating(Grid):
    """100 items in pages of 10, where page `repeat` brings the items of page `of` again (and
    says it is page `repeat`), or, with `mixed`, half of them with 5 items of its own."""

    def __init__(self, repeat: int, of: int, *, mixed: bool = False) -> None:
        super().__init__(100, 10)
        self.repeat, self.of, self.mixed = repeat, of, mixed

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        if page != self.repeat:
            return super().__call__(request)
        old = self.items[(self.of - 1) * 10 : self.of * 10]
        body = old[:5] + self.items[(page - 1) * 10 : (page - 1) * 10 + 5] if self.mixed else old
        content = wickson_page(page, body, self.honest(page))
        return httpx.Response(200, content=content, headers=JSON)


@pytest.mark.usefixtures("small_threshold")
async def test_a_page_repeated_after_the_record_spilled_is_an_error_at_that_page() -> None:
    for mode in ("sync", "async"):
        grid = Repeating(repeat=7, of=2)  # page 2 is recorded in the set, page 7 read on disk
        got: list[Any] = []
        client = wickson_clients(grid)[mode == "async"]
        with pytest.raises(PaginationError, match="only items already yielded") as caught:
            await items(client.batches.iter_results(BATCH, page_size=10, prefetch=2), got)
        assert [item.job_id for item in got] == grid.ids()[:60], mode
        assert caught.value.resume_page == 7


@pytest.mark.usefixtures("small_threshold")
async def test_items_yielded_before_the_spill_are_not_yielded_again_after_it() -> None:
    for mode in ("sync", "async"):
        grid = Repeating(repeat=6, of=1, mixed=True)  # 5 items of page 1 again on page 6
        got: list[Any] = []
        client = wickson_clients(grid)[mode == "async"]
        with pytest.raises(PaginationError, match="5 of the 100 items announced are missing"):
            await items(client.batches.iter_results(BATCH, page_size=10, prefetch=2), got)
        ids = [item.job_id for item in got]
        assert len(ids) == len(set(ids)) == 95, mode
        assert ids[50:55] == grid.ids()[50:55]


@pytest.mark.usefixtures("small_threshold")
async def test_a_correct_batch_past_the_threshold_reads_whole_with_no_false_repeat() -> None:
    for mode in ("sync", "async"):
        grid = Grid(237, 10)
        client = wickson_clients(grid)[mode == "async"]
        got = await items(client.batches.iter_results(BATCH, page_size=10, prefetch=3))
        assert [item.job_id for item in got] == grid.ids(), mode


class Recorded(SeenIds):
    """A `SeenIds` that keeps a list of every one made."""

    made: ClassVar[list[SeenIds]] = []

    def __init__(self, *, threshold: int | None = None) -> None:
        super().__init__(threshold=threshold)
        Recorded.made.append(self)


@pytest.fixture
def records(monkeypatch: pytest.MonkeyPatch) -> list[SeenIds]:
    monkeypatch.setattr(_pager, "SeenIds", Recorded)
    monkeypatch.setattr(_seen, "SPILL_THRESHOLD", 25)
    Recorded.made = []
    return Recorded.made


def test_the_blocking_iterator_closes_its_record_however_it_ends(records: list[SeenIds]) -> None:
    client = wickson_clients(Grid(100, 10))[0]
    assert len(list(client.batches.iter_results(BATCH, page_size=10, prefetch=2))) == 100
    for item in (iterator := client.batches.iter_results(BATCH, page_size=10, prefetch=2)):
        if item.job_id == "job-00050":
            break
    assert len(records) == 2
    assert records[1].on_disk
    assert not records[1].closed
    iterator.close()
    with pytest.raises(PaginationError):
        list(wickson_clients(Repeating(repeat=7, of=2))[0].batches.iter_results(BATCH, 10))
    dropped = client.batches.iter_results(BATCH, page_size=10, prefetch=2)
    assert [next(dropped) for _ in range(40)][-1].job_id == "job-00039"
    del dropped  # left unclosed: collecting it closes it
    gc.collect()
    assert [record.closed for record in records] == [True, True, True, True]


async def test_the_asyncio_iterator_closes_its_record_however_it_ends(
    records: list[SeenIds],
) -> None:
    client = wickson_clients(Grid(100, 10))[1]
    assert len(await items(client.batches.iter_results(BATCH, page_size=10, prefetch=2))) == 100
    iterator = client.batches.iter_results(BATCH, page_size=10, prefetch=2)
    async for item in iterator:
        if item.job_id == "job-00050":
            break
    assert len(records) == 2
    assert records[1].on_disk
    assert not records[1].closed
    await iterator.aclose()
    with pytest.raises(PaginationError):
        await items(wickson_clients(Repeating(repeat=7, of=2))[1].batches.iter_results(BATCH, 10))
    dropped = client.batches.iter_results(BATCH, page_size=10, prefetch=2)
    assert [await anext(dropped) for _ in range(40)][-1].job_id == "job-00039"
    del dropped  # left unclosed: the event loop closes it once it is collected
    gc.collect()
    for _ in range(20):
        if len(records) == 4 and records[3].closed:
            break
        await asyncio.sleep(0)
    assert [record.closed for record in records] == [True, True, True, True]


async def test_page_objects_read_to_the_last_page_close_their_record(
    records: list[SeenIds],
) -> None:
    sync, asynchronous = wickson_clients(Grid(100, 10))
    pages = list(sync.batches.results_page(BATCH, page_size=10).iter_pages())
    assert sum(map(len, pages)) == 100
    first = await asynchronous.batches.results_page(BATCH, page_size=10)
    assert sum([len(page) async for page in first.iter_pages()]) == 100
    # results_page checks its arguments with a plan of its own, which reads nothing
    assert len(records) == 4
    assert [record.closed for record in records].count(True) == 2
    assert all(record.closed or len(record) == 0 for record in records)

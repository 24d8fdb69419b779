"""Closing or leaving a blocking `iter_results` stops its fetching threads at once, in retry
pauses and in reads under way alike; an iterator left open never holds the interpreter up."""

from __future__ import annotations

import copy
import subprocess
import sys
import threading
import time

import orjson
from jobresults import wickson

from ._operations import sample_bodies
from ._servers import Reply, ScriptedServer, Seen

SAMPLE = orjson.loads(sample_bodies()["wickson.batches.results"])
BATCH = SAMPLE["data"]["batch_summary"]["batch_id"]
SIZE = 10
PAGES = 8


def first_page() -> bytes:
    body = copy.deepcopy(SAMPLE)
    item = body["data"]["job_results"][0]
    body["data"]["job_results"] = [{**item, "job_id": f"job-{n}"} for n in range(SIZE)]
    body["data"]["pagination"] = {
        "page": 1,
        "page_size": SIZE,
        "total_items": SIZE * PAGES,
        "total_pages": PAGES,
    }
    return orjson.dumps(body)


class Unwilling:
    """Page 1 at once; page 2 held (a read under way for as long as the test lasts); every
    other page 503 with `Retry-After: 30` (retry pauses of 30 s)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.page_one = first_page()

    def __call__(self, seen: Seen) -> Reply:
        page = seen.query.get("page")
        if page == "1":
            return Reply(200, self.page_one)
        if page == "2":
            self.release.wait(20)
            return Reply(503, b"{}")
        return Reply(503, b'{"message": "busy"}', {"Retry-After": "30"})


def fetching_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("jobresults-prefetch")]


def test_closing_iter_results_stops_every_fetching_thread_at_once() -> None:
    unwilling = Unwilling()
    with ScriptedServer(unwilling) as server:
        client = wickson.Client("test-key", base_url=server.url, timeout=20, max_retries=5)
        iterator = client.batches.iter_results(BATCH, page_size=SIZE, prefetch=4)
        assert next(iterator).job_id == "job-0"
        deadline = time.monotonic() + 5
        while len(server.seen) < 5 and time.monotonic() < deadline:  # pages 2-5 asked for
            time.sleep(0.01)
        time.sleep(0.1)  # pages 3-5 are now in their 30 s pauses, page 2 is being read
        started = time.monotonic()
        iterator.close()
        closed_in = time.monotonic() - started
        asked = len(server.seen)
        for thread in fetching_threads():
            thread.join(1.0)
        left = fetching_threads()
        time.sleep(0.2)
        assert len(server.seen) == asked  # nothing sent after close() returned
        unwilling.release.set()
        client.close()
    assert closed_in < 0.5
    assert left == []
    assert asked == 5


CHILD = """
import sys, time
from jobresults import wickson
client = wickson.Client("test-key", base_url=sys.argv[1], timeout=20, max_retries=5)
items = client.batches.iter_results(sys.argv[2], page_size=10, prefetch=4)
print(next(items).job_id, flush=True)
time.sleep(0.3)  # the pages ahead are asked for: one read under way, the others pausing
print("leaving", flush=True)
"""


def test_an_iterator_left_open_does_not_delay_the_interpreters_exit() -> None:
    unwilling = Unwilling()
    with ScriptedServer(unwilling) as server:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, server.url, BATCH],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "job-0"
            assert child.stdout.readline().strip() == "leaving"
            left_at = time.monotonic()
            code = child.wait(timeout=5)
            exited_in = time.monotonic() - left_at
        finally:
            child.kill()
            unwilling.release.set()
    assert code == 0, child.stderr.read() if child.stderr else ""
    assert exited_in < 1.0
    assert len(server.seen) >= 3  # it left with pages ahead in flight and in pauses

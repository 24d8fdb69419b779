"""Modzy jobs: the page's example, jobs generated from the seed (a history of 5,000, one of them
with 10,000 items) and jobs created through the control API."""

from __future__ import annotations

import functools
from collections.abc import Hashable
from typing import Any

import orjson

from ._clock import iso_millis_offset
from ._examples import response_example
from ._params import parse_date_time
from ._progress import Progress
from ._random import derive, mix64, uuid4_text
from .seeded import MODZY_EXAMPLE_JOB, MODZY_HISTORY_JOBS, MODZY_LARGE_JOB, MODZY_LARGE_JOB_ITEMS

HISTORY_STATUSES = ("pending", "terminated", "timedout")
"""The statuses jobs report in the history (the values its `status` filter takes, but `all`)."""

_LABELS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MODELS = (  # the models the seeded jobs ran
    {"identifier": "ed542963de", "version": "1.0.1", "name": "Sentiment Analysis"},
    {"identifier": "c60c8dbd79", "version": "0.0.2", "name": "Digit Recognition"},
    {"identifier": "aevbu1h3yw", "version": "1.0.0", "name": "Language Identification"},
    {"identifier": "uvdncymn6q", "version": "0.3.0", "name": "Named Entity Recognition"},
)
_USERS = (
    ("Ada", "Lovelace"),
    ("Alan", "Turing"),
    ("Grace", "Hopper"),
    ("Edsger", "Dijkstra"),
    ("Barbara", "Liskov"),
)
_ERRORS = (
    "Model output file results.json was not produced",
    "Input item could not be decoded",
    "Model container exited with code 137",
)
_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _access_key(seed: int, number: int) -> str:
    value = derive(seed, "modzy-access-key", number) << 64 | derive(seed, "modzy-key", number)
    letters = []
    for _ in range(20):
        value, digit = divmod(value, len(_KEY_ALPHABET))
        letters.append(_KEY_ALPHABET[digit])
    return "".join(letters)


class ModzyJob:
    """A job with a history entry and results; subclasses say how they look at a moment."""

    cacheable = True
    """Whether its results never change (so their encoded body can be cached)."""

    def __init__(self, job_id: str, created_at: float) -> None:
        self.job_id = job_id
        self.created_at = created_at

    def history_entry(self, now: float) -> dict[str, Any]:
        """The job's entry in the job history at simulated elapsed time `now`."""
        raise NotImplementedError

    def result(self, now: float) -> dict[str, Any] | None:
        """The job's results at `now` (None: the job has no results yet, answer 404)."""
        raise NotImplementedError

    def details(self, now: float) -> dict[str, Any]:
        """The job's details at `now`: its history entry, with the status in the words of job
        details (the SDK's `Jobs.status`) rather than those of the history's filter."""
        entry = dict(self.history_entry(now))
        entry["status"] = self.details_status(now)
        return entry

    def details_status(self, now: float) -> str:
        """SUBMITTED, IN_PROGRESS, COMPLETED, CANCELED or TIMEDOUT at `now`."""
        raise NotImplementedError


class ExampleJob(ModzyJob):
    """The page's job, served exactly: its results and its history entry (the page's job
    object) are the spec's examples."""

    def __init__(self) -> None:
        self._result: dict[str, Any] = response_example("modzy", "getResults")
        self._entry: dict[str, Any] = response_example("modzy", "getJobHistory")[0]
        super().__init__(MODZY_EXAMPLE_JOB, parse_date_time(self._entry["createdAt"], "createdAt"))

    def history_entry(self, now: float) -> dict[str, Any]:
        return self._entry

    def result(self, now: float) -> dict[str, Any] | None:
        return self._result

    def details(self, now: float) -> dict[str, Any]:
        example: dict[str, Any] = response_example("modzy", "getJob")
        return example

    def details_status(self, now: float) -> str:
        return str(self.details(now)["status"])


class GeneratedJob(ModzyJob):
    """A job frozen in one state, derived from the seed and its number."""

    def __init__(
        self,
        seed: int,
        number: int,
        *,
        job_id: str | None = None,
        status: str | None = None,
        total: int | None = None,
        completed: int | None = None,
        failed: int | None = None,
        nested: bool = False,
        explain: bool | None = None,
    ) -> None:
        mixed = derive(seed, "modzy-job", number)
        created = 1_704_067_200 + mixed % (86400 * 540)
        super().__init__(job_id or uuid4_text(seed, "modzy-job", number), float(created))
        self._salt = mixed
        weight = (mixed >> 20) % 10
        self.status = status or (
            "pending" if weight == 0 else "timedout" if weight == 1 else "terminated"
        )
        self.total = total if total is not None else 1 + (mixed >> 24) % 12
        if failed is None:
            failed = self.total // 4 if (mixed >> 28) % 5 == 0 else 0
        if completed is None:
            processed = self.total if self.status == "terminated" else (mixed >> 32) % self.total
            completed = max(0, processed - failed)
            failed = min(failed, processed)
        self.completed = completed
        self.failed = failed
        self.nested = nested
        self.explain = explain if explain is not None else (mixed >> 36) % 7 == 0
        user = (mixed >> 40) % len(_USERS)
        self.user_number = user
        self.access_key = _access_key(seed, user)
        self.account = uuid4_text(seed, "modzy-account")
        self.team = uuid4_text(seed, "modzy-team")
        self.model = MODELS[(mixed >> 44) % len(MODELS)]
        self.queue_ms = 50 + (mixed >> 48) % 5000
        self.item_ms = 80 + (mixed >> 52) % 900

    @property
    def finished(self) -> bool:
        """Whether the job is done (a finished or timed-out job)."""
        return self.status != "pending"

    def details_status(self, now: float) -> str:
        if self.status == "pending":
            return "IN_PROGRESS" if self.completed + self.failed else "SUBMITTED"
        return "TIMEDOUT" if self.status == "timedout" else "COMPLETED"

    def history_entry(self, now: float) -> dict[str, Any]:
        first, last = _USERS[self.user_number]
        processed = self.completed + self.failed
        elapsed = processed * self.item_ms
        return {
            "jobIdentifier": self.job_id,
            "submittedBy": self.access_key,
            "accountIdentifier": self.account,
            "model": dict(self.model),
            "status": self.status,
            "createdAt": iso_millis_offset(self.created_at),
            "updatedAt": iso_millis_offset(self.created_at + (self.queue_ms + elapsed) / 1000),
            "submittedAt": iso_millis_offset(self.created_at + 0.1),
            "total": self.total,
            "pending": self.total - processed,
            "completed": self.completed,
            "failed": self.failed,
            "elapsedTime": elapsed,
            "queueTime": self.queue_ms,
            "timeout": 600000,
            "explain": self.explain,
            "user": {
                "identifier": f"user-{self.user_number + 1}",
                "firstName": first,
                "lastName": last,
                "email": f"{first.lower()}@example.com",
            },
            "jobInputs": [
                {"identifier": _key(index, self.total), "type": "text"}
                for index in range(min(self.total, 3))
            ],
            "inputByteAmount": self.total * (200 + self._salt % 800),
            "imageClassificationModel": self.model["name"] == "Digit Recognition",
        }

    def result(self, now: float) -> dict[str, Any] | None:
        results: dict[str, Any] = {}
        failures: dict[str, Any] = {}
        processed = self.completed + self.failed
        start = self.created_at + self.queue_ms / 1000
        engine = f"model-batch-{self.model['identifier']}-{self.model['version'].replace('.', '-')}"
        for index in range(processed):
            key = _key(index, self.total)
            began = start + index * self.item_ms / 1000
            fails = (index * self.failed) // processed != ((index + 1) * self.failed) // processed
            item = _item(self._salt, index, engine, began, self.item_ms, fails)
            if fails:
                failures[key] = item
            else:
                results[key] = {key: item} if self.nested else item
        latency = float(self.item_ms - 22)
        body: dict[str, Any] = {
            "job_identifier": self.job_id,
            "account_identifier": self.account,
            "submitted_by_key": self.access_key,
            "completed": self.completed,
            "failed": self.failed,
            "total": self.total,
            "finished": self.finished,
            "explained": self.explain,
            "results": results,
        }
        if failures:
            body["failures"] = failures
        body["team"] = {"identifier": self.team}
        body["average_model_latency"] = latency if processed else 0.0
        body["total_model_latency"] = latency * processed
        return body


def _key(index: int, total: int) -> str:
    return f"{index + 1:04d}"


def _item(
    salt: int, index: int, engine: str, began: float, item_ms: int, fails: bool
) -> dict[str, Any]:
    mixed = mix64(salt ^ index)
    took = item_ms - 40 + mixed % 80
    ended = iso_millis_offset(began + took / 1000)
    item: dict[str, Any] = {
        "status": "FAILED" if fails else "SUCCESSFUL",
        "engine": engine,
        "start_time": iso_millis_offset(began),
        "update-time": ended,
        "end-time": ended,
        "elapsed_time": took,
    }
    if fails:
        item["error"] = _ERRORS[(mixed >> 8) % len(_ERRORS)]
    else:
        item["voting"] = {"up": (mixed >> 12) % 3, "down": (mixed >> 14) % 2}
        confidence = 1 + ((mixed >> 16) % 40_000_000) / 10_000_000
        item["results.json"] = {
            "confidence": f"{confidence:.7f}",
            "result": _LABELS[(mixed >> 40) % len(_LABELS)],
        }
    return item


class CreatedJob(ModzyJob):
    """A job created through the control API: 404 while queued, then results fill item by item,
    and `finished` flips once every item is done. Its details are there from the start:
    SUBMITTED while queued, IN_PROGRESS, then COMPLETED (failed items or not: Modzy reports a
    job's item failures, not a failed job)."""

    cacheable = False

    def __init__(self, job_id: str, progress: Progress, seed: int) -> None:
        super().__init__(job_id, progress.created_wall)
        self.progress = progress
        self._template = GeneratedJob(seed, -1, job_id=job_id, total=progress.items)

    def _frozen(self, now: float) -> GeneratedJob:
        progress, job = self.progress, self._template
        done = progress.done(now)
        job.failed = sum(1 for index in range(done) if progress.fails(index))
        job.completed = done - job.failed
        job.status = "pending" if progress.phase(now) in ("pending", "running") else "terminated"
        job.created_at = progress.created_wall
        job.queue_ms = round(progress.seconds * 200)
        job.item_ms = max(
            1, round((progress.finished - progress.started) * 1000 / max(1, progress.items))
        )
        return job

    def history_entry(self, now: float) -> dict[str, Any]:
        return self._frozen(now).history_entry(now)

    def details_status(self, now: float) -> str:
        phase = self.progress.phase(now)
        return {"pending": "SUBMITTED", "running": "IN_PROGRESS"}.get(phase, "COMPLETED")

    def result(self, now: float) -> dict[str, Any] | None:
        if self.progress.phase(now) == "pending":
            return None
        return self._frozen(now).result(now)


class ModzyCatalog:
    """Every Modzy job the mock serves: seeded ones (a history of 5,000) and created ones."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        showcase: list[ModzyJob] = [
            ExampleJob(),
            GeneratedJob(seed, 1, status="terminated", total=3, completed=3, failed=0),
            GeneratedJob(seed, 2, status="terminated", total=8, completed=6, failed=2),
            GeneratedJob(seed, 3, status="pending", total=10, completed=4, failed=0),
            GeneratedJob(seed, 4, status="pending", total=5, completed=0, failed=0),
            GeneratedJob(seed, 5, status="timedout", total=6, completed=3, failed=1),
            GeneratedJob(seed, 6, status="terminated", total=2, completed=2, failed=0, nested=True),
            GeneratedJob(
                seed, 7, status="terminated", total=4, completed=4, failed=0, explain=True
            ),
            GeneratedJob(
                seed,
                8,
                job_id=MODZY_LARGE_JOB,
                status="terminated",
                total=MODZY_LARGE_JOB_ITEMS,
                completed=MODZY_LARGE_JOB_ITEMS - MODZY_LARGE_JOB_ITEMS // 100,
                failed=MODZY_LARGE_JOB_ITEMS // 100,
            ),
        ]
        self.showcase = showcase
        self.created: dict[str, CreatedJob] = {}
        self.orders: dict[Hashable, list[int]] = {}
        """Seeded history orders by query (positions in `seeded`), filled by the endpoint."""
        self._showcase_by_id = {job.job_id: job for job in showcase}

    @functools.cached_property
    def seeded(self) -> list[ModzyJob]:
        """The seeded history (generated on first use)."""
        fillers = [
            GeneratedJob(self.seed, number)
            for number in range(100, 100 + MODZY_HISTORY_JOBS - len(self.showcase))
        ]
        return [*self.showcase, *fillers]

    @functools.cached_property
    def seeded_entries(self) -> list[dict[str, Any]]:
        """The seeded jobs' history entries (they never change)."""
        return [job.history_entry(0.0) for job in self.seeded]

    @functools.cached_property
    def encoded_entries(self) -> list[bytes]:
        """The seeded jobs' history entries, encoded."""
        return [orjson.dumps(entry) for entry in self.seeded_entries]

    @functools.cached_property
    def _seeded_by_id(self) -> dict[str, ModzyJob]:
        return {job.job_id: job for job in self.seeded}

    def get(self, job_id: str) -> ModzyJob | None:
        """The job with this id, if the mock has it."""
        found = self._showcase_by_id.get(job_id) or self.created.get(job_id)
        return found if found is not None else self._seeded_by_id.get(job_id)

    def seeded_ids(self) -> list[str]:
        """The seeded jobs worth naming: the page's, one per kind, the large one."""
        return [job.job_id for job in self.showcase]

    def create(self, number: int, progress: Progress) -> str:
        """Add the `number`th created job; return its id."""
        job_id = uuid4_text(self.seed, "created", "modzy", number)
        self.created[job_id] = CreatedJob(job_id, progress, self.seed)
        return job_id

    def remove(self, job_id: str) -> None:
        """Forget a created job."""
        self.created.pop(job_id, None)

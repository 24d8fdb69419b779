"""Wickson batches: the page's example, batches generated from the seed, a 100,000-item batch,
and batches created through the control API. Items are generated lazily from their index."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from ._clock import iso_z
from ._examples import response_example
from ._progress import Phase, Progress
from ._random import derive, mix64, token
from ._stores import JobsById
from .seeded import (
    WICKSON_EXAMPLE_BATCH,
    WICKSON_EXAMPLE_BATCH_ITEMS,
    WICKSON_LARGE_BATCH,
    WICKSON_LARGE_BATCH_ITEMS,
)

MEDIA_TYPES = ("document", "image", "video", "audio", "model")
_TYPE_WHEEL = ("document",) * 12 + ("image",) * 4 + ("video",) * 2 + ("audio", "model")
_EXTENSIONS = {
    "document": ("pdf", "docx", "txt"),
    "image": ("jpg", "png"),
    "video": ("mp4", "mov"),
    "audio": ("mp3", "wav"),
    "model": ("glb", "obj"),
}
_UNSUPPORTED = ("xlsx", "numbers", "pages", "key")
_STEMS = ("report", "invoice", "summary", "scan", "notes", "slides", "contract", "memo")
ERRORS: dict[str, tuple[str, str]] = {
    "format_error": (
        "Unsupported file format",
        "Convert files to a supported format (.pdf, .txt, .docx)",
    ),
    "corrupted_file": ("File is damaged or unreadable", "Check file integrity and re-upload"),
    "processing_error": ("Error during processing", "Retry the item"),
    "storage_error": ("Error storing results", "Retry the item later"),
    "timeout_error": ("Processing exceeded the allotted time", "Split the file and retry"),
    "resource_error": ("Insufficient system resources", "Retry when the load is lower"),
    "quota_exceeded": ("Account limits exceeded", "Raise your quota or wait for it to reset"),
    "validation_error": ("Invalid input parameters", "Fix the item's parameters"),
}
MEDIA_ID_SAMPLE = 2
"""How many media ids per type `media_ids_by_type` shows (as many as the page's example)."""
AFFECTED_FILES_SAMPLE = 2
"""How many file names each `error_summary` entry shows (as many as the page's example)."""

_MB = 1024 * 1024


class Facts(NamedTuple):
    """What statistics need to know about one item."""

    media_type: str
    status: str
    code: str | None
    size: int
    filename: str
    media_id: str | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A batch as it stands at one moment."""

    status: str
    listed: int
    """How many items have a result (are in job_results)."""
    total_items: int
    timeline: dict[str, Any]


class Batch:
    """A batch whose results the mock serves; subclasses say how items and progress look."""

    cacheable = True
    """Whether its pages never change (so their bodies can be cached)."""

    def ended(self, now: float) -> bool:
        """Whether its pages no longer change at `now` (a created batch's, once it ended)."""
        return self.cacheable

    def __init__(self, batch_id: str, name: str | None, collection: str) -> None:
        self.batch_id = batch_id
        self.name = name
        self.collection = collection

    def snapshot(self, now: float) -> Snapshot:
        """The batch at simulated elapsed time `now`."""
        raise NotImplementedError

    def facts(self, index: int) -> Facts:
        """The facts of item `index` (from 0)."""
        raise NotImplementedError

    def item(self, index: int) -> dict[str, Any]:
        """The job result of item `index` (from 0)."""
        raise NotImplementedError

    def items(self, start: int, stop: int) -> list[dict[str, Any]]:
        """The job results of items `start` to `stop` (exclusive)."""
        return [self.item(index) for index in range(start, stop)]

    def metadata(self) -> dict[str, Any]:
        """The response's `metadata` object."""
        suffix = self.batch_id.removeprefix("batch-").replace("-", "_")
        return {
            "request_id": f"req_batch_results_{suffix}",
            "related_endpoints": {
                "media_details": "/v1/media/{media_id}",
                "list_media": f"/v1/media?collection={self.collection}",
            },
        }

    def summary(self, snapshot: Snapshot) -> dict[str, Any]:
        """The `batch_summary` object."""
        counts = self._counts(snapshot.listed)
        successful, failed = counts.successful, counts.failed
        return {
            "batch_id": self.batch_id,
            "batch_name": self.name,
            "collection": self.collection,
            "status": snapshot.status,
            "timeline": snapshot.timeline,
            "completion": {
                "successful": successful,
                "failed": failed,
                "total_items": snapshot.total_items,
                "completion_rate": _percent(successful, snapshot.total_items),
            },
        }

    def statistics(self, snapshot: Snapshot) -> dict[str, Any]:
        """The `statistics` object (aggregates over the items that have a result)."""
        counts = self._counts(snapshot.listed)
        statistics: dict[str, Any] = {
            "media_distribution": {
                "by_type": counts.by_type,
                "total_created_media_items": counts.created,
                "media_ids_by_type": counts.media_ids,
            },
            "completion": {
                "successful": counts.successful,
                "failed": counts.failed,
                "total": snapshot.total_items,
                "success_rate": _percent(counts.successful, snapshot.total_items),
            },
            "resources": {
                "total_files_size_bytes": counts.size,
                "total_files_size_mb": round(counts.size / _MB, 2),
            },
        }
        if counts.errors:
            statistics["error_summary"] = [
                {
                    "error_type": code,
                    "count": count,
                    "affected_files": counts.affected[code],
                    "resolution": ERRORS[code][1],
                }
                for code, count in sorted(counts.errors.items(), key=lambda pair: -pair[1])
            ]
        return statistics

    def _counts(self, listed: int) -> _Counts:
        return _Counts.of(self.facts(index) for index in range(listed))


@dataclass(slots=True)
class _Counts:
    successful: int
    failed: int
    created: int
    size: int
    by_type: dict[str, int]
    media_ids: dict[str, list[str]]
    errors: dict[str, int]
    affected: dict[str, list[str]]

    @classmethod
    def of(cls, all_facts: Any) -> _Counts:
        counts = cls(0, 0, 0, 0, {}, {}, {}, {})
        by_type, media_ids, errors, affected = (
            counts.by_type,
            counts.media_ids,
            counts.errors,
            counts.affected,
        )
        for facts in all_facts:
            by_type[facts.media_type] = by_type.get(facts.media_type, 0) + 1
            counts.size += facts.size
            if facts.status == "failed":
                counts.failed += 1
                code = facts.code or "processing_error"
                errors[code] = errors.get(code, 0) + 1
                files = affected.setdefault(code, [])
                if len(files) < AFFECTED_FILES_SAMPLE:
                    files.append(facts.filename)
            else:
                counts.successful += 1
            if facts.media_id is not None:
                counts.created += 1
                ids = media_ids.setdefault(facts.media_type, [])
                if len(ids) < MEDIA_ID_SAMPLE:
                    ids.append(facts.media_id)
        return counts


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


class GeneratedBatch(Batch):
    """A finished (or frozen) batch whose items derive from the seed and their index."""

    def __init__(
        self,
        seed: int,
        batch_id: str,
        *,
        name: str | None,
        collection: str,
        status: str,
        listed: int,
        total_items: int,
        created_at: int,
        fail_permille: int = 0,
        processed_permille: int = 0,
        codes: Sequence[str] = ("format_error", "corrupted_file"),
        finished: bool = True,
    ) -> None:
        super().__init__(batch_id, name, collection)
        self._salt = derive(seed, "wickson", batch_id)
        self._token = token(seed, "wickson", batch_id)
        self._status = status
        self._listed = listed
        self._total_items = total_items
        self._created_at = created_at
        self._fail_permille = fail_permille
        self._processed_permille = processed_permille
        self._codes = tuple(codes)
        self._finished = finished
        self._spacing = 3
        self._counts_by_listed: dict[int, _Counts] = {}

    @functools.cached_property
    def _snapshot(self) -> Snapshot:
        started = self._created_at + 75 if self._listed or self._finished else None
        last = self._created_at + 75 + self._listed * self._spacing + 200
        timeline: dict[str, Any] = {
            "created_at": iso_z(self._created_at),
            "started_at": None if started is None else iso_z(started),
            "completed_at": iso_z(last) if self._finished else None,
            "total_duration_seconds": float(last - self._created_at) if self._finished else None,
        }
        return Snapshot(self._status, self._listed, self._total_items, timeline)

    def snapshot(self, now: float) -> Snapshot:
        return self._snapshot

    def _outline(self, index: int) -> tuple[int, str, str, str | None]:
        """Item `index`'s hash, media type, status and error code: what counting needs."""
        mixed = mix64(self._salt ^ index)
        media_type = _TYPE_WHEEL[mixed % 20]
        drawn = (mixed >> 8) % 1000
        if drawn < self._fail_permille:
            return mixed, media_type, "failed", self._codes[(mixed >> 20) % len(self._codes)]
        if drawn < self._fail_permille + self._processed_permille:
            return mixed, media_type, "processed", None
        return mixed, media_type, "succeeded", None

    def facts(self, index: int) -> Facts:
        mixed, media_type, status, code = self._outline(index)
        if code == "format_error" and media_type == "document":
            extension = _UNSUPPORTED[(mixed >> 24) % len(_UNSUPPORTED)]
        else:
            choices = _EXTENSIONS[media_type]
            extension = choices[(mixed >> 24) % len(choices)]
        stem = _STEMS[(mixed >> 28) % len(_STEMS)]
        media_id = None if status == "failed" else f"vec-{self._token}{index:06d}"
        return Facts(
            media_type, status, code, _size(mixed), f"{stem}_{index:06d}.{extension}", media_id
        )

    def item(self, index: int) -> dict[str, Any]:
        facts = self.facts(index)
        created = self._created_at + 75 + index * self._spacing
        completed = created + 5 + mix64(self._salt + index) % 195
        result: dict[str, Any] = {
            "job_id": f"job-{self._token}-{index:06d}",
            "media_id": facts.media_id,
            "filename": facts.filename,
            "media_type": facts.media_type,
            "status": facts.status,
            "file_info": {"size_bytes": facts.size, "size_mb": round(facts.size / _MB, 2)},
            "processing_info": {"created_at": iso_z(created), "completed_at": iso_z(completed)},
        }
        if facts.code is not None:
            result["error"] = _error(facts)
        return result

    def _counts(self, listed: int) -> _Counts:
        counts = self._counts_by_listed.get(listed)
        if counts is None:
            counts = self._counts_by_listed[listed] = self._count(listed)
        return counts

    def _count(self, listed: int) -> _Counts:
        """`Batch._counts` without making every item's facts (the large batch's first page
        would take most of a second): tallies from each item's outline, and facts only for the
        items the samples show, taken in the same order."""
        by_type: dict[str, int] = {}
        errors: dict[str, int] = {}
        shown: dict[str, int] = {}
        samples: list[int] = []
        size = 0
        outline = self._outline
        for index in range(listed):
            mixed, media_type, _, code = outline(index)
            by_type[media_type] = by_type.get(media_type, 0) + 1
            size += _size(mixed)
            if code is None:
                if shown.get(media_type, 0) < MEDIA_ID_SAMPLE:
                    shown[media_type] = shown.get(media_type, 0) + 1
                    samples.append(index)
            else:
                errors[code] = errors.get(code, 0) + 1
                if errors[code] <= AFFECTED_FILES_SAMPLE:
                    samples.append(index)
        counts = _Counts.of(self.facts(index) for index in samples)
        failed = sum(errors.values())
        counts.by_type, counts.errors, counts.size = by_type, errors, size
        counts.failed, counts.successful, counts.created = failed, listed - failed, listed - failed
        return counts


def _size(mixed: int) -> int:
    return 1024 + (mixed >> 32) % 4_000_000


def _error(facts: Facts) -> dict[str, Any]:
    code = facts.code or "processing_error"
    error: dict[str, Any] = {"message": ERRORS[code][0], "code": code}
    if code == "format_error":
        error["details"] = {
            "format": "." + facts.filename.rsplit(".", 1)[-1],
            "supported_formats": [".pdf", ".txt", ".docx"],
        }
    else:
        error["details"] = {"filename": facts.filename}
    return error


class ExampleBatch(Batch):
    """The page's batch-abc123: 200 items whose first two are the page's, served exactly. Its
    summary, statistics, metadata and first items are the spec's example page."""

    def __init__(self) -> None:
        page = response_example("wickson", "getBatchResults")
        self._summary: dict[str, Any] = page["data"]["batch_summary"]
        self._statistics: dict[str, Any] = page["data"]["statistics"]
        self._metadata: dict[str, Any] = page["metadata"]
        summary = self._summary
        super().__init__(WICKSON_EXAMPLE_BATCH, summary["batch_name"], summary["collection"])
        self._items = _example_items(page["data"]["job_results"])

    def snapshot(self, now: float) -> Snapshot:
        summary = self._summary
        total = summary["completion"]["total_items"]
        return Snapshot(summary["status"], total, total, summary["timeline"])

    def facts(self, index: int) -> Facts:
        item = self._items[index]
        code = item["error"]["code"] if "error" in item else None
        size = item["file_info"]["size_bytes"]
        return Facts(item["media_type"], item["status"], code, size, item["filename"], None)

    def item(self, index: int) -> dict[str, Any]:
        return self._items[index]

    def summary(self, snapshot: Snapshot) -> dict[str, Any]:
        return self._summary

    def statistics(self, snapshot: Snapshot) -> dict[str, Any]:
        return self._statistics

    def metadata(self) -> dict[str, Any]:
        return self._metadata


def _example_items(first: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """200 items consistent with the page's figures, starting with the page's `first` items:
    150 documents, 30 images, 20 videos; 180 succeeded; 12 format errors and 8 corrupted files;
    256,789,000 bytes in all."""
    first = list(first)
    rest = WICKSON_EXAMPLE_BATCH_ITEMS - len(first)
    order = sorted(range(rest), key=lambda k: mix64(k ^ 0xABC123))
    types = ["document"] * 148 + ["image"] * 30 + ["video"] * 20
    media_type = {position: types[rank] for rank, position in enumerate(order)}
    documents = [k for k in range(rest) if media_type[k] == "document"]
    others = [k for k in range(rest) if media_type[k] != "document"]
    format_errors = documents[3:14]  # 11 more documents (the page shows the 12th)
    corrupted = documents[20:25] + others[5:8]
    named = {
        format_errors[0]: "budget.numbers",
        corrupted[0]: "corrupted_report.pdf",
        next(k for k in corrupted if media_type[k] == "image"): "damaged_image.jpg",
    }
    succeeded = [k for k in range(rest) if k not in set(format_errors) | set(corrupted)]
    media_ids = {
        next(k for k in succeeded if media_type[k] == "document"): "vec-def456",
        **dict(
            zip(
                [k for k in succeeded if media_type[k] == "image"][:2],
                ["vec-ghi789", "vec-jkl012"],
                strict=True,
            )
        ),
    }
    total_bytes = 256_789_000 - sum(item["file_info"]["size_bytes"] for item in first)
    quotient, remainder = divmod(total_bytes, rest)
    extensions = {"document": "pdf", "image": "jpg", "video": "mp4"}
    items = first
    base = 1734516300  # 2024-12-18T10:05:00Z, when the page's second item was created
    for k in range(rest):
        jitter = mix64(k // 2 ^ 0x5EED) % 400_000
        size = quotient + (1 if k < remainder else 0) + (jitter if k % 2 == 0 else -jitter)
        if k == rest - 1 and rest % 2 == 1:
            size = quotient + (1 if k < remainder else 0)
        kind = media_type[k]
        created = base + (k + 1) * 66
        item: dict[str, Any] = {
            "job_id": f"job-abc{k + 457:03d}",
            "media_id": None,
            "filename": named.get(k, f"{_STEMS[k % len(_STEMS)]}_{k + 3:03d}.{extensions[kind]}"),
            "media_type": kind,
            "status": "succeeded",
            "file_info": {"size_bytes": size, "size_mb": round(size / _MB, 2)},
            "processing_info": {
                "created_at": iso_z(created),
                "completed_at": iso_z(created + 30 + mix64(k) % 120),
            },
        }
        if k in format_errors or k in corrupted:
            item["status"] = "failed"
            code = "format_error" if k in format_errors else "corrupted_file"
            if code == "format_error" and k not in named:
                item["filename"] = item["filename"].rsplit(".", 1)[0] + ".xlsx"
            facts = Facts(kind, "failed", code, size, item["filename"], None)
            item["error"] = _error(facts)
        else:
            item["media_id"] = media_ids.get(k, f"vec-abc{k + 457:03d}")
        items.append(item)
    return items


class CreatedBatch(Batch):
    """A batch created through the control API: pending, processing, then completed or failed."""

    cacheable = False
    _STATUS: ClassVar[dict[Phase, str]] = {
        "pending": "pending",
        "running": "processing",
        "completed": "completed",
        "failed": "failed",
    }

    def __init__(self, batch_id: str, progress: Progress) -> None:
        super().__init__(batch_id, f"Mock batch {batch_id}", "mock-collection")
        self.progress = progress
        self._salt = derive(0, "created", batch_id)
        self._last_counts: tuple[int, _Counts] | None = None

    def ended(self, now: float) -> bool:
        """Whether the batch has ended at `now` (its pages never change again)."""
        return self.progress.phase(now) in ("completed", "failed")

    def _counts(self, listed: int) -> _Counts:
        # The aggregates cover every listed item: computed once per count of listed items, not
        # once per page (a sequential read of a million items would otherwise cost a million
        # items a page).
        last = self._last_counts
        if last is None or last[0] != listed:
            last = self._last_counts = (listed, super()._counts(listed))
        return last[1]

    def snapshot(self, now: float) -> Snapshot:
        progress = self.progress
        phase = progress.phase(now)
        ended = phase in ("completed", "failed")
        timeline: dict[str, Any] = {
            "created_at": iso_z(progress.created_wall),
            "started_at": None if phase == "pending" else iso_z(progress.wall(progress.started)),
            "completed_at": iso_z(progress.wall(progress.finished)) if ended else None,
            "total_duration_seconds": round(progress.seconds, 3) if ended else None,
        }
        return Snapshot(self._STATUS[phase], progress.done(now), progress.items, timeline)

    def facts(self, index: int) -> Facts:
        failed = self.progress.fails(index)
        media_id = None if failed else f"vec-{self.batch_id.removeprefix('batch-')}-{index:05d}"
        size = 1024 + mix64(self._salt ^ index) % 2_000_000
        code = "processing_error" if failed else None
        status = "failed" if failed else "succeeded"
        return Facts("document", status, code, size, f"upload_{index:05d}.pdf", media_id)

    def item(self, index: int) -> dict[str, Any]:
        facts = self.facts(index)
        progress = self.progress
        result: dict[str, Any] = {
            "job_id": f"job-{self.batch_id.removeprefix('batch-')}-{index:05d}",
            "media_id": facts.media_id,
            "filename": facts.filename,
            "media_type": facts.media_type,
            "status": facts.status,
            "file_info": {"size_bytes": facts.size, "size_mb": round(facts.size / _MB, 2)},
            "processing_info": {
                "created_at": iso_z(progress.wall(progress.started)),
                "completed_at": iso_z(progress.wall(progress.item_done_at(index))),
            },
        }
        if facts.code is not None:
            result["error"] = _error(facts)
        return result


def seeded_batches(seed: int) -> dict[str, Batch]:
    """Every batch the mock serves for `seed` (example, generated and large), by id."""
    base = 1_735_689_600 + derive(seed, "wickson-base") % (86400 * 300)
    generated: list[Batch] = [ExampleBatch()]
    plans: list[tuple[str, dict[str, Any]]] = [
        ("completed", {"listed": 25, "total_items": 25, "name": "Contracts"}),
        (
            "completed",
            {
                "listed": 240,
                "total_items": 240,
                "name": "Quarterly archive",
                "fail_permille": 80,
                "codes": tuple(code for code in ERRORS if code != "validation_error"),
            },
        ),
        (
            "failed",
            {
                "listed": 12,
                "total_items": 12,
                "name": None,
                "fail_permille": 1000,
                "codes": ("timeout_error", "resource_error", "storage_error", "quota_exceeded"),
            },
        ),
        (
            "processing",
            {
                "listed": 40,
                "total_items": 60,
                "name": "Scans in progress",
                "fail_permille": 50,
                "processed_permille": 300,
                "finished": False,
            },
        ),
        ("pending", {"listed": 0, "total_items": 15, "name": "Queued uploads", "finished": False}),
        ("cancelled", {"listed": 10, "total_items": 30, "name": "Cancelled import"}),
    ]
    for number, (status, plan) in enumerate(plans):
        batch_id = f"batch-{token(seed, 'wickson-batch', number)}"
        generated.append(
            GeneratedBatch(
                seed,
                batch_id,
                status=status,
                collection=f"{status}-collection",
                created_at=base + number * 86400,
                **plan,
            )
        )
    generated.append(
        GeneratedBatch(
            seed,
            WICKSON_LARGE_BATCH,
            name="Large benchmark batch",
            collection="benchmark-collection",
            status="completed",
            listed=WICKSON_LARGE_BATCH_ITEMS,
            total_items=WICKSON_LARGE_BATCH_ITEMS,
            created_at=base - 86400 * 7,
            fail_permille=20,
            codes=tuple(code for code in ERRORS if code != "validation_error"),
        )
    )
    return {batch.batch_id: batch for batch in generated}


def store(seed: int) -> JobsById[Batch]:
    """The batches of one app: the seeded ones, then those created (`batch-mock-<run>-<n>`)."""
    run = token(seed, "run", length=4)
    return JobsById(
        seeded_batches(seed),
        new_id=lambda number: f"batch-mock-{run}-{number:06d}",
        created=CreatedBatch,
    )

"""LlamaCloud extraction jobs: the page's example, jobs generated from the seed, and jobs
created through the control API. Each has its job (status PENDING, then SUCCESS,
PARTIAL_SUCCESS, ERROR or CANCELLED, with the error text) and, once it succeeded, its result."""

from __future__ import annotations

from typing import Any, Literal

from ._clock import iso_z
from ._examples import response_example
from ._progress import Progress
from ._random import derive, uuid4_text
from ._stores import JobsById
from .seeded import LLAMACLOUD_EXAMPLE_JOB

Status = Literal["PENDING", "SUCCESS", "PARTIAL_SUCCESS", "ERROR", "CANCELLED"]

WITH_RESULT: frozenset[str] = frozenset({"SUCCESS", "PARTIAL_SUCCESS"})
"""The statuses of a job that has a result (the SDK's wait_for_completion ends on them)."""

_CREATED_AT = 1_735_689_600.0  # 2025-01-01T00:00:00Z, when the seeded agents were made


def agent(seed: int) -> dict[str, Any]:
    """The extraction agent every generated job ran on (the SDK's `ExtractAgent`)."""
    return {
        "id": uuid4_text(seed, "llamacloud-agent"),
        "name": "documents",
        "project_id": uuid4_text(seed, "llamacloud-project"),
        "config": {"extraction_mode": "BALANCED", "extraction_target": "PER_DOC"},
        "data_schema": {"type": "object", "properties": {"invoice_number": {"type": "string"}}},
        "created_at": iso_z(_CREATED_AT),
        "updated_at": iso_z(_CREATED_AT),
    }


def file(seed: int, key: object, pages: int, created: float) -> dict[str, Any]:
    """The file a job extracts from (the SDK's `File`)."""
    size = 20_000 + derive(seed, "llamacloud-file-size", key) % 400_000
    return {
        "id": uuid4_text(seed, "llamacloud-file", key),
        "name": f"document-{pages}-pages.pdf",
        "project_id": uuid4_text(seed, "llamacloud-project"),
        "file_size": size,
        "file_type": "pdf",
        "created_at": iso_z(created),
    }


class ExtractionJob:
    """An extraction job: its details at a moment, and its result (or why it has none, the
    detail of the result's 404)."""

    cacheable = True
    """Whether its result never changes (so its encoded body can be cached)."""

    def __init__(
        self,
        job_id: str,
        result: dict[str, Any] | None,
        *,
        status: Status = "SUCCESS",
        error: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.job_id = job_id
        self._result = result
        self._status: Status = status
        self._error = error
        self._details = details

    def status(self, now: float) -> tuple[Status, str | None]:
        """The job's status and error text at simulated elapsed time `now`."""
        return self._status, self._error

    def details(self, now: float) -> dict[str, Any]:
        """The job as `getExtractionJob` answers it at `now`."""
        status, error = self.status(now)
        found = dict(self._details or {})
        found.update(id=self.job_id, status=status, error=error)
        return found

    def result(self, now: float) -> dict[str, Any] | str:
        """The result at `now`, or the detail of the 404 answered instead."""
        status, error = self.status(now)
        if status in WITH_RESULT and self._result is not None:
            return self._result
        return missing(self.job_id, status, error)


def missing(job_id: str, status: str, error: str | None) -> str:
    """Why a job has no result: the detail of its result's 404."""
    if status == "PENDING":
        return f"Extraction job {job_id} has no result yet"
    if status == "CANCELLED":
        return f"Extraction job {job_id} was cancelled"
    return f"Extraction job {job_id} failed: {error or 'no result was produced'}"


def _invoice(seed: int, number: int) -> dict[str, Any]:
    mixed = derive(seed, "llamacloud-invoice", number)
    return {
        "invoice_number": f"INV-{mixed % 100000:05d}",
        "vendor": {"name": "Acme Supplies", "country": "US"},
        "total": round((mixed >> 20) % 1_000_000 / 100, 2),
        "currency": "USD",
        "paid": bool((mixed >> 40) % 2),
        "due_date": None,
        "tags": ["office", "quarterly"],
    }


def _generated(seed: int) -> list[ExtractionJob]:
    agent_id = uuid4_text(seed, "llamacloud-agent")

    def job(
        number: int,
        data: Any,
        metadata: dict[str, Any] | None,
        status: Status = "SUCCESS",
        error: str | None = None,
    ) -> ExtractionJob:
        job_id = uuid4_text(seed, "llamacloud-job", number)
        body = None
        if metadata is not None:
            body = {
                "data": data,
                "extraction_agent_id": agent_id,
                "extraction_metadata": metadata,
                "run_id": uuid4_text(seed, "llamacloud-run", number),
            }
        source = file(seed, number, 1 + number % 3, _CREATED_AT + 86400 * number)
        details = {"extraction_agent": agent(seed), "file": source, "file_id": source["id"]}
        return ExtractionJob(job_id, body, status=status, error=error, details=details)

    line_items = [
        {"description": f"Item {index + 1}", "quantity": index + 1, "unit_price": 9.5 * (index + 1)}
        for index in range(4)
    ]
    confidence = {"invoice_number": 0.99, "total": 0.93, "vendor": {"name": 0.97}}
    return [
        job(1, _invoice(seed, 1), {"field_metadata": confidence, "usage": {"pages": 1}}),
        job(2, line_items, {"usage": {"pages": 2, "records": len(line_items)}}),
        job(3, None, {"warnings": ["No fields could be extracted"]}),
        job(4, {"summary": "Two-page contract", "parties": ["Acme", "Globex"]}, {}),
        job(5, None, None, "PENDING"),
        job(6, None, None, "ERROR", "the file is empty"),
        job(7, None, None, "CANCELLED", "cancelled by the user"),
        job(
            8,
            line_items[:2],
            {"usage": {"pages": 3, "records": 2}},
            "PARTIAL_SUCCESS",
            "page 3 could not be read",
        ),
    ]


class CreatedExtractionJob(ExtractionJob):
    """A job created through the control API: PENDING until it ends (LlamaCloud has no running
    status), then SUCCESS (PARTIAL_SUCCESS when some of its pages fail) with a result, or
    ERROR with its error text and no result."""

    cacheable = False

    def __init__(self, job_id: str, progress: Progress, seed: int) -> None:
        source = file(seed, job_id, progress.items, progress.created_wall)
        details = {"extraction_agent": agent(seed), "file": source, "file_id": source["id"]}
        super().__init__(job_id, None, details=details)
        self.progress = progress
        self._seed = seed

    def _failed_pages(self) -> list[int]:
        return [index for index in range(self.progress.items) if self.progress.fails(index)]

    def status(self, now: float) -> tuple[Status, str | None]:
        phase = self.progress.phase(now)
        if phase in ("pending", "running"):
            return "PENDING", None
        if phase == "failed":
            return "ERROR", f"extraction failed on page 1 of {self.progress.items}"
        failed = self._failed_pages()
        if failed:
            pages = ", ".join(str(index + 1) for index in failed)
            return "PARTIAL_SUCCESS", f"pages {pages} of {self.progress.items} could not be read"
        return "SUCCESS", None

    def result(self, now: float) -> dict[str, Any] | str:
        status, error = self.status(now)
        if status not in WITH_RESULT:
            return missing(self.job_id, status, error)
        failed = set(self._failed_pages())
        records = [
            {"page": index + 1, "text": f"Extracted text of page {index + 1}"}
            for index in range(self.progress.items)
            if index not in failed
        ]
        return {
            "data": {"pages": records, "page_count": self.progress.items},
            "extraction_agent_id": uuid4_text(self._seed, "llamacloud-agent"),
            "extraction_metadata": {"usage": {"pages": self.progress.items}},
            "run_id": uuid4_text(self._seed, "llamacloud-created-run", self.job_id),
        }


def seeded_jobs(seed: int) -> dict[str, ExtractionJob]:
    """Every extraction job the mock serves for `seed`, by id (first the page's, from the spec:
    its result is the page's example, its job this spec's example of the job)."""
    example = ExtractionJob(
        LLAMACLOUD_EXAMPLE_JOB,
        response_example("llamacloud", "getExtractionJobResult"),
        details=response_example("llamacloud", "getExtractionJob"),
    )
    jobs = [example, *_generated(seed)]
    return {job.job_id: job for job in jobs}


def store(seed: int) -> JobsById[ExtractionJob]:
    """The extraction jobs of one app: the seeded ones, then those created."""
    return JobsById(
        seeded_jobs(seed),
        new_id=lambda number: uuid4_text(seed, "created", "llamacloud", number),
        created=lambda job_id, progress: CreatedExtractionJob(job_id, progress, seed),
    )

"""LlamaCloud extraction jobs: the page's example, jobs generated from the seed, and jobs
created through the control API."""

from __future__ import annotations

from typing import Any

from ._examples import response_example
from ._progress import Progress
from ._random import derive, uuid4_text
from ._stores import JobsById
from .seeded import LLAMACLOUD_EXAMPLE_JOB


class ExtractionJob:
    """An extraction job: its result, or why it has none (the 404's detail)."""

    cacheable = True

    def __init__(
        self, job_id: str, result: dict[str, Any] | None, missing: str | None = None
    ) -> None:
        self.job_id = job_id
        self._result = result
        self._missing = missing

    def result(self, now: float) -> dict[str, Any] | str:
        """The result at simulated elapsed time `now`, or the detail of the 404 answered instead."""
        if self._result is None:
            return self._missing or f"Extraction job {self.job_id} has no result yet"
        return self._result


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
    agent = uuid4_text(seed, "llamacloud-agent")

    def job(number: int, data: Any, metadata: dict[str, Any]) -> ExtractionJob:
        job_id = uuid4_text(seed, "llamacloud-job", number)
        body = {
            "data": data,
            "extraction_agent_id": agent,
            "extraction_metadata": metadata,
            "run_id": uuid4_text(seed, "llamacloud-run", number),
        }
        return ExtractionJob(job_id, body)

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
        ExtractionJob(uuid4_text(seed, "llamacloud-job", 5), None),
        ExtractionJob(
            uuid4_text(seed, "llamacloud-job", 6),
            None,
            f"Extraction job {uuid4_text(seed, 'llamacloud-job', 6)} failed: the file is empty",
        ),
    ]


class CreatedExtractionJob(ExtractionJob):
    """A job created through the control API: no result until it completes (404 if it fails)."""

    cacheable = False

    def __init__(self, job_id: str, progress: Progress, seed: int) -> None:
        super().__init__(job_id, None)
        self.progress = progress
        self._seed = seed

    def result(self, now: float) -> dict[str, Any] | str:
        phase = self.progress.phase(now)
        if phase == "failed":
            return f"Extraction job {self.job_id} failed: extraction did not finish"
        if phase != "completed":
            return f"Extraction job {self.job_id} has no result yet"
        records = [
            {"page": index + 1, "text": f"Extracted text of page {index + 1}"}
            for index in range(self.progress.items)
        ]
        return {
            "data": {"pages": records, "page_count": self.progress.items},
            "extraction_agent_id": uuid4_text(self._seed, "llamacloud-agent"),
            "extraction_metadata": {"usage": {"pages": self.progress.items}},
            "run_id": uuid4_text(self._seed, "llamacloud-created-run", self.job_id),
        }


def seeded_jobs(seed: int) -> dict[str, ExtractionJob]:
    """Every extraction job the mock serves for `seed`, by id (first the page's, from the spec)."""
    example = response_example("llamacloud", "getExtractionJobResult")
    jobs = [ExtractionJob(LLAMACLOUD_EXAMPLE_JOB, example), *_generated(seed)]
    return {job.job_id: job for job in jobs}


def store(seed: int) -> JobsById[ExtractionJob]:
    """The extraction jobs of one app: the seeded ones, then those created."""
    return JobsById(
        seeded_jobs(seed),
        new_id=lambda number: uuid4_text(seed, "created", "llamacloud", number),
        created=lambda job_id, progress: CreatedExtractionJob(job_id, progress, seed),
    )

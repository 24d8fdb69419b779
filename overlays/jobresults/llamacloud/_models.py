"""LlamaCloud's typed results: the generated Struct, with `records()`."""

from __future__ import annotations

from typing import Any

from jobresults_structs.llamacloud import JobGetResultResponse

from .._snapshot import JobSnapshot, JobState


class ExtractionResult(JobGetResultResponse):
    """An extraction job's result: the generated `JobGetResultResponse`, plus `records()`.

    `.data` is what was extracted (one record, a list of records, or None), `.run_id` and
    `.extraction_agent_id` are UUIDs, `.extraction_metadata` the metadata of the file.
    """

    def records(self) -> list[dict[str, Any]]:
        """The extracted records as a list, whether `data` is one record, a list or None."""
        data = self.data
        if data is None:
            return []
        if isinstance(data, dict):
            return [data]
        return list(data)

    def job_snapshot(self, service: str, job_id: str) -> JobSnapshot:
        """The job's snapshot: a result exists only once the extraction succeeded (until then
        the endpoint answers 404), and it counts its records."""
        count = len(self.records())
        return JobSnapshot(
            service, job_id, JobState.SUCCEEDED, completed=count, total=count, result=self
        )

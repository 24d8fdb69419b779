"""LlamaCloud's typed objects: the generated Structs of an extraction job and its result, with
what the SDK's callers reach for."""

from __future__ import annotations

from typing import Any

from jobresults_structs.llamacloud import ExtractJob, ExtractJobStatus, JobGetResultResponse

from .._unknown import is_unknown


class ExtractionJob(ExtractJob):
    """An extraction job: the generated `ExtractJob` (`.id`, `.status`, `.error`, `.file`,
    `.file_id`, `.extraction_agent`), plus `is_terminal`.

    `status` is PENDING until the job ends in SUCCESS, PARTIAL_SUCCESS (a result exists;
    `.error` says what part failed), ERROR or CANCELLED (no result; `.error` says why).
    """

    @property
    def is_terminal(self) -> bool:
        """True once the job has ended (a status the spec does not list counts as not ended)."""
        return self.status is not ExtractJobStatus.PENDING and not is_unknown(self.status)


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

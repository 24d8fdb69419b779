"""LlamaCloud's typed results: the generated Struct, with `records()`."""

from __future__ import annotations

from typing import Any

from jobresults_structs.llamacloud import JobGetResultResponse


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

"""LlamaCloud extraction jobs and their results, typed: `Client` and `AsyncClient`.

    from jobresults import llamacloud

    with llamacloud.Client() as client:  # LLAMA_CLOUD_API_KEY; api.cloud.llamaindex.ai
        job = client.extraction.jobs.get("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
        print(job.status, job.error)
        result = client.extraction.jobs.wait(job.id, timeout=300)  # JobFailedError on ERROR
        for record in result.records():  # always a list, whether data was one record or many
            print(record)

Jobs are `ExtractionJob` (the generated `ExtractJob` plus `is_terminal`), results
`ExtractionResult` (the generated `JobGetResultResponse` plus `records()`).
"""

from jobresults_structs.llamacloud import (
    ExtractAgent,
    ExtractConfig,
    ExtractJob,
    ExtractJobStatus,
    File,
    JobGetResultResponse,
)

from ._client import SERVICE, AsyncClient, Client
from ._extraction import AsyncExtractionJobs, ExtractionJobs
from ._models import ExtractionJob, ExtractionResult

__all__ = [
    "SERVICE",
    "AsyncClient",
    "AsyncExtractionJobs",
    "Client",
    "ExtractAgent",
    "ExtractConfig",
    "ExtractJob",
    "ExtractJobStatus",
    "ExtractionJob",
    "ExtractionJobs",
    "ExtractionResult",
    "File",
    "JobGetResultResponse",
]

"""LlamaCloud extraction job results, typed: `Client` and `AsyncClient`.

    from jobresults import llamacloud

    with llamacloud.Client() as client:  # LLAMA_CLOUD_API_KEY; api.cloud.llamaindex.ai
        result = client.extraction.jobs.get_result("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
        print(result.run_id, result.extraction_agent_id)
        for record in result.records():  # always a list, whether data was one record or many
            print(record)

Results are `ExtractionResult` (the generated `JobGetResultResponse` plus `records()`).
"""

from jobresults_structs.llamacloud import JobGetResultResponse

from ._client import SERVICE, AsyncClient, Client
from ._models import ExtractionResult

__all__ = ["SERVICE", "AsyncClient", "Client", "ExtractionResult", "JobGetResultResponse"]

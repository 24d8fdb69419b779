"""Wickson's batch results, typed: `Client` and `AsyncClient`.

    from jobresults import wickson

    with wickson.Client() as client:  # WICKSON_API_KEY; WICKSON_BASE_URL or api.wickson.ai
        page = client.batches.results("batch-abc123", page=1, page_size=50)
        print(page.total_pages, [entry.error_type for entry in page.error_summary])
        for item in client.batches.iter_results("batch-abc123"):
            if item.error is not None:
                print(item.filename, item.error.code, item.error.message)

Pages are `BatchResultsPage` (the generated `BatchResultsResponse` plus shortcuts); items are
the generated `JobResult` Structs. `client.batches.results_page(...)` gives a page object
(`ResultsPage`, `AsyncResultsPage`): `has_next_page()`, `get_next_page()`, `iter_pages()`.
"""

from jobresults_structs.wickson import (
    BatchResultsResponse,
    BatchSummary,
    ErrorCode,
    ErrorSummaryEntry,
    JobError,
    JobResult,
    JobStatus,
    MediaType,
    Pagination,
    Statistics,
)

from ._client import SERVICE, AsyncClient, Client
from ._models import BatchResultsPage
from ._pages import AsyncResultsPage, ResultsPage

__all__ = [
    "SERVICE",
    "AsyncClient",
    "AsyncResultsPage",
    "BatchResultsPage",
    "BatchResultsResponse",
    "BatchSummary",
    "Client",
    "ErrorCode",
    "ErrorSummaryEntry",
    "JobError",
    "JobResult",
    "JobStatus",
    "MediaType",
    "Pagination",
    "ResultsPage",
    "Statistics",
]

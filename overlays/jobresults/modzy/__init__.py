"""Modzy: a job's results and the job history.

>>> from jobresults import modzy
>>> with modzy.Client(base_url="https://modzy.example.com/api") as client:  # doctest: +SKIP
...     result = client.results.wait("14856eb1-0ad8-49e7-9da3-887acb80fea5", timeout=60)
...     result.get_first_outputs()["results.json"]
{'confidence': '3.2059302', 'result': 'six'}
"""

from jobresults_structs.modzy import (
    FailureItem,
    Job,
    JobHistoryStatus,
    ResultItem,
    SortDirection,
    Team,
    Voting,
)

from ._client import SERVICE, AsyncClient, Client
from ._history import HistoryQuery
from ._history_pages import AsyncHistoryPage, HistoryPage
from ._jobs import AsyncJobs, Jobs
from ._models import Result
from ._results import AsyncResults, JobRef, Results

__all__ = [
    "SERVICE",
    "AsyncClient",
    "AsyncHistoryPage",
    "AsyncJobs",
    "AsyncResults",
    "Client",
    "FailureItem",
    "HistoryPage",
    "HistoryQuery",
    "Job",
    "JobHistoryStatus",
    "JobRef",
    "Jobs",
    "Result",
    "ResultItem",
    "Results",
    "SortDirection",
    "Team",
    "Voting",
]

"""Overmind: a job with its iterations.

>>> from jobresults import overmind
>>> with overmind.Client() as client:  # doctest: +SKIP
...     job = client.jobs.wait("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", timeout=300)
...     best = job.best_iteration()
"""

from jobresults_structs.overmind import Iteration, IterationStatus, JobStatus, JobType

from ._client import SERVICE, AsyncClient, Client
from ._jobs import AsyncJobs, JobRef, Jobs
from ._models import TERMINAL_STATUSES, Job

__all__ = [
    "SERVICE",
    "TERMINAL_STATUSES",
    "AsyncClient",
    "AsyncJobs",
    "Client",
    "Iteration",
    "IterationStatus",
    "Job",
    "JobRef",
    "JobStatus",
    "JobType",
    "Jobs",
]

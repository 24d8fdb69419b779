"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .iteration import Iteration
from .iteration_status import IterationStatus
from .job import Job
from .job_status import JobStatus
from .job_type import JobType

__all__ = (
    "ErrorDetail",
    "Iteration",
    "IterationStatus",
    "Job",
    "JobStatus",
    "JobType",
)

"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .failure_item import FailureItem
from .job import Job
from .job_history_status import JobHistoryStatus
from .job_job_inputs_item import JobJobInputsItem
from .job_model import JobModel
from .job_user import JobUser
from .result import Result
from .result_failures import ResultFailures
from .result_item import ResultItem
from .result_results import ResultResults
from .sort_direction import SortDirection
from .team import Team
from .voting import Voting

__all__ = (
    "Error",
    "FailureItem",
    "Job",
    "JobHistoryStatus",
    "JobJobInputsItem",
    "JobModel",
    "JobUser",
    "Result",
    "ResultFailures",
    "ResultItem",
    "ResultResults",
    "SortDirection",
    "Team",
    "Voting",
)

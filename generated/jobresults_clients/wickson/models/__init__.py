"""Contains all the data models used in inputs/outputs"""

from .batch_completion import BatchCompletion
from .batch_results_data import BatchResultsData
from .batch_results_response import BatchResultsResponse
from .batch_summary import BatchSummary
from .envelope_error_code import EnvelopeErrorCode
from .error_code import ErrorCode
from .error_envelope import ErrorEnvelope
from .error_envelope_details import ErrorEnvelopeDetails
from .error_summary_entry import ErrorSummaryEntry
from .file_info import FileInfo
from .job_error import JobError
from .job_error_details import JobErrorDetails
from .job_result import JobResult
from .job_status import JobStatus
from .media_distribution import MediaDistribution
from .media_distribution_by_type import MediaDistributionByType
from .media_distribution_media_ids_by_type import MediaDistributionMediaIdsByType
from .media_type import MediaType
from .pagination import Pagination
from .processing_info import ProcessingInfo
from .resources import Resources
from .response_metadata import ResponseMetadata
from .response_metadata_related_endpoints import ResponseMetadataRelatedEndpoints
from .statistics import Statistics
from .statistics_completion import StatisticsCompletion
from .timeline import Timeline

__all__ = (
    "BatchCompletion",
    "BatchResultsData",
    "BatchResultsResponse",
    "BatchSummary",
    "EnvelopeErrorCode",
    "ErrorCode",
    "ErrorEnvelope",
    "ErrorEnvelopeDetails",
    "ErrorSummaryEntry",
    "FileInfo",
    "JobError",
    "JobErrorDetails",
    "JobResult",
    "JobStatus",
    "MediaDistribution",
    "MediaDistributionByType",
    "MediaDistributionMediaIdsByType",
    "MediaType",
    "Pagination",
    "ProcessingInfo",
    "Resources",
    "ResponseMetadata",
    "ResponseMetadataRelatedEndpoints",
    "Statistics",
    "StatisticsCompletion",
    "Timeline",
)

"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .extracted_record import ExtractedRecord
from .extracted_value_type_0 import ExtractedValueType0
from .http_validation_error import HTTPValidationError
from .job_get_result_response import JobGetResultResponse
from .job_get_result_response_extraction_metadata import (
    JobGetResultResponseExtractionMetadata,
)
from .validation_error import ValidationError

__all__ = (
    "ErrorDetail",
    "ExtractedRecord",
    "ExtractedValueType0",
    "HTTPValidationError",
    "JobGetResultResponse",
    "JobGetResultResponseExtractionMetadata",
    "ValidationError",
)

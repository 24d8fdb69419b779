"""Contains all the data models used in inputs/outputs"""

from .chunk_mode import ChunkMode
from .custom_configuration import CustomConfiguration
from .error_detail import ErrorDetail
from .extract_agent import ExtractAgent
from .extract_agent_data_schema import ExtractAgentDataSchema
from .extract_config import ExtractConfig
from .extract_job import ExtractJob
from .extract_job_status import ExtractJobStatus
from .extract_model import ExtractModel
from .extracted_record import ExtractedRecord
from .extracted_value_type_0 import ExtractedValueType0
from .extraction_mode import ExtractionMode
from .extraction_target import ExtractionTarget
from .file import File
from .file_permission_info_type_0 import FilePermissionInfoType0
from .file_resource_info_type_0 import FileResourceInfoType0
from .http_validation_error import HTTPValidationError
from .job_get_result_response import JobGetResultResponse
from .job_get_result_response_extraction_metadata import (
    JobGetResultResponseExtractionMetadata,
)
from .parse_model import ParseModel
from .priority import Priority
from .validation_error import ValidationError

__all__ = (
    "ChunkMode",
    "CustomConfiguration",
    "ErrorDetail",
    "ExtractAgent",
    "ExtractAgentDataSchema",
    "ExtractConfig",
    "ExtractJob",
    "ExtractJobStatus",
    "ExtractModel",
    "ExtractedRecord",
    "ExtractedValueType0",
    "ExtractionMode",
    "ExtractionTarget",
    "File",
    "FilePermissionInfoType0",
    "FileResourceInfoType0",
    "HTTPValidationError",
    "JobGetResultResponse",
    "JobGetResultResponseExtractionMetadata",
    "ParseModel",
    "Priority",
    "ValidationError",
)

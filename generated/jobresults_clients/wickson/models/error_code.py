from enum import StrEnum


class ErrorCode(StrEnum):
    CORRUPTED_FILE = "corrupted_file"
    FORMAT_ERROR = "format_error"
    PROCESSING_ERROR = "processing_error"
    QUOTA_EXCEEDED = "quota_exceeded"
    RESOURCE_ERROR = "resource_error"
    STORAGE_ERROR = "storage_error"
    TIMEOUT_ERROR = "timeout_error"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class EnvelopeErrorCode(StrEnum):
    CORRUPTED_FILE = "corrupted_file"
    FORMAT_ERROR = "format_error"
    NOT_FOUND = "not_found"
    PROCESSING_ERROR = "processing_error"
    QUOTA_EXCEEDED = "quota_exceeded"
    RATE_LIMITED = "rate_limited"
    RESOURCE_ERROR = "resource_error"
    STORAGE_ERROR = "storage_error"
    TIMEOUT_ERROR = "timeout_error"
    UNAUTHORIZED = "unauthorized"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)

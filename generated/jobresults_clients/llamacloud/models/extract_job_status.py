from enum import StrEnum


class ExtractJobStatus(StrEnum):
    CANCELLED = "CANCELLED"
    ERROR = "ERROR"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    PENDING = "PENDING"
    SUCCESS = "SUCCESS"

    def __str__(self) -> str:
        return str(self.value)

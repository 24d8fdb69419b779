from enum import StrEnum


class JobStatus(StrEnum):
    FAILED = "failed"
    PROCESSED = "processed"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)

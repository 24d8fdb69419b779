from enum import StrEnum


class JobHistoryStatus(StrEnum):
    ALL = "all"
    PENDING = "pending"
    TERMINATED = "terminated"
    TIMEDOUT = "timedout"

    def __str__(self) -> str:
        return str(self.value)

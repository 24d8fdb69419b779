from enum import StrEnum


class IterationStatus(StrEnum):
    DISCARD = "discard"
    KEEP = "keep"

    def __str__(self) -> str:
        return str(self.value)

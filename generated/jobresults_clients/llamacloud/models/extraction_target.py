from enum import StrEnum


class ExtractionTarget(StrEnum):
    PER_DOC = "PER_DOC"
    PER_PAGE = "PER_PAGE"
    PER_TABLE_ROW = "PER_TABLE_ROW"

    def __str__(self) -> str:
        return str(self.value)

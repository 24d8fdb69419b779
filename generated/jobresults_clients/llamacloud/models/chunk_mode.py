from enum import StrEnum


class ChunkMode(StrEnum):
    PAGE = "PAGE"
    SECTION = "SECTION"

    def __str__(self) -> str:
        return str(self.value)

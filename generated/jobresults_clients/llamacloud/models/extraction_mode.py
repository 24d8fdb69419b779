from enum import StrEnum


class ExtractionMode(StrEnum):
    BALANCED = "BALANCED"
    FAST = "FAST"
    MULTIMODAL = "MULTIMODAL"
    PREMIUM = "PREMIUM"

    def __str__(self) -> str:
        return str(self.value)

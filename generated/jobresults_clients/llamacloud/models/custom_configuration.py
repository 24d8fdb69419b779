from enum import StrEnum


class CustomConfiguration(StrEnum):
    DEFAULT = "default"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class MediaType(StrEnum):
    AUDIO = "audio"
    DOCUMENT = "document"
    IMAGE = "image"
    MODEL = "model"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)

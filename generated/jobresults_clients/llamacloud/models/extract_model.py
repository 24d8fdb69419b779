from enum import StrEnum


class ExtractModel(StrEnum):
    GEMINI_2_0_FLASH = "gemini-2.0-flash"
    GEMINI_2_5_FLASH = "gemini-2.5-flash"
    GEMINI_2_5_FLASH_LITE = "gemini-2.5-flash-lite"
    GEMINI_2_5_PRO = "gemini-2.5-pro"
    OPENAI_GPT_4O = "openai-gpt-4o"
    OPENAI_GPT_4O_MINI = "openai-gpt-4o-mini"
    OPENAI_GPT_4_1 = "openai-gpt-4-1"
    OPENAI_GPT_4_1_MINI = "openai-gpt-4-1-mini"
    OPENAI_GPT_4_1_NANO = "openai-gpt-4-1-nano"
    OPENAI_GPT_5 = "openai-gpt-5"
    OPENAI_GPT_5_MINI = "openai-gpt-5-mini"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ParseModel(StrEnum):
    ANTHROPIC_HAIKU_3_5 = "anthropic-haiku-3.5"
    ANTHROPIC_HAIKU_4_5 = "anthropic-haiku-4.5"
    ANTHROPIC_SONNET_3_5 = "anthropic-sonnet-3.5"
    ANTHROPIC_SONNET_3_5_V2 = "anthropic-sonnet-3.5-v2"
    ANTHROPIC_SONNET_3_7 = "anthropic-sonnet-3.7"
    ANTHROPIC_SONNET_4_0 = "anthropic-sonnet-4.0"
    ANTHROPIC_SONNET_4_5 = "anthropic-sonnet-4.5"
    GEMINI_1_5_FLASH = "gemini-1.5-flash"
    GEMINI_1_5_PRO = "gemini-1.5-pro"
    GEMINI_2_0_FLASH = "gemini-2.0-flash"
    GEMINI_2_0_FLASH_LITE = "gemini-2.0-flash-lite"
    GEMINI_2_5_FLASH = "gemini-2.5-flash"
    GEMINI_2_5_FLASH_LITE = "gemini-2.5-flash-lite"
    GEMINI_2_5_PRO = "gemini-2.5-pro"
    GEMINI_3_0_PRO = "gemini-3.0-pro"
    OPENAI_GPT_4O = "openai-gpt-4o"
    OPENAI_GPT_4O_MINI = "openai-gpt-4o-mini"
    OPENAI_GPT_4_1 = "openai-gpt-4-1"
    OPENAI_GPT_4_1_MINI = "openai-gpt-4-1-mini"
    OPENAI_GPT_4_1_NANO = "openai-gpt-4-1-nano"
    OPENAI_GPT_5 = "openai-gpt-5"
    OPENAI_GPT_5_MINI = "openai-gpt-5-mini"
    OPENAI_GPT_5_NANO = "openai-gpt-5-nano"
    OPENAI_TEXT_EMBEDDING_3_LARGE = "openai-text-embedding-3-large"
    OPENAI_TEXT_EMBEDDING_3_SMALL = "openai-text-embedding-3-small"
    OPENAI_WHISPER_1 = "openai-whisper-1"

    def __str__(self) -> str:
        return str(self.value)

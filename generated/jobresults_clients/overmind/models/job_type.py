from enum import StrEnum


class JobType(StrEnum):
    INFERENCE = "inference"
    JUDGE_SCORING = "judge_scoring"
    MODEL_BACKTESTING = "model_backtesting"
    PROMPT_TUNING = "prompt_tuning"
    UPLOADED_OUTPUTS_SETUP = "uploaded_outputs_setup"

    def __str__(self) -> str:
        return str(self.value)

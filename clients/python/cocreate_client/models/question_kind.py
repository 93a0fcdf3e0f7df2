from enum import StrEnum


class QuestionKind(StrEnum):
    MULTIPLE = "multiple"
    NUMBER = "number"
    SINGLE = "single"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)

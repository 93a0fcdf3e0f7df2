from enum import StrEnum


class TargetType(StrEnum):
    COMMENT = "comment"
    IDEA = "idea"

    def __str__(self) -> str:
        return str(self.value)

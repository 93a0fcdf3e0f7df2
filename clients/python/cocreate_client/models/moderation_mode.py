from enum import StrEnum


class ModerationMode(StrEnum):
    POST = "post"
    PRE = "pre"

    def __str__(self) -> str:
        return str(self.value)

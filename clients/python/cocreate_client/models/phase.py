from enum import StrEnum


class Phase(StrEnum):
    CLOSED = "closed"
    DRAFT = "draft"
    REVIEW = "review"
    SUBMISSION = "submission"
    VOTING = "voting"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class VoteModel(StrEnum):
    SUPPORT = "support"
    UPDOWN = "updown"

    def __str__(self) -> str:
        return str(self.value)

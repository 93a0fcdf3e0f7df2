from enum import StrEnum


class FollowReason(StrEnum):
    AUTHOR = "author"
    COMMENTER = "commenter"
    EXPLICIT = "explicit"
    MERGE = "merge"
    VOTER = "voter"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class IdeaSort(StrEnum):
    BEST = "best"
    CONTROVERSIAL = "controversial"
    HOT = "hot"
    NEW = "new"
    TOP = "top"

    def __str__(self) -> str:
        return str(self.value)

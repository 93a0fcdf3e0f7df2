from enum import StrEnum


class ReviewSort(StrEnum):
    HELPFUL = "helpful"
    NEWEST = "newest"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class IdeaStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    HIDDEN = "hidden"
    IN_DEVELOPMENT = "in_development"
    MERGED = "merged"
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    SHIPPED = "shipped"
    UNDER_REVIEW = "under_review"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)

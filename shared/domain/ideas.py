"""Ideas and the rules for submitting and seeing them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.auth import Principal
from shared.domain.challenges import Challenge, ModerationMode
from shared.domain.errors import RuleViolationError, ValidationError

MAX_TAGS = 5


class IdeaStatus(StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    IN_DEVELOPMENT = "in_development"
    SHIPPED = "shipped"
    DECLINED = "declined"
    REJECTED = "rejected"
    HIDDEN = "hidden"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    EXPIRED = "expired"


PUBLIC_STATUSES = frozenset(
    {
        IdeaStatus.PUBLISHED,
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.ACCEPTED,
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.SHIPPED,
        IdeaStatus.DECLINED,
        IdeaStatus.MERGED,
        IdeaStatus.EXPIRED,
    }
)


@dataclass(frozen=True, slots=True)
class VoteTally:
    up: int = 0
    down: int = 0

    @property
    def score(self) -> int:
        return self.up - self.down


@dataclass(frozen=True, slots=True)
class Idea:
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    description: str
    tags: tuple[str, ...]
    status: IdeaStatus
    created_at: datetime
    updated_at: datetime
    votes: VoteTally = field(default_factory=VoteTally)
    comment_count: int = 0
    version: int = 1

    def visible_to(self, principal: Principal) -> bool:
        if self.status in PUBLIC_STATUSES:
            return True
        return principal.user_id == self.author_id or principal.is_brand_staff(self.brand_id)


def check_submission(challenge: Challenge, tags: tuple[str, ...]) -> None:
    """Raise unless an idea with these tags may be submitted to the challenge now."""
    if not challenge.phase.submitting_open:
        raise RuleViolationError(
            f"Challenge {challenge.challenge_id!r} is in phase {challenge.phase.value!r}; submissions are closed."
        )
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"At most {MAX_TAGS} tags.", field="tags")
    if len(set(tags)) != len(tags):
        raise ValidationError("Tags must not repeat.", field="tags")
    if challenge.tag_vocabulary:
        unknown = [tag for tag in tags if tag not in challenge.tag_vocabulary]
        if unknown:
            raise ValidationError(
                f"Unknown tags {unknown}; this challenge allows {list(challenge.tag_vocabulary)}.", field="tags"
            )


def initial_status(challenge: Challenge) -> IdeaStatus:
    return IdeaStatus.PENDING if challenge.moderation is ModerationMode.PRE else IdeaStatus.PUBLISHED

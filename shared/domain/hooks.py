"""Brand webhooks: a subscription to some event types (with an optional filter of threshold
predicates), and the deliveries made to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

VOTE_FIELDS = frozenset({"votes.up", "votes.down", "votes.score"})
# Event types a brand may subscribe to, and the detail fields their filters may name. A filter on
# votes.* over IdeaVotesChanged is a threshold: it fires once, on the batch of votes that crosses it.
WEBHOOK_EVENTS: dict[str, frozenset[str]] = {
    "IdeaSubmitted": frozenset({"ideaId", "challengeId", "status", "tags", "authorId"}),
    "IdeaPublished": frozenset({"ideaId", "challengeId", "authorId"}),
    "IdeaStatusChanged": frozenset({"ideaId", "challengeId", "fromStatus", "toStatus", "changedBy"}) | VOTE_FIELDS,
    "IdeaMilestoneReached": frozenset({"ideaId", "challengeId", "rung", "final", "supporters"}) | VOTE_FIELDS,
    "IdeaVotesChanged": frozenset({"ideaId", "challengeId", "status"}) | VOTE_FIELDS,
    "IdeaMerged": frozenset({"ideaId", "challengeId", "targetIdeaId"}),
    "IdeaExpired": frozenset({"ideaId", "challengeId", "rungsReached"}),
    "CommentPosted": frozenset({"ideaId", "challengeId", "official", "depth"}),
    "ModerationDecided": frozenset({"targetType", "targetId", "challengeId", "action", "reason"}),
    "IdeaReviewed": frozenset({"ideaId", "challengeId", "rating", "previousRating", "reviewerId"}),
}
MAX_WEBHOOKS_PER_BRAND = 20


@dataclass(frozen=True, slots=True)
class Webhook:
    webhook_id: str
    brand_id: str
    url: str
    events: tuple[str, ...]
    filter: tuple[str, ...]
    secret: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try of one delivery (an event to a webhook)."""

    webhook_id: str
    delivery_id: str  # <eventId>: the same event is one delivery, however often it is tried
    attempt: int
    at: datetime
    status: int | None  # the receiver's HTTP status; None when it could not be reached
    error: str | None
    event_type: str

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

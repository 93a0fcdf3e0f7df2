"""Reputation: points for what the community and the brand value, and badges (decision 63).

Points come from events on the bus, never from a request: each event gives zero or more
``Award``s (one user, a number of points, a claim that makes it count once). Every award counts
three times: overall, in the brand and in the challenge (the leaderboards).

The rules (points per reason, badges and their thresholds) are the tables in docs/reputation.md,
which a contract test holds to ``POINTS``, ``BADGE_NAMES`` and ``POINT_BADGES`` here. Pseudonyms
(erased or pseudonymised authors, decision 60) earn nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Reason(StrEnum):
    IDEA_PUBLISHED = "idea_published"
    SUPPORTERS = "supporters"
    IDEA_ACCEPTED = "idea_accepted"
    IDEA_SHIPPED = "idea_shipped"
    HELPFUL_COMMENT = "helpful_comment"
    CONTENT_REMOVED = "content_removed"


POINTS: dict[Reason, int] = {
    Reason.IDEA_PUBLISHED: 10,
    Reason.SUPPORTERS: 1,  # per supporter gained (lost: minus)
    Reason.IDEA_ACCEPTED: 50,
    Reason.IDEA_SHIPPED: 100,
    Reason.HELPFUL_COMMENT: 15,  # unmarked: minus
    Reason.CONTENT_REMOVED: -20,  # undone (approved or restored again): plus
}


class Badge(StrEnum):
    FIRST_IDEA = "first-idea"
    SUPPORTED = "hundred-supporters"
    SHIPPED = "shipped-idea"
    HELPFUL = "helpful-voice"
    CONTRIBUTOR = "contributor"
    CHAMPION = "champion"


BADGE_NAMES: dict[Badge, str] = {
    Badge.FIRST_IDEA: "First idea",
    Badge.SUPPORTED: "100 supporters",
    Badge.SHIPPED: "Shipped idea",
    Badge.HELPFUL: "Helpful voice",
    Badge.CONTRIBUTOR: "Contributor (100 points)",
    Badge.CHAMPION: "Champion (1,000 points)",
}
POINT_BADGES: tuple[tuple[int, Badge], ...] = ((100, Badge.CONTRIBUTOR), (1000, Badge.CHAMPION))


@dataclass(frozen=True, slots=True)
class Award:
    """Points to one user from one event, counted once per ``claim``."""

    claim: str
    user_id: str
    brand_id: str
    challenge_id: str
    points: int
    reason: Reason
    event_id: str
    idea_id: str | None = None
    badges: tuple[Badge, ...] = ()  # earned by this award whatever the total (threshold ones come later)
    lasting: bool = False  # the claim is kept for good (once per idea), not only for the redelivery window


@dataclass(frozen=True, slots=True)
class EarnedBadge:
    user_id: str
    badge: Badge
    awarded_at: datetime
    event_id: str  # the event that earned it
    brand_id: str | None = None
    challenge_id: str | None = None
    idea_id: str | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """A user's points in one scope (overall, a brand, a challenge)."""

    user_id: str
    points: int
    public_name: str | None = None


@dataclass(frozen=True, slots=True)
class Reputation:
    """What a profile shows: points overall and per brand, and badges."""

    user_id: str
    public_name: str | None
    points: int
    brands: dict[str, int]
    badges: tuple[EarnedBadge, ...]


def threshold_badges(total: int) -> tuple[Badge, ...]:
    return tuple(badge for at, badge in POINT_BADGES if total >= at)

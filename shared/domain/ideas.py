"""Ideas and the rules for submitting and seeing them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.domain.challenges import Challenge, ModerationMode, PhaseAction
from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.principal import Principal

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


# Review statuses brand admins move published ideas through (POST /ideas/{id}/status).
REVIEW_TRANSITIONS: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    IdeaStatus.PUBLISHED: frozenset({IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.DECLINED}),
    IdeaStatus.UNDER_REVIEW: frozenset({IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.PUBLISHED}),
    IdeaStatus.ACCEPTED: frozenset({IdeaStatus.IN_DEVELOPMENT, IdeaStatus.SHIPPED, IdeaStatus.DECLINED}),
    IdeaStatus.IN_DEVELOPMENT: frozenset({IdeaStatus.SHIPPED, IdeaStatus.DECLINED}),
}
REVIEW_TARGETS = frozenset(target for targets in REVIEW_TRANSITIONS.values() for target in targets)
EDITABLE_STATUSES = frozenset({IdeaStatus.PENDING, IdeaStatus.PUBLISHED})
WITHDRAWABLE_STATUSES = frozenset({IdeaStatus.PENDING, IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW})
MAX_HISTORY = 50
HOT_EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z: any fixed origin works; it keeps numbers small
WILSON_Z = 1.959963984540054  # 95 % confidence for the Wilson lower bound
HOT_SECONDS_PER_DECADE = 45_000  # 12.5 h: 10x the votes keep an idea level with one 12.5 h younger


def hot_score(score: int, created_at: datetime) -> float:
    """Reddit's time-monotonic 'hot': log10 of the score plus age. It never needs recomputing as
    time passes (a newer idea simply starts higher), so it can be stored and indexed; only a vote
    changes it."""
    order = math.log10(max(abs(score), 1))
    sign = (score > 0) - (score < 0)
    return round(sign * order + (created_at.timestamp() - HOT_EPOCH) / HOT_SECONDS_PER_DECADE, 10)


def controversy(up: int, down: int) -> float:
    """How divided the votes are: (up + down) ** (minority / majority). Zero unless the idea has
    votes both ways; for the same balance more votes rank higher, for the same number of votes a
    closer split ranks higher (50 up / 50 down: 100; 90 / 10: 100 ** 0.11 = 1.67). Reddit's
    'controversial'; it only changes with a vote, so it is stored and indexed like ``hot``."""
    if up <= 0 or down <= 0:
        return 0.0
    return round(float((up + down) ** (min(up, down) / max(up, down))), 10)


def wilson_lower_bound(up: int, down: int) -> float:
    """Lower bound of the Wilson score interval for the share of up votes: ranks 'best' ideas
    without letting 2 up / 0 down beat 950 up / 50 down (Evan Miller, "How Not To Sort By Average
    Rating"). 0 without votes."""
    n = up + down
    if n <= 0 or up <= 0:
        return 0.0
    z2 = WILSON_Z * WILSON_Z
    p = up / n
    centre = p + z2 / (2 * n)
    spread = WILSON_Z * math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)
    return round(max(0.0, (centre - spread) / (1 + z2 / n)), 10)


@dataclass(frozen=True, slots=True)
class StatusChange:
    from_status: IdeaStatus
    to_status: IdeaStatus
    at: datetime
    by: str
    response: str | None = None


@dataclass(frozen=True, slots=True)
class VoteTally:
    """The up/down counter shape, defined once: an idea's counters, or what some vote changes add
    to them (then either may be negative)."""

    up: int = 0
    down: int = 0

    @property
    def score(self) -> int:
        return self.up - self.down

    @classmethod
    def of_vote(cls, value: int | None) -> VoteTally:
        """What one vote of ``value`` counts (None: no vote; 1 up; -1 down)."""
        return cls(up=1 if value == 1 else 0, down=1 if value == -1 else 0)

    def __add__(self, other: VoteTally) -> VoteTally:
        return VoteTally(self.up + other.up, self.down + other.down)

    def __sub__(self, other: VoteTally) -> VoteTally:
        return VoteTally(self.up - other.up, self.down - other.down)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """An idea's counters at the end of an hour in which votes were counted (the vote trend)."""

    hour: datetime  # the hour's start (UTC)
    votes: VoteTally

    @classmethod
    def at(cls, when: datetime, votes: VoteTally) -> TrendPoint:
        return cls(when.replace(minute=0, second=0, microsecond=0), votes)


MAX_TREND_HOURS = 2160  # what one trend read covers at most: 90 days


@dataclass(frozen=True, slots=True)
class LadderProgress:
    """Where an idea stands on its challenge's support ladder: when each rung was reached, and the
    deadline of the next one (None: no ladder, or the last rung is reached)."""

    reached: tuple[datetime, ...] = ()
    due_at: datetime | None = None


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
    history: tuple[StatusChange, ...] = ()
    official_response: str | None = None
    ladder: LadderProgress = field(default_factory=LadderProgress)
    merged_into: str | None = None  # the idea this one was merged into (status merged)
    ratings: tuple[int, ...] = (0, 0, 0, 0, 0)  # live reviews rating it 1..5, counted from the stream

    @property
    def rating_count(self) -> int:
        return sum(self.ratings)

    @property
    def rating_average(self) -> float | None:
        count = self.rating_count
        return None if count == 0 else sum(n * stars for stars, n in enumerate(self.ratings, start=1)) / count

    @property
    def hot(self) -> float:
        return hot_score(self.votes.score, self.created_at)

    @property
    def wilson(self) -> float:
        return wilson_lower_bound(self.votes.up, self.votes.down)

    @property
    def controversy(self) -> float:
        return controversy(self.votes.up, self.votes.down)

    def visible_to(self, principal: Principal) -> bool:
        if self.status in PUBLIC_STATUSES:
            return True
        return principal.user_id == self.author_id or principal.is_brand_staff(self.brand_id)


def status_label(status: IdeaStatus, labels: Mapping[str, str]) -> str:
    """What the brand calls ``status`` (``statusLabels``), else its name in words ("under review")."""
    return labels.get(status.value) or status.value.replace("_", " ")


def check_submission(challenge: Challenge, tags: tuple[str, ...]) -> None:
    """Raise unless an idea with these tags may be submitted to the challenge now."""
    challenge.check_allowed(PhaseAction.SUBMIT, "submissions are")
    check_tags(challenge, tags)


def check_tags(challenge: Challenge, tags: tuple[str, ...]) -> None:
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


def check_edit(idea: Idea, challenge: Challenge, principal: Principal) -> None:
    """Authors edit their own idea while it is pending or published, submission is open, and the
    challenge's edit lock (a number of votes) has not been reached."""
    check_author(idea, principal)
    if idea.status not in EDITABLE_STATUSES:
        raise RuleViolationError(f"An idea in status {idea.status.value!r} cannot be edited.")
    challenge.check_not_suspended()
    if not challenge.submitting_open:
        raise RuleViolationError(f"Ideas cannot be edited in phase {challenge.phase.value!r}.")
    votes = idea.votes.up + idea.votes.down
    if challenge.edit_lock_votes is not None and votes >= challenge.edit_lock_votes:
        raise RuleViolationError(f"The idea has {votes} votes; edits lock at {challenge.edit_lock_votes}.")


def check_withdraw(idea: Idea, challenge: Challenge | None, principal: Principal) -> None:
    check_author(idea, principal)
    if idea.status not in WITHDRAWABLE_STATUSES:
        raise RuleViolationError(f"An idea in status {idea.status.value!r} cannot be withdrawn.")
    if challenge is not None:
        challenge.check_allowed(PhaseAction.WITHDRAW, "withdrawals are")


def check_author(idea: Idea, principal: Principal) -> None:
    """Visible but not yours is 403 (invisible ideas are 404 before this is asked)."""
    if principal.user_id != idea.author_id:
        raise ForbiddenError("Only the idea's author can do this.")


def check_review_transition(idea: Idea, target: IdeaStatus) -> None:
    allowed = REVIEW_TRANSITIONS.get(idea.status, frozenset())
    if target not in allowed:
        raise RuleViolationError(
            f"An idea cannot move from {idea.status.value!r} to {target.value!r}"
            + (f"; allowed: {sorted(s.value for s in allowed)}." if allowed else ".")
        )
    if len(idea.history) >= MAX_HISTORY:
        raise RuleViolationError(f"An idea keeps at most {MAX_HISTORY} status changes.")


MERGEABLE_SOURCES = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW})
MERGE_TARGETS = frozenset(
    {IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.IN_DEVELOPMENT}
)


def check_merge(source: Idea, target: Idea) -> None:
    """A duplicate merges into another live idea of the same challenge (no chains, no loops)."""
    if source.idea_id == target.idea_id:
        raise ValidationError("An idea cannot be merged into itself.", field="targetIdeaId")
    if source.challenge_id != target.challenge_id:
        raise ValidationError("Only ideas of the same challenge can be merged.", field="targetIdeaId")
    if source.status not in MERGEABLE_SOURCES:
        raise RuleViolationError(f"An idea in status {source.status.value!r} cannot be merged.")
    if target.status not in MERGE_TARGETS:
        raise RuleViolationError(f"An idea cannot be merged into one in status {target.status.value!r}.")
    if len(source.history) >= MAX_HISTORY:
        raise RuleViolationError(f"An idea keeps at most {MAX_HISTORY} status changes.")


def status_before_merge(idea: Idea) -> IdeaStatus:
    """The status a merged idea goes back to when the merge is undone."""
    if idea.status is not IdeaStatus.MERGED or idea.merged_into is None:
        raise RuleViolationError("This idea is not merged.")
    moves = [change.from_status for change in idea.history if change.to_status is IdeaStatus.MERGED]
    return moves[-1] if moves else IdeaStatus.PUBLISHED


def initial_status(challenge: Challenge) -> IdeaStatus:
    return IdeaStatus.PENDING if challenge.moderation is ModerationMode.PRE else IdeaStatus.PUBLISHED

"""Event contracts. Detail-type is the class name (past tense); source is ``cocreate.<function>``.

Every event carries ``eventId`` (stable across redeliveries: consumers dedupe on it),
``version`` and ``occurredAt``. ``docs/events/<DetailType>.json`` is generated from these models
and checked by tests/contract."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class DomainEvent(BaseModel):
    """Base of every event's ``detail``."""

    # defer_build: an event's validator is built when the event is first made or read, not at import
    # (the functions import every event class and use a few: 50 ms of a cold start, issue 17)
    model_config = ConfigDict(
        frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True, defer_build=True
    )

    SOURCE: ClassVar[str] = "cocreate"

    event_id: str = Field(min_length=1, max_length=128, description="Stable id; consumers dedupe on it.")
    version: int = Field(default=1, ge=1, description="Schema version of this detail-type.")
    occurred_at: datetime

    @classmethod
    def detail_type(cls) -> str:
        return cls.__name__

    def detail(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class BrandCreated(DomainEvent):
    """An operator added a brand (a tenant of the stack)."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    name: str


class BrandUpdated(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    changed: list[str] = Field(description="Names of the fields that changed (camelCase).")


class BrandSuspended(DomainEvent):
    """An operator suspended the brand: its challenges are read-only until it is reinstated."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    reason: str | None


class BrandReinstated(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str


class StaffInvited(DomainEvent):
    """A brand's admin invited someone as admin or moderator (the address stays off the bus)."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    member_id: str
    role: Literal["admin", "moderator"]
    invited_by: str


class StaffJoined(DomainEvent):
    """Someone became an admin or moderator of a brand (at once with the stack's user pool, or on
    accepting an invitation)."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    member_id: str
    user_id: str
    role: Literal["admin", "moderator"]


class StaffRoleChanged(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    member_id: str
    user_id: str | None = Field(description="Null while the invitation is pending.")
    role: Literal["admin", "moderator"]
    previous_role: Literal["admin", "moderator"]


class StaffRemoved(DomainEvent):
    """A member left or was removed, or an invitation was withdrawn."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    brand_id: str
    member_id: str
    user_id: str | None = Field(description="Null for a withdrawn invitation.")
    role: Literal["admin", "moderator"]


class ErasureRequested(DomainEvent):
    """A participant asked to be erased (DELETE /me): the privacy function does it in steps."""

    SOURCE: ClassVar[str] = "cocreate.privacy"

    user_id: str


class ErasureCompleted(DomainEvent):
    """Nothing the stack keeps names the person any more (their contributions carry a pseudonym)."""

    SOURCE: ClassVar[str] = "cocreate.privacy"

    user_id: str


class ExportRequested(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.privacy"

    user_id: str
    export_id: str


class ExportReady(DomainEvent):
    """The archive of a participant's data is ready to download (GET /me/export)."""

    SOURCE: ClassVar[str] = "cocreate.privacy"

    user_id: str
    export_id: str
    expires_at: datetime = Field(description="The archive is deleted then.")


class ExportFailed(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.privacy"

    user_id: str
    export_id: str


class ChallengeCreated(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    challenge_id: str
    brand_id: str
    title: str
    phase: str


class IdeaSubmitted(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    status: Literal["pending", "published"]
    tags: list[str]


class CommentPosted(DomainEvent):
    """A comment or reply on an idea. ``official`` marks the brand's staff speaking."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    comment_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    parent_id: str | None = Field(description="The comment replied to; null for a top-level comment.")
    parent_author_id: str | None = Field(description="Author of the comment replied to (reply notifications).")
    depth: int = Field(ge=0, le=3)
    official: bool
    body: str


class CommentEdited(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    comment_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    body: str


class CommentDeleted(DomainEvent):
    """The comment's body is gone; its place in the thread and its replies stay."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    comment_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    deleted_by: str
    by_staff: bool = Field(description="Removed by the brand's staff rather than its author.")


class CommentMarkedHelpful(DomainEvent):
    """The brand's staff marked the comment helpful (``helpful`` true) or took the mark back (false)."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    comment_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    helpful: bool = Field(description="True when marked helpful, false when the mark was taken back.")
    marked_by: str = Field(description="The staff member (or operator) who marked or unmarked it.")


class IdeaReviewed(DomainEvent):
    """A verified supporter rated and reviewed a shipped idea, changed their review, or moderation
    restored it (decision 65). Never for a hidden or removed review."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    review_id: str = Field(description="The review (a comment id).")
    idea_id: str
    challenge_id: str
    brand_id: str
    reviewer_id: str
    rating: int = Field(ge=1, le=5)
    previous_rating: int | None = Field(
        description="The rating before a change (on a restore by moderation: its rating while hidden); null for "
        "a new review."
    )
    body: str


class ReviewHelpfulVotesChanged(DomainEvent):
    """Readers found a review helpful, or took that back: how many now (decision 72). Who is not
    said, as for supports."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    review_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    helpful_votes: int = Field(ge=0)
    previous_helpful_votes: int = Field(ge=0)


class ChallengeUpdated(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    challenge_id: str
    brand_id: str
    changed: list[str] = Field(description="Names of the fields that changed (camelCase).")


class ChallengePhaseChanged(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    challenge_id: str
    brand_id: str
    title: str = Field(description="The challenge's title.")
    from_phase: str
    to_phase: str
    submitting_open: bool
    voting_open: bool


class VoteCounts(BaseModel):
    """An idea's counters when the event happened."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    up: int = Field(ge=0)
    down: int = Field(ge=0)
    score: int


class IdeaPublished(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str


class IdeaUpdated(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    tags: list[str]
    status: str
    changed: list[str] = Field(description="Which of title, description, tags changed.")


class IdeaWithdrawn(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    from_status: str


class IdeaStatusChanged(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    from_status: str
    to_status: str
    response: str | None = Field(default=None, description="The brand's official response, if any.")
    changed_by: str
    votes: VoteCounts | None = Field(default=None, description="The idea's counts at the change.")


class IdeaMerged(DomainEvent):
    """A duplicate merged into another idea by brand staff; its votes and followers move there."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    target_idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    from_status: str
    merged_by: str


class IdeaUnmerged(DomainEvent):
    """A merge undone: the idea is back in ``to_status`` and its votes return from the target."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    target_idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    to_status: str
    unmerged_by: str


class IdeaMilestoneReached(DomainEvent):
    """A rung of the challenge's support ladder reached within its window (once per rung)."""

    SOURCE: ClassVar[str] = "cocreate.votes"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    rung: int = Field(ge=1, description="1 for the first rung of the ladder.")
    final: bool = Field(description="The last rung: the idea moves to under_review.")
    supporters: int = Field(ge=0, description="Supporters when the rung was reached.")
    votes: VoteCounts | None = Field(default=None, description="The idea's counts when the rung was counted.")


class IdeaVotesChanged(DomainEvent):
    """The tally counted votes into an idea (once per batch of votes, not per vote): its counts
    before and after, for thresholds ("passes 50 votes") that fire once when crossed."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    status: str
    votes: VoteCounts
    previous_votes: VoteCounts


class IdeaExpired(DomainEvent):
    """A published idea missed its ladder window (moved by the schedule)."""

    SOURCE: ClassVar[str] = "cocreate.ideas"

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    rungs_reached: int = Field(ge=0)


class VoteCast(DomainEvent):
    """A vote cast or changed (``previousValue`` set on a change)."""

    SOURCE: ClassVar[str] = "cocreate.votes"

    idea_id: str
    challenge_id: str
    voter_id: str
    value: int
    previous_value: int | None = None


class VoteRetracted(DomainEvent):
    SOURCE: ClassVar[str] = "cocreate.votes"

    idea_id: str
    challenge_id: str
    voter_id: str
    value: int = Field(description="The value the vote had.")


class ModerationEvent(DomainEvent):
    """What every moderation event says of its target."""

    SOURCE: ClassVar[str] = "cocreate.moderation"

    target_type: Literal["idea", "comment"]
    target_id: str
    challenge_id: str
    brand_id: str
    author_id: str


class ContentScreened(ModerationEvent):
    """Automatic screening of a posted or edited idea or comment."""

    decision: Literal["approve", "hold", "reject"]
    reasons: list[str] = Field(description="Reason codes (profanity, spam_links, personal_data_email, ...).")


class ContentHidden(ModerationEvent):
    """An item hidden pending review: by screening (post-moderation reject) or by reports."""

    reason: str | None
    hidden_by: str = Field(description="system:screening or system:reports")


class ModerationDecided(ModerationEvent):
    """A moderator's decision; the author is told the reason."""

    action: Literal["approve", "reject", "hide", "restore"]
    reason: str | None
    moderator_id: str
    before: str
    after: str
    appeal: bool = Field(description="The decision answered the author's appeal.")


class AppealFiled(ModerationEvent):
    """The author appealed a rejection or hide (back in the queue, flagged)."""

    message: str


class BadgeAwarded(DomainEvent):
    """A participant earned a badge (once per person and badge; decision 63)."""

    SOURCE: ClassVar[str] = "cocreate.reputation"

    user_id: str
    badge: str = Field(description="first-idea, hundred-supporters, shipped-idea, helpful-voice, contributor, champion")
    name: str = Field(description="The badge's name, as shown.")
    brand_id: str | None = Field(description="The brand of the contribution that earned it.")
    challenge_id: str | None
    idea_id: str | None = Field(description="The idea that earned it, if one did.")


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    BrandCreated,
    BrandUpdated,
    BrandSuspended,
    BrandReinstated,
    StaffInvited,
    StaffJoined,
    StaffRoleChanged,
    StaffRemoved,
    ErasureRequested,
    ErasureCompleted,
    ExportRequested,
    ExportReady,
    ExportFailed,
    ChallengeCreated,
    ChallengeUpdated,
    ChallengePhaseChanged,
    IdeaSubmitted,
    IdeaPublished,
    IdeaUpdated,
    IdeaWithdrawn,
    IdeaStatusChanged,
    IdeaMerged,
    IdeaUnmerged,
    IdeaMilestoneReached,
    IdeaVotesChanged,
    IdeaExpired,
    VoteCast,
    VoteRetracted,
    ContentScreened,
    ContentHidden,
    ModerationDecided,
    AppealFiled,
    BadgeAwarded,
    CommentPosted,
    CommentEdited,
    CommentDeleted,
    CommentMarkedHelpful,
    IdeaReviewed,
    ReviewHelpfulVotesChanged,
)


EVENTS_BY_TYPE: dict[str, type[DomainEvent]] = {event.detail_type(): event for event in EVENT_TYPES}


class EventBridgeEnvelope(BaseModel):
    """What a consumer receives from the bus (the fields Cocreate relies on)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    source: str
    detail_type: str = Field(alias="detail-type")
    time: datetime
    detail: dict[str, Any]

    def event(self) -> DomainEvent | None:
        """The detail as its typed event, or None for a detail-type this code does not know.

        A tolerant reader: fields the model does not know (a newer producer's) are left out, while a
        missing or malformed field raises pydantic's ValidationError, so a consumer fails the
        message and it ends in the dead-letter queue."""
        model = EVENTS_BY_TYPE.get(self.detail_type)
        if model is None:
            return None
        known = {info.alias or name for name, info in model.model_fields.items()}
        return model.model_validate({key: value for key, value in self.detail.items() if key in known})

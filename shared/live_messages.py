"""What the WebSocket API sends to clients (docs/live/<type>.json and docs/asyncapi.yaml are generated
from these models and checked by tests/contract). Every message has ``type`` and, for updates,
the ``channel`` it came on; clients ignore types and fields they do not know."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class LiveMessage(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True, defer_build=True)

    TYPE: ClassVar[str] = ""

    def json_text(self) -> str:
        return self.model_dump_json(by_alias=True)


class Counts(BaseModel):
    model_config = ConfigDict(frozen=True)

    up: int
    down: int
    score: int


class VotesUpdate(LiveMessage):
    """An idea's vote counts, at most once a second per idea (the latest counts win)."""

    TYPE: ClassVar[str] = "votes"
    type: Literal["votes"] = "votes"
    channel: str = Field(description="idea:<ideaId>")
    idea_id: str
    votes: Counts
    at: datetime = Field(description="When the tally counted them.")


class CommentUpdate(LiveMessage):
    """A comment posted, edited or removed on an idea (a removed or hidden one has no body)."""

    TYPE: ClassVar[str] = "comment"
    type: Literal["comment"] = "comment"
    channel: str
    idea_id: str
    change: Literal["posted", "edited", "removed"]
    comment_id: str
    parent_id: str | None = None
    author_id: str | None = None
    official: bool = False
    body: str | None = None
    at: datetime


class StatusUpdate(LiveMessage):
    """An idea's status changed (review, merge, expiry), with the brand's official response."""

    TYPE: ClassVar[str] = "status"
    type: Literal["status"] = "status"
    channel: str
    idea_id: str
    status: str
    response: str | None = None
    at: datetime


class IdeaPublishedUpdate(LiveMessage):
    """A new idea is public in a challenge."""

    TYPE: ClassVar[str] = "idea"
    type: Literal["idea"] = "idea"
    channel: str = Field(description="challenge:<challengeId>")
    challenge_id: str
    idea_id: str
    title: str
    author_id: str
    at: datetime


class PhaseUpdate(LiveMessage):
    TYPE: ClassVar[str] = "phase"
    type: Literal["phase"] = "phase"
    channel: str
    challenge_id: str
    phase: str
    submitting_open: bool
    voting_open: bool
    at: datetime


class NoticeUpdate(LiveMessage):
    """A new notice in the caller's inbox (channel me), with the unread count after it."""

    TYPE: ClassVar[str] = "notice"
    type: Literal["notice"] = "notice"
    channel: Literal["me"] = "me"
    id: str = Field(description="The notification's id (as GET /me/notifications lists it).")
    event_type: str
    message: str
    idea_id: str | None
    challenge_id: str | None
    at: datetime
    unread_count: int


class Subscribed(LiveMessage):
    """The answer to {"action": "subscribe", "channel": ...}."""

    TYPE: ClassVar[str] = "subscribed"
    type: Literal["subscribed"] = "subscribed"
    channel: str


class Unsubscribed(LiveMessage):
    TYPE: ClassVar[str] = "unsubscribed"
    type: Literal["unsubscribed"] = "unsubscribed"
    channel: str


class LiveError(LiveMessage):
    """A request the API refused; ``status`` is the HTTP status the same refusal has over HTTP."""

    TYPE: ClassVar[str] = "error"
    type: Literal["error"] = "error"
    status: int
    title: str
    detail: str
    channel: str | None = None


MESSAGE_TYPES: tuple[type[LiveMessage], ...] = (
    VotesUpdate,
    CommentUpdate,
    StatusUpdate,
    IdeaPublishedUpdate,
    PhaseUpdate,
    NoticeUpdate,
    Subscribed,
    Unsubscribed,
    LiveError,
)


class ClientRequest(BaseModel):
    """What a client sends: {"action": "subscribe" | "unsubscribe", "channel": "..."}."""

    model_config = ConfigDict(extra="forbid", strict=True)

    action: Literal["subscribe", "unsubscribe"]
    channel: str = Field(min_length=2, max_length=80)


def schemas() -> dict[str, dict[str, Any]]:
    """Each message's JSON Schema by its type (docs/live/)."""
    return {message.TYPE: message.model_json_schema(by_alias=True) for message in MESSAGE_TYPES}

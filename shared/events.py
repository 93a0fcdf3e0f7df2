"""Event contracts. Detail-type is the class name (past tense); source is ``cocreate.<function>``.

Every event carries ``eventId`` (stable across redeliveries: consumers dedupe on it),
``version`` and ``occurredAt``. ``docs/events/<DetailType>.json`` is generated from these models
and checked by tests/contract."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class DomainEvent(BaseModel):
    """Base of every event's ``detail``."""

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True)

    SOURCE: ClassVar[str] = "cocreate"

    event_id: str = Field(min_length=1, max_length=128, description="Stable id; consumers dedupe on it.")
    version: int = Field(default=1, ge=1, description="Schema version of this detail-type.")
    occurred_at: datetime

    @classmethod
    def detail_type(cls) -> str:
        return cls.__name__

    def detail(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


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


EVENT_TYPES: tuple[type[DomainEvent], ...] = (ChallengeCreated, IdeaSubmitted)


class EventPublisher(Protocol):
    """Port: deliver events to the bus. Returns the ids of the events that could not be sent."""

    def publish(self, events: Sequence[DomainEvent]) -> set[str]: ...


class EventBridgeEnvelope(BaseModel):
    """What a consumer receives from the bus (the fields Cocreate relies on)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    source: str
    detail_type: str = Field(alias="detail-type")
    time: datetime
    detail: dict[str, Any]

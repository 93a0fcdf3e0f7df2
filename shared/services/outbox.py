"""The outbox: which item changes become which events. Pure: the store decodes stream records
into ``ItemChange``s and the publisher sends what this returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from shared.domain.challenges import Challenge
from shared.domain.ideas import Idea
from shared.events import ChallengeCreated, DomainEvent, IdeaSubmitted

Entity = Challenge | Idea


@dataclass(frozen=True)
class ItemChange:
    change_id: str  # the stream record's id: stable across redeliveries of the same record
    kind: Literal["INSERT", "MODIFY", "REMOVE"]
    occurred_at: datetime
    old: Entity | None
    new: Entity | None


def events_for_change(change: ItemChange) -> list[DomainEvent]:
    new = change.new
    if change.kind != "INSERT" or new is None:
        return []
    if isinstance(new, Idea):
        return [
            IdeaSubmitted(
                event_id=change.change_id,
                occurred_at=new.created_at,
                idea_id=new.idea_id,
                challenge_id=new.challenge_id,
                brand_id=new.brand_id,
                author_id=new.author_id,
                title=new.title,
                status="pending" if new.status == "pending" else "published",
                tags=list(new.tags),
            )
        ]
    return [
        ChallengeCreated(
            event_id=change.change_id,
            occurred_at=new.created_at,
            challenge_id=new.challenge_id,
            brand_id=new.brand_id,
            title=new.title,
            phase=new.phase.value,
        )
    ]

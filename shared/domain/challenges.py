"""Challenges: brand-hosted campaigns with phases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Phase(StrEnum):
    DRAFT = "draft"
    SUBMISSION = "submission"
    VOTING = "voting"
    REVIEW = "review"
    CLOSED = "closed"

    @property
    def submitting_open(self) -> bool:
        return self is Phase.SUBMISSION

    @property
    def publicly_visible(self) -> bool:
        return self is not Phase.DRAFT


class ModerationMode(StrEnum):
    PRE = "pre"  # ideas wait as 'pending' until approved
    POST = "post"  # ideas are published at once and moderated afterwards


@dataclass(frozen=True, slots=True)
class Challenge:
    challenge_id: str
    brand_id: str
    title: str
    description: str
    phase: Phase
    moderation: ModerationMode
    created_by: str
    created_at: datetime
    updated_at: datetime
    tag_vocabulary: tuple[str, ...] = field(default_factory=tuple)
    version: int = 1

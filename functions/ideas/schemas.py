"""Request and response bodies of the ideas API. Inputs forbid unknown fields and never carry
server-owned fields (ids, author, status, counts): mass assignment is impossible."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

from shared.domain.challenges import Challenge, ModerationMode, Phase
from shared.domain.ideas import MAX_TAGS, Idea, IdeaStatus

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[\w -]+$")]
BrandId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=to_camel, populate_by_name=False, defer_build=True)


class _Output(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True, defer_build=True
    )


class ChallengeCreate(_Input):
    brand_id: BrandId
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=120)]
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)] = ""
    phase: Phase = Phase.DRAFT
    moderation: ModerationMode = ModerationMode.POST
    tag_vocabulary: Annotated[list[Tag], Field(max_length=50)] = []


class IdeaCreate(_Input):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=120)]
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)] = ""
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = []


class ChallengeView(_Output):
    challenge_id: str
    brand_id: str
    title: str
    description: str
    phase: Phase
    submitting_open: bool
    moderation: ModerationMode
    tag_vocabulary: list[str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, challenge: Challenge) -> ChallengeView:
        return cls(
            challenge_id=challenge.challenge_id,
            brand_id=challenge.brand_id,
            title=challenge.title,
            description=challenge.description,
            phase=challenge.phase,
            submitting_open=challenge.phase.submitting_open,
            moderation=challenge.moderation,
            tag_vocabulary=list(challenge.tag_vocabulary),
            created_at=challenge.created_at,
            updated_at=challenge.updated_at,
        )


class Votes(_Output):
    up: int
    down: int
    score: int


class IdeaView(_Output):
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    title: str
    description: str
    tags: list[str]
    status: IdeaStatus
    votes: Votes
    comment_count: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, idea: Idea) -> IdeaView:
        return cls(
            idea_id=idea.idea_id,
            challenge_id=idea.challenge_id,
            brand_id=idea.brand_id,
            author_id=idea.author_id,
            title=idea.title,
            description=idea.description,
            tags=list(idea.tags),
            status=idea.status,
            votes=Votes(up=idea.votes.up, down=idea.votes.down, score=idea.votes.score),
            comment_count=idea.comment_count,
            created_at=idea.created_at,
            updated_at=idea.updated_at,
        )

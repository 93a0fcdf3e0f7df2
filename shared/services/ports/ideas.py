"""Ideas' ports: the idea repository and sorts, and the lookups idea use cases make into other
contexts (trust, ladder deadlines, the caller's vote). shared/store/content.py and votes.py implement them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from shared.domain.ideas import (
    Idea,
    IdeaStatus,
    TrendPoint,
)
from shared.domain.votes import Vote
from shared.services.ports import Key, Page


class IdeaSort(StrEnum):
    NEW = "new"
    TOP = "top"
    HOT = "hot"
    BEST = "best"  # Wilson lower bound: for updown challenges
    CONTROVERSIAL = "controversial"  # many votes, balanced up and down: updown challenges only


class IdeaRepository(Protocol):
    def add(self, idea: Idea, max_per_author: int | None = None) -> None:
        """Store a new idea in one conditional write; ConflictError if the id exists, or
        RuleViolationError when the author already has ``max_per_author`` ideas in the challenge."""

    def get(self, idea_id: str) -> Idea | None: ...

    def save_changes(self, before: Idea, after: Idea) -> None:
        """Write what changed from ``before`` to ``after`` (never the vote counters, which the
        tally owns), if the idea is still at ``before.version``; else ConflictError."""

    def list_page(
        self, challenge_id: str, *, status: IdeaStatus, sort: IdeaSort, tag: str | None, limit: int, start: Key | None
    ) -> Page[Idea]: ...

    def trend(self, idea_id: str, since: datetime) -> list[TrendPoint]:
        """The idea's trend points from the hour of ``since`` on, oldest first (one Query)."""
        ...


class TrustLookup(Protocol):
    def brand_points(self, brand_id: str, user_id: str) -> int:
        """The user's reputation points in the brand (decision 63)."""


class LadderDeadlines(Protocol):
    def list_due(self, before: datetime, limit: int, start: Key | None = None) -> Page[Idea]:
        """Published ideas whose ladder window closed before ``before`` (the sparse 'due' index)."""

    def save_changes(self, before: Idea, after: Idea) -> None: ...


class VoteLookup(Protocol):
    def get(self, idea_id: str, voter_id: str) -> Vote | None: ...

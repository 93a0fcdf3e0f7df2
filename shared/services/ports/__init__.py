"""Ports the services need; shared.store implements them for DynamoDB, tests with fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from shared.domain.challenges import Challenge, Phase
from shared.domain.ideas import Idea, IdeaStatus
from shared.domain.limits import RateLimit

T = TypeVar("T")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def now_ms(clock: Clock) -> datetime:
    """The clock's time to the millisecond: what the store keeps, so a write answers what a read returns."""
    now = clock()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


Key = dict[str, Any]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: the items and the key to continue from (None on the last page)."""

    items: list[T]
    next_key: Key | None


class IdeaSort(StrEnum):
    NEW = "new"
    TOP = "top"
    HOT = "hot"
    BEST = "best"  # Wilson lower bound: for updown challenges
    CONTROVERSIAL = "controversial"  # many votes, balanced up and down: updown challenges only


class ChallengeRepository(Protocol):
    def add(self, challenge: Challenge) -> None:
        """Store a new challenge; ConflictError if the id exists."""

    def get(self, challenge_id: str) -> Challenge | None: ...

    def replace(self, challenge: Challenge, expected_version: int) -> None:
        """Store a changed challenge if nobody changed it since ``expected_version``; else ConflictError."""

    def list_page(
        self,
        *,
        brand_id: str | None,
        phase: Phase | None,
        visible_drafts: frozenset[str] | None,
        limit: int,
        start: Key | None,
    ) -> Page[Challenge]:
        """Newest first; drafts only of brands in ``visible_drafts`` (None: all drafts)."""
        ...

    def list_due(self, now: datetime, limit: int) -> list[Challenge]:
        """Challenges with a scheduled phase change at or before ``now``."""
        ...


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


class RateLimiter(Protocol):
    def take(self, key: str, limit: RateLimit, now: datetime) -> int:
        """Record one action under ``key`` and return 0, or the seconds to wait (nothing recorded)."""

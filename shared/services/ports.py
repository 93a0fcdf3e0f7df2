"""Ports the services need; shared.store implements them for DynamoDB, tests with fakes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from shared.domain.challenges import Challenge
from shared.domain.ideas import Idea

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def now_ms(clock: Clock) -> datetime:
    """The clock's time to the millisecond: what the store keeps, so a write answers what a read returns."""
    now = clock()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class ChallengeRepository(Protocol):
    def add(self, challenge: Challenge) -> None:
        """Store a new challenge; ConflictError if the id exists."""

    def get(self, challenge_id: str) -> Challenge | None: ...


class IdeaRepository(Protocol):
    def add(self, idea: Idea) -> None:
        """Store a new idea in one conditional write; ConflictError if the id exists."""

    def get(self, idea_id: str) -> Idea | None: ...

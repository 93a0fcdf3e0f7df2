"""Challenges' port: where challenges are kept (shared/store/content.py implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from shared.domain.challenges import Challenge, Phase
from shared.services.ports import Key, Page


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

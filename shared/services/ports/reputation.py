"""The reputation store: points per scope counted once per claim, badges once per person, public
names, leaderboards. shared/store/reputation.py implements it."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from shared.domain.reputation import Award, EarnedBadge, Reputation, Standing
from shared.services.ports import Key, Page


class ReputationStore(Protocol):
    def apply(self, award: Award, at: datetime) -> bool:
        """Add the award's points overall, in its brand and in its challenge, with its claim, in one
        transaction. False (nothing written) when the claim was made before: a redelivery."""
        ...

    def total(self, user_id: str) -> int:
        """Points overall (consistent read)."""
        ...

    def brand_points(self, brand_id: str, user_id: str) -> int:
        """Points in one brand (0 for none)."""
        ...

    def award_badge(self, badge: EarnedBadge) -> bool:
        """Write the badge unless the person has it. True when written now."""
        ...

    def reputation(self, user_id: str) -> Reputation:
        """Public name, points overall and per brand, badges: one Query."""
        ...

    def leaderboard(self, scope: str, *, limit: int, start: Key | None) -> Page[Standing]:
        """Those with more than 0 points in the scope (``BRAND#<id>``, ``CHALLENGE#<id>``), most
        first: one Query per page (and one read of the page's public names)."""
        ...

    def set_public_name(self, user_id: str, name: str | None, at: datetime) -> None: ...

    def forget(self, user_id: str) -> int:
        """Delete everything kept of the person (points, badges, name); how many items. Idempotent."""
        ...

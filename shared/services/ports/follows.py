"""Follows' port: who follows which idea (shared/store/follows.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from shared.domain.follows import Follow


class FollowRepository(Protocol):
    def get(self, idea_id: str, user_id: str) -> Follow | None: ...

    def put(self, follow: Follow) -> None:
        """Store an explicit choice (replacing what was there)."""

    def add_if_new(self, follow: Follow) -> bool:
        """Store an automatic follow unless the user made a choice already; True if stored."""

    def remove_merged(self, idea_id: str, user_id: str, merged_from: str) -> bool:
        """Delete the follow if a merge of ``merged_from`` created it; True if deleted."""

    def followers(self, idea_id: str) -> Iterator[str]:
        """The ids of the users following the idea (page by page, no Scan)."""

"""Follows' port: who follows which idea (shared/store/follows.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from shared.domain.follows import Follow
from shared.domain.votes import MovedVote, Vote


class FollowRepository(Protocol):
    def get(self, idea_id: str, user_id: str) -> Follow | None: ...

    def put(self, follow: Follow) -> None:
        """Store an explicit choice (replacing what was there)."""

    def add_if_new(self, follow: Follow) -> bool:
        """Store an automatic follow unless the user made a choice already; True if stored."""

    def remove_merged(self, idea_id: str, user_id: str, merged_from: str) -> bool:
        """Delete the follow if a merge of ``merged_from`` created it; True if deleted."""

    def followers(self, idea_id: str) -> Iterator[str]:
        """The ids of the users whose follow of the idea is stored (page by page, no Scan); the
        idea's voters follow it too without one (``Voters``, decision 68)."""

    def unfollowed(self, idea_id: str) -> Iterator[str]:
        """The ids of the users who chose not to follow the idea (an explicit unfollow)."""


class Voters(Protocol):
    """The votes that make their voters follow an idea (shared/store/votes.py)."""

    def get(self, idea_id: str, voter_id: str) -> Vote | None: ...

    def moved_vote(self, source_id: str, voter_id: str) -> MovedVote | None: ...

    def votes_of_idea(self, idea_id: str) -> Iterator[Vote]: ...

    def moved_votes(self, source_id: str) -> Iterator[MovedVote]: ...

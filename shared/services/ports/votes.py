"""Voting's port: votes, budgets and moved votes (shared/store/votes.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from shared.domain.surveys import SurveyTally
from shared.domain.votes import MovedVote, Recharge, Vote
from shared.services.ports import Key, Page


class SurveyCounts(Protocol):
    def get(self, idea_id: str) -> SurveyTally:
        """The idea's survey counts as the tally last committed them."""

    def get_many(self, idea_ids: Sequence[str]) -> dict[str, SurveyTally]:
        """Several ideas' survey counts (eventually consistent; ideas without answers are left out)."""


class VoteRepository(Protocol):
    def get(self, idea_id: str, voter_id: str) -> Vote | None:
        """The voter's current vote on the idea (strongly consistent)."""

    def add(self, vote: Vote, budget: int | None) -> None:
        """Store a new vote; ConflictError if one exists, RuleViolationError when the voter already
        has ``budget`` active votes in the challenge (the budget's unit is taken first, decision 69)."""

    def change(self, vote: Vote, expected_value: int) -> None:
        """Change the value and survey answers of an existing vote if it is still ``expected_value``;
        else ConflictError."""

    def remove(self, vote: Vote, budget: int | None) -> None:
        """Delete the vote if it still has its value (and give its budget back); else ConflictError."""

    def list_mine(self, voter_id: str, challenge_id: str, *, limit: int, start: Key | None) -> Page[Vote]: ...

    def idea_page(self, idea_id: str, shard: int, *, limit: int, start: Key | None) -> Page[Vote]:
        """A page of the votes on the idea kept under one of its VOTE_SHARDS index partitions."""

    def votes_of_idea(self, idea_id: str) -> Iterator[Vote]:
        """Every vote on the idea (page by page, no Scan)."""

    def refund(self, vote: Vote) -> bool:
        """Give the vote's budget back and mark it refunded, once; False if it changed meanwhile."""

    def moved_votes(self, source_id: str) -> Iterator[MovedVote]:
        """What a merge of ``source_id`` did with each of its votes (those not restored yet)."""

    def move(self, vote: Vote, target_idea_id: str, budget: int | None, *, drop: bool = False) -> bool:
        """Move a merged idea's vote to the target once (the voter counts once there); ``drop``:
        the vote only leaves the merged idea and gives its budget back."""

    def restore(self, moved: MovedVote, budget: int | None) -> bool:
        """Undo one move exactly; False if undone before."""

    def recharge(self, vote: Vote, budget: int) -> Recharge:
        """A refunded vote counts against the budget again if the voter has room (TAKEN); if not it
        is removed (DROPPED); SKIPPED when it is not refunded (any more) or changed meanwhile."""

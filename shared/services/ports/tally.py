"""The tally's port: claim stream records for one attempt, read what the count needs, and commit
the idea's new counters with the attempt's ledger in one write (shared/store/votes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from shared.domain.challenges import Milestone
from shared.domain.errors import ConflictError
from shared.domain.ideas import Idea, TrendPoint
from shared.domain.surveys import SurveyTally
from shared.domain.votes import TallyDelta, VoteChange


class FencedError(Exception):
    """Another attempt declared this batch dead before it committed: its claims are void."""


class StaleIdeaError(ConflictError):
    """The idea changed since it was read (another tally or an edit): read it again."""


class TallyStore(Protocol):
    def count_rating(self, change: RatingChange) -> bool:
        """Move the idea's rating counts (decision 65) with the change's claim, in one transaction;
        False (nothing written) when the record was counted before."""
        ...

    def claim(self, delta: TallyDelta, batch: str) -> list[VoteChange]:
        """The changes of ``delta`` the attempt ``batch`` now owns; those an earlier attempt
        counted are left out, and claims of attempts that never committed are taken over."""
        ...

    def idea(self, idea_id: str) -> Idea | None:
        """The idea, read consistently."""
        ...

    def ladder(self, challenge_id: str) -> tuple[Milestone, ...]:
        """The challenge's support ladder (frozen once voting opens, so it may be cached)."""
        ...

    def survey(self, idea_id: str) -> SurveyTally:
        """The idea's survey counts, read consistently (empty, version 0, before the first answer)."""
        ...

    def commit(
        self,
        batch: str,
        idea_id: str,
        change: tuple[Idea, Idea] | None,
        point: TrendPoint | None = None,
        survey: tuple[SurveyTally, SurveyTally] | None = None,
    ) -> None:
        """Write what changed from the first idea to the second, and ``point`` (the second's counters
        for the hour of the votes: the trend), with the batch's ledger marked committed, in one
        transaction, and the survey counts when answers changed (the second replacing the first).
        StaleIdeaError if the idea (or its survey counts) is no longer the first; FencedError if the batch
        was declared dead. None: the idea is gone, only the ledger is written (its records count
        as done)."""


@dataclass(frozen=True, slots=True)
class RatingChange:
    change_id: str  # the stream record's id
    idea_id: str
    before: int | None  # the rating counted before the change (None: none)
    after: int | None

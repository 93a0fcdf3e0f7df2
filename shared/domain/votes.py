"""Votes: who may vote on what, and how stream changes of vote items become per-idea deltas.

Pure: no AWS here. The votes function applies the rules; the tally function folds the changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.domain.challenges import Challenge, PhaseAction, VoteModel
from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.ideas import Idea, IdeaStatus, VoteTally
from shared.domain.ids import shard_of
from shared.domain.surveys import Answer, count_keys

ALLOWED_VALUES: dict[VoteModel, frozenset[int]] = {
    VoteModel.SUPPORT: frozenset({1}),
    VoteModel.UPDOWN: frozenset({1, -1}),
}


@dataclass(frozen=True, slots=True)
class Vote:
    """One person's vote on one idea (one item per (idea, voter))."""

    idea_id: str
    voter_id: str
    challenge_id: str
    value: int
    voted_at: datetime
    refunded: bool = False  # its budget was given back when the idea closed: it no longer counts against it
    merged_from: str | None = None  # moved here from this idea by a merge (undone if the merge is)
    answers: Mapping[str, Answer] = field(default_factory=dict, hash=False)  # to the challenge's survey
    answer_keys: tuple[str, ...] = ()  # what the answers add to the idea's survey counts


@dataclass(frozen=True, slots=True)
class MovedVote:
    """What a merge did with one vote of the merged idea, kept to undo it exactly: the vote as it
    was, and whether the move created the voter's vote on the target (or the voter had one, or the
    vote was dropped because the target is the voter's own idea and self-votes are off)."""

    vote: Vote
    target_idea_id: str
    created: bool
    dropped: bool = False  # not moved: it would be the target author's vote on their own idea


class Recharge(StrEnum):
    """What counting a refunded vote again did (an idea moderated away and brought back)."""

    TAKEN = "taken"  # it counts against the voter's budget again
    DROPPED = "dropped"  # the voter had no room left: the vote was removed
    SKIPPED = "skipped"  # retracted, changed or counted again meanwhile


# Statuses that end an idea's run: its voters get their budget back (UserVoice returns votes when an
# idea is closed). Merged ideas move their votes to the target instead (see services.votes).
REFUND_STATUSES = frozenset(
    {IdeaStatus.SHIPPED, IdeaStatus.DECLINED, IdeaStatus.REJECTED, IdeaStatus.WITHDRAWN, IdeaStatus.EXPIRED}
)
VOTE_SHARDS = 10  # the byIdea index spreads an idea's votes over this many partition keys


def vote_shard(voter_id: str) -> int:
    return shard_of(voter_id, VOTE_SHARDS)


def check_vote(idea: Idea, challenge: Challenge, voter_id: str, value: int) -> None:
    """Raise unless ``voter_id`` may cast ``value`` on ``idea`` now."""
    allowed = ALLOWED_VALUES[challenge.vote_model]
    if value not in allowed:
        raise ValidationError(
            f"Challenge {challenge.challenge_id!r} uses {challenge.vote_model.value!r} votes: value must be one of "
            f"{sorted(allowed)}.",
            field="value",
        )
    if idea.status is not IdeaStatus.PUBLISHED:
        raise RuleViolationError(f"Only published ideas take votes; this one is {idea.status.value!r}.")
    check_voting_open(challenge)
    if idea.author_id == voter_id and not challenge.allow_self_vote:
        raise ForbiddenError("Authors cannot vote for their own idea in this challenge.")


def check_retract(idea: Idea, challenge: Challenge) -> None:
    """Raise unless a vote on ``idea`` may be retracted now: the same rules as casting one (an idea
    that left voting keeps its votes as they were when it left)."""
    if idea.status is not IdeaStatus.PUBLISHED:
        raise RuleViolationError(f"Only votes on published ideas can be retracted; this one is {idea.status.value!r}.")
    check_voting_open(challenge)


def check_voting_open(challenge: Challenge) -> None:
    challenge.check_allowed(PhaseAction.VOTE, "voting is")


@dataclass(frozen=True, slots=True)
class VoteChange:
    """A vote item's change as the stream reports it: the value before and after (None: no vote)."""

    change_id: str
    idea_id: str
    old_value: int | None
    new_value: int | None
    at: datetime | None = None  # when the change was written (the stream's approximate time)
    old_keys: tuple[str, ...] = ()  # survey answer keys before and after (shared.domain.surveys)
    new_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TallyDelta:
    """What some vote changes add to one idea's counters, and the changes it was made of."""

    idea_id: str
    counts: VoteTally
    changes: tuple[VoteChange, ...]

    @property
    def change_ids(self) -> tuple[str, ...]:
        return tuple(change.change_id for change in self.changes)


def latest(changes: Iterable[VoteChange]) -> datetime | None:
    """When the last of the changes was written (None if the stream did not say)."""
    times = [change.at for change in changes if change.at is not None]
    return max(times) if times else None


def tally_counts(changes: Iterable[VoteChange]) -> VoteTally:
    """What the changes add to an idea's counters."""
    total = VoteTally()
    for change in changes:
        total += VoteTally.of_vote(change.new_value) - VoteTally.of_vote(change.old_value)
    return total


def survey_counts(changes: Iterable[VoteChange]) -> Counter[str]:
    """What the changes add to an idea's survey counts (zeros left out)."""
    total: Counter[str] = Counter()
    for change in changes:
        total.update(count_keys(change.old_keys, change.new_keys))
    return Counter({key: n for key, n in total.items() if n})


def tally_deltas(changes: Iterable[VoteChange]) -> list[TallyDelta]:
    """Fold changes into one delta per idea (in first-seen order). Changes that cancel out still
    make a delta: their records must be marked as counted. A record met twice counts once (its
    claims are separate puts, which would both find it theirs)."""
    by_idea: dict[str, list[VoteChange]] = {}
    seen: set[str] = set()
    for change in changes:
        if change.change_id not in seen:
            seen.add(change.change_id)
            by_idea.setdefault(change.idea_id, []).append(change)
    return [TallyDelta(idea_id, tally_counts(chunk), tuple(chunk)) for idea_id, chunk in by_idea.items()]

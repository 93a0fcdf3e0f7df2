"""The support ladder (LEGO Ideas-style): rungs of supporters to reach within windows, and what a
new tally does to an idea (its counters, ranking keys, rungs reached, review at the last rung).

Pure: the tally function reads the idea, asks ``tally_idea`` for the idea after the delta, and
writes that with a condition on the counters it read. Because each write starts from the exact
previous counts, a rung is crossed by exactly one write, however many votes cross it at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from shared.domain.challenges import Milestone
from shared.domain.ideas import Idea, IdeaStatus, LadderProgress, StatusChange, VoteTally

LADDER_ACTOR = "system:ladder"  # ``by`` of the status changes the ladder makes
# Rungs are judged at the time of the votes, and the tally counts them a few seconds later (longer
# on retries): the schedule expires an idea only this long after its window closed.
EXPIRY_GRACE = timedelta(minutes=15)


def start_ladder(ladder: tuple[Milestone, ...], at: datetime) -> LadderProgress:
    """The progress of an idea published at ``at``: the first rung's window is open."""
    if not ladder:
        return LadderProgress()
    return LadderProgress(due_at=at + timedelta(days=ladder[0].within_days))


@dataclass(frozen=True, slots=True)
class TallyOutcome:
    idea: Idea  # the idea after the tally
    reached: tuple[int, ...]  # indexes of the rungs this tally reached (usually none)


def tally_idea(idea: Idea, ladder: tuple[Milestone, ...], counts: VoteTally, now: datetime) -> TallyOutcome:
    """The idea with ``counts`` added: counters, rungs reached within their windows (several at
    once if the counts jump), and ``under_review`` when the last rung is reached."""
    votes = idea.votes + counts
    after = replace(idea, votes=votes)
    if idea.status is not IdeaStatus.PUBLISHED or not ladder:
        return TallyOutcome(after, ())
    progress = idea.ladder
    reached: list[int] = []
    while len(progress.reached) < len(ladder):
        rung = len(progress.reached)
        due = progress.due_at
        if votes.up < ladder[rung].supporters or (due is not None and now > due):
            break
        following = ladder[rung + 1] if rung + 1 < len(ladder) else None
        progress = LadderProgress(
            reached=(*progress.reached, now),
            due_at=now + timedelta(days=following.within_days) if following else None,
        )
        reached.append(rung)
    if not reached:
        return TallyOutcome(after, ())
    # A rung bumps the version: the expiry schedule's write (conditioned on it) cannot then expire
    # an idea that has just reached its rung in time.
    after = replace(after, ladder=progress, version=idea.version + 1)
    if len(progress.reached) == len(ladder):
        change = StatusChange(IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW, now, LADDER_ACTOR)
        after = replace(
            after,
            status=IdeaStatus.UNDER_REVIEW,
            history=(*idea.history, change),
            updated_at=now,
        )
    return TallyOutcome(after, tuple(reached))


def resume_ladder(progress: LadderProgress, ladder: tuple[Milestone, ...], now: datetime) -> LadderProgress:
    """An idea back in ``published`` (after a review or an undone merge) gets a fresh window for
    its next rung: the time it spent elsewhere it could not gather support."""
    rung = len(progress.reached)
    if rung >= len(ladder):
        return replace(progress, due_at=None)
    return replace(progress, due_at=now + timedelta(days=ladder[rung].within_days))


def expire(idea: Idea, now: datetime) -> Idea | None:
    """The idea expired for missing its rung's window (by more than the grace), or None."""
    due = idea.ladder.due_at
    if idea.status is not IdeaStatus.PUBLISHED or due is None or now <= due + EXPIRY_GRACE:
        return None
    change = StatusChange(IdeaStatus.PUBLISHED, IdeaStatus.EXPIRED, now, LADDER_ACTOR)
    return replace(
        idea,
        status=IdeaStatus.EXPIRED,
        history=(*idea.history, change),
        ladder=replace(idea.ladder, due_at=None),
        version=idea.version + 1,
        updated_at=now,
    )


def stop_clock(idea: Idea) -> Idea | None:
    """The idea with its ladder window closed for good, because its challenge left voting (phases
    only move forward): it keeps its rungs and stays published, and can no longer expire. None if
    no window is open."""
    if idea.ladder.due_at is None:
        return None
    return replace(idea, ladder=replace(idea.ladder, due_at=None), version=idea.version + 1)

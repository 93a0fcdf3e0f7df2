"""The support ladder and the ranking keys a tally writes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.domain.challenges import Milestone, Phase
from shared.domain.errors import ConflictError
from shared.domain.ideas import Idea, IdeaStatus, LadderProgress, StatusChange, VoteTally, wilson_lower_bound
from shared.domain.ladder import (
    EXPIRY_GRACE,
    LADDER_ACTOR,
    expire,
    resume_ladder,
    start_ladder,
    stop_clock,
    tally_idea,
)
from shared.services.ideas import expire_missed_windows
from tests.unit.builders import T0, a_challenge, an_idea
from tests.unit.fakes import InMemoryChallengeRepository, InMemoryIdeaRepository

LADDER = (Milestone(2, 10), Milestone(5, 20), Milestone(10, 30))


def test_a_published_idea_starts_with_the_first_window_open() -> None:
    assert start_ladder(LADDER, T0) == LadderProgress(due_at=T0 + timedelta(days=10))
    assert start_ladder((), T0) == LadderProgress()


def test_counts_add_up_without_a_ladder() -> None:
    outcome = tally_idea(an_idea(votes=VoteTally(3, 1)), (), VoteTally(2, 1), T0)

    assert outcome.idea.votes == VoteTally(5, 2)
    assert outcome.reached == ()


def test_a_rung_is_reached_once_and_opens_the_next_window() -> None:
    now = T0 + timedelta(days=3)
    idea = an_idea(ladder=start_ladder(LADDER, T0), votes=VoteTally(1, 0))

    first = tally_idea(idea, LADDER, VoteTally(1, 0), now)
    again = tally_idea(first.idea, LADDER, VoteTally(1, 0), now)

    assert first.reached == (0,)
    assert first.idea.ladder == LadderProgress(reached=(now,), due_at=now + timedelta(days=20))
    assert again.reached == ()  # 3 supporters: the second rung (5) is not there yet
    assert first.idea.status is IdeaStatus.PUBLISHED
    assert first.idea.version == idea.version + 1  # the expiry schedule's condition sees the rung


def test_a_jump_reaches_several_rungs_in_one_tally() -> None:
    outcome = tally_idea(an_idea(ladder=start_ladder(LADDER, T0)), LADDER, VoteTally(6, 0), T0)

    assert outcome.reached == (0, 1)
    assert len(outcome.idea.ladder.reached) == 2


def test_the_last_rung_sends_the_idea_to_review() -> None:
    idea = an_idea(ladder=start_ladder(LADDER, T0))

    outcome = tally_idea(idea, LADDER, VoteTally(10, 0), T0 + timedelta(days=1))

    assert outcome.reached == (0, 1, 2)
    assert outcome.idea.status is IdeaStatus.UNDER_REVIEW
    assert outcome.idea.ladder.due_at is None
    assert outcome.idea.history[-1] == StatusChange(
        IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW, T0 + timedelta(days=1), LADDER_ACTOR
    )
    assert outcome.idea.version == idea.version + 1


def test_a_missed_window_reaches_nothing() -> None:
    outcome = tally_idea(an_idea(ladder=start_ladder(LADDER, T0)), LADDER, VoteTally(5, 0), T0 + timedelta(days=11))

    assert outcome.reached == ()


@pytest.mark.parametrize("status", [IdeaStatus.UNDER_REVIEW, IdeaStatus.DECLINED, IdeaStatus.PENDING])
def test_only_published_ideas_climb(status: IdeaStatus) -> None:
    assert (
        tally_idea(an_idea(status=status, ladder=start_ladder(LADDER, T0)), LADDER, VoteTally(10, 0), T0).reached == ()
    )


def test_an_idea_past_its_window_expires() -> None:
    idea = an_idea(ladder=start_ladder(LADDER, T0))
    late = T0 + timedelta(days=10) + EXPIRY_GRACE + timedelta(seconds=1)

    expired = expire(idea, late)

    assert expire(idea, T0 + timedelta(days=10) + EXPIRY_GRACE) is None  # the tally may still be counting
    assert expired is not None
    assert expired.status is IdeaStatus.EXPIRED
    assert expired.history[-1].by == LADDER_ACTOR
    assert expired.ladder.due_at is None
    assert expire(expired, late) is None
    assert expire(an_idea(), late) is None  # no ladder


def test_the_wilson_bound_prefers_many_good_votes_over_few() -> None:
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(0, 5) == 0.0
    assert wilson_lower_bound(950, 50) > wilson_lower_bound(2, 0)
    assert wilson_lower_bound(10, 0) > wilson_lower_bound(10, 1)
    assert 0.0 < wilson_lower_bound(1, 0) < 1.0
    assert round(wilson_lower_bound(50, 50), 4) == 0.4038


def test_the_schedule_expires_due_ideas_and_leaves_those_that_changed_meanwhile() -> None:
    class Racing(InMemoryIdeaRepository):
        def save_changes(self, before: Idea, after: Idea) -> None:
            if before.idea_id == "raced":
                raise ConflictError("reached its rung meanwhile")
            super().save_changes(before, after)

    due = start_ladder(LADDER, T0)
    ideas = Racing(an_idea(idea_id="late", ladder=due), an_idea(idea_id="raced", ladder=due), an_idea(idea_id="none"))

    challenges = InMemoryChallengeRepository(a_challenge())
    expired, stopped = expire_missed_windows(ideas, challenges, clock=lambda: T0 + timedelta(days=11), limit=1)

    assert [idea.idea_id for idea in expired] == ["late"]
    assert stopped == []
    assert [i.status for i in ideas.stored] == [IdeaStatus.EXPIRED, IdeaStatus.PUBLISHED, IdeaStatus.PUBLISHED]


@pytest.mark.parametrize("phase", [Phase.REVIEW, Phase.CLOSED])
def test_a_challenge_out_of_voting_stops_its_ideas_clocks(phase: Phase) -> None:
    due = start_ladder(LADDER, T0)
    ideas = InMemoryIdeaRepository(an_idea(idea_id="late", ladder=due))
    challenges = InMemoryChallengeRepository(a_challenge(phase=phase))

    expired, stopped = expire_missed_windows(ideas, challenges, clock=lambda: T0 + timedelta(days=11))

    assert expired == []
    assert [(i.idea_id, i.status, i.ladder.due_at) for i in stopped] == [("late", IdeaStatus.PUBLISHED, None)]
    assert stop_clock(stopped[0]) is None  # no window left to stop


def test_an_idea_back_in_published_gets_a_fresh_window_for_its_next_rung() -> None:
    now = T0 + timedelta(days=40)
    progress = LadderProgress(reached=(T0,), due_at=T0 + timedelta(days=20))

    assert resume_ladder(progress, LADDER, now) == LadderProgress(reached=(T0,), due_at=now + timedelta(days=20))
    done = LadderProgress(reached=(T0, T0, T0))
    assert resume_ladder(done, LADDER, now) == done

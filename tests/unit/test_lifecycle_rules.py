"""Phases, settings, ranking and review rules (pure domain) and the events their changes make."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.challenges import Phase, check_phase_change, check_settings_change
from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.ideas import (
    IdeaStatus,
    StatusChange,
    VoteTally,
    check_edit,
    check_review_transition,
    check_withdraw,
    hot_score,
)
from shared.domain.principal import Principal
from shared.services.outbox import ItemChange, events_for_change

from .builders import a_challenge, an_idea

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
AUTHOR = Principal(user_id="user-pat")


def test_hot_grows_with_age_so_newer_ideas_start_higher() -> None:
    assert hot_score(0, T0 + timedelta(hours=1)) > hot_score(0, T0)


def test_ten_times_the_score_is_worth_twelve_and_a_half_hours() -> None:
    assert hot_score(100, T0) == pytest.approx(hot_score(10, T0 + timedelta(hours=12.5)))


def test_negative_scores_sink() -> None:
    assert hot_score(-10, T0) < hot_score(0, T0) < hot_score(10, T0)


@pytest.mark.parametrize("target", [Phase.VOTING, Phase.CLOSED])
def test_phase_moves_forward_and_may_skip(target: Phase) -> None:
    check_phase_change(a_challenge(phase=Phase.SUBMISSION), target)


@pytest.mark.parametrize("target", [Phase.DRAFT, Phase.SUBMISSION])
def test_phase_never_moves_back_or_stays(target: Phase) -> None:
    with pytest.raises(RuleViolationError):
        check_phase_change(a_challenge(phase=Phase.SUBMISSION), target)


def test_vote_budget_is_editable_in_draft() -> None:
    challenge = a_challenge(phase=Phase.DRAFT)

    check_settings_change(challenge, replace(challenge, vote_budget=10))


def test_tags_can_be_added_but_not_removed_after_draft() -> None:
    challenge = a_challenge(phase=Phase.SUBMISSION, tag_vocabulary=("a", "b"))

    check_settings_change(challenge, replace(challenge, tag_vocabulary=("a", "b", "c")))
    with pytest.raises(ValidationError):
        check_settings_change(challenge, replace(challenge, tag_vocabulary=("a",)))


def test_due_phase_is_the_latest_passed_date_ahead_of_the_current_phase() -> None:
    challenge = a_challenge(
        phase=Phase.DRAFT,
        phase_dates={Phase.SUBMISSION: T0, Phase.VOTING: T0 + timedelta(days=1), Phase.REVIEW: T0 + timedelta(days=9)},
    )

    assert challenge.due_phase(T0 - timedelta(seconds=1)) is None
    assert challenge.due_phase(T0 + timedelta(days=2)) is Phase.VOTING
    assert challenge.next_scheduled_phase() == (Phase.SUBMISSION, T0)


def test_edit_needs_the_author_an_open_submission_and_no_lock() -> None:
    idea = an_idea(author_id="user-pat")
    with pytest.raises(ForbiddenError):
        check_edit(idea, a_challenge(), Principal(user_id="someone"))
    with pytest.raises(RuleViolationError):
        check_edit(idea, a_challenge(phase=Phase.VOTING), AUTHOR)
    with pytest.raises(RuleViolationError):
        check_edit(replace(idea, votes=VoteTally(up=5)), a_challenge(edit_lock_votes=5), AUTHOR)
    check_edit(idea, a_challenge(edit_lock_votes=None), AUTHOR)


def test_a_declined_idea_cannot_be_withdrawn() -> None:
    with pytest.raises(RuleViolationError):
        check_withdraw(an_idea(author_id="user-pat", status=IdeaStatus.DECLINED), a_challenge(), AUTHOR)


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        (IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW, True),
        (IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, True),
        (IdeaStatus.ACCEPTED, IdeaStatus.SHIPPED, True),
        (IdeaStatus.PUBLISHED, IdeaStatus.SHIPPED, False),
        (IdeaStatus.PENDING, IdeaStatus.ACCEPTED, False),
        (IdeaStatus.SHIPPED, IdeaStatus.DECLINED, False),
    ],
)
def test_review_transitions(start: IdeaStatus, target: IdeaStatus, allowed: bool) -> None:
    idea = an_idea(status=start)
    if allowed:
        check_review_transition(idea, target)
    else:
        with pytest.raises(RuleViolationError):
            check_review_transition(idea, target)


def change(old: object, new: object) -> ItemChange:
    return ItemChange(change_id="rec-1", kind="MODIFY", occurred_at=T0, old=old, new=new)  # type: ignore[arg-type]


def test_status_change_becomes_idea_status_changed_with_the_response() -> None:
    old = an_idea(status=IdeaStatus.PUBLISHED)
    move = StatusChange(IdeaStatus.PUBLISHED, IdeaStatus.ACCEPTED, T0, "user-ada", "Yes!")
    new = replace(old, status=IdeaStatus.ACCEPTED, history=(move,))

    [event] = events_for_change(change(old, new))

    assert event.detail_type() == "IdeaStatusChanged"
    assert event.detail()["response"] == "Yes!"
    assert event.detail()["changedBy"] == "user-ada"
    assert event.event_id == "rec-1"


def test_approval_of_a_pending_idea_is_idea_published() -> None:
    old = an_idea(status=IdeaStatus.PENDING)

    [event] = events_for_change(change(old, replace(old, status=IdeaStatus.PUBLISHED)))

    assert event.detail_type() == "IdeaPublished"


def test_withdrawal_is_idea_withdrawn() -> None:
    old = an_idea()

    [event] = events_for_change(change(old, replace(old, status=IdeaStatus.WITHDRAWN)))

    assert event.detail_type() == "IdeaWithdrawn"


def test_content_edit_is_idea_updated_naming_the_fields() -> None:
    old = an_idea()

    [event] = events_for_change(change(old, replace(old, title="Another title", tags=("x",))))

    assert event.detail_type() == "IdeaUpdated"
    assert event.detail()["changed"] == ["title", "tags"]


def test_a_vote_count_change_alone_makes_one_votes_changed_event_with_both_counts() -> None:
    old = an_idea()

    [event] = events_for_change(change(old, replace(old, votes=VoteTally(up=3))))

    assert event.detail_type() == "IdeaVotesChanged"
    assert (event.detail()["previousVotes"]["up"], event.detail()["votes"]["up"]) == (0, 3)


def test_phase_change_and_setting_change_make_two_events_with_distinct_ids() -> None:
    old = a_challenge(phase=Phase.SUBMISSION)

    events = events_for_change(change(old, replace(old, phase=Phase.VOTING, title="New title")))

    assert [e.detail_type() for e in events] == ["ChallengeUpdated", "ChallengePhaseChanged"]
    assert [e.event_id for e in events] == ["rec-1", "rec-1:1"]
    assert events[1].detail()["votingOpen"] is True

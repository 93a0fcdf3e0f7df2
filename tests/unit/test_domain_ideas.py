from __future__ import annotations

import pytest

from shared.domain.challenges import ModerationMode, Phase
from shared.domain.errors import RuleViolationError, ValidationError
from shared.domain.ideas import (
    PUBLIC_STATUSES,
    IdeaStatus,
    StatusChange,
    VoteTally,
    check_merge,
    check_submission,
    initial_status,
    status_before_merge,
)
from shared.domain.principal import ANONYMOUS

from .builders import T0, a_challenge, a_moderator_of, a_participant, an_admin_of, an_idea, an_operator

# check_submission


@pytest.mark.parametrize("phase", [p for p in Phase if p is not Phase.SUBMISSION], ids=str)
def test_no_idea_may_be_submitted_outside_the_submission_phase(phase):
    with pytest.raises(RuleViolationError, match=f"phase '{phase.value}'"):
        check_submission(a_challenge(phase=phase), ())


def test_an_idea_may_be_submitted_in_the_submission_phase():
    check_submission(a_challenge(phase=Phase.SUBMISSION), ("packaging",))


def test_repeated_tags_are_refused():
    with pytest.raises(ValidationError) as raised:
        check_submission(a_challenge(), ("packaging", "packaging"))

    assert raised.value.field == "tags"


def test_tags_outside_the_challenges_vocabulary_are_refused_and_named():
    challenge = a_challenge(tag_vocabulary=("packaging", "logistics"))

    with pytest.raises(ValidationError, match=r"\['marketing'\]") as raised:
        check_submission(challenge, ("packaging", "marketing"))

    assert raised.value.field == "tags"


def test_tags_from_the_vocabulary_are_accepted():
    check_submission(a_challenge(tag_vocabulary=("packaging", "logistics")), ("logistics", "packaging"))


def test_an_empty_vocabulary_allows_any_tag():
    check_submission(a_challenge(tag_vocabulary=()), ("anything", "at-all"))


def test_a_closed_phase_is_reported_before_tag_problems():
    with pytest.raises(RuleViolationError):
        check_submission(a_challenge(phase=Phase.CLOSED), ("x", "x"))


# initial_status


def test_ideas_wait_as_pending_under_pre_moderation():
    assert initial_status(a_challenge(moderation=ModerationMode.PRE)) is IdeaStatus.PENDING


def test_ideas_are_published_at_once_under_post_moderation():
    assert initial_status(a_challenge(moderation=ModerationMode.POST)) is IdeaStatus.PUBLISHED


# Idea.visible_to

NOT_PUBLIC = sorted(set(IdeaStatus) - PUBLIC_STATUSES)
VIEWERS = {
    "author": a_participant("user-1"),
    "other-participant": a_participant("user-2"),
    "anonymous": ANONYMOUS,
    "brand-admin": an_admin_of("acme"),
    "brand-moderator": a_moderator_of("acme"),
    "operator": an_operator(),
    "admin-of-other-brand": an_admin_of("globex"),
    "moderator-of-other-brand": a_moderator_of("globex"),
}
MAY_SEE_HIDDEN = {"author", "brand-admin", "brand-moderator", "operator"}


def test_the_public_statuses_are_those_of_published_ideas_and_their_outcomes():
    assert NOT_PUBLIC == ["hidden", "pending", "rejected", "withdrawn"]


@pytest.mark.parametrize("status", sorted(PUBLIC_STATUSES), ids=str)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_public_idea_is_visible_to_everyone(status, viewer):
    assert an_idea(author_id="user-1", brand_id="acme", status=status).visible_to(VIEWERS[viewer])


@pytest.mark.parametrize("status", NOT_PUBLIC, ids=str)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_idea_that_is_not_public_is_visible_only_to_its_author_and_the_brands_staff(status, viewer):
    idea = an_idea(author_id="user-1", brand_id="acme", status=status)

    assert idea.visible_to(VIEWERS[viewer]) is (viewer in MAY_SEE_HIDDEN)


# VoteTally


@pytest.mark.parametrize(("up", "down", "score"), [(0, 0, 0), (5, 2, 3), (1, 4, -3)])
def test_the_score_is_up_votes_minus_down_votes(up, down, score):
    assert VoteTally(up=up, down=down).score == score


def test_a_new_idea_has_no_votes_and_no_comments():
    idea = an_idea()

    assert idea.votes == VoteTally(0, 0)
    assert idea.comment_count == 0


def test_merge_rules() -> None:
    source, target = an_idea(), an_idea(idea_id="idea-2")

    check_merge(source, target)
    for bad, kind in [
        (an_idea(), ValidationError),  # itself
        (an_idea(idea_id="idea-3", challenge_id="ch-9"), ValidationError),
        (an_idea(idea_id="idea-4", status=IdeaStatus.MERGED), RuleViolationError),
        (an_idea(idea_id="idea-5", status=IdeaStatus.DECLINED), RuleViolationError),
    ]:
        with pytest.raises(kind):
            check_merge(source, bad)
    with pytest.raises(RuleViolationError):
        check_merge(an_idea(status=IdeaStatus.PENDING), target)


def test_an_unmerged_idea_gets_the_status_it_had_before() -> None:
    change = StatusChange(IdeaStatus.UNDER_REVIEW, IdeaStatus.MERGED, T0, "mod")
    merged = an_idea(status=IdeaStatus.MERGED, merged_into="idea-2", history=(change,))

    assert status_before_merge(merged) is IdeaStatus.UNDER_REVIEW
    with pytest.raises(RuleViolationError):
        status_before_merge(an_idea())

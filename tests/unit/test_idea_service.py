from __future__ import annotations

import pytest

from shared.domain.challenges import ModerationMode, Phase
from shared.domain.errors import NotFoundError, RuleViolationError, UnauthorizedError, ValidationError
from shared.domain.ideas import IdeaStatus, VoteTally
from shared.domain.principal import ANONYMOUS
from shared.services.ideas import NewIdea, get_idea, submit_idea

from .builders import T0, a_challenge, a_moderator_of, a_participant, an_admin_of, an_idea, an_operator
from .fakes import InMemoryChallengeRepository, InMemoryIdeaRepository

A_NEW_IDEA = NewIdea(title="Paper tape", description="Seal boxes with paper tape.", tags=("packaging",))


@pytest.fixture
def ideas() -> InMemoryIdeaRepository:
    return InMemoryIdeaRepository()


def challenges_with(**overrides: object) -> InMemoryChallengeRepository:
    return InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", brand_id="acme", **overrides))


def submit(principal=None, request=A_NEW_IDEA, challenges=None, ideas=None, clock=lambda: T0):
    return submit_idea(
        principal or a_participant("user-1"),
        "ch-1",
        request,
        challenges or challenges_with(),
        ideas if ideas is not None else InMemoryIdeaRepository(),
        clock,
    )


# submit_idea


def test_a_signed_in_user_submits_exactly_one_idea(ideas):
    idea = submit(ideas=ideas)

    assert ideas.writes == 1
    assert ideas.stored == [idea]


def test_an_anonymous_caller_must_sign_in_to_submit(ideas):
    with pytest.raises(UnauthorizedError):
        submit(ANONYMOUS, ideas=ideas)

    assert ideas.writes == 0


def test_the_idea_keeps_the_title_description_and_tags_asked_for(ideas):
    idea = submit(ideas=ideas)

    assert (idea.title, idea.description, idea.tags) == ("Paper tape", "Seal boxes with paper tape.", ("packaging",))


def test_the_service_sets_the_server_owned_fields(ideas):
    idea = submit(a_participant("user-7"), ideas=ideas)

    assert len(idea.idea_id) == 26
    assert idea.author_id == "user-7"
    assert (idea.challenge_id, idea.brand_id) == ("ch-1", "acme")
    assert idea.created_at == idea.updated_at == T0
    assert (idea.votes, idea.comment_count, idea.version) == (VoteTally(0, 0), 0, 1)


def test_the_idea_id_encodes_the_submission_time(ideas):
    later = T0.replace(minute=T0.minute + 1)

    first = submit(ideas=ideas)
    second = submit(ideas=ideas, clock=lambda: later)

    assert first.idea_id < second.idea_id


def test_a_post_moderated_challenge_publishes_the_idea_at_once(ideas):
    idea = submit(challenges=challenges_with(moderation=ModerationMode.POST), ideas=ideas)

    assert idea.status is IdeaStatus.PUBLISHED


def test_a_pre_moderated_challenge_keeps_the_idea_pending(ideas):
    idea = submit(challenges=challenges_with(moderation=ModerationMode.PRE), ideas=ideas)

    assert idea.status is IdeaStatus.PENDING


def test_no_idea_is_written_when_submissions_are_closed(ideas):
    with pytest.raises(RuleViolationError):
        submit(challenges=challenges_with(phase=Phase.VOTING), ideas=ideas)

    assert ideas.writes == 0


def test_no_idea_is_written_with_tags_outside_the_vocabulary(ideas):
    request = NewIdea(title="Paper tape", description="", tags=("marketing",))

    with pytest.raises(ValidationError):
        submit(request=request, challenges=challenges_with(tag_vocabulary=("packaging",)), ideas=ideas)

    assert ideas.writes == 0


def test_an_idea_for_a_missing_challenge_is_not_found(ideas):
    with pytest.raises(NotFoundError):
        submit(challenges=InMemoryChallengeRepository(), ideas=ideas)

    assert ideas.writes == 0


def test_a_participant_cannot_submit_to_a_draft_they_cannot_see(ideas):
    with pytest.raises(NotFoundError):
        submit(a_participant(), challenges=challenges_with(phase=Phase.DRAFT), ideas=ideas)


def test_submit_idea_uses_the_real_clock_by_default(ideas):
    idea = submit_idea(a_participant(), "ch-1", A_NEW_IDEA, challenges_with(), ideas)

    assert idea.created_at > T0


# get_idea


def test_a_published_idea_is_returned_to_anyone():
    stored = an_idea(idea_id="idea-1", status=IdeaStatus.PUBLISHED)

    assert get_idea(ANONYMOUS, "idea-1", InMemoryIdeaRepository(stored)) is stored


@pytest.mark.parametrize(
    "principal",
    [a_participant("user-1"), an_admin_of("acme"), a_moderator_of("acme"), an_operator()],
    ids=["author", "admin", "moderator", "operator"],
)
def test_a_pending_idea_is_returned_to_its_author_and_the_brands_staff(principal):
    stored = an_idea(idea_id="idea-1", author_id="user-1", brand_id="acme", status=IdeaStatus.PENDING)

    assert get_idea(principal, "idea-1", InMemoryIdeaRepository(stored)) is stored


@pytest.mark.parametrize(
    "principal", [ANONYMOUS, a_participant("user-2"), a_moderator_of("globex")], ids=["anonymous", "other", "other-mod"]
)
def test_a_pending_idea_is_not_found_for_anyone_else(principal):
    stored = an_idea(idea_id="idea-1", author_id="user-1", brand_id="acme", status=IdeaStatus.PENDING)

    with pytest.raises(NotFoundError, match="'idea-1' does not exist"):
        get_idea(principal, "idea-1", InMemoryIdeaRepository(stored))


def test_a_missing_idea_is_not_found():
    with pytest.raises(NotFoundError):
        get_idea(an_operator(), "nope", InMemoryIdeaRepository())

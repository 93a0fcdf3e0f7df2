from __future__ import annotations

import pytest

from shared.domain.challenges import ModerationMode, Phase
from shared.domain.errors import ForbiddenError, NotFoundError, RuleViolationError, UnauthorizedError, ValidationError
from shared.domain.principal import ANONYMOUS
from shared.services.challenges import (
    NewChallenge,
    advance_due_phases,
    create_challenge,
    get_challenge,
    update_challenge,
)

from .builders import T0, a_brand, a_challenge, a_moderator_of, a_participant, an_admin_of, an_operator
from .fakes import InMemoryBrandRepository, InMemoryChallengeRepository


def a_new_challenge(**overrides: object) -> NewChallenge:
    fields: dict[str, object] = {"brand_id": "acme", "title": "Greener packaging", "description": "Less plastic."}
    return NewChallenge(**(fields | overrides))  # type: ignore[arg-type]


@pytest.fixture
def challenges() -> InMemoryChallengeRepository:
    return InMemoryChallengeRepository()


@pytest.fixture
def brands() -> InMemoryBrandRepository:
    return InMemoryBrandRepository(a_brand(brand_id="acme"), a_brand(brand_id="globex"))


# create_challenge


def test_a_brand_admin_creates_a_challenge_for_the_brand(challenges, brands, clock):
    challenge = create_challenge(an_admin_of("acme", user_id="admin-7"), a_new_challenge(), challenges, brands, clock)

    assert challenges.stored == [challenge]
    assert challenge.brand_id == "acme"
    assert challenge.created_by == "admin-7"


def test_an_operator_creates_a_challenge_for_any_brand(challenges, brands, clock):
    challenge = create_challenge(an_operator(), a_new_challenge(brand_id="globex"), challenges, brands, clock)

    assert challenges.stored == [challenge]


@pytest.mark.parametrize(
    "principal",
    [a_moderator_of("acme"), an_admin_of("globex"), a_participant()],
    ids=["moderator", "admin-of-other-brand", "participant"],
)
def test_only_the_brands_admins_and_operators_may_create_a_challenge(challenges, brands, clock, principal):
    with pytest.raises(ForbiddenError):
        create_challenge(principal, a_new_challenge(brand_id="acme"), challenges, brands, clock)

    assert challenges.writes == 0


def test_an_anonymous_caller_must_sign_in_to_create_a_challenge(challenges, brands, clock):
    with pytest.raises(UnauthorizedError):
        create_challenge(ANONYMOUS, a_new_challenge(), challenges, brands, clock)

    assert challenges.writes == 0


def test_a_new_challenge_keeps_what_was_asked(challenges, brands, clock):
    request = a_new_challenge(phase=Phase.SUBMISSION, moderation=ModerationMode.PRE, tag_vocabulary=("a", "b"))

    challenge = create_challenge(an_admin_of("acme"), request, challenges, brands, clock)

    assert (challenge.title, challenge.description) == ("Greener packaging", "Less plastic.")
    assert (challenge.phase, challenge.moderation, challenge.tag_vocabulary) == (
        Phase.SUBMISSION,
        ModerationMode.PRE,
        ("a", "b"),
    )


def test_a_new_challenge_starts_as_a_post_moderated_draft_by_default(challenges, brands, clock):
    challenge = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands, clock)

    assert challenge.phase is Phase.DRAFT
    assert challenge.moderation is ModerationMode.POST


def test_a_new_challenge_is_stamped_by_the_clock_at_version_one(challenges, brands, clock):
    challenge = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands, clock)

    assert challenge.created_at == challenge.updated_at == T0
    assert challenge.version == 1


def test_a_new_challenge_id_is_time_ordered_by_its_creation(challenges, brands, clock):
    challenge = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands, clock)
    later = create_challenge(
        an_admin_of("acme"), a_new_challenge(), challenges, brands, lambda: T0.replace(second=T0.second + 1)
    )

    assert len(challenge.challenge_id) == 26
    assert challenge.challenge_id < later.challenge_id


def test_each_new_challenge_gets_its_own_id(challenges, brands, clock):
    first = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands, clock)
    second = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands, clock)

    assert first.challenge_id != second.challenge_id


def test_create_challenge_uses_the_real_clock_by_default(challenges, brands):
    challenge = create_challenge(an_admin_of("acme"), a_new_challenge(), challenges, brands)

    assert challenge.created_at > T0
    assert challenge.created_at.tzinfo is not None


# get_challenge


def test_a_challenge_out_of_draft_is_visible_to_anyone():
    challenges = InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", phase=Phase.VOTING))

    assert get_challenge(ANONYMOUS, "ch-1", challenges).challenge_id == "ch-1"


@pytest.mark.parametrize(
    "principal", [an_admin_of("acme"), a_moderator_of("acme"), an_operator()], ids=["admin", "moderator", "operator"]
)
def test_a_draft_is_visible_to_the_brands_staff(principal):
    challenges = InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", brand_id="acme", phase=Phase.DRAFT))

    assert get_challenge(principal, "ch-1", challenges).phase is Phase.DRAFT


@pytest.mark.parametrize(
    "principal", [ANONYMOUS, a_participant(), an_admin_of("globex")], ids=["anonymous", "participant", "other-admin"]
)
def test_a_draft_is_hidden_from_everyone_else_as_not_found(principal):
    challenges = InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", brand_id="acme", phase=Phase.DRAFT))

    with pytest.raises(NotFoundError, match="'ch-1' does not exist"):
        get_challenge(principal, "ch-1", challenges)


def test_a_missing_challenge_is_not_found(challenges):
    with pytest.raises(NotFoundError):
        get_challenge(an_operator(), "nope", challenges)


def test_get_challenge_returns_the_stored_challenge_unchanged():
    stored = a_challenge()

    assert get_challenge(ANONYMOUS, stored.challenge_id, InMemoryChallengeRepository(stored)) is stored


# the brand must exist and be active


def test_a_challenge_for_a_brand_nobody_added_is_refused_naming_the_field(challenges, brands, clock):
    with pytest.raises(ValidationError, match="No brand 'initech'") as raised:
        create_challenge(an_operator(), a_new_challenge(brand_id="initech"), challenges, brands, clock)

    assert raised.value.field == "brandId"
    assert challenges.stored == []


def test_a_suspended_brand_gets_no_new_challenge(challenges, clock):
    brands = InMemoryBrandRepository(a_brand(suspended=True))

    with pytest.raises(RuleViolationError, match="suspended"):
        create_challenge(an_operator(), a_new_challenge(), challenges, brands, clock)

    assert challenges.stored == []


def test_a_suspended_challenge_takes_no_edit_and_no_scheduled_phase_move(clock):
    due = a_challenge(phase=Phase.SUBMISSION, phase_dates={Phase.VOTING: T0}, suspended=True)
    challenges = InMemoryChallengeRepository(due)

    with pytest.raises(RuleViolationError, match="read-only"):
        update_challenge(an_operator(), due.challenge_id, {"title": "Renamed"}, challenges)
    assert advance_due_phases(challenges, clock=lambda: T0) == []
    assert challenges.writes == 0

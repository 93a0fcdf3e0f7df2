"""Brands: who may add, read, list, rename and suspend them, and how a suspension reaches challenges."""

from __future__ import annotations

import pytest

from shared.domain.challenges import PhaseAction
from shared.domain.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    PreconditionFailedError,
    RuleViolationError,
    UnauthorizedError,
)
from shared.domain.principal import ANONYMOUS
from shared.services import brands as service

from .builders import T0, a_brand, a_challenge, a_moderator_of, a_participant, an_admin_of, an_operator
from .fakes import InMemoryBrandRepository, InMemoryChallengeRepository


def test_an_operator_adds_a_brand_stamped_by_the_clock(clock):
    brands = InMemoryBrandRepository()

    brand = service.create_brand(an_operator("otto"), "initech", "Initech", brands, clock)

    assert brands.stored == [brand]
    assert (brand.name, brand.created_by, brand.created_at, brand.suspended, brand.version) == (
        "Initech",
        "otto",
        T0,
        False,
        1,
    )


@pytest.mark.parametrize("principal", [a_participant(), an_admin_of("acme"), a_moderator_of("acme")])
def test_only_operators_add_brands(principal, clock):
    brands = InMemoryBrandRepository()

    with pytest.raises(ForbiddenError):
        service.create_brand(principal, "initech", "Initech", brands, clock)
    with pytest.raises(UnauthorizedError):
        service.create_brand(ANONYMOUS, "initech", "Initech", brands, clock)
    assert brands.stored == []


def test_a_taken_brand_id_is_a_conflict(clock):
    brands = InMemoryBrandRepository(a_brand())

    with pytest.raises(ConflictError):
        service.create_brand(an_operator(), "acme", "Another Acme", brands, clock)


@pytest.mark.parametrize("principal", [an_admin_of("acme"), a_moderator_of("acme"), an_operator()])
def test_the_brands_staff_and_operators_read_it(principal):
    assert service.get_brand(principal, "acme", InMemoryBrandRepository(a_brand())) == a_brand()


@pytest.mark.parametrize("principal", [a_participant(), an_admin_of("globex")])
def test_anyone_else_gets_not_found_as_for_a_missing_brand(principal):
    with pytest.raises(NotFoundError, match="No brand 'acme'"):
        service.get_brand(principal, "acme", InMemoryBrandRepository(a_brand()))


def test_operators_list_brands_by_id_a_page_at_a_time():
    brands = InMemoryBrandRepository(*(a_brand(brand_id=name) for name in ("globex", "acme", "initech")))

    first = service.list_brands(an_operator(), brands, limit=2, start=None)
    rest = service.list_brands(an_operator(), brands, limit=2, start=first.next_key)

    assert [b.brand_id for b in first.items + rest.items] == ["acme", "globex", "initech"]
    assert rest.next_key is None
    with pytest.raises(ForbiddenError):
        service.list_brands(an_admin_of("acme"), brands, limit=2, start=None)


def test_a_brand_admin_renames_their_brand_but_cannot_suspend_it(clock):
    brands, challenges = InMemoryBrandRepository(a_brand()), InMemoryChallengeRepository()

    renamed = service.update_brand(an_admin_of("acme"), "acme", brands=brands, challenges=challenges, name="ACME")

    assert (renamed.name, renamed.version) == ("ACME", 2)
    with pytest.raises(ForbiddenError, match="Only operators"):
        service.update_brand(an_admin_of("acme"), "acme", brands=brands, challenges=challenges, suspended=True)
    with pytest.raises(ForbiddenError):
        service.update_brand(a_moderator_of("acme"), "acme", brands=brands, challenges=challenges, name="X")
    assert brands.get("acme") == renamed


def test_a_suspension_reaches_every_challenge_of_the_brand_and_no_other(clock, monkeypatch):
    mine = [a_challenge(challenge_id=f"ch-{n}") for n in range(5)]
    theirs = a_challenge(challenge_id="ch-g", brand_id="globex")
    brands, challenges = InMemoryBrandRepository(a_brand()), InMemoryChallengeRepository(*mine, theirs)
    monkeypatch.setattr(service, "PAGE", 2)  # three pages

    brand = service.update_brand(
        an_operator(), "acme", brands=brands, challenges=challenges, suspended=True, reason="unpaid", clock=clock
    )

    assert (brand.suspended, brand.suspended_reason, brand.version) == (True, "unpaid", 2)
    assert all(challenges.get(c.challenge_id).suspended for c in mine)
    assert all(challenges.get(c.challenge_id).version == 2 for c in mine)
    assert not challenges.get("ch-g").suspended
    assert challenges.get("ch-1").submitting_open is False
    with pytest.raises(RuleViolationError, match="suspended"):
        challenges.get("ch-1").check_allowed(PhaseAction.VOTE, "voting is")


def test_reinstating_opens_the_challenges_again_and_clears_the_reason(clock):
    brands = InMemoryBrandRepository(a_brand(suspended=True, suspended_reason="unpaid"))
    challenges = InMemoryChallengeRepository(a_challenge(suspended=True))

    brand = service.update_brand(an_operator(), "acme", brands=brands, challenges=challenges, suspended=False)

    assert (brand.suspended, brand.suspended_reason) == (False, None)
    assert challenges.get(a_challenge().challenge_id).submitting_open


def test_repeating_a_suspension_finishes_one_a_crash_cut_short_without_a_brand_write(clock):
    """The brand says suspended but a challenge is still open (the request died after the brand's write)."""
    brands = InMemoryBrandRepository(a_brand(suspended=True))
    challenges = InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", suspended=True), a_challenge())

    brand = service.update_brand(an_operator(), "acme", brands=brands, challenges=challenges, suspended=True)

    assert brand.version == 1
    assert brands.writes == 0
    assert all(challenge.suspended for challenge in challenges.stored)
    assert challenges.writes == 1


def test_a_stale_if_match_changes_nothing():
    brands, challenges = InMemoryBrandRepository(a_brand(version=3)), InMemoryChallengeRepository(a_challenge())

    with pytest.raises(PreconditionFailedError):
        service.update_brand(
            an_operator(), "acme", brands=brands, challenges=challenges, suspended=True, expected_version=2
        )
    assert brands.writes == challenges.writes == 0

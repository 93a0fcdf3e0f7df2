from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from shared.domain.challenges import ModerationMode, Phase
from shared.domain.ideas import HOT_EPOCH, IdeaStatus, VoteTally
from shared.services.challenges import NewChallenge, create_challenge
from shared.services.ideas import NewIdea, submit_idea
from shared.store.records import (
    brand_from_item,
    brand_to_item,
    challenge_from_item,
    challenge_key,
    challenge_to_item,
    entity_from_item,
    idea_from_item,
    idea_key,
    idea_to_item,
)

from .builders import a_brand, a_challenge, a_challenge_item, a_participant, an_idea, an_idea_item, an_operator
from .fakes import InMemoryBrandRepository, InMemoryChallengeRepository, InMemoryIdeaRepository

# Keys


def test_a_challenge_is_keyed_by_its_id_under_the_meta_sort_key():
    assert challenge_key("ch-1") == {"pk": "CHALLENGE#ch-1", "sk": "#META"}


def test_an_idea_is_keyed_by_its_id_under_the_meta_sort_key():
    assert idea_key("idea-1") == {"pk": "IDEA#idea-1", "sk": "#META"}


# Challenges


def test_a_challenge_is_stored_in_the_documented_layout():
    assert challenge_to_item(a_challenge()) == a_challenge_item()


def test_challenges_of_a_brand_are_listed_newest_last_by_their_index_sort_key():
    item = challenge_to_item(a_challenge(brand_id="globex", challenge_id="ch-9"))

    assert item["gsi1pk"] == "BRAND#globex"
    assert item["gsi1sk"] == "CHALLENGE#2025-03-14T09:26:53.589Z#ch-9"


def test_a_challenge_survives_the_round_trip():
    challenge = a_challenge(phase=Phase.REVIEW, moderation=ModerationMode.PRE, tag_vocabulary=("a", "b"), version=4)

    assert challenge_from_item(challenge_to_item(challenge)) == challenge


def test_a_challenge_is_read_from_a_stored_item():
    assert challenge_from_item(a_challenge_item()) == a_challenge()


def test_a_challenge_item_without_optional_attributes_gets_their_defaults():
    item = a_challenge_item()
    for name in ("description", "tagVocabulary", "version"):
        del item[name]

    challenge = challenge_from_item(item)

    assert (challenge.description, challenge.tag_vocabulary, challenge.version) == ("", (), 1)


# The services stamp entities with utc_now(), which has microseconds.
A_MICROSECOND_CLOCK = lambda: datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)  # noqa: E731


def test_a_challenge_read_back_equals_the_one_the_service_created():
    created = create_challenge(
        an_operator(),
        NewChallenge(brand_id="acme", title="Greener packaging", description=""),
        InMemoryChallengeRepository(),
        InMemoryBrandRepository(a_brand()),
        clock=A_MICROSECOND_CLOCK,
    )

    assert challenge_from_item(challenge_to_item(created)) == created


# Ideas


def test_an_idea_is_stored_in_the_documented_layout():
    assert idea_to_item(an_idea()) == an_idea_item()


def test_ideas_of_a_challenge_are_listed_per_status_by_creation_time_score_and_hot():
    item = idea_to_item(an_idea(challenge_id="ch-9", idea_id="idea-9", votes=VoteTally(up=12, down=2)))

    assert item["gsi1pk"] == "CHALLENGE#ch-9#STATUS#published"
    assert item["gsi1sk"] == "2025-03-14T09:26:53.589Z#idea-9"
    assert item["score"] == 10
    assert float(item["hot"]) == pytest.approx(1 + (item_time(item) - HOT_EPOCH) / 45_000)


def item_time(item: dict[str, object]) -> float:
    from datetime import datetime  # noqa: PLC0415

    return datetime.fromisoformat(str(item["createdAt"]).replace("Z", "+00:00")).timestamp()


def test_an_idea_survives_the_round_trip():
    idea = an_idea(
        tags=("a", "b"), status=IdeaStatus.SHIPPED, votes=VoteTally(up=7, down=2), comment_count=3, version=5
    )

    assert idea_from_item(idea_to_item(idea)) == idea


def test_an_idea_is_read_from_a_stored_item():
    assert idea_from_item(an_idea_item()) == an_idea()


def test_an_idea_item_with_dynamodb_decimals_is_read_as_integers():
    item = an_idea_item(votesUp=Decimal(3), votesDown=Decimal(1), commentCount=Decimal(2), version=Decimal(2))

    idea = idea_from_item(item)

    assert (idea.votes, idea.comment_count, idea.version) == (VoteTally(3, 1), 2, 2)
    assert type(idea.version) is int


def test_an_idea_item_without_optional_attributes_gets_their_defaults():
    item = an_idea_item()
    for name in ("description", "tags", "votesUp", "votesDown", "commentCount", "version"):
        del item[name]

    idea = idea_from_item(item)

    assert (idea.description, idea.tags, idea.votes, idea.comment_count, idea.version) == ("", (), VoteTally(), 0, 1)


def test_an_idea_read_back_equals_the_one_the_service_submitted():
    submitted = submit_idea(
        a_participant(),
        "ch-1",
        NewIdea(title="Paper tape", description=""),
        InMemoryChallengeRepository(a_challenge(challenge_id="ch-1")),
        InMemoryIdeaRepository(),
        clock=A_MICROSECOND_CLOCK,
    )

    assert idea_from_item(idea_to_item(submitted)) == submitted


def test_stored_timestamps_are_read_as_utc():
    assert idea_from_item(an_idea_item()).created_at.tzinfo == UTC


# Any item


def test_an_idea_item_decodes_to_an_idea():
    assert entity_from_item(an_idea_item()) == an_idea()


def test_a_challenge_item_decodes_to_a_challenge():
    assert entity_from_item(a_challenge_item()) == a_challenge()


@pytest.mark.parametrize("item", [{"type": "Vote", "pk": "IDEA#1"}, {"pk": "X#1"}], ids=["vote", "untyped"])
def test_other_items_decode_to_nothing(item):
    assert entity_from_item(item) is None


def test_a_suspended_challenge_is_marked_and_leaves_the_due_index_until_reinstated():
    scheduled = a_challenge(phase_dates={Phase.VOTING: datetime(2030, 1, 1, tzinfo=UTC)})

    suspended = challenge_to_item(replace(scheduled, suspended=True))

    assert suspended["suspended"] is True
    assert "duepk" not in suspended
    assert "duepk" in challenge_to_item(scheduled)
    assert "suspended" not in challenge_to_item(scheduled)
    assert challenge_from_item(suspended).suspended


def test_a_brand_item_reads_back_as_the_brand():
    brand = a_brand(suspended=True, suspended_reason="unpaid", version=4)

    item = brand_to_item(brand)

    assert (item["pk"], item["sk"], item["gsi2pk"], item["gsi2sk"], item["type"]) == (
        "BRAND#acme",
        "#META",
        "BRANDS",
        "acme",
        "Brand",
    )
    assert brand_from_item(item) == brand
    assert entity_from_item(item) == brand

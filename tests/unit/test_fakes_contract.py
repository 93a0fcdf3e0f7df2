"""The fakes keep the ports' contracts, so services tested against them behave the same on the
real adapters. (The DynamoDB adapters are held to the same contract in tests/integration.)"""

from __future__ import annotations

import pytest

from shared.domain.errors import ConflictError

from .builders import a_challenge, an_idea, an_idea_submitted
from .fakes import FakeEventPublisher, InMemoryChallengeRepository, InMemoryIdeaRepository

REPOSITORIES = [
    pytest.param(InMemoryChallengeRepository, a_challenge, "challenge_id", id="challenges"),
    pytest.param(InMemoryIdeaRepository, an_idea, "idea_id", id="ideas"),
]


@pytest.mark.parametrize(("repository_type", "build", "id_field"), REPOSITORIES)
def test_an_added_entity_is_got_by_its_id(repository_type, build, id_field):
    repository = repository_type()
    entity = build(**{id_field: "x-1"})

    repository.add(entity)

    assert repository.get("x-1") == entity


@pytest.mark.parametrize(("repository_type", "build", "id_field"), REPOSITORIES)
def test_adding_an_existing_id_is_a_conflict_and_keeps_the_first(repository_type, build, id_field):
    repository = repository_type()
    first = build(**{id_field: "x-1"})
    repository.add(first)

    with pytest.raises(ConflictError):
        repository.add(build(**{id_field: "x-1", "title": "Another title"}))

    assert repository.get("x-1") == first


@pytest.mark.parametrize(("repository_type", "build", "id_field"), REPOSITORIES)
def test_getting_a_missing_id_gives_none(repository_type, build, id_field):
    assert repository_type().get("missing") is None


def test_the_fake_publisher_sends_every_event_and_reports_no_failure():
    publisher = FakeEventPublisher()
    sent = [an_idea_submitted("e-1"), an_idea_submitted("e-2")]

    assert publisher.publish(sent) == set()
    assert publisher.sent == sent


def test_the_fake_publisher_reports_the_ids_it_could_not_send():
    publisher = FakeEventPublisher(failing=["e-2"])

    failed = publisher.publish([an_idea_submitted("e-1"), an_idea_submitted("e-2")])

    assert failed == {"e-2"}
    assert [event.event_id for event in publisher.sent] == ["e-1"]

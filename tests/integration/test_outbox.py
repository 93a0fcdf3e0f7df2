"""The outbox on moto: stream records of the content table become events on the bus."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from shared.domain.challenges import Challenge, ModerationMode, Phase
from shared.domain.ideas import Idea, IdeaStatus
from shared.events import DomainEvent
from shared.store.records import challenge_to_item, idea_to_item
from tests.builders import LambdaContext, stream_record
from tests.integration.conftest import BUS_NAME

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def an_idea(idea_id: str = "idea-1") -> Idea:
    return Idea(
        idea_id=idea_id,
        challenge_id="ch-1",
        brand_id="acme",
        author_id="user-pat",
        title="Refill stations",
        description="",
        tags=("packaging",),
        status=IdeaStatus.PUBLISHED,
        created_at=NOW,
        updated_at=NOW,
    )


def a_challenge() -> Challenge:
    return Challenge(
        challenge_id="ch-1",
        brand_id="acme",
        title="Greener packaging",
        description="",
        phase=Phase.SUBMISSION,
        moderation=ModerationMode.POST,
        created_by="user-ada",
        created_at=NOW,
        updated_at=NOW,
    )


@pytest.fixture
def outbox(aws: None) -> Any:
    return importlib.reload(importlib.import_module("functions.outbox.app"))


def delivered(queue_url: str) -> list[dict[str, Any]]:
    messages = boto3.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


def test_inserted_idea_becomes_an_idea_submitted_event_on_the_bus(outbox: Any, bus_queue: str) -> None:
    event = {"Records": [stream_record(idea_to_item(an_idea()), sequence="101")]}

    answer = outbox.lambda_handler(event, LambdaContext())

    assert answer == {"batchItemFailures": []}
    [message] = delivered(bus_queue)
    assert message["detail-type"] == "IdeaSubmitted"
    assert message["source"] == "cocreate.ideas"
    assert message["detail"]["ideaId"] == "idea-1"
    assert message["detail"]["eventId"] == "evt-101"
    assert message["detail"]["authorId"] == "user-pat"


def test_inserted_challenge_becomes_challenge_created(outbox: Any, bus_queue: str) -> None:
    outbox.lambda_handler({"Records": [stream_record(challenge_to_item(a_challenge()))]}, LambdaContext())

    [message] = delivered(bus_queue)
    assert message["detail-type"] == "ChallengeCreated"
    assert message["detail"]["challengeId"] == "ch-1"


def test_modifications_publish_nothing_yet(outbox: Any, bus_queue: str) -> None:
    item = idea_to_item(an_idea())
    record = stream_record(item, event_name="MODIFY", old=item)

    answer = outbox.lambda_handler({"Records": [record]}, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert delivered(bus_queue) == []


class FailingPublisher:
    def __init__(self, fail_ids: set[str]) -> None:
        self.fail_ids = fail_ids
        self.sent: list[DomainEvent] = []

    def publish(self, events: list[DomainEvent]) -> set[str]:
        self.sent.extend(events)
        return {event.event_id for event in events if event.event_id in self.fail_ids}


def test_record_whose_event_was_not_published_is_reported_for_retry_with_every_later_one(outbox: Any) -> None:
    records = [stream_record(idea_to_item(an_idea(f"idea-{n}")), sequence=str(n)) for n in (1, 2, 3)]
    publisher = FailingPublisher(fail_ids={"evt-2"})

    answer = outbox.process({"Records": records}, LambdaContext(), publisher=publisher)

    # Lambda retries from record 2 whatever is reported after it: the answer says so.
    assert answer == {"batchItemFailures": [{"itemIdentifier": "2"}, {"itemIdentifier": "3"}]}
    assert len(publisher.sent) == 3


def test_undecodable_record_is_reported_and_the_rest_still_published(outbox: Any) -> None:
    broken = stream_record({"pk": "IDEA#x", "sk": "#META", "type": "Idea"}, sequence="7")
    good = stream_record(idea_to_item(an_idea()), sequence="8")
    publisher = FailingPublisher(fail_ids=set())

    answer = outbox.process({"Records": [broken, good]}, LambdaContext(), publisher=publisher)

    assert answer == {"batchItemFailures": [{"itemIdentifier": "7"}]}
    assert [event.event_id for event in publisher.sent] == ["evt-8"]


def test_redelivered_record_carries_the_same_event_id(outbox: Any) -> None:
    record = stream_record(idea_to_item(an_idea()), sequence="42")
    publisher = FailingPublisher(fail_ids=set())

    outbox.process({"Records": [record]}, LambdaContext(), publisher=publisher)
    outbox.process({"Records": [record]}, LambdaContext(), publisher=publisher)

    assert [event.event_id for event in publisher.sent] == ["evt-42", "evt-42"]


def test_more_than_ten_events_are_sent_in_chunks_of_ten(aws: None) -> None:
    from shared.store.publisher import EventBridgePublisher  # noqa: PLC0415

    calls: list[int] = []
    client = boto3.client("events")
    original = client.put_events

    def counting_put_events(**kwargs: Any) -> Any:
        calls.append(len(kwargs["Entries"]))
        return original(**kwargs)

    client.put_events = counting_put_events  # type: ignore[method-assign]
    outbox = importlib.import_module("shared.services.outbox")
    records = [stream_record(idea_to_item(an_idea(f"i-{n}")), sequence=str(n)) for n in range(23)]
    from shared.store.streams import change_from_stream_record  # noqa: PLC0415

    events = [e for r in records for e in outbox.events_for_change(change_from_stream_record(r))]
    failed = EventBridgePublisher(client, BUS_NAME).publish(events)

    assert failed == set()
    assert calls == [10, 10, 3]

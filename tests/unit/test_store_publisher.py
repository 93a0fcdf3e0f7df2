"""EventBridgePublisher against a fake client (canned PutEvents answers) and a fake sleep."""

from __future__ import annotations

import json

import pytest

from shared.store.publisher import CHUNK, EventBridgePublisher

from .builders import an_idea_submitted
from .fakes import FakeEventBridgeClient


def events(count: int) -> list:
    return [an_idea_submitted(event_id=f"evt-{n}") for n in range(count)]


@pytest.fixture
def sleeps() -> list[float]:
    return []


def a_publisher(client: FakeEventBridgeClient, sleeps: list[float], attempts: int = 3) -> EventBridgePublisher:
    return EventBridgePublisher(client, "cocreate-bus", attempts=attempts, sleep=sleeps.append)


def test_each_event_becomes_an_entry_on_the_bus(sleeps):
    client = FakeEventBridgeClient()
    event = an_idea_submitted(event_id="evt-1")

    a_publisher(client, sleeps).publish([event])

    [[entry]] = client.calls
    assert entry == {
        "EventBusName": "cocreate-bus",
        "Source": "cocreate.ideas",
        "DetailType": "IdeaSubmitted",
        "Detail": json.dumps(event.detail(), separators=(",", ":")),
        "Time": event.occurred_at,
    }


def test_the_entry_detail_is_the_events_camel_case_json(sleeps):
    client = FakeEventBridgeClient()

    a_publisher(client, sleeps).publish([an_idea_submitted(event_id="evt-1")])

    assert json.loads(client.calls[0][0]["Detail"])["ideaId"] == "idea-1"


def test_when_every_entry_is_accepted_nothing_is_reported_failed(sleeps):
    assert a_publisher(FakeEventBridgeClient(), sleeps).publish(events(3)) == set()


def test_nothing_is_sent_for_no_events(sleeps):
    client = FakeEventBridgeClient()

    assert a_publisher(client, sleeps).publish([]) == set()
    assert client.calls == []


def test_events_are_sent_in_chunks_of_ten(sleeps):
    client = FakeEventBridgeClient()

    a_publisher(client, sleeps).publish(events(25))

    assert CHUNK == 10
    assert [len(call) for call in client.calls] == [10, 10, 5]
    assert [event_id for n in range(3) for event_id in client.sent_event_ids(n)] == [f"evt-{n}" for n in range(25)]


def test_a_clean_send_does_not_wait(sleeps):
    a_publisher(FakeEventBridgeClient(), sleeps).publish(events(12))

    assert sleeps == []


def test_only_the_failed_entries_are_sent_again(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-1": 1, "evt-3": 1})

    failed = a_publisher(client, sleeps).publish(events(4))

    assert failed == set()
    assert client.sent_event_ids(1) == ["evt-1", "evt-3"]


def test_retries_back_off_exponentially(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-0": 2})

    a_publisher(client, sleeps).publish(events(1))

    assert sleeps == [pytest.approx(0.2), pytest.approx(0.4)]


def test_entries_still_failing_after_every_attempt_are_returned(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-2": 99})

    failed = a_publisher(client, sleeps, attempts=3).publish(events(4))

    assert failed == {"evt-2"}
    assert len(client.calls) == 3


def test_an_entry_accepted_on_the_last_attempt_is_not_reported(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-0": 2})

    assert a_publisher(client, sleeps, attempts=3).publish(events(1)) == set()


def test_failures_in_one_chunk_do_not_affect_another(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-12": 99})

    failed = a_publisher(client, sleeps).publish(events(15))

    assert failed == {"evt-12"}
    assert [len(call) for call in client.calls] == [10, 5, 1, 1]


def test_failed_entries_are_logged_with_their_error_codes(sleeps, caplog):
    client = FakeEventBridgeClient(rejections={"evt-0": 1}, error_code="InternalFailure")

    a_publisher(client, sleeps).publish(events(2))

    [record] = [r for r in caplog.records if r.getMessage() == "PutEvents entries failed"]
    assert (record.failed, record.attempt, record.codes) == (1, 1, ["InternalFailure"])


def test_a_chunk_left_with_failed_entries_ends_the_send_and_everything_after_it_is_returned(sleeps):
    client = FakeEventBridgeClient(rejections={"evt-2": 99})

    failed = a_publisher(client, sleeps, attempts=3).publish(events(25))

    assert failed == {"evt-2", *(f"evt-{n}" for n in range(10, 25))}
    assert [len(call) for call in client.calls] == [10, 1, 1]  # the later chunks were never sent

"""The outbox when PutEvents fails partway through a batch (throttled, a 5xx, a timeout) or the
function dies mid-batch, on moto's EventBridge with faults injected into the function's own client.

Lambda retries a stream batch from the lowest sequence number reported failed, so the outbox must
report the records whose events did not go out and everything after them, and send nothing after
the first failure: what went out is never sent again, and the retry brings the rest once."""

from __future__ import annotations

import importlib
import json
from collections import Counter
from dataclasses import replace
from typing import Any

import boto3
import pytest

from shared.domain.ideas import IdeaStatus
from shared.store.records import idea_to_item
from tests.builders import LambdaContext, stream_record
from tests.faults import Fault, FaultInjector, LambdaCrash, stream_redelivery
from tests.integration.test_outbox import an_idea

RECORDS = 25  # one event each: three PutEvents calls of 10, 10 and 5


@pytest.fixture
def outbox(aws: None, faults: FaultInjector) -> Any:
    return importlib.reload(importlib.import_module("functions.outbox.app"))


def submitted(count: int) -> list[dict[str, Any]]:
    return [stream_record(idea_to_item(an_idea(f"idea-{n}")), sequence=str(n)) for n in range(1, count + 1)]


def edited_and_accepted(n: int) -> dict[str, Any]:
    """A record with two events: IdeaUpdated and IdeaStatusChanged."""
    before = an_idea(f"idea-{n}")
    after = replace(before, title="Refill stations in every shop", status=IdeaStatus.ACCEPTED, version=2)
    return stream_record(idea_to_item(after), event_name="MODIFY", sequence=str(n), old=idea_to_item(before))


def on_the_bus(queue_url: str) -> Counter[str]:
    """How often each eventId reached the bus."""
    sqs, seen = boto3.client("sqs"), Counter[str]()
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            seen[json.loads(message["Body"])["detail"]["eventId"]] += 1
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return seen


def failed_sequences(answer: dict[str, Any]) -> list[str]:
    return [failure["itemIdentifier"] for failure in answer["batchItemFailures"]]


@pytest.mark.parametrize(
    "fault",
    [
        Fault("throttle", at=2, operation="PutEvents"),
        Fault("server", at=2, operation="PutEvents", applied=False),
        Fault("timeout", at=2, operation="PutEvents", applied=False),
    ],
    ids=["throttled", "5xx", "timeout"],
)
def test_put_events_raising_partway_fails_that_chunk_and_the_rest_and_the_retry_sends_each_once(
    outbox: Any, bus_queue: str, faults: FaultInjector, fault: Fault
) -> None:
    records = submitted(RECORDS)

    with faults.inject(fault):
        answer = outbox.lambda_handler({"Records": records}, LambdaContext())

    assert faults.fired == "events.PutEvents"
    assert failed_sequences(answer) == [str(n) for n in range(11, RECORDS + 1)]  # in stream order
    assert faults.calls == ["events.PutEvents"] * 2  # nothing sent after the failed chunk
    assert on_the_bus(bus_queue) == Counter(f"evt-{n}" for n in range(1, 11))

    with faults.inject():
        again = outbox.lambda_handler({"Records": stream_redelivery(records, answer)}, LambdaContext())

    assert again == {"batchItemFailures": []}
    assert on_the_bus(bus_queue) == Counter(f"evt-{n}" for n in range(11, RECORDS + 1))


def test_a_timeout_after_eventbridge_took_the_chunk_resends_only_that_chunk_with_the_same_ids(
    outbox: Any, bus_queue: str, faults: FaultInjector
) -> None:
    records = submitted(RECORDS)

    with faults.inject(Fault("timeout", at=2, operation="PutEvents", applied=True)):
        answer = outbox.lambda_handler({"Records": records}, LambdaContext())
    with faults.inject():
        outbox.lambda_handler({"Records": stream_redelivery(records, answer)}, LambdaContext())

    seen = on_the_bus(bus_queue)
    assert set(seen) == {f"evt-{n}" for n in range(1, RECORDS + 1)}
    # The outbox cannot know the unanswered chunk went out: it goes again, under the same eventIds
    # (consumers dedupe on them); nothing else is sent twice.
    assert {event_id for event_id, times in seen.items() if times > 1} == {f"evt-{n}" for n in range(11, 21)}


def test_a_record_never_straddles_two_put_events_calls(outbox: Any, bus_queue: str, faults: FaultInjector) -> None:
    # 3 records of one event and 4 of two: a record whose events were split over two calls would
    # have its first half sent again when the second call fails.
    records = submitted(3) + [edited_and_accepted(n) for n in range(4, 8)]

    with faults.inject(Fault("throttle", at=2, operation="PutEvents")):
        answer = outbox.lambda_handler({"Records": records}, LambdaContext())
    with faults.inject():
        outbox.lambda_handler({"Records": stream_redelivery(records, answer)}, LambdaContext())

    assert failed_sequences(answer) == ["7"]
    seen = on_the_bus(bus_queue)
    assert len(seen) == 11
    assert set(seen.values()) == {1}


def test_a_crash_mid_batch_sends_the_redelivered_batch_again_under_the_same_event_ids(
    outbox: Any, bus_queue: str, faults: FaultInjector
) -> None:
    records = submitted(RECORDS)

    with faults.inject(Fault("crash", at=1, operation="PutEvents")), pytest.raises(LambdaCrash):
        outbox.lambda_handler({"Records": records}, LambdaContext())
    cold = importlib.reload(outbox)  # Lambda starts a new sandbox and delivers the whole batch again
    with faults.inject():
        answer = cold.lambda_handler({"Records": records}, LambdaContext())

    assert answer == {"batchItemFailures": []}
    seen = on_the_bus(bus_queue)
    assert set(seen) == {f"evt-{n}" for n in range(1, RECORDS + 1)}
    assert {event_id for event_id, times in seen.items() if times > 1} == {f"evt-{n}" for n in range(1, 11)}

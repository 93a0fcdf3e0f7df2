"""Entry point of the outbox function: content-table stream records -> events on the bus.

The batch's events are sent first, in stream order, whole records per PutEvents call (up to 10
events, failed entries retried); the first call that cannot be sent entirely (entries still failing,
throttling, a 5xx, a timeout) ends the send. Then Powertools' BatchProcessor reports as failed the
first record whose events did not all go out and every record after it (Lambda retries a stream
from the lowest failed record anyway: what went out is not sent again), and each record whose item
could not be decoded; past its retry limit a record goes to the on-failure dead-letter queue.
Redelivered records carry the same eventId."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.events import DomainEvent
from shared.observability import instrument, logger, metrics
from shared.services.outbox import events_for_change, publish_in_order
from shared.services.ports.events import EventPublisher
from shared.store.publisher import CHUNK, EventBridgePublisher
from shared.store.streams import change_from_stream_record


class OutboxSettings(Settings):
    event_bus_name: str = Field(alias="EVENT_BUS_NAME", min_length=1)


class EventNotPublishedError(RuntimeError):
    """Some event of this record did not reach the bus; the record is retried."""


settings = load_settings(OutboxSettings)
publisher: EventPublisher = EventBridgePublisher(boto3.client("events"), settings.event_bus_name)
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def process(event: dict[str, Any], context: Any, publisher: EventPublisher = publisher) -> dict[str, Any]:
    events_by_record: dict[str, list[DomainEvent]] = {}
    undecodable: dict[str, Exception] = {}
    for record in event.get("Records", []):
        sequence = record["dynamodb"]["SequenceNumber"]
        try:
            events_by_record[sequence] = events_for_change(change_from_stream_record(record))
        except Exception as exc:  # noqa: BLE001 - a poison record must not stop the batch
            logger.exception("Undecodable stream record", extra={"sequence_number": sequence})
            undecodable[sequence] = exc
    sequences = list(events_by_record)
    first, sent = publish_in_order(publisher, list(events_by_record.values()), CHUNK)
    unsent = set(sequences[first:])
    metrics.add_metric(name="EventsPublished", unit="Count", value=sent)

    def record_handler(record: DynamoDBRecord) -> None:
        sequence = str(record.dynamodb.sequence_number if record.dynamodb else "")
        if sequence in undecodable:
            raise undecodable[sequence]
        if sequence in unsent:
            raise EventNotPublishedError(f"events of record {sequence} (or of one before it) were not published")

    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process(event, context)

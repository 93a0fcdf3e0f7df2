"""Entry point of the outbox function: content-table stream records -> events on the bus.

All events of a batch are sent first (PutEvents in chunks of 10, failed entries retried); then
Powertools' BatchProcessor reports as failed each record whose events could not be sent or whose
item could not be decoded, so Lambda retries from there and, past its retry limit, sends the
record to the on-failure dead-letter queue. Redelivered records carry the same eventId."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.events import DomainEvent, EventPublisher
from shared.observability import instrument, logger, metrics
from shared.services.outbox import events_for_change
from shared.store.publisher import EventBridgePublisher
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
    failed = publisher.publish([e for events in events_by_record.values() for e in events])
    published = sum(1 for events in events_by_record.values() for e in events if e.event_id not in failed)
    metrics.add_metric(name="EventsPublished", unit="Count", value=published)

    def record_handler(record: DynamoDBRecord) -> None:
        sequence = str(record.dynamodb.sequence_number if record.dynamodb else "")
        if sequence in undecodable:
            raise undecodable[sequence]
        if any(e.event_id in failed for e in events_by_record.get(sequence, [])):
            raise EventNotPublishedError(f"events of record {sequence} were not published")

    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process(event, context)

"""Entry point of the tally function: votes-table stream records -> the ideas' counters; and
content-table stream records of reviews -> the ideas' rating counts (decision 65).

The records are decoded into vote changes and counted by the tally use case
(shared/services/tally.py): one write per idea and batch, each record counted once however often
it is replayed or re-batched. Then Powertools' BatchProcessor reports as failed each record whose
idea could not be updated (or that could not be decoded): Lambda retries from there (bisecting)
and, past its retries, sends it to the on-failure dead-letter queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.domain.votes import VoteChange
from shared.observability import instrument, logger, metrics
from shared.services.ports.tally import TallyStore
from shared.services.tally import count_changes, new_batch_id
from shared.store.votes import DynamoTallyStore, rating_change_from_stream_record, vote_change_from_stream_record


class TallySettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)


settings = load_settings(TallySettings)
store: TallyStore = DynamoTallyStore(boto3.client("dynamodb"), settings.votes_table, settings.content_table)
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def _count_rating(record: dict[str, Any], store: TallyStore, failed: dict[str, Exception]) -> None:
    """A content record: the rating a review moves, counted at once (records come in stream order)."""
    sequence = record["dynamodb"]["SequenceNumber"]
    try:
        change = rating_change_from_stream_record(record)
        if change is not None and store.count_rating(change):
            metrics.add_metric(name="RatingsCounted", unit="Count", value=1)
    except Exception as exc:  # noqa: BLE001 - reported for this record; Lambda retries from it
        logger.exception("Rating not counted", extra={"sequence_number": sequence})
        failed[sequence] = exc


def process(
    event: dict[str, Any], context: Any, store: TallyStore = store, batch_ids: Callable[[], str] = new_batch_id
) -> dict[str, Any]:
    changes: dict[str, VoteChange] = {}
    failed: dict[str, Exception] = {}
    for record in event.get("Records", []):
        sequence = record["dynamodb"]["SequenceNumber"]
        if "sk" in record["dynamodb"].get("Keys", {}):  # the content stream: reviews' ratings
            _count_rating(record, store, failed)
            continue
        try:
            change = vote_change_from_stream_record(record)
        except Exception as exc:  # noqa: BLE001 - a poison record must not stop the batch
            logger.exception("Undecodable stream record", extra={"sequence_number": sequence})
            failed[sequence] = exc
            continue
        if change is not None:
            changes[sequence] = change
    report = count_changes(changes, store, batch_ids=batch_ids)
    failed |= report.failed
    metrics.add_metric(name="TallyWrites", unit="Count", value=report.applied)
    metrics.add_metric(name="TallyReplaysSkipped", unit="Count", value=report.replayed)

    def record_handler(record: DynamoDBRecord) -> None:
        sequence = str(record.dynamodb.sequence_number if record.dynamodb else "")
        if sequence in failed:
            raise failed[sequence]

    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process(event, context)

"""Entry point of the tally function: votes-table stream records -> the ideas' counters.

The whole batch is folded first into one delta per idea; each delta is then counted into its idea
with one write (counters, ranking keys, ladder), after claiming its stream records, so a record
counted before (a replayed or retried batch, however re-batched) is left out (see DynamoTally). Then Powertools'
BatchProcessor reports as failed each record whose idea could not be updated (or that could not be
decoded): Lambda retries from there (bisecting) and, past its retries, sends it to the on-failure
dead-letter queue."""

from __future__ import annotations

from typing import Any, Protocol

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.domain.votes import TallyDelta, VoteChange, tally_deltas
from shared.observability import instrument, logger, metrics
from shared.store.votes import DynamoTally, vote_change_from_stream_record


class TallySettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)


class Tally(Protocol):
    def apply(self, delta: TallyDelta) -> bool: ...


class TallyNotAppliedError(RuntimeError):
    """The record's idea could not be updated; the record is retried."""


settings = load_settings(TallySettings)
tally: Tally = DynamoTally(boto3.client("dynamodb"), settings.votes_table, settings.content_table)
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def process(event: dict[str, Any], context: Any, tally: Tally = tally) -> dict[str, Any]:
    changes: dict[str, VoteChange] = {}
    failed: dict[str, Exception] = {}
    for record in event.get("Records", []):
        sequence = record["dynamodb"]["SequenceNumber"]
        try:
            change = vote_change_from_stream_record(record)
        except Exception as exc:  # noqa: BLE001 - a poison record must not stop the batch
            logger.exception("Undecodable stream record", extra={"sequence_number": sequence})
            failed[sequence] = exc
            continue
        if change is not None:
            changes[sequence] = change
    sequence_of = {change.change_id: sequence for sequence, change in changes.items()}
    applied = replayed = 0
    for delta in tally_deltas(changes.values()):
        try:
            if tally.apply(delta):
                applied += 1
            else:
                replayed += 1
        except Exception as exc:  # noqa: BLE001 - other ideas of the batch still count
            logger.exception("Tally not applied", extra={"idea_id": delta.idea_id})
            for change_id in delta.change_ids:
                failed[sequence_of[change_id]] = TallyNotAppliedError(f"idea {delta.idea_id}: {exc}")
    metrics.add_metric(name="TallyWrites", unit="Count", value=applied)
    metrics.add_metric(name="TallyReplaysSkipped", unit="Count", value=replayed)

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

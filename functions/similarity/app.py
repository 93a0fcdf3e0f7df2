"""Entry point of the similarity function: content-table stream records -> the similar-ideas index.

Each idea record brings the index to the state its new image asks for (published ideas listed,
every other status or a deleted idea taken out); other item types are ignored. Records are
handled one by one in stream order by Powertools' BatchProcessor: a record that fails is reported,
Lambda retries from there (bisecting) and, past its retries, sends it to the on-failure
dead-letter queue. Handling is idempotent, so a replayed batch writes nothing new."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.observability import instrument, metrics
from shared.services.ports.similarity import SimilarityIndex
from shared.services.similarity import SyncOutcome, sync_idea
from shared.store.similarity import DynamoSimilarityIndex, idea_change_from_stream_record


class SimilaritySettings(Settings):
    similarity_table: str = Field(alias="SIMILARITY_TABLE", min_length=3)


settings = load_settings(SimilaritySettings)
index: SimilarityIndex = DynamoSimilarityIndex(boto3.client("dynamodb"), settings.similarity_table)
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
_METRICS = {SyncOutcome.INDEXED: "SimilarIdeasIndexed", SyncOutcome.REMOVED: "SimilarIdeasRemoved"}


def process(event: dict[str, Any], context: Any, index: SimilarityIndex = index) -> dict[str, Any]:
    def record_handler(record: DynamoDBRecord) -> None:
        change = idea_change_from_stream_record(record.raw_event)
        if change is None:
            return
        outcome = sync_idea(change, index)
        if outcome in _METRICS:
            metrics.add_metric(name=_METRICS[outcome], unit="Count", value=1)

    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process(event, context)

"""The reputation function's queue consumer: bus events (through a rule and SQS) -> points and
badges (decision 63). Messages are handled one by one by Powertools' BatchProcessor (partial batch
failures; past maxReceiveCount a message lands in the DLQ); a redelivered event counts nothing
twice (claims) and awards no badge twice (conditional writes)."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from functions.reputation import wiring
from shared.events import EventBridgeEnvelope
from shared.observability import logger, metrics
from shared.services import reputation as reputation_service
from shared.services.ports import utc_now

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    envelope = EventBridgeEnvelope.model_validate(json.loads(record.body))
    event = envelope.event()
    if event is None:
        logger.warning("Event of an unknown type ignored", extra={"detail_type": envelope.detail_type})
        return
    counted, badges = reputation_service.record(event, wiring.store, utc_now())
    if counted:
        metrics.add_metric(name="ReputationAwards", unit="Count", value=counted)
    if badges:
        metrics.add_metric(name="BadgesAwarded", unit="Count", value=len(badges))


def consume(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )

"""Entry point of the ballots function: keeps votes in step with their ideas' lifecycle.

It reads an SQS queue fed by a rule on the bus (idea events): for an idea that closed (shipped,
declined, withdrawn, expired) it gives its voters' budgets back; for a merged idea it moves its
votes to the target (one vote per voter there); for an unmerged one it moves them back. A second
rule brings moderation events on ideas (ContentHidden, ModerationDecided): an idea hidden or
rejected gives its voters' budgets back too, and one brought back takes them again where the
voter still has room (what is done follows the idea's status when the message is handled).
Messages are handled one by one by Powertools' BatchProcessor: a failed one is reported (partial
batch failure), retried by SQS and, past the queue's maxReceiveCount, lands in the dead-letter
queue. Handling is idempotent (a refunded vote is marked, a moved vote has left its idea), so a
redelivered event changes nothing twice."""

from __future__ import annotations

import json
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import Field

from shared.config import Settings, load_settings
from shared.domain.ideas import IdeaStatus
from shared.domain.votes import REFUND_STATUSES
from shared.events import EventBridgeEnvelope
from shared.observability import instrument, logger, metrics
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.votes import VoteRepository
from shared.services.votes import move_votes, refund_budgets, restore_votes, settle_moderated
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.votes import DynamoVoteRepository


class BallotsSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)


settings = load_settings(BallotsSettings)
_client = boto3.client("dynamodb")
challenges: ChallengeRepository = DynamoChallengeRepository(_client, settings.content_table)
ideas: IdeaRepository = DynamoIdeaRepository(_client, settings.content_table)
votes: VoteRepository = DynamoVoteRepository(_client, settings.votes_table)
processor = BatchProcessor(event_type=EventType.SQS)


def closed_status(envelope: EventBridgeEnvelope) -> IdeaStatus | None:
    """The status an idea event closes the idea with, or None if the event does not close it."""
    if envelope.detail_type == "IdeaWithdrawn":
        return IdeaStatus.WITHDRAWN
    if envelope.detail_type == "IdeaExpired":
        return IdeaStatus.EXPIRED
    if envelope.detail_type == "IdeaStatusChanged":
        status = IdeaStatus(envelope.detail["toStatus"])
        return status if status in REFUND_STATUSES else None
    return None


def handle(envelope: EventBridgeEnvelope) -> tuple[str, int]:
    """Apply one idea or moderation event; returns what was done and to how many votes."""
    detail = envelope.detail
    if envelope.detail_type in {"ContentHidden", "ModerationDecided"}:
        if detail.get("targetType") != "idea":
            return "Ignored", 0
        return settle_moderated(str(detail["targetId"]), str(detail["challengeId"]), ideas, challenges, votes)
    idea_id, challenge_id = str(detail["ideaId"]), str(detail["challengeId"])
    if envelope.detail_type == "IdeaMerged":
        return "VotesMoved", move_votes(idea_id, str(detail["targetIdeaId"]), challenge_id, ideas, challenges, votes)
    if envelope.detail_type == "IdeaUnmerged":
        return "VotesRestored", restore_votes(idea_id, challenge_id, challenges, votes)
    if closed_status(envelope) is not None:
        return "VoteBudgetsRefunded", refund_budgets(idea_id, challenge_id, challenges, votes)
    return "Ignored", 0


def record_handler(record: SQSRecord) -> None:
    envelope = EventBridgeEnvelope.model_validate(json.loads(record.body))
    done, count = handle(envelope)
    if count:
        metrics.add_metric(name=done, unit="Count", value=count)
        logger.info(done, extra={"idea_id": envelope.detail.get("ideaId"), "votes": count})


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )

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
from shared.events import (
    ContentHidden,
    DomainEvent,
    EventBridgeEnvelope,
    IdeaExpired,
    IdeaMerged,
    IdeaStatusChanged,
    IdeaUnmerged,
    IdeaWithdrawn,
    ModerationDecided,
)
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


def closed_status(event: DomainEvent) -> IdeaStatus | None:
    """The status an idea event closes the idea with, or None if the event does not close it."""
    if isinstance(event, IdeaWithdrawn):
        return IdeaStatus.WITHDRAWN
    if isinstance(event, IdeaExpired):
        return IdeaStatus.EXPIRED
    if isinstance(event, IdeaStatusChanged):
        status = IdeaStatus(event.to_status)
        return status if status in REFUND_STATUSES else None
    return None


def handle(event: DomainEvent | None) -> tuple[str, int]:
    """Apply one idea or moderation event; returns what was done and to how many votes."""
    if isinstance(event, ContentHidden | ModerationDecided):
        if event.target_type != "idea":
            return "Ignored", 0
        return settle_moderated(event.target_id, event.challenge_id, ideas, challenges, votes)
    if isinstance(event, IdeaMerged):
        moved = move_votes(event.idea_id, event.target_idea_id, event.challenge_id, ideas, challenges, votes)
        return "VotesMoved", moved
    if isinstance(event, IdeaUnmerged):
        return "VotesRestored", restore_votes(event.idea_id, event.challenge_id, challenges, votes)
    if isinstance(event, IdeaWithdrawn | IdeaExpired | IdeaStatusChanged) and closed_status(event) is not None:
        return "VoteBudgetsRefunded", refund_budgets(event.idea_id, event.challenge_id, challenges, votes)
    return "Ignored", 0


def record_handler(record: SQSRecord) -> None:
    event = EventBridgeEnvelope.model_validate(json.loads(record.body)).event()
    done, count = handle(event)
    if count:
        metrics.add_metric(name=done, unit="Count", value=count)
        logger.info(done, extra={"idea_id": getattr(event, "idea_id", None), "votes": count})


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )

"""The notifications function's queue consumer: bus events (through a rule and SQS) -> follows,
inboxes, digest entries and emails; fan-out batches; webhook tries; daily digest pages.

Authors and commenters follow the idea (voters through their vote, decision 68); a merge carries
the merged idea's stored followers to the target and an undone merge takes them back. Events users
hear about are delivered to their inboxes (preferences applied); a large audience is split into
delivery messages on this queue.
Messages are handled one by one by Powertools' BatchProcessor (partial batch failures; past
maxReceiveCount a message lands in the DLQ); every step is idempotent, so a redelivered event
changes nothing twice."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from functions.notifications import wiring
from shared.domain.follows import FollowReason
from shared.domain.notification_prefs import Channel
from shared.events import (
    CommentPosted,
    DomainEvent,
    EventBridgeEnvelope,
    IdeaMerged,
    IdeaSubmitted,
    IdeaUnmerged,
)
from shared.observability import logger, metrics
from shared.services import email as email_service
from shared.services import follows as follow_service
from shared.services import inbox as inbox_service
from shared.services import webhooks as webhook_service
from shared.store.inbox import notice_from_json

processor = BatchProcessor(event_type=EventType.SQS)


def _auto_follow(user_id: str, idea_id: str, reason: FollowReason) -> None:
    if follow_service.auto_follow(user_id, idea_id, reason, wiring.follows):
        metrics.add_metric(name="AutoFollows", unit="Count", value=1)


def handle(event: DomainEvent) -> None:
    """Follows that events make: authors and commenters follow the idea (voters follow through
    their vote, decision 68); a merge carries the stored followers to the target, an unmerge takes
    them back."""
    if isinstance(event, IdeaSubmitted):
        _auto_follow(event.author_id, event.idea_id, FollowReason.AUTHOR)
    elif isinstance(event, CommentPosted):
        _auto_follow(event.author_id, event.idea_id, FollowReason.COMMENTER)
    elif isinstance(event, IdeaMerged):
        carried = follow_service.carry_followers(event.idea_id, event.target_idea_id, wiring.follows)
        metrics.add_metric(name="FollowersCarried", unit="Count", value=carried)
    elif isinstance(event, IdeaUnmerged):
        follow_service.restore_followers(event.idea_id, event.target_idea_id, wiring.follows)


def record_handler(record: SQSRecord) -> None:
    body = json.loads(record.body)
    if "webhook" in body:  # one try of one webhook delivery
        attempt = webhook_service.attempt_delivery(wiring.deliveries, body)
        if attempt is None:
            return
        metrics.add_metric(name="WebhookAttempts", unit="Count", value=1)
        if not attempt.delivered:
            metrics.add_metric(name="WebhookFailures", unit="Count", value=1)  # the dashboard's and an alarm's
        logger.info("Webhook attempt", extra={"delivery": attempt.delivery_id, "status": attempt.status})
        return
    if "deliver" in body:  # a batch of a large audience (fan-out)
        notice, users = notice_from_json(body["deliver"]), [str(u) for u in body["users"]]
        delivered = inbox_service.deliver(
            wiring.ports, notice, users, only=Channel.EMAIL if body.get("emailOnly") else None
        )
        metrics.add_metric(name="NotificationsDelivered", unit="Count", value=delivered)
        return
    if "audiencePage" in body:  # one page of the ideas of a challenge whose followers hear an event
        page = body["audiencePage"]
        position = (int(page["status"]), page.get("key"))
        delivered = inbox_service.deliver_audience_page(
            wiring.ports, notice_from_json(page["notice"]), str(page["challengeId"]), position
        )
        metrics.add_metric(name="NotificationsDelivered", unit="Count", value=delivered)
        return
    if "digest" in body:  # one page of one day's digest users
        sent = email_service.run_digest_page(wiring.mail, wiring.inbox, wiring.queue, body["digest"])
        metrics.add_metric(name="DigestsSent", unit="Count", value=sent)
        return
    envelope = EventBridgeEnvelope.model_validate(body)
    event = envelope.event()
    if event is None:
        logger.warning("Event of an unknown type ignored", extra={"detail_type": envelope.detail_type})
        return
    handle(event)
    webhook_service.route(event, envelope.time, wiring.webhooks, wiring.deliveries.queue)
    delivered = inbox_service.notify(wiring.ports, event, envelope.time)
    if delivered:
        metrics.add_metric(name="NotificationsDelivered", unit="Count", value=delivered)


def consume(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )

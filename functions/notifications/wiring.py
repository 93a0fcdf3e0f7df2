"""The notifications function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import Principal, principal_from_event
from shared.config import Settings, load_settings
from shared.cursors import CursorCodec
from shared.services.inbox import NotifyPorts
from shared.services.webhooks import DeliveryPorts
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.fanout import SqsDeliveryQueue, SqsFanOut
from shared.store.follows import DynamoFollowRepository
from shared.store.inbox import DynamoInbox
from shared.store.moderation import DynamoModerationStore
from shared.store.webhook_http import HttpPoster
from shared.store.webhooks import DynamoWebhooks


class NotificationsSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=3)
    moderation_table: str = Field(alias="MODERATION_TABLE", min_length=3)
    queue_url: str = Field(alias="NOTIFICATIONS_QUEUE_URL", min_length=3)
    cursor_secret: str = Field(alias="CURSOR_SECRET", min_length=16)
    dead_letter_url: str = Field(alias="NOTIFICATIONS_DLQ_URL", min_length=3)
    local_mode: str = Field(alias="LOCAL_MODE", default="false", description="'true': webhooks may target loopback")


settings = load_settings(NotificationsSettings)
dynamodb = boto3.client("dynamodb")
_sqs = boto3.client("sqs")
ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
follows = DynamoFollowRepository(dynamodb, settings.notifications_table)
inbox = DynamoInbox(dynamodb, settings.notifications_table)
cursors = CursorCodec(settings.cursor_secret)
ports = NotifyPorts(
    inbox=inbox,
    follows=follows,
    deciders=DynamoModerationStore(dynamodb, settings.moderation_table, "", settings.content_table),
    ideas=ideas,
    challenges=DynamoChallengeRepository(dynamodb, settings.content_table),
    fanout=SqsFanOut(_sqs, settings.queue_url),
)
allow_loopback = settings.local_mode == "true"
webhooks = DynamoWebhooks(dynamodb, settings.notifications_table)
deliveries = DeliveryPorts(
    store=webhooks,
    poster=HttpPoster(allow_loopback=allow_loopback),
    queue=SqsDeliveryQueue(_sqs, settings.queue_url, settings.dead_letter_url),
)


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every notification route is behind the JWT authorizer: claims come from the event."""
    return principal_from_event(raw_event)

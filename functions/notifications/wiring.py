"""The notifications function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.config import Config
from pydantic import Field

from shared.auth import principal_from_event
from shared.config import ApiSettings, NotificationRetention, lazy_secret, load_settings
from shared.cursors import CursorCodec
from shared.domain.mail import Links
from shared.domain.principal import Principal
from shared.services.follows import Following
from shared.services.inbox import CHANNELS, AddressBook
from shared.services.ports.email import MailPorts
from shared.services.ports.inbox import NotifyPorts
from shared.services.ports.live import Listeners
from shared.services.ports.webhooks import DeliveryPorts
from shared.services.staff import Memberships
from shared.store.clients import LazyClient
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.fanout import SqsDeliveryQueue, SqsFanOut
from shared.store.follows import DynamoFollowRepository
from shared.store.inbox import DIGEST_SHARDS, DynamoInbox
from shared.store.live import ApiGatewayPusher, DynamoConnections
from shared.store.mail import DynamoSentLog, SesMailer
from shared.store.staff import DynamoStaffRepository
from shared.store.votes import DynamoVoteRepository
from shared.store.webhook_http import HttpPoster
from shared.store.webhooks import DynamoWebhooks


class NotificationsSettings(ApiSettings, NotificationRetention):
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=3)
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3, description="Read: a vote is a follow (decision 68)")
    queue_url: str = Field(alias="NOTIFICATIONS_QUEUE_URL", min_length=3)
    cursor_secret_id: str = Field(
        alias="CURSOR_SECRET_ID", min_length=1, description="Secrets Manager name/ARN or SSM path"
    )
    dead_letter_url: str = Field(alias="NOTIFICATIONS_DLQ_URL", min_length=3)
    local_mode: str = Field(alias="LOCAL_MODE", default="false", description="'true': webhooks may target loopback")
    sender: str = Field(alias="SENDER_EMAIL", default="", description="From: of every email (an SES identity)")
    unsubscribe_url: str = Field(alias="UNSUBSCRIBE_URL", default="", description="The API's public /unsubscribe")
    unsubscribe_secret_id: str = Field(alias="UNSUBSCRIBE_SECRET_ID", min_length=1)
    web_app_url: str = Field(alias="WEB_APP_URL", default="", description="Emails link ideas here when set")
    campaign: str = Field(alias="CAMPAIGN_NAME", default="Cocreate")
    connections_table: str = Field(alias="CONNECTIONS_TABLE", default="", description="The WebSocket API's")
    live_endpoint: str = Field(alias="LIVE_ENDPOINT", default="", description="Its Management API (pushes)")


settings = load_settings(NotificationsSettings)
dynamodb = boto3.client("dynamodb")
_sqs = LazyClient("sqs")


def _ses() -> Any:
    """SES down must fail a message fast (it is retried), not hold the batch for botocore's default
    minute; and SendEmail is not idempotent, so botocore must not resend it (SQS retries, with the
    sent log). Made on the first send: most invocations send nothing."""
    return boto3.client("sesv2", config=Config(connect_timeout=3, read_timeout=10, retries={"total_max_attempts": 1}))


def _management() -> Any:
    """The Management API client, made on the first push (most notices have no live listener)."""
    return boto3.client(
        "apigatewaymanagementapi",
        endpoint_url=settings.live_endpoint,
        config=Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3}),
    )


def _listeners() -> Listeners | None:
    """Who listens live, and the push to them (none when the stack has no WebSocket API wired)."""
    if not (settings.connections_table and settings.live_endpoint):
        return None
    return Listeners(DynamoConnections(dynamodb, settings.connections_table), ApiGatewayPusher(_management))


ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
follows = DynamoFollowRepository(dynamodb, settings.notifications_table)
following = Following(follows, DynamoVoteRepository(dynamodb, settings.votes_table))
inbox = DynamoInbox(dynamodb, settings.notifications_table, retention_days=settings.inbox_retention_days)
cursors = CursorCodec(lazy_secret(settings.cursor_secret_id))
unsubscribe_secret = lazy_secret(settings.unsubscribe_secret_id)
profiles = inbox  # the inbox store keeps the profiles too
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()
addresses = AddressBook()
queue = SqsFanOut(_sqs, settings.queue_url)
digest_shards = DIGEST_SHARDS
mail = MailPorts(
    # Emails need a sender and a public unsubscribe link: without both the stack sends none.
    mailer=SesMailer(_ses, settings.sender) if settings.sender and settings.unsubscribe_url else None,
    sent=DynamoSentLog(dynamodb, settings.notifications_table),
    secret=unsubscribe_secret,
    links=Links(unsubscribe=settings.unsubscribe_url, app=settings.web_app_url),
    campaign=settings.campaign,
    clock=lambda: datetime.now(UTC),
)
ports = NotifyPorts(
    inbox=inbox,
    profiles=profiles,
    digest=inbox,
    follows=following,
    staff=staff,
    ideas=ideas,
    challenges=DynamoChallengeRepository(dynamodb, settings.content_table),
    fanout=queue,
    mail=mail,
    channels=CHANNELS,
    live=_listeners(),
)
allow_loopback = settings.local_mode == "true"
webhooks = DynamoWebhooks(dynamodb, settings.notifications_table, retention_days=settings.webhook_retention_days)
deliveries = DeliveryPorts(
    store=webhooks,
    poster=HttpPoster(allow_loopback=allow_loopback),
    queue=SqsDeliveryQueue(_sqs, settings.queue_url, settings.dead_letter_url),
)


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every notification route is behind the JWT authorizer: claims come from the event."""
    principal = principal_from_event(raw_event, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

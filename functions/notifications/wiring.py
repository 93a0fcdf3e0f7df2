"""The notifications function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import Principal, principal_from_event
from shared.config import Settings, load_settings
from shared.store.content import DynamoIdeaRepository
from shared.store.follows import DynamoFollowRepository


class NotificationsSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=3)


settings = load_settings(NotificationsSettings)
dynamodb = boto3.client("dynamodb")
ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
follows = DynamoFollowRepository(dynamodb, settings.notifications_table)


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every notification route is behind the JWT authorizer: claims come from the event."""
    return principal_from_event(raw_event)

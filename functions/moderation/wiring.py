"""The moderation function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import principal_from_event
from shared.config import ApiSettings, lazy_secret, load_settings
from shared.cursors import CursorCodec
from shared.domain.principal import Principal
from shared.domain.screening.engine import screen
from shared.services.ports.moderation import ModerationPorts, Screener
from shared.services.staff import Memberships
from shared.store.comments import DynamoCommentRepository
from shared.store.comprehend import ComprehendScreener
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.limits import DynamoRateLimiter
from shared.store.moderation import DynamoModerationStore
from shared.store.staff import DynamoStaffRepository


class ModerationSettings(ApiSettings):
    rate_limits_table: str = Field(alias="RATE_LIMITS_TABLE", min_length=3)
    moderation_table: str = Field(alias="MODERATION_TABLE", min_length=3)
    audit_table: str = Field(alias="AUDIT_TABLE", min_length=3)
    cursor_secret_id: str = Field(
        alias="CURSOR_SECRET_ID", min_length=1, description="Secrets Manager name/ARN or SSM path"
    )
    comprehend: str = Field(alias="COMPREHEND_SCREENING", default="false", description="'true' adds Comprehend")


settings = load_settings(ModerationSettings)
dynamodb = boto3.client("dynamodb")
limiter = DynamoRateLimiter(dynamodb, settings.rate_limits_table)
screener: Screener = ComprehendScreener(boto3.client("comprehend")) if settings.comprehend == "true" else screen
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()
ports = ModerationPorts(
    ideas=DynamoIdeaRepository(dynamodb, settings.content_table),
    comments=DynamoCommentRepository(dynamodb, settings.content_table),
    challenges=DynamoChallengeRepository(dynamodb, settings.content_table),
    store=DynamoModerationStore(dynamodb, settings.moderation_table, settings.audit_table, settings.content_table),
    staff=staff,
    screener=screener,
    limiter=limiter,
)
cursors = CursorCodec(lazy_secret(settings.cursor_secret_id))


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every moderation route is behind the JWT authorizer: claims come from the event."""
    principal = principal_from_event(raw_event, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

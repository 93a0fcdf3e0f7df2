"""The votes function's wiring: settings, AWS clients and adapters, built once per cold start.

Routes read these as ``wiring.<name>`` at call time, so tests can swap one without patching."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import principal_from_event
from shared.config import ApiSettings, lazy_secret, load_settings
from shared.cursors import CursorCodec
from shared.domain.principal import Principal
from shared.services.staff import Memberships
from shared.store.content import CachedChallengeRepository, DynamoIdeaRepository
from shared.store.limits import DynamoRateLimiter
from shared.store.staff import DynamoStaffRepository
from shared.store.votes import DynamoSurveyCounts, DynamoVoteRepository


class VotesSettings(ApiSettings):
    rate_limits_table: str = Field(alias="RATE_LIMITS_TABLE", min_length=3)
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)
    cursor_secret_id: str = Field(
        alias="CURSOR_SECRET_ID", min_length=1, description="Secrets Manager name/ARN or SSM path"
    )
    challenge_cache_seconds: float = Field(
        alias="CHALLENGE_CACHE_SECONDS", default=5, ge=0, le=300, description="How stale a challenge read may be"
    )


settings = load_settings(VotesSettings)
dynamodb = boto3.client("dynamodb")
limiter = DynamoRateLimiter(dynamodb, settings.rate_limits_table)
challenges = CachedChallengeRepository(dynamodb, settings.content_table, settings.challenge_cache_seconds)
ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
votes = DynamoVoteRepository(dynamodb, settings.votes_table)
survey_counts = DynamoSurveyCounts(dynamodb, settings.content_table)
cursors = CursorCodec(lazy_secret(settings.cursor_secret_id))
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every vote route is behind the JWT authorizer: claims come from the event."""
    principal = principal_from_event(raw_event, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

"""The ideas function's wiring: settings, AWS clients and adapters, built once per cold start.

Route modules read these as ``wiring.<name>`` at call time, so tests can swap one (a verifier,
a repository) without patching the routes."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import TokenVerifier, principal_from_event
from shared.config import ApiSettings, IdempotencyRetention, lazy_secret, load_settings
from shared.cursors import CursorCodec
from shared.domain.principal import Principal
from shared.idempotency import IdempotentCommands
from shared.services.challenges import StatusLabels
from shared.services.ports.staff import IdentityDirectory
from shared.services.reviews import ReviewPorts
from shared.services.staff import Memberships
from shared.store.clients import LazyClient
from shared.store.comments import DynamoCommentRepository, DynamoStaffNoteRepository
from shared.store.content import DynamoBrandRepository, DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.follows import DynamoFollowRepository
from shared.store.limits import DynamoRateLimiter
from shared.store.reputation import DynamoReputation
from shared.store.similarity import DynamoSimilarityIndex
from shared.store.staff import DynamoStaffRepository
from shared.store.votes import DynamoSurveyCounts, DynamoVoteRepository


class IdeasSettings(ApiSettings, IdempotencyRetention):
    rate_limits_table: str = Field(alias="RATE_LIMITS_TABLE", min_length=3)
    idempotency_table: str = Field(alias="IDEMPOTENCY_TABLE", min_length=3)
    jwt_issuer: str = Field(alias="JWT_ISSUER", min_length=1)
    jwt_audience: str = Field(alias="JWT_AUDIENCE", default="")
    jwks_uri: str = Field(alias="JWKS_URI", default="")  # empty: found through OpenID discovery
    cursor_secret_id: str = Field(
        alias="CURSOR_SECRET_ID", min_length=1, description="Secrets Manager name/ARN or SSM path"
    )
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)
    similarity_table: str = Field(alias="SIMILARITY_TABLE", min_length=3)
    reputation_table: str = Field(alias="REPUTATION_TABLE", min_length=3)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=3)


settings = load_settings(IdeasSettings)
dynamodb = boto3.client("dynamodb")
limiter = DynamoRateLimiter(dynamodb, settings.rate_limits_table)
brands = DynamoBrandRepository(dynamodb, settings.content_table)
challenges = DynamoChallengeRepository(dynamodb, settings.content_table)
ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
idempotent = IdempotentCommands(
    settings.idempotency_table, dynamodb, expires_after_seconds=settings.idempotency_retention_hours * 3600
)
verifier = TokenVerifier(settings.jwt_issuer, settings.jwt_audience, settings.jwks_uri or None)
cursors = CursorCodec(lazy_secret(settings.cursor_secret_id))
votes = DynamoVoteRepository(dynamodb, settings.votes_table)
survey_counts = DynamoSurveyCounts(dynamodb, settings.content_table)  # the ideas export's survey columns
comments = DynamoCommentRepository(dynamodb, settings.content_table)
staff_notes = DynamoStaffNoteRepository(dynamodb, settings.content_table)
similarity = DynamoSimilarityIndex(dynamodb, settings.similarity_table)
labels = StatusLabels()
trust = DynamoReputation(dynamodb, settings.reputation_table)  # authors' points in a brand (trustedAfter)
staff = DynamoStaffRepository(dynamodb, settings.content_table)
reviews = ReviewPorts(
    challenges, ideas, comments, votes, DynamoFollowRepository(dynamodb, settings.notifications_table), limiter
)
memberships = Memberships()
directory: IdentityDirectory | None = None
if settings.user_pool_id:  # the stack's own pool: brand groups live there
    from shared.store.cognito import CognitoDirectory

    directory = CognitoDirectory(LazyClient("cognito-idp"), settings.user_pool_id)


def caller(raw_event: dict[str, Any]) -> Principal:
    principal = principal_from_event(raw_event, verifier, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

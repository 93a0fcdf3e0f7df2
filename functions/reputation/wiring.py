"""The reputation function's wiring: settings, AWS clients and adapters, built once per cold start.

Route modules read these as ``wiring.<name>`` at call time, so tests can swap one (the verifier)
without patching the routes."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.auth import TokenVerifier, principal_from_event
from shared.config import ApiSettings, lazy_secret, load_settings
from shared.cursors import CursorCodec
from shared.domain.principal import Principal
from shared.services.staff import Memberships
from shared.store.content import DynamoBrandRepository, DynamoChallengeRepository
from shared.store.reputation import DynamoReputation
from shared.store.staff import DynamoStaffRepository


class ReputationSettings(ApiSettings):
    reputation_table: str = Field(alias="REPUTATION_TABLE", min_length=3)
    jwt_issuer: str = Field(alias="JWT_ISSUER", min_length=1)
    jwt_audience: str = Field(alias="JWT_AUDIENCE", default="")
    jwks_uri: str = Field(alias="JWKS_URI", default="")  # empty: found through OpenID discovery
    cursor_secret_id: str = Field(
        alias="CURSOR_SECRET_ID", min_length=1, description="Secrets Manager name/ARN or SSM path"
    )


settings = load_settings(ReputationSettings)
dynamodb = boto3.client("dynamodb")
store = DynamoReputation(dynamodb, settings.reputation_table)
brands = DynamoBrandRepository(dynamodb, settings.content_table)
challenges = DynamoChallengeRepository(dynamodb, settings.content_table)
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()
verifier = TokenVerifier(settings.jwt_issuer, settings.jwt_audience, settings.jwks_uri or None)
cursors = CursorCodec(lazy_secret(settings.cursor_secret_id))


def caller(raw_event: dict[str, Any]) -> Principal:
    principal = principal_from_event(raw_event, verifier, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

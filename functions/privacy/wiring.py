"""The privacy function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from pydantic import Field

from shared.auth import principal_from_event
from shared.config import ApiSettings, ExportRetention, load_settings
from shared.domain.principal import Principal
from shared.services.ports.privacy import Accounts, PrivacyPorts
from shared.services.staff import Memberships
from shared.store.clients import LazyClient
from shared.store.privacy import CognitoAccounts, DynamoPersonalData, DynamoPrivacyJobs, S3Archives
from shared.store.staff import DynamoStaffRepository


class PrivacySettings(ApiSettings, ExportRetention):
    votes_table: str = Field(alias="VOTES_TABLE", min_length=3)
    reputation_table: str = Field(alias="REPUTATION_TABLE", min_length=3)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=3)
    moderation_table: str = Field(alias="MODERATION_TABLE", min_length=3)
    audit_table: str = Field(alias="AUDIT_TABLE", min_length=3)
    rate_limits_table: str = Field(alias="RATE_LIMITS_TABLE", min_length=3)
    export_bucket: str = Field(alias="EXPORT_BUCKET", min_length=3)
    queue_url: str = Field(alias="PRIVACY_QUEUE_URL", min_length=3)
    webhook_retention_days: int = Field(alias="WEBHOOK_RETENTION_DAYS", default=30, ge=1, le=365)
    campaign: str = Field(alias="CAMPAIGN_NAME", default="Cocreate")


settings = load_settings(PrivacySettings)
dynamodb = boto3.client("dynamodb")
sqs = LazyClient("sqs")
accounts: Accounts | None = None
if settings.user_pool_id:  # the stack's own pool: an erasure deletes the account too
    accounts = CognitoAccounts(LazyClient("cognito-idp"), settings.user_pool_id)
ports = PrivacyPorts(
    jobs=DynamoPrivacyJobs(dynamodb, settings.content_table),
    data=DynamoPersonalData(
        dynamodb,
        content=settings.content_table,
        votes=settings.votes_table,
        notifications=settings.notifications_table,
        moderation=settings.moderation_table,
        reputation=settings.reputation_table,
        audit=settings.audit_table,
        rate_limits=settings.rate_limits_table,
    ),
    archives=S3Archives(LazyClient("s3", config=Config(signature_version="s3v4")), settings.export_bucket),
    accounts=accounts,
    export_retention_days=settings.export_retention_days,
)
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()


def caller(raw_event: dict[str, Any]) -> Principal:
    """Every privacy route is behind the JWT authorizer: claims come from the event."""
    principal = principal_from_event(raw_event, trust_operators=settings.trust_operators)
    return memberships.joined(principal, staff) if settings.staff_from_list else principal

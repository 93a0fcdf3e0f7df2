"""The live function's wiring: settings, AWS clients and adapters, built once per cold start."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from pydantic import Field

from shared.auth import TokenVerifier
from shared.config import ApiSettings, load_settings
from shared.services.ports.live import LivePorts
from shared.services.staff import Memberships
from shared.store.clients import LazyClient
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.live import ApiGatewayPusher, DynamoConnections, DynamoThrottle, SqsLaterQueue
from shared.store.staff import DynamoStaffRepository


class LiveSettings(ApiSettings):
    connections_table: str = Field(alias="CONNECTIONS_TABLE", min_length=3)
    live_endpoint: str = Field(alias="LIVE_ENDPOINT", min_length=8, description="The WebSocket API's management URL")
    queue_url: str = Field(alias="LIVE_QUEUE_URL", min_length=3)
    jwt_issuer: str = Field(alias="JWT_ISSUER", min_length=1)
    jwt_audience: str = Field(alias="JWT_AUDIENCE", default="")
    jwks_uri: str = Field(alias="JWKS_URI", default="")


settings = load_settings(LiveSettings)
dynamodb = boto3.client("dynamodb")


def _management() -> Any:
    """A push that cannot reach API Gateway fails the message fast (it is retried), not after a minute."""
    return boto3.client(
        "apigatewaymanagementapi",
        endpoint_url=settings.live_endpoint,
        config=Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3}),
    )


connections = DynamoConnections(dynamodb, settings.connections_table)
ports = LivePorts(
    connections=connections,
    throttle=DynamoThrottle(dynamodb, settings.connections_table),
    pusher=ApiGatewayPusher(_management),
    later=SqsLaterQueue(LazyClient("sqs"), settings.queue_url),
    ideas=DynamoIdeaRepository(dynamodb, settings.content_table),
    challenges=DynamoChallengeRepository(dynamodb, settings.content_table),
)
verifier = TokenVerifier(settings.jwt_issuer, settings.jwt_audience, settings.jwks_uri or None)
staff = DynamoStaffRepository(dynamodb, settings.content_table)
memberships = Memberships()

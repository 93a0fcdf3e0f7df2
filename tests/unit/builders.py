"""Builders: a valid object by default, overridden only where a test says what matters."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeSerializer

from shared.domain.brands import Brand
from shared.domain.challenges import Challenge, ModerationMode, Phase
from shared.domain.ideas import Idea, IdeaStatus, hot_score
from shared.domain.principal import Principal
from shared.events import IdeaSubmitted

# Millisecond precision: what the content table stores.
T0 = datetime(2025, 3, 14, 9, 26, 53, 589000, tzinfo=UTC)
T0_TEXT = "2025-03-14T09:26:53.589Z"
BRAND = "acme"


# Principals


def a_participant(user_id: str = "user-1") -> Principal:
    return Principal(user_id=user_id)


def an_admin_of(brand_id: str = BRAND, user_id: str = "admin-1") -> Principal:
    return Principal(user_id=user_id, admin_of=frozenset({brand_id}))


def a_moderator_of(brand_id: str = BRAND, user_id: str = "moderator-1") -> Principal:
    return Principal(user_id=user_id, moderator_of=frozenset({brand_id}))


def an_operator(user_id: str = "operator-1") -> Principal:
    return Principal(user_id=user_id, operator=True)


# Domain objects


def a_brand(**overrides: Any) -> Brand:
    fields: dict[str, Any] = {
        "brand_id": BRAND,
        "name": "Acme",
        "created_by": "operator-1",
        "created_at": T0,
        "updated_at": T0,
    }
    return Brand(**(fields | overrides))


def a_challenge(**overrides: Any) -> Challenge:
    fields: dict[str, Any] = {
        "challenge_id": "ch-1",
        "brand_id": BRAND,
        "title": "Greener packaging",
        "description": "How could our boxes use less plastic?",
        "phase": Phase.SUBMISSION,
        "moderation": ModerationMode.POST,
        "created_by": "admin-1",
        "created_at": T0,
        "updated_at": T0,
    }
    return Challenge(**(fields | overrides))


def an_idea(**overrides: Any) -> Idea:
    fields: dict[str, Any] = {
        "idea_id": "idea-1",
        "challenge_id": "ch-1",
        "brand_id": BRAND,
        "author_id": "user-1",
        "title": "Paper tape",
        "description": "Seal boxes with paper tape.",
        "tags": ("packaging",),
        "status": IdeaStatus.PUBLISHED,
        "created_at": T0,
        "updated_at": T0,
    }
    return Idea(**(fields | overrides))


def an_idea_submitted(event_id: str = "evt-1", **overrides: Any) -> IdeaSubmitted:
    fields: dict[str, Any] = {
        "event_id": event_id,
        "occurred_at": T0,
        "idea_id": "idea-1",
        "challenge_id": "ch-1",
        "brand_id": BRAND,
        "author_id": "user-1",
        "title": "Paper tape",
        "status": "published",
        "tags": ["packaging"],
    }
    return IdeaSubmitted(**(fields | overrides))


# Content-table items, written out literally (independent of the codecs under test)


def a_challenge_item(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "pk": "CHALLENGE#ch-1",
        "sk": "#META",
        "type": "Challenge",
        "gsi1pk": f"BRAND#{BRAND}",
        "gsi1sk": f"CHALLENGE#{T0_TEXT}#ch-1",
        "gsi2pk": "CHALLENGES",
        "gsi2sk": f"{T0_TEXT}#ch-1",
        "upk": "USER#admin-1",
        "usk": f"CHALLENGE#{T0_TEXT}#ch-1",
        "challengeId": "ch-1",
        "brandId": BRAND,
        "title": "Greener packaging",
        "description": "How could our boxes use less plastic?",
        "phase": "submission",
        "moderation": "post",
        "tagVocabulary": [],
        "voteModel": "support",
        "voteBudget": None,
        "allowSelfVote": False,
        "supportLadder": [],
        "maxIdeasPerUser": 10,
        "editLockVotes": 1000,
        "statusLabels": None,
        "phaseDates": None,
        "blocklist": None,
        "reportThreshold": 3,
        "trustedAfter": None,
        "phaseRules": None,
        "rateLimits": None,
        "survey": None,
        "createdBy": "admin-1",
        "createdAt": T0_TEXT,
        "updatedAt": T0_TEXT,
        "version": 1,
    }
    return item | overrides


def an_idea_item(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "pk": "IDEA#idea-1",
        "sk": "#META",
        "type": "Idea",
        "gsi1pk": "CHALLENGE#ch-1#STATUS#published",
        "gsi1sk": f"{T0_TEXT}#idea-1",
        "upk": "USER#user-1",
        "usk": f"IDEA#{T0_TEXT}#idea-1",
        "score": 0,
        "hot": Decimal(str(hot_score(0, T0))),
        "wilson": Decimal("0.0"),
        "controversy": Decimal("0.0"),
        "duepk": None,
        "dueat": None,
        "milestones": [],
        "ladderDueAt": None,
        "mergedInto": None,
        "ideaId": "idea-1",
        "challengeId": "ch-1",
        "brandId": BRAND,
        "authorId": "user-1",
        "title": "Paper tape",
        "description": "Seal boxes with paper tape.",
        "tags": ["packaging"],
        "status": "published",
        "votesUp": 0,
        "votesDown": 0,
        "commentCount": 0,
        "officialResponse": None,
        "history": [],
        "createdAt": T0_TEXT,
        "updatedAt": T0_TEXT,
        "version": 1,
    }
    return item | overrides


def dynamodb_json(item: dict[str, Any]) -> dict[str, Any]:
    serializer = TypeSerializer()
    return {key: serializer.serialize(value) for key, value in item.items()}


def a_stream_record(
    event_name: str,
    *,
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    event_id: str = "change-1",
    created_epoch: float | None = 1_741_944_413,
) -> dict[str, Any]:
    """A DynamoDB stream record as Lambda receives it (NEW_AND_OLD_IMAGES)."""
    image = new or old or {}
    stream: dict[str, Any] = {
        "Keys": dynamodb_json({"pk": image.get("pk", "X#1"), "sk": image.get("sk", "#META")}),
        "SequenceNumber": "1000",
        "SizeBytes": 256,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    if created_epoch is not None:
        stream["ApproximateCreationDateTime"] = created_epoch
    if new is not None:
        stream["NewImage"] = dynamodb_json(new)
    if old is not None:
        stream["OldImage"] = dynamodb_json(old)
    return {
        "eventID": event_id,
        "eventName": event_name,
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": stream,
    }


# API Gateway HTTP API (payload 2.0)


def an_api_event(
    method: str = "GET",
    path: str = "/",
    *,
    body: str | bytes | dict[str, Any] | None = None,
    base64_encoded: bool = False,
    headers: dict[str, str] | None = None,
    claims: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An API Gateway v2 event. A dict body is sent as JSON; bytes are sent base64-encoded."""
    if isinstance(body, dict):
        body = json.dumps(body)
    if isinstance(body, bytes):
        body, base64_encoded = base64.b64encode(body).decode("ascii"), True
    request_context: dict[str, Any] = {
        "accountId": "123456789012",
        "apiId": "api",
        "domainName": "api.example.com",
        "domainPrefix": "api",
        "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "test"},
        "requestId": "request-1",
        "routeKey": f"{method} {path}",
        "stage": "$default",
        "time": "14/Mar/2025:09:26:53 +0000",
        "timeEpoch": 1_741_944_413_589,
    }
    if claims is not None:
        request_context["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": dict(headers or {}),
        "requestContext": request_context,
        "body": body,
        "isBase64Encoded": base64_encoded,
    }


@dataclass(frozen=True)
class FakeLambdaContext:
    function_name: str = "cocreate-test"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:cocreate-test"
    aws_request_id: str = "lambda-request-1"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000

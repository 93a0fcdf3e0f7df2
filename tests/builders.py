"""Builders of real-shaped Lambda events (API Gateway HTTP API payload 2.0, DynamoDB streams)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from boto3.dynamodb.types import TypeSerializer

from shared.events import EVENTS_BY_TYPE, DomainEvent

_serializer = TypeSerializer()


def api_event(
    method: str,
    path: str,
    *,
    body: Any = None,
    raw_body: str | None = None,
    claims: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    base64: bool = False,
) -> dict[str, Any]:
    """An API Gateway v2 event as the HTTP API sends it (claims only on authorizer routes)."""
    all_headers = {"content-type": "application/json", "user-agent": "pytest"}
    all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    text = raw_body if raw_body is not None else (None if body is None else json.dumps(body))
    context: dict[str, Any] = {
        "accountId": "123456789012",
        "apiId": "api",
        "domainName": "api.example.test",
        "http": {
            "method": method,
            "path": path,
            "protocol": "HTTP/1.1",
            "sourceIp": "127.0.0.1",
            "userAgent": "pytest",
        },
        "requestId": str(uuid.uuid4()),
        "routeKey": f"{method} {path}",
        "stage": "$default",
        "time": "26/Nov/2026:12:00:00 +0000",
        "timeEpoch": 1795694400000,
    }
    if claims is not None:
        context["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "headers": all_headers,
        "queryStringParameters": query,
        "requestContext": context,
        "body": text,
        "isBase64Encoded": base64,
    }


def stream_record(
    item: dict[str, Any], *, event_name: str = "INSERT", sequence: str = "100", old: dict[str, Any] | None = None
) -> dict[str, Any]:
    image = {k: _serializer.serialize(v) for k, v in item.items()}
    record: dict[str, Any] = {
        "eventID": f"evt-{sequence}",
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": {
            "ApproximateCreationDateTime": 1795694400,
            "Keys": {"pk": image["pk"], "sk": image["sk"]},
            "SequenceNumber": sequence,
            "SizeBytes": 100,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/content/stream/2026-11-26T00:00:00.000",
    }
    if event_name != "REMOVE":
        record["dynamodb"]["NewImage"] = image
    if old is not None:
        record["dynamodb"]["OldImage"] = {k: _serializer.serialize(v) for k, v in old.items()}
    return record


class LambdaContext:
    function_name = "test"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:test"
    aws_request_id = "req-1"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 10_000


def sqs_event(*envelopes: dict[str, Any]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m{n}",
                "receiptHandle": f"r{n}",
                "body": json.dumps(envelope),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:ballots",
                "awsRegion": "us-east-1",
            }
            for n, envelope in enumerate(envelopes)
        ]
    }


def _known(detail_type: str, **fields: Any) -> dict[str, Any]:
    """Those of ``fields`` the event type has (a moderation event names its target, not an idea)."""
    model = EVENTS_BY_TYPE[detail_type]
    known = {info.alias or name for name, info in model.model_fields.items()}
    return {name: value for name, value in fields.items() if name in known}


def envelope(detail_type: str, idea_id: str, challenge_id: str, **detail: Any) -> dict[str, Any]:
    """A bus envelope of a valid event: the given fields (JSON names), the rest from EVENT_DEFAULTS."""
    return {
        "version": "0",
        "id": f"bus-{detail_type}-{idea_id}",
        "detail-type": detail_type,
        "source": "cocreate.ideas",
        "account": "123456789012",
        "time": "2026-11-26T12:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": an_event(
            detail_type, **_known(detail_type, ideaId=idea_id, challengeId=challenge_id), **detail
        ).detail(),
    }


# Any event's required fields, by their JSON name: an_event fills what a test leaves out.
EVENT_DEFAULTS: dict[str, Any] = {
    "eventId": "e1",
    "occurredAt": "2025-03-14T09:26:53.589Z",
    "ideaId": "i1",
    "challengeId": "c1",
    "brandId": "acme",
    "authorId": "author-1",
    "title": "",
    "commentId": "k1",
    "body": "A comment",
    "depth": 0,
    "official": False,
    "parentId": None,
    "parentAuthorId": None,
    "deletedBy": "author-1",
    "byStaff": False,
    "changed": [],
    "changedBy": "admin-1",
    "phase": "submission",
    "fromPhase": "submission",
    "toPhase": "voting",
    "submittingOpen": False,
    "votingOpen": True,
    "status": "published",
    "tags": [],
    "fromStatus": "published",
    "toStatus": "under_review",
    "targetIdeaId": "i2",
    "mergedBy": "admin-1",
    "unmergedBy": "admin-1",
    "rung": 1,
    "final": False,
    "supporters": 1,
    "votes": {"up": 1, "down": 0, "score": 1},
    "previousVotes": {"up": 0, "down": 0, "score": 0},
    "rungsReached": 0,
    "voterId": "voter-1",
    "value": 1,
    "targetType": "idea",
    "targetId": "i1",
    "decision": "approve",
    "reasons": [],
    "reason": None,
    "hiddenBy": "system:reports",
    "action": "approve",
    "moderatorId": "moderator-1",
    "before": "clear",
    "after": "clear",
    "appeal": False,
    "message": "Please look again",
    "memberId": "m1",
    "role": "moderator",
    "previousRole": "admin",
    "invitedBy": "admin-1",
    "userId": "user-1",
    "exportId": "x1",
    "expiresAt": "2026-12-01T12:00:00Z",
    "helpful": True,
    "markedBy": "moderator-1",
    "badge": "first-idea",
    "name": "First idea",
    "reviewId": "r1",
    "reviewerId": "user-1",
    "rating": 4,
    "previousRating": None,
    "helpfulVotes": 1,
    "previousHelpfulVotes": 0,
}


def an_event(detail_type: str, **detail: Any) -> DomainEvent:
    """A valid event of ``detail_type``: the given fields (JSON names), the rest from EVENT_DEFAULTS."""
    model = EVENTS_BY_TYPE[detail_type]
    required = {info.alias or name for name, info in model.model_fields.items() if info.is_required()}
    return model.model_validate({**{name: EVENT_DEFAULTS[name] for name in required}, **detail})

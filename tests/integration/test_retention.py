"""Retention is a stack setting: inbox items, webhook deliveries and idempotency records expire
(DynamoDB TTL) after the periods the operator chose, and a period out of bounds stops the function."""

from __future__ import annotations

import importlib
import time
from datetime import timedelta
from typing import Any

import boto3
import pytest
from boto3.dynamodb.conditions import Key

from shared.config import ConfigError
from shared.domain.inbox import INBOX_DAYS
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import PRINCIPALS, TABLE_NAMES, Api, StaticVerifier
from tests.integration.test_ideas_api import IDEA, create_challenge
from tests.unit.builders import T0


def _table(name: str) -> Any:
    return boto3.resource("dynamodb").Table(TABLE_NAMES[name])


def _notifications(monkeypatch: pytest.MonkeyPatch, **env: str) -> Api:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    importlib.reload(importlib.import_module("functions.notifications.wiring"))
    return Api(importlib.reload(importlib.import_module("functions.notifications.app")))


def _inbox_expiry(api: Api) -> int:
    event = envelope("IdeaStatusChanged", "idea-1", "ch-1", authorId="user-pat", occurredAt=T0.isoformat())
    event["time"] = T0.isoformat()
    api.module.lambda_handler(sqs_event(event), LambdaContext())
    [item] = _table("NotificationsTable").query(KeyConditionExpression=Key("pk").eq("INBOX#user-pat"))["Items"]
    return int(item["expiresAt"])


@pytest.mark.parametrize(("env", "days"), [({}, INBOX_DAYS), ({"INBOX_RETENTION_DAYS": "7"}, 7)])
def test_an_inbox_item_expires_after_the_stacks_inbox_retention(
    aws: None, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], days: int
) -> None:
    api = _notifications(monkeypatch, **env)

    assert _inbox_expiry(api) == int((T0 + timedelta(days=days)).timestamp())


def test_a_webhook_delivery_is_kept_for_the_stacks_delivery_retention(
    aws: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = _notifications(monkeypatch, WEBHOOK_RETENTION_DAYS="2")
    before = int(time.time())

    api.module.wiring.webhooks.mark_routed("wh-1", "evt-1")

    item = _table("NotificationsTable").get_item(Key={"pk": "WEBHOOK#wh-1", "sk": "DELIVERY#evt-1"})["Item"]
    assert before + 2 * 86_400 <= int(item["expiresAt"]) <= int(time.time()) + 2 * 86_400


@pytest.mark.parametrize(
    ("name", "value"), [("INBOX_RETENTION_DAYS", "3"), ("WEBHOOK_RETENTION_DAYS", "0"), ("INBOX_RETENTION_DAYS", "x")]
)
def test_a_retention_out_of_bounds_stops_the_function_naming_the_setting(
    aws: None, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=name):
        _notifications(monkeypatch, **{name: value})


def test_an_idempotency_key_is_remembered_for_the_stacks_idempotency_retention(
    aws: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDEMPOTENCY_RETENTION_HOURS", "2")
    wiring = importlib.reload(importlib.import_module("functions.ideas.wiring"))
    api = Api(importlib.reload(importlib.import_module("functions.ideas.app")))
    monkeypatch.setattr(wiring, "verifier", StaticVerifier({n: c for n, c in PRINCIPALS.items() if c}))
    challenge = create_challenge(api)
    before = int(time.time())

    answer = api.call(
        "POST",
        f"/challenges/{challenge['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body=IDEA,
        headers={"Idempotency-Key": "k-1"},
    )

    [record] = _table("IdempotencyTable").scan()["Items"]  # a test may Scan; request paths never do
    assert answer.status == 201
    assert before + 2 * 3600 <= int(record["expiration"]) <= int(time.time()) + 2 * 3600

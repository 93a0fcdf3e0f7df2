"""The live function on moto: API Gateway's WebSocket events for $connect, subscribe, unsubscribe and
$disconnect, bus events from the live queue pushed through the Management API (moto keeps what was
posted to each connection), and the notifications function pushing a notice to a listening inbox."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api


def ws_event(
    kind: str, connection_id: str, *, route: str | None = None, body: Any = None, **extra: Any
) -> dict[str, Any]:
    route = route or {"CONNECT": "$connect", "DISCONNECT": "$disconnect"}.get(kind, "$default")
    event: dict[str, Any] = {
        "requestContext": {
            "routeKey": route,
            "eventType": kind,
            "connectionId": connection_id,
            "stage": "live",
            "domainName": "live.execute-api.us-east-1.amazonaws.com",
            "connectedAt": 1796600000000,
            "requestTimeEpoch": 1796600000000,
        },
        "isBase64Encoded": False,
        **extra,
    }
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    return event


def pushed(connection_id: str) -> list[dict[str, Any]]:
    """The messages moto's Management API took for a connection (it concatenates them)."""
    from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends  # noqa: PLC0415

    data = apigatewaymanagementapi_backends["123456789012"]["us-east-1"].connections[connection_id].data.decode()
    decoder, found, at = json.JSONDecoder(), [], 0
    while at < len(data):
        message, at = decoder.raw_decode(data, at)
        found.append(message)
    return found


def connect(live: Any, connection_id: str, token: str | None = None) -> dict[str, Any]:
    query = {"token": token} if token else None
    return dict(live.lambda_handler(ws_event("CONNECT", connection_id, queryStringParameters=query), LambdaContext()))


def send(live: Any, connection_id: str, action: str, channel: str) -> dict[str, Any]:
    body = {"action": action, "channel": channel}
    event = ws_event("MESSAGE", connection_id, route=action, body=body)
    live.lambda_handler(event, LambdaContext())
    return pushed(connection_id)[-1]


def test_a_connection_subscribes_and_hears_an_ideas_comment_and_status(
    idea: tuple[str, str], live_function: Any
) -> None:
    challenge_id, idea_id = idea

    assert connect(live_function, "c-ann", "participant")["statusCode"] == 200
    assert connect(live_function, "c-anon")["statusCode"] == 200
    assert send(live_function, "c-ann", "subscribe", f"idea:{idea_id}") == {
        "type": "subscribed",
        "channel": f"idea:{idea_id}",
    }
    send(live_function, "c-anon", "subscribe", f"idea:{idea_id}")
    posted = envelope("CommentPosted", idea_id, challenge_id, commentId="k1", body="Nice one", authorId="user-oscar")
    status = envelope("IdeaStatusChanged", idea_id, challenge_id, toStatus="accepted", response="Yes!")

    answer = live_function.lambda_handler(sqs_event(posted, status), LambdaContext())

    assert answer == {"batchItemFailures": []}
    for connection in ("c-ann", "c-anon"):
        comment, accepted = pushed(connection)[-2:]
        assert (comment["type"], comment["body"], comment["change"]) == ("comment", "Nice one", "posted")
        assert (accepted["type"], accepted["status"], accepted["response"]) == ("status", "accepted", "Yes!")


def test_a_bad_token_is_refused_at_connect_and_nothing_is_kept(live_function: Any) -> None:
    answer = connect(live_function, "c-bad", "not-a-known-token")

    assert answer["statusCode"] == 401
    items = boto3.resource("dynamodb").Table(TABLE_NAMES["ConnectionsTable"]).scan()["Items"]
    assert items == []


@pytest.mark.parametrize(
    ("channel", "status"), [("me", 401), ("idea:nope", 404), ("user:user-pat", 422), ("x" * 100, 422)]
)
def test_a_channel_the_caller_may_not_read_is_an_error_message(live_function: Any, channel: str, status: int) -> None:
    connect(live_function, "c-anon")

    refused = send(live_function, "c-anon", "subscribe", channel)

    assert (refused["type"], refused["status"]) == ("error", status)


def test_a_disconnect_forgets_the_connection_and_its_channels(idea: tuple[str, str], live_function: Any) -> None:
    _, idea_id = idea
    connect(live_function, "c-1", "participant")
    send(live_function, "c-1", "subscribe", f"idea:{idea_id}")
    send(live_function, "c-1", "subscribe", "me")

    live_function.lambda_handler(ws_event("DISCONNECT", "c-1"), LambdaContext())

    items = boto3.resource("dynamodb").Table(TABLE_NAMES["ConnectionsTable"]).scan()["Items"]
    assert [item["pk"] for item in items] == ["PRESENT#user-pat"]  # presence expires with the connection's time


def test_vote_counts_are_held_and_a_delayed_push_brings_the_last_one(
    idea: tuple[str, str], live_function: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    challenge_id, idea_id = idea
    now = [datetime(2026, 11, 26, 12, tzinfo=UTC)]  # the function's clock: a loaded machine can't stretch the second
    monkeypatch.setattr(live_function.wiring, "ports", replace(live_function.wiring.ports, clock=lambda: now[0]))
    connect(live_function, "c-1")
    send(live_function, "c-1", "subscribe", f"idea:{idea_id}")
    counts = [
        envelope(
            "IdeaVotesChanged",
            idea_id,
            challenge_id,
            votes={"up": up, "down": 0, "score": up},
            occurredAt=f"2026-11-26T12:00:0{up}Z",
        )
        for up in (1, 2, 3)
    ]

    live_function.lambda_handler(sqs_event(*counts), LambdaContext())

    queue = live_function.wiring.settings.queue_url
    later = boto3.client("sqs").receive_message(QueueUrl=queue, WaitTimeSeconds=2)["Messages"]  # delayed 1 s
    assert [json.loads(m["Body"]) for m in later] == [{"flush": f"idea:{idea_id}"}]
    assert [m["votes"]["up"] for m in pushed("c-1") if m["type"] == "votes"] == [1]
    now[0] += timedelta(seconds=1.1)  # the next second (the delayed message came a second later)
    flush = sqs_event({})["Records"][0] | {"body": later[0]["Body"]}
    live_function.lambda_handler({"Records": [flush]}, LambdaContext())
    assert [m["votes"]["up"] for m in pushed("c-1") if m["type"] == "votes"] == [1, 3]


def test_a_notice_is_pushed_to_its_listening_owner_with_the_unread_count(
    idea: tuple[str, str], live_function: Any, notifications_api: Api
) -> None:
    challenge_id, idea_id = idea
    connect(live_function, "c-pat", "participant")
    send(live_function, "c-pat", "subscribe", "me")
    connect(live_function, "c-oscar", "other_participant")
    send(live_function, "c-oscar", "subscribe", "me")
    reply = envelope("CommentPosted", idea_id, challenge_id, authorId="user-oscar", parentAuthorId="user-pat")

    notifications_api.module.lambda_handler(sqs_event(reply), LambdaContext())

    [notice] = [m for m in pushed("c-pat") if m["type"] == "notice"]
    assert (notice["eventType"], notice["ideaId"], notice["unreadCount"], notice["channel"]) == (
        "CommentPosted",
        idea_id,
        1,
        "me",
    )
    assert [m for m in pushed("c-oscar") if m["type"] == "notice"] == []  # the actor is not told

"""Inboxes under moto: who hears what (author, followers, never the actor), preferences, unread
counts and marking read, and a large audience fanned out in batches through the queue."""

from __future__ import annotations

import json
from typing import Any

import boto3
from boto3.dynamodb.conditions import Key

from shared.domain.follows import Follow, FollowReason
from shared.domain.votes import Vote
from shared.services.inbox import FANOUT_BATCH
from shared.store.votes import DynamoVoteRepository
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api
from tests.unit.builders import T0


def _status_changed(challenge_id: str, idea_id: str, by: str = "user-ada") -> dict[str, Any]:
    return envelope(
        "IdeaStatusChanged",
        idea_id,
        challenge_id,
        authorId="user-pat",
        title="Refill stations",
        toStatus="accepted",
        response="We will pilot it.",
        changedBy=by,
    )


def _inbox(api: Api, as_: str, **query: str) -> Any:
    answer = api.call("GET", "/me/notifications", as_=as_, query=query)
    assert answer.status == 200, answer.body
    return answer.json


def test_a_status_change_reaches_the_author_and_followers_but_not_the_actor(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    challenge_id, idea_id = idea
    for who in ("other_participant", "brand_admin"):
        notifications_api.call("PUT", f"/ideas/{idea_id}/subscription", route="/ideas/{ideaId}/subscription", as_=who)
    event = sqs_event(_status_changed(challenge_id, idea_id))

    notifications_api.module.lambda_handler(event, LambdaContext())
    notifications_api.module.lambda_handler(event, LambdaContext())  # a redelivery: no second item

    author = _inbox(notifications_api, "participant")
    assert author["unreadCount"] == 1
    [item] = author["items"]
    assert item["message"] == "“Refill stations” is now accepted. Official response: We will pilot it."
    assert _inbox(notifications_api, "other_participant")["unreadCount"] == 1
    assert _inbox(notifications_api, "brand_admin")["items"] == []  # ada changed it herself


def test_mark_read_and_unread_filter(notifications_api: Api, idea: tuple[str, str]) -> None:
    challenge_id, idea_id = idea
    notifications_api.module.lambda_handler(sqs_event(_status_changed(challenge_id, idea_id)), LambdaContext())
    [item] = _inbox(notifications_api, "participant")["items"]

    marked = notifications_api.call("POST", "/me/notifications/read", as_="participant", body={"ids": [item["id"]]})
    both = notifications_api.call("POST", "/me/notifications/read", as_="participant", body={"ids": ["x"], "all": True})

    assert marked.json == {"marked": 1, "unreadCount": 0}
    assert both.status == 422
    assert _inbox(notifications_api, "participant", unread="true")["items"] == []
    assert _inbox(notifications_api, "participant")["items"][0]["read"] is True


def test_a_notification_id_is_not_the_store_key_and_a_bad_one_is_refused(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    challenge_id, idea_id = idea
    notifications_api.module.lambda_handler(sqs_event(_status_changed(challenge_id, idea_id)), LambdaContext())
    [item] = _inbox(notifications_api, "participant")["items"]
    stored = (
        boto3.resource("dynamodb")
        .Table(TABLE_NAMES["NotificationsTable"])
        .query(KeyConditionExpression=Key("pk").eq("INBOX#user-pat"))["Items"]
    )

    read = "/me/notifications/read"
    store_key = notifications_api.call("POST", read, as_="participant", body={"ids": [stored[0]["sk"]]})
    unknown = notifications_api.call("POST", read, as_="participant", body={"ids": ["n1.not-mine"]})

    assert item["id"] != stored[0]["sk"]
    assert store_key.status == 422
    assert store_key.json["errors"][0]["field"] == "ids"
    assert unknown.json == {"marked": 0, "unreadCount": 1}


def test_preferences_switch_the_inbox_off_and_refuse_unknown_names(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    challenge_id, idea_id = idea
    off = notifications_api.call(
        "PUT", "/me/preferences", as_="participant", body={"IdeaStatusChanged": {"inbox": False}}
    )
    unknown = notifications_api.call("PUT", "/me/preferences", as_="participant", body={"Nope": {"inbox": False}})

    notifications_api.module.lambda_handler(sqs_event(_status_changed(challenge_id, idea_id)), LambdaContext())

    assert off.json["preferences"]["IdeaStatusChanged"]["inbox"] is False
    assert unknown.status == 422
    assert _inbox(notifications_api, "participant")["items"] == []
    read = notifications_api.call("GET", "/me/preferences", as_="participant").json["preferences"]
    assert read["IdeaStatusChanged"] == {"inbox": False, "email": True, "digest": False}


def test_a_large_audience_goes_through_the_queue_in_batches(notifications_api: Api, idea: tuple[str, str]) -> None:
    challenge_id, idea_id = idea
    wiring = notifications_api.module.wiring
    followers = 2 * FANOUT_BATCH + 7  # half of them follow through their vote alone (decision 68)
    votes = DynamoVoteRepository(boto3.client("dynamodb"), TABLE_NAMES["VotesTable"])
    for n in range(followers):
        if n % 2:
            wiring.follows.put(Follow(idea_id, f"fan-{n}", True, FollowReason.EXPLICIT, T0))
        if n % 2 == 0 or n == 1:  # fan-1 follows and votes: told once
            votes.add(Vote(idea_id, f"fan-{n}", challenge_id, 1, T0), None)
    votes.add(Vote(idea_id, "fan-gone", challenge_id, 1, T0), None)
    wiring.follows.put(Follow(idea_id, "fan-gone", False, FollowReason.EXPLICIT, T0))  # voted, then unfollowed

    notifications_api.module.lambda_handler(sqs_event(_status_changed(challenge_id, idea_id)), LambdaContext())

    sqs = boto3.client("sqs")
    messages = sqs.receive_message(QueueUrl=wiring.settings.queue_url, MaxNumberOfMessages=10)["Messages"]
    bodies = [json.loads(m["Body"]) for m in messages]
    assert sorted(len(b["users"]) for b in bodies) == sorted([FANOUT_BATCH, FANOUT_BATCH, 8])  # +1: the author
    batch = {
        "Records": [
            {**sqs_event({})["Records"][0], "messageId": f"d{n}", "body": m["Body"]} for n, m in enumerate(messages)
        ]
    }
    assert notifications_api.module.lambda_handler(batch, LambdaContext()) == {"batchItemFailures": []}
    assert _inbox(notifications_api, "participant")["unreadCount"] == 1
    assert (wiring.inbox.unread_count("fan-1000"), wiring.inbox.unread_count("fan-1")) == (1, 1)
    assert wiring.inbox.unread_count("fan-gone") == 0


def test_a_phase_change_reaches_the_followers_of_the_challenges_ideas_page_by_page(
    notifications_api: Api, ideas_api: Api, idea: tuple[str, str], monkeypatch: Any
) -> None:
    import shared.services.inbox as inbox_service  # noqa: PLC0415

    monkeypatch.setattr(inbox_service, "AUDIENCE_PAGE", 1)  # one idea per page: the chain is tested
    challenge_id, first = idea
    second = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="other_participant",
        body={"title": "Paper tape on parcels"},
    ).json["ideaId"]
    wiring = notifications_api.module.wiring
    for idea_id, user in [(first, "fan-a"), (second, "fan-a"), (second, "fan-b")]:
        wiring.follows.put(Follow(idea_id, user, True, FollowReason.VOTER, T0))
    event = envelope(
        "ChallengePhaseChanged", "", challenge_id, title="Greener packaging", fromPhase="submission", toPhase="voting"
    )

    notifications_api.module.lambda_handler(sqs_event(event), LambdaContext())
    sqs = boto3.client("sqs")
    pages = 0
    while messages := sqs.receive_message(QueueUrl=wiring.settings.queue_url, MaxNumberOfMessages=10).get("Messages"):
        batch = {
            "Records": [
                {**sqs_event({})["Records"][0], "messageId": f"p{n}", "body": m["Body"]} for n, m in enumerate(messages)
            ]
        }
        pages += sum("audiencePage" in json.loads(m["Body"]) for m in messages)
        assert notifications_api.module.lambda_handler(batch, LambdaContext()) == {"batchItemFailures": []}
        for m in messages:
            sqs.delete_message(QueueUrl=wiring.settings.queue_url, ReceiptHandle=m["ReceiptHandle"])

    assert pages >= 2  # one idea per page, then the next status
    assert wiring.inbox.unread_count("fan-a") == 1  # follows both ideas, hears it once
    assert wiring.inbox.unread_count("fan-b") == 1
    assert _inbox(notifications_api, "participant")["items"] == []  # follows none of them

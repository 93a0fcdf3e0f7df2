# ruff: noqa: E501 - the catalogue is a table: one request a line
"""A catalogue of malformed requests over every route family: each gets its 4xx problem+json
(naming the field when it is a 422) and writes nothing: no table item changes, no stream record
(so the outbox publishes nothing), no message on the queues or the bus.

One row per request: the route (as template.yaml names it), who calls, what is sent, and the
answer expected. Routes are resolved to their function from template.yaml; path parameters are
filled from the prepared world (a challenge, an idea, a comment, a webhook)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import boto3
import pytest

from shared.domain.staff import member_id_for
from shared.http import MAX_BODY_BYTES, MAX_JSON_DEPTH, PROBLEM_JSON
from tests.integration.conftest import BUS_NAME, TABLE_NAMES, TEMPLATE, Api


@dataclass(frozen=True)
class Bad:
    """A malformed request and the answer it must get."""

    why: str
    method: str
    route: str
    field: str | None = None  # the field a 422 names ...
    code: str | None = None  # ... and why
    status: int = 422
    body: Any = None
    raw: str | None = None  # a body sent as is (not JSON-encoded)
    query: dict[str, str] | None = None
    headers: dict[str, str] | None = None
    base64: bool = False
    as_: str = "participant"
    path: str | None = None  # a path that does not follow the route's parameters


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def nested_objects(levels: int) -> str:
    return '{"a": ' * levels + "1" + "}" * levels


CHALLENGES = "/challenges"
CHALLENGE = "/challenges/{challengeId}"
IDEAS = "/challenges/{challengeId}/ideas"
IDEA = "/ideas/{ideaId}"
STATUS = "/ideas/{ideaId}/status"
MERGE = "/ideas/{ideaId}/merge"
COMMENTS = "/ideas/{ideaId}/comments"
COMMENT = "/comments/{commentId}"
NOTES = "/ideas/{ideaId}/notes"
VOTE = "/ideas/{ideaId}/vote"
IDEA_REPORTS = "/ideas/{ideaId}/reports"
COMMENT_REPORTS = "/comments/{commentId}/reports"
DECISIONS = "/moderation/decisions"
APPEALS = "/moderation/appeals"
READ = "/me/notifications/read"
PREFERENCES = "/me/preferences"
WEBHOOKS = "/brands/{brandId}/webhooks"
BRANDS = "/brands"
BRAND = "/brands/{brandId}"

ADMIN, MOD = "brand_admin", "moderator"
A_TITLE = "Refill stations in stores"
NEW_CHALLENGE = {"brandId": "acme", "title": "Greener"}
AN_APPEAL = {"targetType": "idea", "targetId": "idea-1", "message": "It is a real idea."}
A_DECISION = {"targetType": "idea", "targetId": "idea-1", "action": "hide", "reason": "spam", "version": 0}
A_HOOK = {"url": "https://hooks.example.com/cocreate", "events": ["IdeaPublished"]}
FORM = {"content-type": "application/x-www-form-urlencoded"}


def by(principal: str, *rows: Bad) -> list[Bad]:
    return [replace(row, as_=principal) for row in rows]


# fmt: off
BODIES = [
    Bad("30,000 nested arrays", "PUT", VOTE, status=400, raw=nested(30_000)),
    Bad("30,000 nested arrays", "PUT", PREFERENCES, status=400, raw=nested(30_000)),
    Bad("an array for the object", "PUT", VOTE, "body", "object_type", raw='[{"value": 1}]'),
    Bad("an array for the object", "POST", IDEAS, "body", "object_type", raw=json.dumps([{"title": A_TITLE}])),
    Bad("an array for the object", "POST", APPEALS, "body", "object_type", raw=json.dumps([AN_APPEAL])),
    Bad("an array for the object", "PUT", PREFERENCES, "body", "object_type", raw='[{"x": {"email": false}}]'),
    Bad("a string for the object", "POST", COMMENTS, "body", "object_type", raw='"Love it"'),
    Bad("null for the object", "PATCH", IDEA, "body", "object_type", raw="null"),
    Bad("no body", "POST", APPEALS, "body", "missing"),
    Bad("truncated JSON", "PUT", VOTE, status=400, raw='{"value": '),
    Bad("not UTF-8", "POST", IDEAS, status=400, raw=base64.b64encode(b'{"title": "\xff"}').decode(), base64=True),
    Bad("not base64", "POST", READ, status=400, raw="{not base64}", base64=True),
    Bad("over 64 KiB", "POST", COMMENTS, status=413, body={"body": "x" * MAX_BODY_BYTES}),
    *by(
        ADMIN,
        Bad("30,000 nested arrays", "POST", CHALLENGES, status=400, raw=nested(30_000)),
        Bad("one level too deep", "POST", WEBHOOKS, status=400, raw=nested_objects(MAX_JSON_DEPTH + 1)),
        Bad("not JSON", "POST", CHALLENGES, status=400, raw="{brandId: acme}"),
        Bad("a form", "POST", WEBHOOKS, status=415, raw="url=x", headers=FORM),
    ),
    *by(
        MOD,
        Bad("30,000 nested arrays", "POST", DECISIONS, status=400, raw=nested(30_000)),
        Bad("a number JSON cannot hold", "POST", DECISIONS, status=400, raw="9" * 5000),
        Bad("text/plain", "POST", DECISIONS, status=415, body=A_DECISION, headers={"content-type": "text/plain"}),
    ),
]

TEXT = [
    Bad("NUL in a title", "POST", IDEAS, "title", "control_character", body={"title": "Refill\x00 stations"}),
    Bad("a line break in a title", "POST", IDEAS, "title", "single_line", body={"title": "Refill\nstations"}),
    Bad("a tab in a title", "PATCH", IDEA, "title", "single_line", body={"title": "Refill\tstations"}),
    Bad("an invisible title", "POST", IDEAS, "title", "no_visible_character", body={"title": "\u200b" * 6}),
    Bad("BEL", "POST", IDEAS, "description", "control_character", body={"title": A_TITLE, "description": "\x07"}),
    Bad("a lone surrogate", "POST", IDEAS, "description", "control_character", raw=r'{"title": "Refill", "description": "\ud800"}'),
    Bad("NUL in a tag", "POST", IDEAS, "tags.1", "control_character", body={"title": A_TITLE, "tags": ["ok", "a\x00"]}),
    Bad("an invisible comment", "POST", COMMENTS, "body", "no_visible_character", body={"body": "\u200b\u200d\u2060"}),
    Bad("ESC in a comment", "PATCH", COMMENT, "body", "control_character", body={"body": "\x1b[31mred"}),
    Bad("an invisible appeal", "POST", APPEALS, "message", "no_visible_character", body={**AN_APPEAL, "message": "\u200b"}),
    Bad("NUL in a field name", "PUT", PREFERENCES, "Idea\x00Published", "control_character", body={"Idea\x00Published": {}}),
    Bad("SOH in an id", "POST", READ, "ids.0", "control_character", body={"ids": ["\x01"]}),
    Bad("C1 NEL in a note", "POST", IDEA_REPORTS, "note", "control_character", body={"reason": "spam", "note": "\x85"}, as_="other_participant"),
    *by(
        ADMIN,
        Bad("U+2028 in a title", "POST", CHALLENGES, "title", "single_line", body={**NEW_CHALLENGE, "title": "Green\u2028er"}),
        Bad("a title of marks", "PATCH", CHALLENGE, "title", "no_visible_character", body={"title": "\u0301" * 5}),
        Bad("a line break in a label", "PATCH", CHALLENGE, "statusLabels.accepted", "single_line", body={"statusLabels": {"accepted": "a\nb"}}),
        Bad("NUL in a blocked term", "PATCH", CHALLENGE, "blocklist.0", "control_character", body={"blocklist": ["rival\x00co"]}),
        Bad("DEL in a response", "POST", STATUS, "response", "control_character", body={"status": "accepted", "response": "\x7f"}),
        Bad("a line break in a URL", "POST", WEBHOOKS, "url", "validation-failed", body={**A_HOOK, "url": "https://a.example/\nx"}),
        Bad("NUL in an event name", "POST", WEBHOOKS, "events.0", "control_character", body={**A_HOOK, "events": ["Idea\x00"]}),
    ),
    *by(MOD, Bad("NUL in a staff note", "POST", NOTES, "body", "control_character", body={"body": "a\x00b"})),
]

CHALLENGE_TYPES = by(
    ADMIN,
    Bad("voteBudget true", "POST", CHALLENGES, "voteBudget", "int_type", body={**NEW_CHALLENGE, "voteBudget": True}),
    Bad("allowSelfVote 1", "POST", CHALLENGES, "allowSelfVote", "bool_type", body={**NEW_CHALLENGE, "allowSelfVote": 1}),
    Bad("reportThreshold '3'", "POST", CHALLENGES, "reportThreshold", "int_type", body={**NEW_CHALLENGE, "reportThreshold": "3"}),
    Bad("maxIdeasPerUser 2.0", "POST", CHALLENGES, "maxIdeasPerUser", "int_type", body={**NEW_CHALLENGE, "maxIdeasPerUser": 2.0}),
    Bad("a number for the title", "POST", CHALLENGES, "title", "string_type", body={**NEW_CHALLENGE, "title": 1234567}),
    Bad("a Unix time", "POST", CHALLENGES, "phaseDates.voting", "datetime_type", body={**NEW_CHALLENGE, "phaseDates": {"voting": 1795694400}}),
    Bad("a date-time without a zone", "PATCH", CHALLENGE, "phaseDates.voting", "timezone_aware", body={"phaseDates": {"voting": "2026-12-01T09:00:00"}}),
    Bad("a date in words", "PATCH", CHALLENGE, "phaseDates.voting", "datetime_type", body={"phaseDates": {"voting": "next week"}}),
    Bad("supporters '5'", "PATCH", CHALLENGE, "supportLadder.0.supporters", "int_type", body={"supportLadder": [{"supporters": "5", "withinDays": 3}]}),
    Bad("withinDays true", "PATCH", CHALLENGE, "supportLadder.0.withinDays", "int_type", body={"supportLadder": [{"supporters": 5, "withinDays": True}]}),
    Bad("editLockVotes true", "PATCH", CHALLENGE, "editLockVotes", "int_type", body={"editLockVotes": True}),
    Bad("a number for the phase", "PATCH", CHALLENGE, "phase", "enum", body={"phase": 1}),
    Bad("allowSelfVote 'true'", "PATCH", CHALLENGE, "allowSelfVote", "bool_type", body={"allowSelfVote": "true"}),
    Bad("a number in the vocabulary", "PATCH", CHALLENGE, "tagVocabulary.1", "string_type", body={"tagVocabulary": ["ok", 5]}),
    Bad("a moderation mode in capitals", "PATCH", CHALLENGE, "moderation", "enum", body={"moderation": "PRE"}),
    Bad("an unknown setting", "PATCH", CHALLENGE, "votesPerDay", "extra_forbidden", body={"votesPerDay": 3}),
    Bad("limit 0 on the export", "GET", "/challenges/{challengeId}/export", "limit", "greater_than_equal", query={"limit": "0"}),
    Bad("limit 'five'", "GET", CHALLENGES, "limit", "int_parsing", query={"limit": "five"}),
    Bad("an unknown phase", "GET", CHALLENGES, "phase", "enum", query={"phase": "later"}),
)

IDEA_TYPES = [
    Bad("a number for the title", "POST", IDEAS, "title", "string_type", body={"title": 123456}),
    Bad("a string for the tags", "POST", IDEAS, "tags", "list_type", body={"title": A_TITLE, "tags": "refill"}),
    Bad("true for a tag", "POST", IDEAS, "tags.0", "string_type", body={"title": A_TITLE, "tags": [True]}),
    Bad("false for the description", "PATCH", IDEA, "description", "string_type", body={"description": False}),
    Bad("a server-owned field", "PATCH", IDEA, "status", "extra_forbidden", body={"status": "accepted"}),
    Bad("limit 101", "GET", IDEAS, "limit", "less_than_equal", query={"limit": "101"}),
    Bad("an unknown sort", "GET", IDEAS, "sort", "enum", query={"sort": "random"}),
    Bad("an empty similar text", "GET", "/challenges/{challengeId}/similar", "text", "string_too_short", query={"text": ""}),
    Bad("an id outside the pattern", "GET", IDEA, "ideaId", "string_pattern_mismatch", path="/ideas/not%20an%20id!"),
    *by(
        ADMIN,
        Bad("a number for the status", "POST", STATUS, "status", "enum", body={"status": 1}),
        Bad("a number for the response", "POST", STATUS, "response", "string_type", body={"status": "accepted", "response": 4}),
        Bad("a number for the target", "POST", MERGE, "targetIdeaId", "string_type", body={"targetIdeaId": 123}),
    ),
]

COMMENT_TYPES = [
    Bad("a number for the body", "POST", COMMENTS, "body", "string_type", body={"body": 5}),
    Bad("a number for the parent", "POST", COMMENTS, "parentId", "string_type", body={"body": "Yes", "parentId": 7}),
    Bad("a list for the body", "PATCH", COMMENT, "body", "string_type", body={"body": ["Yes"]}),
    Bad("a blank body", "POST", COMMENTS, "body", "string_too_short", body={"body": " \n\t "}),
    Bad("limit 1.5", "GET", COMMENTS, "limit", "int_parsing", query={"limit": "1.5"}),
    Bad("null for the body", "POST", NOTES, "body", "string_type", body={"body": None}, as_=MOD),
]

VOTE_TYPES = [
    Bad("true for +1", "PUT", VOTE, "value", "int_type", body={"value": True}),
    Bad("false for -1", "PUT", VOTE, "value", "int_type", body={"value": False}),
    Bad("1.0 for +1", "PUT", VOTE, "value", "int_type", body={"value": 1.0}),
    Bad("'1' for +1", "PUT", VOTE, "value", "int_type", body={"value": "1"}),
    Bad("2", "PUT", VOTE, "value", "literal_error", body={"value": 2}),
    Bad("a weight", "PUT", VOTE, "weight", "extra_forbidden", body={"value": 1, "weight": 3}),
    Bad("no value", "PUT", VOTE, "value", "missing", body={}),
    Bad("limit true", "GET", "/me/votes", "limit", "int_parsing", query={"limit": "true"}),
]

MODERATION_TYPES = [
    Bad("true for the target type", "POST", APPEALS, "targetType", "enum", body={**AN_APPEAL, "targetType": True}),
    Bad("a number for the message", "POST", APPEALS, "message", "string_type", body={**AN_APPEAL, "message": 42}),
    *by(
        "other_participant",
        Bad("a number for the reason", "POST", IDEA_REPORTS, "reason", "enum", body={"reason": 1}),
        Bad("a number for the note", "POST", IDEA_REPORTS, "note", "string_type", body={"reason": "spam", "note": 5}),
        Bad("a list for the reason", "POST", COMMENT_REPORTS, "reason", "enum", body={"reason": ["spam"]}),
    ),
    *by(
        MOD,
        Bad("version '0'", "POST", DECISIONS, "version", "int_type", body={**A_DECISION, "version": "0"}),
        Bad("version true", "POST", DECISIONS, "version", "int_type", body={**A_DECISION, "version": True}),
        Bad("version -1", "POST", DECISIONS, "version", "greater_than_equal", body={**A_DECISION, "version": -1}),
        Bad("an action in capitals", "POST", DECISIONS, "action", "enum", body={**A_DECISION, "action": "HIDE"}),
        Bad("since in words", "GET", "/moderation/audit", "since", "validation-failed", query={"since": "soon"}),
        Bad("limit -1", "GET", "/moderation/queue", "limit", "greater_than_equal", query={"limit": "-1"}),
    ),
]

NOTIFICATION_TYPES = [
    Bad("all 1", "POST", READ, "all", "bool_type", body={"all": 1}),
    Bad("a string for the ids", "POST", READ, "ids", "list_type", body={"ids": "n-1"}),
    Bad("1 for a channel", "PUT", PREFERENCES, "IdeaPublished.email", "bool_type", body={"IdeaPublished": {"email": 1}}),
    Bad("'false' for a channel", "PUT", PREFERENCES, "IdeaPublished.email", "bool_type", body={"IdeaPublished": {"email": "false"}}),
    Bad("true for an event type", "PUT", PREFERENCES, "IdeaPublished", "dict_type", body={"IdeaPublished": True}),
    Bad("a float for stars", "PUT", "/ideas/{ideaId}/review", "rating", "int_type", body={"rating": 4.5, "body": "Ok"}),
    Bad("six stars", "PUT", "/ideas/{ideaId}/review", "rating", "less_than_equal", body={"rating": 6, "body": "Ok"}),
    Bad("no answer text", "PUT", "/reviews/{reviewId}/answer", "body", "missing", body={}),
    Bad("a number for a public name", "PUT", "/me/profile", "publicName", "string_type", body={"publicName": 7}),
    Bad("a line break in a public name", "PUT", "/me/profile", "publicName", "single_line", body={"publicName": "Pat\nSmith"}),
    Bad("an unknown field", "PUT", "/me/profile", "avatar", "extra_forbidden", body={"publicName": "Pat", "avatar": "x"}),
    Bad("an array to follow", "PUT", "/ideas/{ideaId}/subscription", "body", "object_type", raw="[]"),
    Bad("unread 'maybe'", "GET", "/me/notifications", "unread", "bool_parsing", query={"unread": "maybe"}),
    Bad("JSON for the one-click form", "POST", "/unsubscribe", "body", "unexpected_body", body={"all": True}, query={"token": "t"}),
    *by(
        ADMIN,
        Bad("a string for the events", "POST", WEBHOOKS, "events", "list_type", body={**A_HOOK, "events": "IdeaPublished"}),
        Bad("a number for the URL", "POST", WEBHOOKS, "url", "string_type", body={**A_HOOK, "url": 443}),
        Bad("a number in the filter", "POST", WEBHOOKS, "filter.0", "string_type", body={**A_HOOK, "filter": [5]}),
        Bad("limit 'abc'", "GET", WEBHOOKS + "/{webhookId}/deliveries", "limit", "int_parsing", query={"limit": "abc"}),
    ),
]

BRAND_TYPES = by(
    "operator",
    Bad("an id with a space", "POST", BRANDS, "brandId", "string_pattern_mismatch", body={"brandId": "ac me", "name": "Acme"}),
    Bad("no name", "POST", BRANDS, "name", "missing", body={"brandId": "initech"}),
    Bad("an unknown field", "POST", BRANDS, "plan", "extra_forbidden", body={"brandId": "initech", "name": "I", "plan": "gold"}),
    Bad("a line break in a name", "POST", BRANDS, "name", "single_line", body={"brandId": "initech", "name": "Ini\ntech"}),
    Bad("a string for suspended", "PATCH", BRAND, "suspended", "bool_type", body={"suspended": "yes"}),
    Bad("null for the name", "PATCH", BRAND, "name", "validation-failed", body={"name": None}),
    Bad("a reason without a suspension", "PATCH", BRAND, "suspendedReason", "validation-failed", body={"suspendedReason": "x"}),
)

STAFF, MEMBER = "/brands/{brandId}/staff", "/brands/{brandId}/staff/{memberId}"
STAFF_TYPES = by(
    ADMIN,
    Bad("not an address", "POST", STAFF, "email", "string_pattern_mismatch", body={"email": "not-an-address", "role": "moderator"}),
    Bad("a non-ASCII address", "POST", STAFF, "email", "string_pattern_mismatch", body={"email": "\U0007e759@7.Ua", "role": "admin"}),
    Bad("a quote in an address", "POST", STAFF, "email", "string_pattern_mismatch", body={"email": 'x"@example.com', "role": "admin"}),
    Bad("an unknown role", "POST", STAFF, "role", "enum", body={"email": "x@example.com", "role": "owner"}),
    Bad("a user id with the invitation", "POST", STAFF, "userId", "extra_forbidden", body={"email": "x@example.com", "role": "admin", "userId": "u"}),
    Bad("a number for the role", "PATCH", MEMBER, "role", "enum", body={"role": 1}),
)

PRIVACY_TYPES = [
    Bad("no confirmation", "DELETE", "/me", "confirm", "missing", body={}),
    Bad("true for the confirmation", "DELETE", "/me", "confirm", "string_type", body={"confirm": True}),
    Bad("another phrase", "DELETE", "/me", "confirm", "validation-failed", body={"confirm": "erase"}),
    *by(
        ADMIN,
        Bad("an unknown target type", "POST", "/moderation/pseudonymisations", "targetType", "enum", body={"targetType": "user", "targetId": "u"}),
        Bad("no target", "POST", "/moderation/pseudonymisations", "targetId", "missing", body={"targetType": "idea"}),
    ),
]

# fmt: on
CATALOGUE = {
    "brands": BRAND_TYPES,
    "staff": STAFF_TYPES,
    "privacy": PRIVACY_TYPES,
    "bodies": BODIES,
    "text": TEXT,
    "challenges": CHALLENGE_TYPES,
    "ideas": IDEA_TYPES,
    "comments": COMMENT_TYPES,
    "votes": VOTE_TYPES,
    "moderation": MODERATION_TYPES,
    "notifications": NOTIFICATION_TYPES,
}
ROWS = [
    pytest.param(bad, id=f"{family}: {bad.method} {bad.route}: {bad.why}")
    for family, rows in CATALOGUE.items()
    for bad in rows
]

FUNCTION_OF = {
    (event["Properties"]["Method"].upper(), event["Properties"]["Path"]): name
    for name, resource in TEMPLATE["Resources"].items()
    if resource["Type"] == "AWS::Serverless::Function"
    for event in resource["Properties"].get("Events", {}).values()
    if event["Type"] == "HttpApi"
}
SLUGS = {400: "malformed-body", 413: "body-too-large", 415: "unsupported-media-type", 422: "validation-failed"}


@pytest.fixture
def world(ideas_api: Api, notifications_api: Api) -> dict[str, str]:
    """The path parameters: an open challenge of acme, the participant's idea and comment, a webhook."""
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", "voteModel": "updown"}
    challenge_id = ideas_api.call("POST", CHALLENGES, as_=ADMIN, body=body).json["challengeId"]
    idea = ideas_api.call(
        "POST", f"/challenges/{challenge_id}/ideas", route=IDEAS, as_="participant", body={"title": A_TITLE}
    )
    idea_id = idea.json["ideaId"]
    comment = ideas_api.call(
        "POST", f"/ideas/{idea_id}/comments", route=COMMENTS, as_="participant", body={"body": "Yes"}
    )
    hook = {**A_HOOK, "url": "http://127.0.0.1:9/hook"}
    webhook = notifications_api.call("POST", "/brands/acme/webhooks", route=WEBHOOKS, as_=ADMIN, body=hook)
    assert (idea.status, comment.status, webhook.status) == (201, 201, 201)
    return {
        "challengeId": challenge_id,
        "ideaId": idea_id,
        "commentId": comment.json["commentId"],
        "reviewId": comment.json["commentId"],  # bodies are checked before the review is looked up
        "brandId": "acme",
        "webhookId": webhook.json["webhookId"],
        "memberId": member_id_for("acme", "user-mia@example.com"),  # the fixture's moderator
    }


@pytest.fixture
def bus_tap(aws: None) -> str:
    """A queue that receives everything on the bus."""
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="malformed-tap")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events = boto3.client("events")
    events.put_rule(Name="tap", EventBusName=BUS_NAME, EventPattern=json.dumps({"source": [{"prefix": ""}]}))
    events.put_targets(Rule="tap", EventBusName=BUS_NAME, Targets=[{"Id": "tap", "Arn": arn}])
    return url


def stream_records(table: str) -> int:
    description = boto3.client("dynamodb").describe_table(TableName=table)["Table"]
    if "LatestStreamArn" not in description:
        return 0
    streams = boto3.client("dynamodbstreams")
    arn = description["LatestStreamArn"]
    count = 0
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
        records = streams.get_records(ShardIterator=iterator["ShardIterator"], Limit=1000)["Records"]
        count += len(records)
    return count


def everything_written() -> dict[str, Any]:
    """Every item of every table, the stream records behind the outbox, and the messages queued."""
    dynamodb = boto3.resource("dynamodb")
    sqs = boto3.client("sqs")
    state: dict[str, Any] = {}
    for table in TABLE_NAMES.values():
        items = dynamodb.Table(table).scan()["Items"]
        state[table] = sorted(json.dumps(item, sort_keys=True, default=str) for item in items)
        state[f"{table} stream"] = stream_records(table)
    for url in sqs.list_queues()["QueueUrls"]:
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        state[url] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return state


@pytest.mark.parametrize("bad", ROWS)
def test_a_malformed_request_gets_its_problem_and_writes_nothing(
    ideas_api: Api,
    votes_api: Api,
    notifications_api: Api,
    moderation_api: Api,
    privacy_api: Api,
    reputation_api: Api,
    world: dict[str, str],
    bus_tap: str,
    bad: Bad,
) -> None:
    api = {
        "IdeasFunction": ideas_api,
        "VotesFunction": votes_api,
        "NotificationsFunction": notifications_api,
        "ModerationFunction": moderation_api,
        "PrivacyFunction": privacy_api,
        "ReputationFunction": reputation_api,
    }[FUNCTION_OF[(bad.method, bad.route)]]
    before = everything_written()

    answer = api.call(
        bad.method,
        bad.path or bad.route.format(**world),
        route=bad.route,
        as_=bad.as_,
        body=bad.body,
        raw_body=bad.raw,
        query=bad.query,
        headers=bad.headers,
        base64=bad.base64,
    )

    assert answer.status == bad.status, answer.body
    assert answer.headers["Content-Type"] == PROBLEM_JSON
    assert answer.json["type"].endswith("/" + SLUGS[bad.status])
    if bad.field is not None:
        named = {(error["field"], error["code"]) for error in answer.json["errors"]}
        assert (bad.field, bad.code) in named, answer.json
    assert everything_written() == before


def test_the_catalogue_covers_every_route_family_and_every_route_with_a_body() -> None:
    rows = [bad for family in CATALOGUE.values() for bad in family]
    with_body = {
        (method.upper(), path)
        for path, operations in json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())[
            "paths"
        ].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }

    assert len(rows) >= 80
    assert with_body <= {(bad.method, bad.route) for bad in rows}
    assert {FUNCTION_OF[(bad.method, bad.route)] for bad in rows} == set(FUNCTION_OF.values())

"""Reputation on moto: bus events through the reputation function's queue consumer -> points per
scope (once under redelivery), badges (once, each an event through the outbox), profiles, public
names and leaderboards."""

from __future__ import annotations

import importlib
from typing import Any

import boto3
import pytest

from shared.events import BadgeAwarded
from shared.services.outbox import events_for_change
from shared.store.streams import change_from_stream_record
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api


def _deliver(api: Api, *envelopes: dict[str, Any]) -> dict[str, Any]:
    return dict(api.module.lambda_handler(sqs_event(*envelopes), LambdaContext()))


def _event(
    detail_type: str, event_id: str, *, idea: str = "i1", challenge: str = "c1", **detail: Any
) -> dict[str, Any]:
    body = envelope(detail_type, idea, challenge, eventId=event_id, **detail)
    body["id"] = f"bus-{event_id}"
    return body


def _published(event_id: str, idea: str, author: str = "user-pat", challenge: str = "c1") -> dict[str, Any]:
    return _event("IdeaPublished", event_id, idea=idea, challenge=challenge, authorId=author)


def _votes(
    event_id: str, before: int, after: int, idea: str = "i1", author: str = "user-pat", challenge: str = "c1"
) -> dict[str, Any]:
    return _event(
        "IdeaVotesChanged",
        event_id,
        idea=idea,
        challenge=challenge,
        authorId=author,
        votes={"up": after, "down": 0, "score": after},
        previousVotes={"up": before, "down": 0, "score": before},
    )


def _profile(api: Api, user: str = "user-pat") -> dict[str, Any]:
    answer = api.call("GET", f"/users/{user}/profile", route="/users/{userId}/profile")
    assert answer.status == 200, answer.body
    return dict(answer.json)


def _board(api: Api, path: str, route: str, **query: str) -> Any:
    return api.call("GET", path, route=route, query=query or None)


def test_points_are_counted_once_per_event_and_user_in_every_scope(reputation_api: Api) -> None:
    published = _published("e-pub", "i1")
    assert _deliver(reputation_api, published, published) == {"batchItemFailures": []}  # a duplicate delivery
    _deliver(reputation_api, _votes("e-v1", 0, 3), _votes("e-v2", 3, 5), _votes("e-v1", 0, 3))
    _deliver(reputation_api, _published("e-pub-again", "i1"))  # published again (restored): once per idea

    profile = _profile(reputation_api)
    assert profile["points"] == 10 + 5
    assert profile["brands"] == [{"brandId": "acme", "points": 15}]
    assert [badge["badge"] for badge in profile["badges"]] == ["first-idea"]


def test_lost_supporters_removed_content_and_helpful_marks_move_points_both_ways(reputation_api: Api) -> None:
    _deliver(
        reputation_api,
        _published("e1", "i1"),
        _votes("e2", 0, 4),
        _votes("e3", 4, 1),
        _event("ModerationDecided", "e4", targetType="idea", targetId="i1", authorId="user-pat",
               action="hide", before="published", after="hidden"),
        _event("ModerationDecided", "e5", targetType="idea", targetId="i1", authorId="user-pat",
               action="restore", before="hidden", after="published"),
        _event("ModerationDecided", "e6", targetType="comment", targetId="k1", authorId="user-pat",
               action="reject", before="clear", after="rejected"),
        _event("CommentMarkedHelpful", "e7", authorId="user-pat", helpful=True, markedBy="user-mia"),
        _event("CommentMarkedHelpful", "e8", authorId="user-pat", helpful=False, markedBy="user-mia"),
        _event("CommentMarkedHelpful", "e9", authorId="user-pat", helpful=True, markedBy="user-mia"),
    )  # fmt: skip

    profile = _profile(reputation_api)
    assert profile["points"] == 10 + 4 - 3 - 20 + 20 - 20 + 15 - 15 + 15
    assert {badge["badge"] for badge in profile["badges"]} == {"first-idea", "helpful-voice"}


def test_accepted_and_shipped_count_once_per_idea_and_badges_come_with_thresholds(reputation_api: Api) -> None:
    shipped = {"fromStatus": "in_development", "toStatus": "shipped"}
    _deliver(
        reputation_api,
        _published("e1", "i1"),
        _votes("e2", 0, 120),
        _event("IdeaStatusChanged", "e3", authorId="user-pat", fromStatus="under_review", toStatus="accepted"),
        _event("IdeaStatusChanged", "e4", authorId="user-pat", **shipped),
        _event("IdeaStatusChanged", "e5", authorId="user-pat", **shipped),  # shipped again after a detour
    )

    profile = _profile(reputation_api)
    assert profile["points"] == 10 + 120 + 50 + 100
    assert {badge["badge"] for badge in profile["badges"]} == {
        "first-idea", "hundred-supporters", "shipped-idea", "contributor",
    }  # fmt: skip
    assert {badge["ideaId"] for badge in profile["badges"]} == {"i1"}
    assert [badge["name"] for badge in profile["badges"] if badge["badge"] == "shipped-idea"] == ["Shipped idea"]


def test_pseudonyms_earn_nothing_and_an_erasure_forgets_the_person(reputation_api: Api) -> None:
    _deliver(reputation_api, _published("e1", "i1", author="former-01JD0000000000000000000000"))
    _deliver(reputation_api, _published("e2", "i2"))
    assert reputation_api.call("PUT", "/me/profile", as_="participant", body={"publicName": "Pat"}).status == 200

    _deliver(reputation_api, {**_event("ErasureRequested", "e3", userId="user-pat"), "source": "cocreate.privacy"})

    assert _profile(reputation_api, "former-01JD0000000000000000000000")["points"] == 0
    assert _profile(reputation_api) == {"userId": "user-pat", "publicName": None, "points": 0, "brands": [],
                                        "badges": []}  # fmt: skip
    assert _board(reputation_api, "/brands/acme/leaderboard", "/brands/{brandId}/leaderboard").json["items"] == []


def test_badges_become_events_through_the_outbox(reputation_api: Api) -> None:
    _deliver(reputation_api, _published("e1", "i1"))
    table = boto3.client("dynamodb")
    badge = table.get_item(
        TableName=TABLE_NAMES["ReputationTable"], Key={"pk": {"S": "USER#user-pat"}, "sk": {"S": "BADGE#first-idea"}}
    )["Item"]
    record = {
        "eventID": "stream-1",
        "eventName": "INSERT",
        "dynamodb": {"ApproximateCreationDateTime": 1764158400, "Keys": {"pk": badge["pk"], "sk": badge["sk"]},
                     "NewImage": badge, "SequenceNumber": "1"},
    }  # fmt: skip
    published = events_for_change(change_from_stream_record(record))

    assert len(published) == 1
    event = published[0]
    assert isinstance(event, BadgeAwarded)
    assert (event.user_id, event.badge, event.name, event.idea_id, event.brand_id) == (
        "user-pat", "first-idea", "First idea", "i1", "acme"
    )  # fmt: skip


def test_leaderboards_list_people_by_points_page_by_page_with_public_names(reputation_api: Api, ideas_api: Api) -> None:
    challenge = ideas_api.call(
        "POST", "/challenges", as_="brand_admin", body={"brandId": "acme", "title": "Leaders", "phase": "submission"}
    ).json["challengeId"]
    for n, (user, votes) in enumerate([("user-a", 5), ("user-b", 30), ("user-c", 12), ("user-d", 0)]):
        _deliver(
            reputation_api,
            _published(f"p{n}", f"i{n}", author=user, challenge=challenge),
            _votes(f"v{n}", 0, votes, idea=f"i{n}", author=user, challenge=challenge),
        )
    _deliver(
        reputation_api,
        _event("ModerationDecided", "neg", targetType="idea", targetId="i3", authorId="user-d", challenge=challenge,
               action="reject", before="published", after="rejected"),
        _published("other", "i9", author="user-e", challenge="elsewhere"),
    )  # fmt: skip
    assert reputation_api.call("PUT", "/me/profile", as_="participant", body={"publicName": "  Pat  "}).status == 200
    boto3.client("dynamodb").put_item(  # user-b chose a name too
        TableName=TABLE_NAMES["ReputationTable"],
        Item={"pk": {"S": "USER#user-b"}, "sk": {"S": "PROFILE"}, "publicName": {"S": "Bea"}},
    )

    route = "/challenges/{challengeId}/leaderboard"
    calls: list[str] = []
    wiring = importlib.import_module("functions.reputation.wiring")

    def count(model: Any, **_: Any) -> None:
        calls.append(model.name)

    wiring.dynamodb.meta.events.register("before-call.dynamodb", count)
    first = _board(reputation_api, f"/challenges/{challenge}/leaderboard", route, limit="2")
    wiring.dynamodb.meta.events.unregister("before-call.dynamodb", count)
    assert first.status == 200, first.body
    assert (calls.count("Query"), calls.count("BatchGetItem"), "Scan" in calls) == (1, 1, False)  # and the names
    assert first.json["items"] == [
        {"userId": "user-b", "publicName": "Bea", "points": 40},
        {"userId": "user-c", "publicName": None, "points": 22},
    ]
    second = _board(reputation_api, f"/challenges/{challenge}/leaderboard", route, limit="2",
                    cursor=first.json["nextCursor"])  # fmt: skip
    assert [(row["userId"], row["points"]) for row in second.json["items"]] == [("user-a", 15)]  # user-d: -10
    assert second.json["nextCursor"] is None
    brand = _board(reputation_api, "/brands/acme/leaderboard", "/brands/{brandId}/leaderboard").json["items"]
    assert [row["userId"] for row in brand] == ["user-b", "user-c", "user-a", "user-e"]
    other = _board(reputation_api, "/brands/acme/leaderboard", "/brands/{brandId}/leaderboard",
                   cursor=first.json["nextCursor"])  # fmt: skip
    assert other.status == 422, other.body  # a cursor of another list is refused


def test_a_leaderboard_needs_a_challenge_or_brand_the_caller_may_see(reputation_api: Api, ideas_api: Api) -> None:
    draft = ideas_api.call(
        "POST", "/challenges", as_="brand_admin", body={"brandId": "acme", "title": "Secret plans", "phase": "draft"}
    ).json["challengeId"]
    route = "/challenges/{challengeId}/leaderboard"

    assert _board(reputation_api, f"/challenges/{draft}/leaderboard", route).status == 404
    assert reputation_api.call("GET", f"/challenges/{draft}/leaderboard", route=route, as_="moderator").status == 200
    assert _board(reputation_api, "/challenges/nope/leaderboard", route).status == 404
    assert _board(reputation_api, "/brands/nope/leaderboard", "/brands/{brandId}/leaderboard").status == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"publicName": "x"}, "publicName"),
        ({"publicName": "a" * 41}, "publicName"),
        ({"publicName": "two\nlines"}, "publicName"),
        ({"publicName": "   "}, "publicName"),
        ({"publicName": 5}, "publicName"),
        ({}, "publicName"),
        ({"publicName": "Pat", "avatar": "x"}, "avatar"),
    ],
)
def test_a_bad_public_name_is_a_422_naming_the_field(reputation_api: Api, body: dict[str, Any], field: str) -> None:
    answer = reputation_api.call("PUT", "/me/profile", as_="participant", body=body)

    assert answer.status == 422, answer.body
    assert any(error["field"].endswith(field) for error in answer.json["errors"]), answer.json
    assert _profile(reputation_api)["publicName"] is None


def test_a_public_name_is_set_and_cleared_by_its_owner(reputation_api: Api) -> None:
    assert reputation_api.call("PUT", "/me/profile", body={"publicName": "Pat"}).status == 401

    set_ = reputation_api.call("PUT", "/me/profile", as_="participant", body={"publicName": "Pat the Maker"})
    assert set_.status == 200
    assert set_.json["publicName"] == "Pat the Maker"
    assert _profile(reputation_api)["publicName"] == "Pat the Maker"

    assert (
        reputation_api.call("PUT", "/me/profile", as_="participant", body={"publicName": None}).json["publicName"]
        is None
    )
    assert _profile(reputation_api)["publicName"] is None


def test_a_poison_message_fails_alone(reputation_api: Api) -> None:
    bad = _published("e1", "i1")
    del bad["detail"]["authorId"]

    answer = _deliver(reputation_api, bad, _published("e2", "i2"))

    assert answer == {"batchItemFailures": [{"itemIdentifier": "m0"}]}
    assert _profile(reputation_api)["points"] == 10

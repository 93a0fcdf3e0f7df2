"""Following ideas under moto: the subscription routes, automatic follows from bus events (through
the notifications queue), and merges carrying followers to the target and back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import Api

SUB = "/ideas/{ideaId}/subscription"


def _idea(ideas_api: Api, challenge_id: str, title: str) -> str:
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": title},
    )
    return str(answer.json["ideaId"])


@pytest.fixture
def ideas(ideas_api: Api) -> tuple[str, str, str]:
    body = {"brandId": "acme", "title": "Follows", "phase": "submission"}
    challenge_id = str(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"])
    return challenge_id, _idea(ideas_api, challenge_id, "Refill stations"), _idea(ideas_api, challenge_id, "Refills")


def _sub(api: Api, idea_id: str, as_: str, method: str = "GET") -> Any:
    return api.call(method, f"/ideas/{idea_id}/subscription", route=SUB, as_=as_)


def test_follow_unfollow_and_read_back(notifications_api: Api, ideas: tuple[str, str, str]) -> None:
    _, idea_id, _ = ideas

    before = _sub(notifications_api, idea_id, "other_participant")
    followed = _sub(notifications_api, idea_id, "other_participant", "PUT")
    again = _sub(notifications_api, idea_id, "other_participant", "PUT")
    gone = _sub(notifications_api, idea_id, "other_participant", "DELETE")
    after = _sub(notifications_api, idea_id, "other_participant")

    assert before.json == {"ideaId": idea_id, "following": False, "reason": None, "since": None}
    assert (followed.status, followed.json["following"], followed.json["reason"]) == (200, True, "explicit")
    assert again.json == followed.json  # following again changes nothing
    assert gone.status == 204
    assert after.json["following"] is False


def test_unknown_ideas_are_not_found(notifications_api: Api) -> None:
    assert _sub(notifications_api, "nope", "participant", "PUT").status == 404


def test_authors_voters_and_commenters_follow_but_an_unfollow_is_remembered(
    notifications_api: Api, ideas: tuple[str, str, str]
) -> None:
    challenge_id, idea_id, _ = ideas
    assert _sub(notifications_api, idea_id, "moderator", "DELETE").status == 204  # mia chose not to follow
    events = sqs_event(
        envelope("IdeaSubmitted", idea_id, challenge_id, authorId="user-pat"),
        envelope("VoteCast", idea_id, challenge_id, voterId="user-oscar"),
        envelope("CommentPosted", idea_id, challenge_id, authorId="user-mia"),
    )

    answer = notifications_api.module.lambda_handler(events, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert _sub(notifications_api, idea_id, "participant").json["reason"] == "author"
    assert _sub(notifications_api, idea_id, "other_participant").json["reason"] == "voter"
    assert _sub(notifications_api, idea_id, "moderator").json["following"] is False


def test_a_merge_carries_followers_and_undoing_it_takes_back_only_what_it_made(
    notifications_api: Api, ideas: tuple[str, str, str]
) -> None:
    challenge_id, source, target = ideas
    _sub(notifications_api, source, "other_participant", "PUT")  # oscar follows the duplicate
    _sub(notifications_api, source, "moderator", "PUT")  # mia follows both
    _sub(notifications_api, target, "moderator", "PUT")
    merged = sqs_event(envelope("IdeaMerged", source, challenge_id, targetIdeaId=target))

    notifications_api.module.lambda_handler(merged, LambdaContext())
    notifications_api.module.lambda_handler(merged, LambdaContext())  # a redelivery

    carried = _sub(notifications_api, target, "other_participant").json
    assert (carried["following"], carried["reason"]) == (True, "merge")
    assert _sub(notifications_api, target, "moderator").json["reason"] == "explicit"

    notifications_api.module.lambda_handler(
        sqs_event(envelope("IdeaUnmerged", source, challenge_id, targetIdeaId=target)), LambdaContext()
    )

    assert _sub(notifications_api, target, "other_participant").json["following"] is False
    assert _sub(notifications_api, target, "moderator").json["following"] is True  # their own choice stays
    assert _sub(notifications_api, source, "other_participant").json["following"] is True

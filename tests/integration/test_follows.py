"""Following ideas under moto: the subscription routes, automatic follows from bus events (through
the notifications queue), and merges carrying followers to the target and back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from shared.domain.votes import Vote
from shared.store.votes import DynamoVoteRepository
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api

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


def test_authors_and_commenters_follow_but_an_unfollow_is_remembered(
    notifications_api: Api, ideas: tuple[str, str, str]
) -> None:
    challenge_id, idea_id, _ = ideas
    assert _sub(notifications_api, idea_id, "moderator", "DELETE").status == 204  # mia chose not to follow
    events = sqs_event(
        envelope("IdeaSubmitted", idea_id, challenge_id, authorId="user-pat"),
        envelope("CommentPosted", idea_id, challenge_id, authorId="user-mia"),
    )

    answer = notifications_api.module.lambda_handler(events, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert _sub(notifications_api, idea_id, "participant").json["reason"] == "author"
    assert _sub(notifications_api, idea_id, "moderator").json["following"] is False


def _vote(challenge_id: str, idea_id: str, voter_id: str) -> Vote:
    vote = Vote(idea_id, voter_id, challenge_id, 1, datetime(2026, 11, 26, 12, tzinfo=UTC))
    DynamoVoteRepository(boto3.client("dynamodb"), TABLE_NAMES["VotesTable"]).add(vote, None)
    return vote


def test_a_vote_is_a_follow_without_an_item_until_its_voter_unfollows_or_retracts(
    notifications_api: Api, ideas: tuple[str, str, str]
) -> None:
    challenge_id, idea_id, _ = ideas
    wiring = notifications_api.module.wiring
    assert _sub(notifications_api, idea_id, "moderator", "DELETE").status == 204  # mia unfollows, then votes
    votes = [_vote(challenge_id, idea_id, voter) for voter in ("user-oscar", "user-mia", "user-ada")]
    assert _sub(notifications_api, idea_id, "brand_admin", "DELETE").status == 204  # ada votes, then unfollows

    oscar = _sub(notifications_api, idea_id, "other_participant").json
    assert (oscar["following"], oscar["reason"], oscar["since"]) == (True, "voter", "2026-11-26T12:00:00Z")
    assert wiring.follows.get(idea_id, "user-oscar") is None  # no follow item: the vote is the follow
    assert _sub(notifications_api, idea_id, "moderator").json["following"] is False
    assert sorted(wiring.following.followers(idea_id)) == ["user-oscar"]

    DynamoVoteRepository(boto3.client("dynamodb"), TABLE_NAMES["VotesTable"]).remove(votes[0], None)
    assert _sub(notifications_api, idea_id, "other_participant").json["following"] is False  # retracted
    assert list(wiring.following.followers(idea_id)) == []


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

"""The ballots function under moto: an idea that closes gives its voters' budgets back, once."""

from __future__ import annotations

import importlib
from typing import Any

import boto3
import pytest

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api

CAST = "/ideas/{ideaId}/vote"


@pytest.fixture
def ballots(aws: None) -> Any:
    return importlib.reload(importlib.import_module("functions.ballots.app"))


def _challenge(ideas_api: Api, **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Budgets", "phase": "submission", **settings}
    return str(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"])


def _idea(ideas_api: Api, challenge_id: str, title: str) -> str:
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": title},
    )
    return str(answer.json["ideaId"])


def _vote(votes_api: Api, idea_id: str, method: str = "PUT") -> int:
    body = {"value": 1} if method == "PUT" else None
    return votes_api.call(method, f"/ideas/{idea_id}/vote", route=CAST, as_="other_participant", body=body).status


def _used(challenge_id: str, voter: str = "user-oscar") -> int:
    item = (
        boto3.resource("dynamodb")
        .Table(TABLE_NAMES["VotesTable"])
        .get_item(Key={"pk": f"BUDGET#{challenge_id}#{voter}"})
    )
    return int(item.get("Item", {}).get("used", 0))


def test_a_declined_idea_gives_its_voters_budget_back_once(ballots: Any, ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    first, second = (
        _idea(ideas_api, challenge_id, "Paper tape everywhere"),
        _idea(ideas_api, challenge_id, "Refill packs"),
    )
    assert _vote(votes_api, first) == 200
    assert _vote(votes_api, second) == 409  # the budget of 1 is spent
    declined = ideas_api.call(
        "POST",
        f"/ideas/{first}/status",
        route="/ideas/{ideaId}/status",
        as_="brand_admin",
        body={"status": "declined", "response": "Not this year."},
    )
    assert declined.status == 200, declined.body
    event = sqs_event(envelope("IdeaStatusChanged", first, challenge_id, toStatus="declined"))

    answer = ballots.lambda_handler(event, LambdaContext())
    again = ballots.lambda_handler(event, LambdaContext())  # a redelivery

    assert answer == again == {"batchItemFailures": []}
    assert _used(challenge_id) == 0
    assert _vote(votes_api, second) == 200  # the budget is back
    assert _used(challenge_id) == 1


def test_a_refunded_vote_retracted_later_gives_nothing_back_twice(ballots: Any, ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=2)
    idea_id = _idea(ideas_api, challenge_id, "Paper tape everywhere")
    _vote(votes_api, idea_id)
    ballots.lambda_handler(sqs_event(envelope("IdeaWithdrawn", idea_id, challenge_id)), LambdaContext())

    assert _vote(votes_api, idea_id, "DELETE") == 204

    assert _used(challenge_id) == 0


@pytest.mark.parametrize(
    ("detail_type", "detail"),
    [
        ("IdeaStatusChanged", {"toStatus": "accepted"}),
        ("IdeaStatusChanged", {"toStatus": "under_review"}),
        ("IdeaUpdated", {}),
    ],
)
def test_events_that_do_not_close_an_idea_refund_nothing(
    ballots: Any, ideas_api: Api, votes_api: Api, detail_type: str, detail: dict[str, Any]
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    idea_id = _idea(ideas_api, challenge_id, "Paper tape everywhere")
    _vote(votes_api, idea_id)

    ballots.lambda_handler(sqs_event(envelope(detail_type, idea_id, challenge_id, **detail)), LambdaContext())

    assert _used(challenge_id) == 1


def test_a_challenge_without_budget_and_a_poison_message(ballots: Any, ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "Paper tape everywhere")
    _vote(votes_api, idea_id)
    event = sqs_event(envelope("IdeaExpired", idea_id, challenge_id), {"not": "an envelope"})

    answer = ballots.lambda_handler(event, LambdaContext())

    assert answer == {"batchItemFailures": [{"itemIdentifier": "m1"}]}  # the poison one goes back (then to the DLQ)
    assert _used(challenge_id) == 0  # no budget counter at all


def _decide(moderation_api: Api, idea_id: str, action: str, version: int) -> None:
    body = {"targetType": "idea", "targetId": idea_id, "action": action, "version": version, "reason": "other"}
    answer = moderation_api.call("POST", "/moderation/decisions", as_="moderator", body=body)
    assert answer.status == 200, answer.body


def _moderated(detail_type: str, idea_id: str, challenge_id: str, target_type: str = "idea") -> dict[str, Any]:
    """The moderation event as the bus delivers it (the handler follows the idea's status, not its fields)."""
    event = envelope(detail_type, idea_id, challenge_id, targetType=target_type, targetId=idea_id)
    event["source"] = "cocreate.moderation"
    return event


def _vote_item(idea_id: str, voter: str = "user-oscar") -> dict[str, Any] | None:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"])
    return table.get_item(Key={"pk": f"VOTE#{idea_id}#{voter}"}).get("Item")


@pytest.mark.parametrize(("action", "detail_type"), [("hide", "ModerationDecided"), ("reject", "ModerationDecided")])
def test_an_idea_moderated_away_gives_its_voters_budget_back_once(
    ballots: Any, ideas_api: Api, votes_api: Api, moderation_api: Api, action: str, detail_type: str
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    first, second = _idea(ideas_api, challenge_id, "Paper tape everywhere"), _idea(ideas_api, challenge_id, "Refills")
    assert _vote(votes_api, first) == 200
    if action == "reject":
        _decide(moderation_api, first, "hide", 0)  # reject is for hidden or pending ideas
        ballots.lambda_handler(sqs_event(_moderated("ContentHidden", first, challenge_id)), LambdaContext())
        assert _used(challenge_id) == 0
        _decide(moderation_api, first, "reject", 1)
    else:
        _decide(moderation_api, first, action, 0)
    event = sqs_event(_moderated(detail_type, first, challenge_id))

    answer = ballots.lambda_handler(event, LambdaContext())
    again = ballots.lambda_handler(event, LambdaContext())  # a redelivery

    assert answer == again == {"batchItemFailures": []}
    assert _used(challenge_id) == 0
    assert _vote(votes_api, second) == 200  # the budget is back
    assert _used(challenge_id) == 1


def test_a_restored_idea_takes_the_budget_again_where_the_voter_has_room(
    ballots: Any, ideas_api: Api, votes_api: Api, moderation_api: Api
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    idea_id = _idea(ideas_api, challenge_id, "Paper tape everywhere")
    _vote(votes_api, idea_id)
    _decide(moderation_api, idea_id, "hide", 0)
    ballots.lambda_handler(sqs_event(_moderated("ModerationDecided", idea_id, challenge_id)), LambdaContext())
    assert _used(challenge_id) == 0
    _decide(moderation_api, idea_id, "restore", 1)
    restored = sqs_event(_moderated("ModerationDecided", idea_id, challenge_id))

    ballots.lambda_handler(restored, LambdaContext())
    ballots.lambda_handler(restored, LambdaContext())  # a redelivery takes nothing twice
    late_hide = sqs_event(_moderated("ModerationDecided", idea_id, challenge_id))
    ballots.lambda_handler(late_hide, LambdaContext())  # the hide redelivered late: the idea is visible now

    assert _used(challenge_id) == 1
    vote = _vote_item(idea_id)
    assert vote is not None
    assert "refunded" not in vote
    assert _vote(votes_api, idea_id, "DELETE") == 204  # retracting it gives the unit back
    assert _used(challenge_id) == 0


def test_a_restored_idea_loses_the_votes_whose_voters_spent_the_unit_elsewhere(
    ballots: Any, ideas_api: Api, votes_api: Api, moderation_api: Api
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    first, second = _idea(ideas_api, challenge_id, "Paper tape everywhere"), _idea(ideas_api, challenge_id, "Refills")
    _vote(votes_api, first)
    _decide(moderation_api, first, "hide", 0)
    ballots.lambda_handler(sqs_event(_moderated("ContentHidden", first, challenge_id)), LambdaContext())
    assert _vote(votes_api, second) == 200  # the returned unit, spent on another idea
    _decide(moderation_api, first, "restore", 1)

    ballots.lambda_handler(sqs_event(_moderated("ModerationDecided", first, challenge_id)), LambdaContext())

    assert _vote_item(first) is None  # past the budget: removed (the tally counts it out from the stream)
    assert _vote_item(second) is not None
    assert _used(challenge_id) == 1


def test_moderation_of_a_comment_changes_no_budget(ballots: Any, ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=1)
    idea_id = _idea(ideas_api, challenge_id, "Paper tape everywhere")
    _vote(votes_api, idea_id)

    event = sqs_event(_moderated("ContentHidden", idea_id, challenge_id, target_type="comment"))
    ballots.lambda_handler(event, LambdaContext())

    assert _used(challenge_id) == 1

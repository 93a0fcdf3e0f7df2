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

"""Merging duplicates under moto: the route's rules, and the ballots function moving the votes (one
per voter on the target) and moving them back exactly when the merge is undone."""

from __future__ import annotations

import importlib
from typing import Any

import boto3
import pytest

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api

MERGE = "/ideas/{ideaId}/merge"
CAST = "/ideas/{ideaId}/vote"


def _challenge(ideas_api: Api, **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Duplicates", "phase": "submission", **settings}
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


def _merge(ideas_api: Api, source: str, target: str, as_: str = "moderator") -> Any:
    return ideas_api.call("POST", f"/ideas/{source}/merge", route=MERGE, as_=as_, body={"targetIdeaId": target})


@pytest.fixture
def pair(ideas_api: Api) -> tuple[str, str, str]:
    challenge_id = _challenge(ideas_api, voteBudget=3)
    return (
        challenge_id,
        _idea(ideas_api, challenge_id, "Refill stations"),
        _idea(ideas_api, challenge_id, "Refill points"),
    )


def test_staff_merge_a_duplicate_and_undo_it(ideas_api: Api, pair: tuple[str, str, str]) -> None:
    _, source, target = pair

    merged = _merge(ideas_api, source, target)
    undone = ideas_api.call("DELETE", f"/ideas/{source}/merge", route=MERGE, as_="brand_admin")

    assert merged.status == 200, merged.body
    assert (merged.json["status"], merged.json["mergedInto"]) == ("merged", target)
    assert merged.json["history"][-1]["to"] == "merged"
    assert (undone.json["status"], undone.json["mergedInto"]) == ("published", None)
    again = ideas_api.call("DELETE", f"/ideas/{source}/merge", route=MERGE, as_="brand_admin")
    assert again.status == 409  # not merged any more


@pytest.mark.parametrize(
    ("target", "status", "field"),
    [("self", 422, "targetIdeaId"), ("missing", 422, "targetIdeaId"), ("other-challenge", 422, "targetIdeaId")],
)
def test_a_merge_needs_another_idea_of_the_same_challenge(
    ideas_api: Api, pair: tuple[str, str, str], target: str, status: int, field: str
) -> None:
    _, source, _ = pair
    other = _idea(ideas_api, _challenge(ideas_api), "Elsewhere entirely")
    target_id = {"self": source, "missing": "nope", "other-challenge": other}[target]

    answer = _merge(ideas_api, source, target_id)

    assert answer.status == status
    assert answer.json["errors"][0]["field"] == field
    assert ideas_api.call("GET", f"/ideas/{source}", route="/ideas/{ideaId}").json["status"] == "published"


def test_no_chains_no_unknown_fields(ideas_api: Api, pair: tuple[str, str, str]) -> None:
    challenge_id, source, target = pair
    third = _idea(ideas_api, challenge_id, "Refill corners")
    assert _merge(ideas_api, source, target).status == 200

    into_merged = _merge(ideas_api, third, source)
    merged_again = _merge(ideas_api, source, third)
    unknown = ideas_api.call(
        "POST", f"/ideas/{third}/merge", route=MERGE, as_="moderator", body={"targetIdeaId": target, "x": 1}
    )

    assert (into_merged.status, merged_again.status, unknown.status) == (409, 409, 422)


@pytest.fixture
def ballots(aws: None) -> Any:
    return importlib.reload(importlib.import_module("functions.ballots.app"))


def _votes_of(idea_id: str) -> dict[str, dict[str, Any]]:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"])
    items = table.scan()["Items"]  # tests may Scan; request paths never do
    return {str(i["voterId"]): i for i in items if i.get("type") == "Vote" and i["ideaId"] == idea_id}


def _used(challenge_id: str, voter: str) -> int:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"])
    return int(table.get_item(Key={"pk": f"BUDGET#{challenge_id}#{voter}"}).get("Item", {}).get("used", 0))


def test_votes_move_to_the_target_once_per_voter_and_come_back_exactly(
    ballots: Any, ideas_api: Api, votes_api: Api, pair: tuple[str, str, str]
) -> None:
    challenge_id, source, target = pair
    for idea_id, voter in [(source, "other_participant"), (source, "moderator"), (target, "moderator")]:
        cast = votes_api.call("PUT", f"/ideas/{idea_id}/vote", route=CAST, as_=voter, body={"value": 1})
        assert cast.status == 200, cast.body
    before = {idea: _votes_of(idea) for idea in (source, target)}
    assert _merge(ideas_api, source, target, as_="brand_admin").status == 200
    merged = sqs_event(envelope("IdeaMerged", source, challenge_id, targetIdeaId=target))

    ballots.lambda_handler(merged, LambdaContext())
    ballots.lambda_handler(merged, LambdaContext())  # a redelivery moves nothing twice

    assert _votes_of(source) == {}
    moved = _votes_of(target)
    assert sorted(moved) == ["user-mia", "user-oscar"]  # the voter of both counts once
    assert moved["user-oscar"]["mergedFrom"] == source
    assert "mergedFrom" not in moved["user-mia"]
    assert (_used(challenge_id, "user-oscar"), _used(challenge_id, "user-mia")) == (1, 1)  # mia got one back

    assert ideas_api.call("DELETE", f"/ideas/{source}/merge", route=MERGE, as_="brand_admin").status == 200
    unmerged = sqs_event(envelope("IdeaUnmerged", source, challenge_id, targetIdeaId=target))
    ballots.lambda_handler(unmerged, LambdaContext())
    ballots.lambda_handler(unmerged, LambdaContext())

    assert {idea: _votes_of(idea) for idea in (source, target)} == before
    assert (_used(challenge_id, "user-oscar"), _used(challenge_id, "user-mia")) == (1, 2)


@pytest.mark.parametrize("self_votes", [False, True])
def test_a_merge_never_makes_the_target_author_a_voter_of_their_own_idea(
    ballots: Any, ideas_api: Api, votes_api: Api, self_votes: bool
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=2, allowSelfVote=self_votes)
    source = _idea(ideas_api, challenge_id, "Refill stations")  # by user-pat
    target = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="other_participant",  # user-oscar writes the target ...
        body={"title": "Refill points"},
    ).json["ideaId"]
    cast = votes_api.call("PUT", f"/ideas/{source}/vote", route=CAST, as_="other_participant", body={"value": 1})
    assert cast.status == 200, cast.body  # ... and voted for the duplicate
    assert _merge(ideas_api, source, target).status == 200
    merged = sqs_event(envelope("IdeaMerged", source, challenge_id, targetIdeaId=target))

    ballots.lambda_handler(merged, LambdaContext())
    ballots.lambda_handler(merged, LambdaContext())  # a redelivery changes nothing

    assert _votes_of(source) == {}
    assert sorted(_votes_of(target)) == (["user-oscar"] if self_votes else [])
    assert _used(challenge_id, "user-oscar") == (1 if self_votes else 0)  # the dropped vote's unit is back

    assert ideas_api.call("DELETE", f"/ideas/{source}/merge", route=MERGE, as_="brand_admin").status == 200
    ballots.lambda_handler(
        sqs_event(envelope("IdeaUnmerged", source, challenge_id, targetIdeaId=target)), LambdaContext()
    )

    assert sorted(_votes_of(source)) == ["user-oscar"]  # undoing the merge brings the vote back
    assert _votes_of(target) == {}
    assert _used(challenge_id, "user-oscar") == 1

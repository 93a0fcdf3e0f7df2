"""The votes function's routes under moto: rules, refusals that write nothing, budgets, my votes."""

from __future__ import annotations

import time
from typing import Any

import boto3
import pytest

from shared.store.records import idea_key
from shared.store.votes import HEAL_AFTER_SECONDS
from tests.integration.conftest import TABLE_NAMES, Api

CAST = "/ideas/{ideaId}/vote"


def _challenge(ideas_api: Api, **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", **settings}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _idea(ideas_api: Api, challenge_id: str, title: str = "Paper tape on every parcel") -> str:
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": title},
    )
    assert answer.status == 201, answer.body
    return str(answer.json["ideaId"])


def _vote(votes_api: Api, idea_id: str, value: int = 1, as_: str = "other_participant") -> Any:
    return votes_api.call("PUT", f"/ideas/{idea_id}/vote", route=CAST, as_=as_, body={"value": value})


def _votes_items() -> list[dict[str, Any]]:
    return boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"]).scan()["Items"]


@pytest.fixture
def updown_idea(ideas_api: Api) -> str:
    return _idea(ideas_api, _challenge(ideas_api, voteModel="updown"))


def test_a_vote_is_cast_and_listed_as_mine(ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id)

    answer = _vote(votes_api, idea_id)
    mine = votes_api.call("GET", "/me/votes", as_="other_participant", query={"challengeId": challenge_id})

    assert answer.status == 200
    assert answer.json["value"] == 1
    assert answer.json["ideaId"] == idea_id
    assert [v["ideaId"] for v in mine.json["items"]] == [idea_id]
    assert mine.json["nextCursor"] is None


def test_the_same_vote_twice_answers_the_same_and_stores_one_item(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api))

    first, second = _vote(votes_api, idea_id), _vote(votes_api, idea_id)

    assert first.status == second.status == 200
    assert first.json == second.json
    assert len([i for i in _votes_items() if i["pk"].startswith("VOTE#")]) == 1


def test_an_updown_vote_can_change_its_value(votes_api: Api, updown_idea: str) -> None:
    _vote(votes_api, updown_idea, 1)

    answer = _vote(votes_api, updown_idea, -1)

    assert answer.status == 200
    assert answer.json["value"] == -1
    assert [i["value"] for i in _votes_items() if i["pk"].startswith("VOTE#")] == [-1]


def test_a_support_challenge_refuses_a_down_vote_and_writes_nothing(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api))

    answer = _vote(votes_api, idea_id, -1)

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "value"
    assert _votes_items() == []


@pytest.mark.parametrize("value", [0, 2, "1", None])
def test_values_other_than_plus_or_minus_one_are_invalid(votes_api: Api, updown_idea: str, value: Any) -> None:
    answer = votes_api.call("PUT", f"/ideas/{updown_idea}/vote", route=CAST, as_="participant", body={"value": value})

    assert answer.status == 422
    assert _votes_items() == []


def test_authors_cannot_vote_for_their_own_idea(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api))

    answer = _vote(votes_api, idea_id, as_="participant")

    assert answer.status == 403
    assert _votes_items() == []


def test_authors_vote_for_their_own_idea_when_the_challenge_allows_it(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api, allowSelfVote=True))

    assert _vote(votes_api, idea_id, as_="participant").status == 200


def test_an_unknown_idea_is_not_found(votes_api: Api, aws: None) -> None:
    assert _vote(votes_api, "no-such-idea").status == 404
    assert votes_api.call("DELETE", "/ideas/no-such-idea/vote", route=CAST, as_="participant").status == 404


def test_a_pending_idea_takes_no_votes(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api, moderation="pre"))

    assert _vote(votes_api, idea_id).status == 404  # invisible to other participants
    assert _vote(votes_api, idea_id, as_="moderator").status == 409  # visible to staff, but not published
    assert _votes_items() == []


def test_a_closed_phase_refuses_votes_and_retracts(ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id)
    _vote(votes_api, idea_id)
    moved = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge_id}",
        route="/challenges/{challengeId}",
        as_="brand_admin",
        body={"phase": "review"},
    )
    assert moved.status == 200, moved.body

    cast = _vote(votes_api, idea_id, as_="moderator")
    retract = votes_api.call("DELETE", f"/ideas/{idea_id}/vote", route=CAST, as_="other_participant")

    assert cast.status == retract.status == 409
    assert cast.json["type"].endswith("rule-violation")
    assert len([i for i in _votes_items() if i["pk"].startswith("VOTE#")]) == 1


def test_a_retract_removes_the_vote_and_a_second_retract_is_harmless(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api))
    _vote(votes_api, idea_id)

    first = votes_api.call("DELETE", f"/ideas/{idea_id}/vote", route=CAST, as_="other_participant")
    second = votes_api.call("DELETE", f"/ideas/{idea_id}/vote", route=CAST, as_="other_participant")

    assert first.status == second.status == 204
    assert _votes_items() == []


def test_the_budget_refuses_a_vote_past_it_and_a_retract_gives_one_back(ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=2)
    ideas = [_idea(ideas_api, challenge_id, f"Idea number {n}") for n in range(3)]
    assert _vote(votes_api, ideas[0]).status == 200
    assert _vote(votes_api, ideas[1]).status == 200
    assert _vote(votes_api, ideas[1]).status == 200  # the same vote again spends nothing

    refused = _vote(votes_api, ideas[2])
    votes_api.call("DELETE", f"/ideas/{ideas[0]}/vote", route=CAST, as_="other_participant")
    accepted = _vote(votes_api, ideas[2])

    assert refused.status == 409
    assert "2 of your votes" in refused.json["detail"]
    assert accepted.status == 200
    budget = [i for i in _votes_items() if i["pk"].startswith("BUDGET#")]
    assert [int(b["used"]) for b in budget] == [2]


def test_a_unit_a_dead_request_left_taken_is_recounted_once_the_counter_is_stale(
    ideas_api: Api, votes_api: Api
) -> None:
    challenge_id = _challenge(ideas_api, voteBudget=2)
    ideas = [_idea(ideas_api, challenge_id, f"Idea number {n}") for n in range(3)]
    assert _vote(votes_api, ideas[0]).status == 200
    client = boto3.client("dynamodb")
    key = {"pk": {"S": f"BUDGET#{challenge_id}#user-oscar"}}
    leak = {":one": {"N": "1"}, ":now": {"N": str(int(time.time()))}}
    client.update_item(  # a request took a unit, then died before writing its vote
        TableName=TABLE_NAMES["VotesTable"],
        Key=key,
        UpdateExpression="SET #at = :now ADD used :one",
        ExpressionAttributeNames={"#at": "at"},
        ExpressionAttributeValues=leak,
    )

    refused = _vote(votes_api, ideas[1])  # the counter says 2: a vote may still be in flight
    stale = {":then": {"N": str(int(time.time()) - HEAL_AFTER_SECONDS - 1)}}
    client.update_item(
        TableName=TABLE_NAMES["VotesTable"],
        Key=key,
        UpdateExpression="SET #at = :then",
        ExpressionAttributeNames={"#at": "at"},
        ExpressionAttributeValues=stale,
    )
    accepted = _vote(votes_api, ideas[1])  # recounted: one active vote, so room for this one
    past = _vote(votes_api, ideas[2])

    assert (refused.status, accepted.status, past.status) == (409, 200, 409)
    budget = [i for i in _votes_items() if i["pk"].startswith("BUDGET#")]
    assert [int(b["used"]) for b in budget] == [2]


def test_my_votes_are_paginated_with_signed_cursors(ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    ideas = {_idea(ideas_api, challenge_id, f"Idea number {n}") for n in range(3)}
    for idea_id in ideas:
        _vote(votes_api, idea_id)

    seen: list[str] = []
    cursor = None
    for _ in range(5):
        query = {"challengeId": challenge_id, "limit": "2", **({"cursor": cursor} if cursor else {})}
        page = votes_api.call("GET", "/me/votes", as_="other_participant", query=query)
        assert page.status == 200
        seen += [v["ideaId"] for v in page.json["items"]]
        cursor = page.json["nextCursor"]
        if cursor is None:
            break
    others = votes_api.call("GET", "/me/votes", as_="moderator", query={"challengeId": challenge_id})
    forged = votes_api.call(
        "GET",
        "/me/votes",
        as_="moderator",
        query={"challengeId": challenge_id, "cursor": "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
    )

    assert sorted(seen) == sorted(ideas)
    assert others.json["items"] == []
    assert forged.status == 422


def test_my_votes_need_a_challenge(votes_api: Api, aws: None) -> None:
    assert votes_api.call("GET", "/me/votes", as_="participant").status == 422


def _review(ideas_api: Api, idea_id: str, status: str) -> None:
    answer = ideas_api.call(
        "POST", f"/ideas/{idea_id}/status", route="/ideas/{ideaId}/status", as_="brand_admin", body={"status": status}
    )
    assert answer.status == 200, answer.body


def _expire(idea_id: str) -> None:
    """The schedule's move (tested in test_idea_lifecycle_api): here only the status matters."""
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    table.update_item(
        Key=idea_key(idea_id),
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": "expired"},
    )


@pytest.mark.parametrize(
    "path",
    [
        ["under_review"],
        ["accepted"],
        ["accepted", "in_development"],
        ["accepted", "shipped"],
        ["declined"],
        ["merged"],
        ["expired"],
    ],
)
def test_a_vote_on_an_idea_that_left_voting_cannot_be_retracted(
    ideas_api: Api, votes_api: Api, path: list[str]
) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id)
    assert _vote(votes_api, idea_id).status == 200
    for status in path:
        if status == "merged":
            target = _idea(ideas_api, challenge_id, "The same idea, said better")
            merge = ideas_api.call(
                "POST",
                f"/ideas/{idea_id}/merge",
                route="/ideas/{ideaId}/merge",
                as_="brand_admin",
                body={"targetIdeaId": target},
            )
            assert merge.status == 200, merge.body
        elif status == "expired":
            _expire(idea_id)
        else:
            _review(ideas_api, idea_id, status)

    retract = votes_api.call("DELETE", f"/ideas/{idea_id}/vote", route=CAST, as_="other_participant")

    assert retract.status == 409, retract.body
    assert retract.json["type"].endswith("rule-violation")
    assert path[-1] in retract.json["detail"]
    assert len([i for i in _votes_items() if i["pk"].startswith("VOTE#")]) == 1

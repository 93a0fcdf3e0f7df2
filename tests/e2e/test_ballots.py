"""Budgets given back on the local cloud: an idea declined by the brand -> IdeaStatusChanged on the
bus -> the ballots rule and queue -> the ballots function -> the voter can spend the vote again."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "ballots-e2e"


def test_a_declined_idea_gives_its_voters_their_votes_back(call: Call, token: Callable[..., str]) -> None:
    admin = token("ballots-admin", [f"brand-{BRAND}-admins"])
    voter = token("ballots-voter")
    body = {"brandId": BRAND, "title": "Budgets", "phase": "submission", "voteBudget": 1}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    first, second = (
        call("POST", f"/challenges/{challenge_id}/ideas", token=token("ballots-author"), json={"title": title}).json()[
            "ideaId"
        ]
        for title in ("Refill stations in stores", "Paper tape on parcels")
    )
    assert call("PUT", f"/ideas/{first}/vote", token=voter, json={"value": 1}).status_code == 200
    refused = call("PUT", f"/ideas/{second}/vote", token=voter, json={"value": 1})
    assert refused.status_code == 409, refused.text

    declined = call("POST", f"/ideas/{first}/status", token=admin, json={"status": "declined", "response": "No."})
    assert declined.status_code == 200, declined.text

    deadline = time.monotonic() + 30
    while (answer := call("PUT", f"/ideas/{second}/vote", token=voter, json={"value": 1})).status_code == 409:
        assert time.monotonic() < deadline, "the budget never came back"
        time.sleep(0.5)
    assert answer.status_code == 200, answer.text
    mine = call("GET", "/me/votes", token=voter, params={"challengeId": challenge_id}).json()["items"]
    assert {(v["ideaId"], v["refunded"]) for v in mine} == {(first, True), (second, False)}


def test_a_hidden_idea_gives_the_votes_back_and_restoring_it_takes_them_again(
    call: Call, token: Callable[..., str]
) -> None:
    admin = token("hide-admin", [f"brand-{BRAND}-admins"])
    moderator = token("hide-moderator", [f"brand-{BRAND}-moderators"])
    voter = token("hide-voter")
    body = {"brandId": BRAND, "title": "Moderated budgets", "phase": "submission", "voteBudget": 1}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    idea_id = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("hide-author"), json={"title": "Refill stations"}
    ).json()["ideaId"]
    assert call("PUT", f"/ideas/{idea_id}/vote", token=voter, json={"value": 1}).status_code == 200

    def refunded() -> bool | None:
        items = call("GET", "/me/votes", token=voter, params={"challengeId": challenge_id}).json()["items"]
        return items[0]["refunded"] if items else None

    def steps() -> list[str]:
        query = {"brandId": BRAND, "targetType": "idea", "targetId": idea_id}
        return [e["step"] for e in call("GET", "/moderation/audit", token=moderator, params=query).json()["items"]]

    _wait(lambda: "screened" in steps())
    for n in range(9):  # nine fresh reporters hide it: ContentHidden -> the ballots rule -> the budget is back
        answer = call("POST", f"/ideas/{idea_id}/reports", token=token(f"hide-reporter-{n}"), json={"reason": "spam"})
        assert answer.status_code == 201, answer.text
    _wait(lambda: refunded() is True)
    queue = call("GET", "/moderation/queue", token=moderator, params={"brandId": BRAND}).json()["items"]
    [case] = [c for c in queue if c["targetId"] == idea_id]
    decision = {"targetType": "idea", "targetId": idea_id, "action": "restore", "version": case["version"]}
    restored = call("POST", "/moderation/decisions", token=moderator, json={**decision, "reason": "other"})
    assert restored.status_code == 200, restored.text
    _wait(lambda: refunded() is False)  # ModerationDecided: the vote counts again (the voter had room)
    other = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("hide-author"), json={"title": "Paper tape"}
    ).json()["ideaId"]
    refused = call("PUT", f"/ideas/{other}/vote", token=voter, json={"value": 1})
    assert refused.status_code == 409, refused.text  # the one vote of the budget is on the restored idea


def _votes(call: Call, idea_id: str) -> tuple[int, int]:
    votes = call("GET", f"/ideas/{idea_id}").json()["votes"]
    return votes["up"], votes["down"]


def _mine(call: Call, who: str, challenge_id: str) -> dict[str, int]:
    items = call("GET", "/me/votes", token=who, params={"challengeId": challenge_id}).json()["items"]
    return {v["ideaId"]: v["value"] for v in items}


def _wait(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def test_a_merge_moves_voters_once_and_followers_and_undoing_it_restores_both_sides(
    call: Call, token: Callable[..., str]
) -> None:
    staff = token("merge-moderator", [f"brand-{BRAND}-moderators"])
    admin = token("merge-admin", [f"brand-{BRAND}-admins"])
    body = {"brandId": BRAND, "title": "Duplicates", "phase": "submission", "voteModel": "updown"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    source, target = (
        call("POST", f"/challenges/{challenge_id}/ideas", token=token("merge-author"), json={"title": t}).json()[
            "ideaId"
        ]
        for t in ("Refill stations in every store", "Refill points in stores")
    )
    ballots = {"ann": [(source, 1)], "bob": [(source, -1)], "cy": [(source, 1), (target, 1)], "dee": [(target, -1)]}
    for voter, cast in ballots.items():
        for idea_id, value in cast:
            answer = call("PUT", f"/ideas/{idea_id}/vote", token=token(voter), json={"value": value})
            assert answer.status_code == 200, answer.text
    _wait(lambda: _votes(call, source) == (2, 1) and _votes(call, target) == (1, 1))
    fay = token("fay")
    assert call("PUT", f"/ideas/{source}/subscription", token=fay).status_code == 200

    def follows(idea_id: str, who: str) -> bool:
        return bool(call("GET", f"/ideas/{idea_id}/subscription", token=who).json()["following"])

    assert follows(source, token("ann"))  # a vote is a follow (decision 68)

    merged = call("POST", f"/ideas/{source}/merge", token=staff, json={"targetIdeaId": target})
    assert merged.status_code == 200, merged.text
    assert merged.json()["mergedInto"] == target
    # ann and bob move over; cy counts once (the target vote stays); dee is untouched
    _wait(lambda: _votes(call, source) == (0, 0) and _votes(call, target) == (2, 2))
    _wait(lambda: follows(target, fay))  # followers of the duplicate follow the target
    assert _mine(call, token("ann"), challenge_id) == {target: 1}
    assert _mine(call, token("cy"), challenge_id) == {target: 1}

    undone = call("DELETE", f"/ideas/{source}/merge", token=staff)
    assert undone.status_code == 200, undone.text
    assert undone.json()["status"] == "published"
    _wait(lambda: _votes(call, source) == (2, 1) and _votes(call, target) == (1, 1))
    _wait(lambda: not follows(target, fay))
    assert follows(source, fay)
    assert {voter: _mine(call, token(voter), challenge_id) for voter in ballots} == {
        voter: dict(cast) for voter, cast in ballots.items()
    }  # every voter's votes exactly as before the merge
    kinds = {"IdeaMerged", "IdeaUnmerged"}
    events = [e for kind in kinds for e in call("GET", "/_local/events", params={"detailType": kind}).json()["items"]]
    assert sorted(e["detail-type"] for e in events if e["detail"]["ideaId"] == source) == sorted(kinds)


def test_a_merge_drops_the_target_authors_vote_and_gives_the_unit_back(call: Call, token: Callable[..., str]) -> None:
    admin = token("self-admin", [f"brand-{BRAND}-admins"])
    body = {"brandId": BRAND, "title": "Self votes", "phase": "submission", "voteBudget": 1}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    target_author = token("self-target-author")
    source = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("self-source-author"), json={"title": "Refills"}
    ).json()["ideaId"]
    target = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=target_author, json={"title": "Refill points"}
    ).json()["ideaId"]
    assert call("PUT", f"/ideas/{source}/vote", token=target_author, json={"value": 1}).status_code == 200
    _wait(lambda: _votes(call, source) == (1, 0))

    merged = call("POST", f"/ideas/{source}/merge", token=admin, json={"targetIdeaId": target})
    assert merged.status_code == 200, merged.text

    _wait(lambda: _mine(call, target_author, challenge_id) == {})  # not moved onto their own idea
    assert _votes(call, target) == (0, 0)
    other = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("self-third-author"), json={"title": "Paper tape"}
    ).json()["ideaId"]
    assert call("PUT", f"/ideas/{other}/vote", token=target_author, json={"value": 1}).status_code == 200  # unit back

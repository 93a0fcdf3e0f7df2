"""Per-phase switches (phaseRules) through the API on moto: defaults shown, switches enforced for
submissions, votes, comments and withdrawals, and where votes are taken frozen out of draft."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Api

IDEAS = "/challenges/{challengeId}/ideas"
CHALLENGE = "/challenges/{challengeId}"


def _create(ideas_api: Api, **fields: Any) -> str:
    body = {"brandId": "acme", "title": "Phase rules", "phase": "submission", **fields}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _phase(ideas_api: Api, challenge_id: str, phase: str) -> None:
    moved = ideas_api.call(
        "PATCH", f"/challenges/{challenge_id}", route=CHALLENGE, as_="brand_admin", body={"phase": phase}
    )
    assert moved.status == 200, moved.body


def _submit(ideas_api: Api, challenge_id: str, title: str = "Refill stations in stores") -> Any:
    return ideas_api.call(
        "POST", f"/challenges/{challenge_id}/ideas", route=IDEAS, as_="participant", body={"title": title}
    )


def _vote(votes_api: Api, idea_id: str) -> Any:
    return votes_api.call(
        "PUT", f"/ideas/{idea_id}/vote", route="/ideas/{ideaId}/vote", as_="other_participant", body={"value": 1}
    )


def _comment(ideas_api: Api, idea_id: str, as_: str = "other_participant") -> Any:
    return ideas_api.call(
        "POST", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments", as_=as_, body={"body": "Yes please"}
    )


def _withdraw(ideas_api: Api, idea_id: str) -> Any:
    return ideas_api.call("DELETE", f"/ideas/{idea_id}", route="/ideas/{ideaId}", as_="participant")


def test_the_defaults_are_the_behaviour_before_switches(ideas_api: Api) -> None:
    challenge_id = _create(ideas_api)

    rules = ideas_api.call("GET", f"/challenges/{challenge_id}", route=CHALLENGE).json["phaseRules"]

    every = {"submit": True, "vote": True, "comment": True, "withdraw": True}
    assert rules == {
        "submission": every,
        "voting": {**every, "submit": False},
        "review": {**every, "submit": False, "vote": False},
        "closed": {**every, "submit": False, "vote": False},
    }


def test_switches_are_enforced_for_each_action_in_each_phase(ideas_api: Api, votes_api: Api) -> None:
    rules = {
        "submission": {"vote": False},  # ideas first, support later
        "voting": {"submit": True},  # late ideas are welcome
        "review": {"comment": False, "withdraw": False},  # the jury deliberates
    }
    challenge_id = _create(ideas_api, phaseRules=rules)
    early = _submit(ideas_api, challenge_id).json["ideaId"]

    refused_vote = _vote(votes_api, early)
    assert refused_vote.status == 409, refused_vote.body
    assert "voting is closed" in refused_vote.json["detail"]
    assert ideas_api.call("GET", f"/ideas/{early}", route="/ideas/{ideaId}").json["votes"]["up"] == 0

    _phase(ideas_api, challenge_id, "voting")
    late = _submit(ideas_api, challenge_id, "Paper tape on parcels")
    assert late.status == 201, late.body
    assert _vote(votes_api, early).status == 200
    assert _comment(ideas_api, early).status == 201

    _phase(ideas_api, challenge_id, "review")
    refused_comment = _comment(ideas_api, early)
    refused_withdraw = _withdraw(ideas_api, late.json["ideaId"])
    staff_answer = _comment(ideas_api, early, as_="moderator")

    assert refused_comment.status == refused_withdraw.status == 409
    assert "comments are closed" in refused_comment.json["detail"]
    assert "withdrawals are closed" in refused_withdraw.json["detail"]
    assert staff_answer.status == 201, staff_answer.body  # the brand may always answer
    assert ideas_api.call("GET", f"/ideas/{late.json['ideaId']}", route="/ideas/{ideaId}").json["status"] == "published"


def test_withdrawals_and_comments_can_close_with_the_challenge(ideas_api: Api) -> None:
    challenge_id = _create(ideas_api, phaseRules={"closed": {"comment": False, "withdraw": False}})
    idea_id = _submit(ideas_api, challenge_id).json["ideaId"]
    _phase(ideas_api, challenge_id, "closed")

    assert _comment(ideas_api, idea_id).status == 409
    assert _withdraw(ideas_api, idea_id).status == 409


def test_where_votes_are_taken_is_fixed_out_of_draft_and_a_draft_takes_no_switches(ideas_api: Api) -> None:
    challenge_id = _create(ideas_api)

    frozen = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge_id}",
        route=CHALLENGE,
        as_="brand_admin",
        body={"phaseRules": {"review": {"vote": True}}},
    )
    other = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge_id}",
        route=CHALLENGE,
        as_="brand_admin",
        body={"phaseRules": {"review": {"comment": False}}},
    )
    draft = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={"brandId": "acme", "title": "Drafted", "phaseRules": {"draft": {"submit": True}}},
    )
    unknown = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={"brandId": "acme", "title": "Drafted", "phaseRules": {"voting": {"cheer": True}}},
    )

    assert frozen.status == 409, frozen.body
    assert "phaseRules" in frozen.json["detail"]
    assert other.status == 200, other.body  # comments and withdrawals may change at any time
    assert other.json["phaseRules"]["review"]["comment"] is False
    assert draft.status == 422
    assert draft.json["errors"][0]["field"] == "phaseRules.draft"
    assert unknown.status == 422
    assert unknown.json["errors"][0]["field"] == "phaseRules.voting.cheer"

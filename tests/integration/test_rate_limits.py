"""Per-user rolling limits on ideas, comments, reports and votes: a 429 problem+json with
Retry-After that writes nothing, the brand's own limits per challenge, staff not limited."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.integration.conftest import TABLE_NAMES, Api

IDEAS = "/challenges/{challengeId}/ideas"
COMMENTS = "/ideas/{ideaId}/comments"
VOTE = "/ideas/{ideaId}/vote"
REPORTS = "/ideas/{ideaId}/reports"


def _challenge(ideas_api: Api, **limits: tuple[int, int]) -> str:
    body: dict[str, Any] = {"brandId": "acme", "title": "Limited", "phase": "submission", "maxIdeasPerUser": 50}
    if limits:
        body["rateLimits"] = {kind: {"max": n, "windowSeconds": s} for kind, (n, s) in limits.items()}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _submit(ideas_api: Api, challenge_id: str, as_: str = "participant", title: str = "An idea worth a try") -> Any:
    path = f"/challenges/{challenge_id}/ideas"
    return ideas_api.call("POST", path, route=IDEAS, as_=as_, body={"title": title})


def _items(table: str) -> list[dict[str, Any]]:
    return boto3.resource("dynamodb").Table(TABLE_NAMES[table]).scan()["Items"]


def _assert_limited(answer: Any, kind: str) -> None:
    assert answer.status == 429, answer.body
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json["type"].endswith("/too-many-requests")
    assert kind in answer.json["detail"]
    assert 1 <= int(answer.headers["Retry-After"]) <= 3600
    assert answer.headers["RateLimit"].endswith(f";r=0;t={answer.headers['Retry-After']}")


def _age(key_start: str, seconds: int) -> None:
    """Move every recorded action under the key back in time, as if ``seconds`` had passed."""
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["RateLimitsTable"])
    for item in table.scan()["Items"]:
        if item["pk"].startswith(key_start):
            slots = {slot: int(at) - seconds for slot, at in item["slots"].items()}
            table.update_item(
                Key={"pk": item["pk"]}, UpdateExpression="SET slots = :s", ExpressionAttributeValues={":s": slots}
            )


def test_submissions_past_the_challenges_limit_are_refused_with_retry_after_and_write_nothing(ideas_api: Api) -> None:
    challenge_id = _challenge(ideas_api, ideas=(2, 3600))
    assert [_submit(ideas_api, challenge_id).status for _ in range(2)] == [201, 201]
    before = len(_items("ContentTable"))

    refused = _submit(ideas_api, challenge_id)

    _assert_limited(refused, "submit ideas 2 per hour")
    wait = refused.headers["Retry-After"]
    assert refused.headers["RateLimit-Policy"] == '"ideas";q=2;w=3600'
    assert refused.headers["RateLimit"] == f'"ideas";r=0;t={wait}'
    assert len(_items("ContentTable")) == before
    assert _submit(ideas_api, challenge_id, as_="other_participant").status == 201  # per user
    _age("ideas#", 3600)
    assert _submit(ideas_api, challenge_id).status == 201  # the window rolled on


def test_comments_are_limited_per_user(ideas_api: Api) -> None:
    challenge_id = _challenge(ideas_api, comments=(3, 600))
    idea_id = _submit(ideas_api, challenge_id).json["ideaId"]
    path = f"/ideas/{idea_id}/comments"

    def comment(as_: str = "other_participant") -> Any:
        return ideas_api.call("POST", path, route=COMMENTS, as_=as_, body={"body": "Good point, and more"})

    assert [comment().status for _ in range(3)] == [201, 201, 201]
    before = len(_items("ContentTable"))
    _assert_limited(comment(), "comment 3 per 10 minutes")
    assert len(_items("ContentTable")) == before
    assert comment(as_="brand_admin").status == 201  # staff answer without a limit
    assert comment(as_="moderator").status == 201


def test_votes_are_limited_and_the_same_vote_again_takes_no_slot(ideas_api: Api, votes_api: Api) -> None:
    challenge_id = _challenge(ideas_api, votes=(2, 600), ideas=(10, 3600))
    ideas = [_submit(ideas_api, challenge_id, title=f"Idea number {n}").json["ideaId"] for n in range(3)]

    def vote(idea_id: str) -> Any:
        return votes_api.call("PUT", f"/ideas/{idea_id}/vote", route=VOTE, as_="other_participant", body={"value": 1})

    assert vote(ideas[0]).status == 200
    assert vote(ideas[0]).status == 200  # the same vote again: nothing written, no slot taken
    assert vote(ideas[1]).status == 200
    _assert_limited(vote(ideas[2]), "vote 2 per 10 minutes")
    assert not [item for item in _items("VotesTable") if item["pk"].startswith(f"VOTE#{ideas[2]}#")]
    retract = votes_api.call("DELETE", f"/ideas/{ideas[1]}/vote", route=VOTE, as_="other_participant")
    _assert_limited(retract, "vote")  # retracting is voting too
    assert [item for item in _items("VotesTable") if item["pk"] == f"VOTE#{ideas[1]}#user-oscar"]  # still there


def test_reports_are_limited_per_user(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, reports=(2, 3600), ideas=(10, 3600))
    ideas = [_submit(ideas_api, challenge_id, title=f"Reportable idea {n}").json["ideaId"] for n in range(3)]

    def report(idea_id: str) -> Any:
        body = {"reason": "spam"}
        return moderation_api.call(
            "POST", f"/ideas/{idea_id}/reports", route=REPORTS, as_="other_participant", body=body
        )

    assert [report(idea_id).status for idea_id in ideas[:2]] == [201, 201]
    before = len(_items("ModerationTable")), len(_items("AuditTable"))
    _assert_limited(report(ideas[2]), "report 2 per hour")
    assert (len(_items("ModerationTable")), len(_items("AuditTable"))) == before


def test_without_settings_the_documented_defaults_hold(ideas_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    read = ideas_api.call("GET", f"/challenges/{challenge_id}", route="/challenges/{challengeId}").json

    assert read["rateLimits"] == {
        "ideas": {"max": 10, "windowSeconds": 3600},
        "comments": {"max": 30, "windowSeconds": 3600},
        "reports": {"max": 10, "windowSeconds": 3600},
        "votes": {"max": 60, "windowSeconds": 600},
    }
    assert [_submit(ideas_api, challenge_id).status for _ in range(11)] == [201] * 10 + [429]


def test_a_brand_changes_a_limit_and_the_new_one_applies(ideas_api: Api) -> None:
    challenge_id = _challenge(ideas_api, ideas=(1, 3600))
    assert _submit(ideas_api, challenge_id).status == 201
    assert _submit(ideas_api, challenge_id).status == 429
    patched = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge_id}",
        route="/challenges/{challengeId}",
        as_="brand_admin",
        body={"rateLimits": {"ideas": {"max": 3, "windowSeconds": 3600}}},
    )
    assert patched.status == 200, patched.body
    assert patched.json["rateLimits"]["ideas"] == {"max": 3, "windowSeconds": 3600}
    assert patched.json["rateLimits"]["votes"] == {"max": 60, "windowSeconds": 600}  # the others stay default
    assert _submit(ideas_api, challenge_id).status == 201


@pytest.mark.parametrize(
    ("limits", "field"),
    [
        ({"ideas": {"max": 0, "windowSeconds": 3600}}, "rateLimits.ideas.max"),
        ({"ideas": {"max": 101, "windowSeconds": 3600}}, "rateLimits.ideas.max"),
        ({"votes": {"max": 5, "windowSeconds": 59}}, "rateLimits.votes.windowSeconds"),
        ({"votes": {"max": 5}}, "rateLimits.votes.windowSeconds"),
        ({"likes": {"max": 5, "windowSeconds": 60}}, "rateLimits.likes"),
        ({"ideas": {"max": 5, "windowSeconds": 60, "burst": 2}}, "rateLimits.ideas.burst"),
    ],
)
def test_bad_limits_are_refused_naming_the_field(ideas_api: Api, limits: dict[str, Any], field: str) -> None:
    body = {"brandId": "acme", "title": "Limited", "rateLimits": limits}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)

    assert answer.status == 422
    assert field in [error["field"] for error in answer.json["errors"]]

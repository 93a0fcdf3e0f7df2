"""Moderation under moto: screening from the bus (through the queue), reports, the queue, decisions
with stale-view protection, appeals, and the audit log of every step."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, Api

CLEAN = "Refill stations for shampoo in every store"
PROFANE = "This fucking packaging is shit, total bullshit"
PERSONAL = "Call me on +44 7700 900123 or mail jane.doe@example.com about refills"


def _challenge(ideas_api: Api, moderation: str = "post", **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Moderated", "phase": "submission", "moderation": moderation, **settings}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _idea(ideas_api: Api, challenge_id: str, title: str, description: str = "") -> str:
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": title[:120], "description": description},
    )
    assert answer.status == 201, answer.body
    return str(answer.json["ideaId"])


def _screen(moderation_api: Api, challenge_id: str, idea_id: str, event_id: str = "evt-1") -> Any:
    event = envelope("IdeaSubmitted", idea_id, challenge_id, authorId="user-pat")
    event["detail"]["eventId"] = event_id
    return moderation_api.module.lambda_handler(sqs_event(event), LambdaContext())


def _status(ideas_api: Api, idea_id: str) -> str:
    return str(ideas_api.call("GET", f"/ideas/{idea_id}", route="/ideas/{ideaId}", as_="brand_admin").json["status"])


def _queue(moderation_api: Api, as_: str = "moderator", **query: str) -> Any:
    return moderation_api.call("GET", "/moderation/queue", as_=as_, query={"brandId": "acme", **query})


def _audit(moderation_api: Api, **query: str) -> list[dict[str, Any]]:
    answer = moderation_api.call("GET", "/moderation/audit", as_="moderator", query={"brandId": "acme", **query})
    assert answer.status == 200, answer.body
    return list(answer.json["items"])


def _decide(moderation_api: Api, idea_id: str, action: str, version: int, as_: str = "moderator", **extra: Any) -> Any:
    body = {"targetType": "idea", "targetId": idea_id, "action": action, "version": version, **extra}
    return moderation_api.call("POST", "/moderation/decisions", as_=as_, body=body)


@pytest.mark.parametrize(
    ("moderation", "text", "status", "queued"),
    [
        ("post", CLEAN, "published", False),
        ("post", PROFANE, "hidden", True),
        ("post", PERSONAL, "published", True),  # held: queued, nothing hidden
        ("pre", CLEAN, "published", False),  # approve publishes
        ("pre", PERSONAL, "pending", True),  # hold: queued, still pending
        ("pre", PROFANE, "rejected", True),
    ],
)
def test_screening_outcomes(
    ideas_api: Api, moderation_api: Api, moderation: str, text: str, status: str, queued: bool
) -> None:
    challenge_id = _challenge(ideas_api, moderation)
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves", text)

    answer = _screen(moderation_api, challenge_id, idea_id)
    _screen(moderation_api, challenge_id, idea_id)  # a redelivery is recorded once

    assert answer == {"batchItemFailures": []}
    assert _status(ideas_api, idea_id) == status
    assert [c["targetId"] for c in _queue(moderation_api).json["items"]] == ([idea_id] if queued else [])
    screened = _audit(moderation_api, targetType="idea", targetId=idea_id)
    assert [entry["step"] for entry in screened] == ["screened"]
    assert screened[0]["actor"] == "system:screening"


def test_a_brand_blocklist_holds(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, blocklist=["rivalco"])
    idea_id = _idea(ideas_api, challenge_id, "Better than RivalCo refills")

    _screen(moderation_api, challenge_id, idea_id)

    [case] = _queue(moderation_api).json["items"]
    assert case["reasons"] == ["blocklist"]
    assert case["verdict"] == "hold"


def _with_standing(user_id: str, brand_id: str = "acme") -> None:
    """Give a user standing in the brand as moderation records it: one approved item."""
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ModerationTable"])
    table.put_item(Item={"pk": f"AUTHOR#{user_id}", "sk": brand_id, "approved": 1})


def _reporter(moderation_api: Api, idea_id: str) -> Any:
    def report(as_: str, reason: str = "spam") -> Any:
        body = {"reason": reason, "note": "seen twice"}
        return moderation_api.call(
            "POST", f"/ideas/{idea_id}/reports", route="/ideas/{ideaId}/reports", as_=as_, body=body
        )

    return report


def test_three_reports_by_reporters_with_standing_hide_an_idea_and_queue_it(
    ideas_api: Api, moderation_api: Api
) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "Refill stations in every store")
    report = _reporter(moderation_api, idea_id)
    _with_standing("user-oscar")
    _with_standing("user-mona")

    assert report("other_participant").status == 201
    assert report("other_participant").status == 409  # once per user
    assert report("participant").status == 403  # not your own
    assert report("other_brand_moderator", "off_topic").status == 201
    assert _status(ideas_api, idea_id) == "published"
    assert report("operator").status == 201  # staff have standing

    assert _status(ideas_api, idea_id) == "hidden"
    [case] = _queue(moderation_api).json["items"]
    assert (case["reports"], case["reportReasons"]) == (3, {"spam": 2, "off_topic": 1})
    entries = _audit(moderation_api, targetType="idea", targetId=idea_id)
    assert [entry["step"] for entry in entries] == ["hidden_by_reports", "reported", "reported"]  # newest first
    assert [entry["details"]["points"] for entry in entries] == ["3", "3", "3"]


def test_reports_from_fresh_accounts_weigh_a_third(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, reportThreshold=1)  # 3 points hide
    idea_id = _idea(ideas_api, challenge_id, "Refill stations in every store")
    report = _reporter(moderation_api, idea_id)

    assert report("other_participant").status == 201  # no approved item, no post: 1 point
    assert report("other_brand_moderator").status == 201  # staff of another brand only: 1 point
    assert _status(ideas_api, idea_id) == "published"  # two fresh accounts: 2 of 3 points
    assert report("moderator").status == 201  # staff of the brand: 3 points

    assert _status(ideas_api, idea_id) == "hidden"
    entries = _audit(moderation_api, targetType="idea", targetId=idea_id)
    assert [entry["details"]["points"] for entry in entries] == ["3", "1", "1"]


def test_a_decision_on_a_stale_view_is_refused_and_a_reason_is_required(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "An idea", PERSONAL)
    _screen(moderation_api, challenge_id, idea_id)
    [case] = _queue(moderation_api).json["items"]

    no_reason = _decide(moderation_api, idea_id, "hide", case["version"])
    hidden = _decide(moderation_api, idea_id, "hide", case["version"], reason="personal_data")
    stale = _decide(moderation_api, idea_id, "restore", case["version"], as_="brand_admin")

    assert no_reason.status == 422
    assert no_reason.json["errors"][0]["field"] == "reason"
    assert hidden.status == 200, hidden.body
    assert stale.status == 409
    assert _status(ideas_api, idea_id) == "hidden"
    assert _queue(moderation_api).json["items"] == []
    assert _decide(moderation_api, idea_id, "hide", 0, as_="other_brand_moderator").status == 403


def test_an_appeal_returns_to_the_queue_once_and_another_moderator_decides_it(
    ideas_api: Api, moderation_api: Api
) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves")
    assert _decide(moderation_api, idea_id, "approve", 0, as_="brand_admin").status == 200  # ada decided once
    rejected = _decide(moderation_api, idea_id, "reject", 1, reason="spam")  # mia rejects
    appeal = {"targetType": "idea", "targetId": idea_id, "message": "It is a real idea."}

    filed = moderation_api.call("POST", "/moderation/appeals", as_="participant", body=appeal)
    again = moderation_api.call("POST", "/moderation/appeals", as_="participant", body=appeal)
    [case] = _queue(moderation_api).json["items"]
    same = _decide(moderation_api, idea_id, "restore", case["version"], reason="other")
    other = _decide(moderation_api, idea_id, "restore", case["version"], as_="brand_admin", reason="other")

    assert rejected.status == 200
    assert filed.status == 200, filed.body
    assert filed.json["appeal"]["message"] == "It is a real idea."
    assert again.status == 409
    assert same.status == 403  # the moderator who rejected does not decide the appeal
    assert other.status == 200, other.body
    assert _status(ideas_api, idea_id) == "published"
    steps = [(e["step"], e["actor"]) for e in _audit(moderation_api, targetType="idea", targetId=idea_id)]
    assert steps == [("restore", "user-ada"), ("appealed", "user-pat"), ("reject", "user-mia"), ("approve", "user-ada")]


def test_an_appeal_is_logged_with_the_state_the_item_is_really_in(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, moderation="pre")
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves", PROFANE)
    _screen(moderation_api, challenge_id, idea_id)  # pre-moderation rejects it
    appeal = {"targetType": "idea", "targetId": idea_id, "message": "It is a real idea."}

    filed = moderation_api.call("POST", "/moderation/appeals", as_="participant", body=appeal)

    assert filed.status == 200, filed.body
    assert _status(ideas_api, idea_id) == "rejected"
    entry = _audit(moderation_api, targetType="idea", targetId=idea_id)[0]
    assert (entry["step"], entry["before"], entry["after"]) == ("appealed", "rejected", "rejected")


def test_an_appeal_of_a_hidden_comment_is_logged_as_hidden(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves")
    comment_id = ideas_api.call(
        "POST",
        f"/ideas/{idea_id}/comments",
        route="/ideas/{ideaId}/comments",
        as_="participant",
        body={"body": PROFANE},
    ).json["commentId"]
    event = envelope("CommentPosted", idea_id, challenge_id, commentId=comment_id, authorId="user-pat")
    moderation_api.module.lambda_handler(sqs_event(event), LambdaContext())  # screening hides it
    appeal = {"targetType": "comment", "targetId": comment_id, "message": "Quoting a label."}

    filed = moderation_api.call("POST", "/moderation/appeals", as_="participant", body=appeal)

    assert filed.status == 200, filed.body
    entry = _audit(moderation_api, targetType="comment", targetId=comment_id)[0]
    assert (entry["step"], entry["before"], entry["after"]) == ("appealed", "hidden", "hidden")


def test_comments_are_screened_and_reported_too(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, reportThreshold=1)
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves")
    comment = ideas_api.call(
        "POST",
        f"/ideas/{idea_id}/comments",
        route="/ideas/{ideaId}/comments",
        as_="participant",
        body={"body": PROFANE},
    )
    comment_id = comment.json["commentId"]
    event = envelope("CommentPosted", idea_id, challenge_id, commentId=comment_id, authorId="user-pat")

    moderation_api.module.lambda_handler(sqs_event(event), LambdaContext())

    thread = ideas_api.call("GET", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments").json["items"]
    assert (thread[0]["hidden"], thread[0]["body"]) == (True, None)
    clean = ideas_api.call(
        "POST", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments", as_="participant", body={"body": CLEAN}
    ).json["commentId"]
    _with_standing("user-oscar")
    reported = moderation_api.call(
        "POST",
        f"/comments/{clean}/reports",
        route="/comments/{commentId}/reports",
        as_="other_participant",
        body={"reason": "offensive"},
    )
    assert reported.status == 201
    listed = ideas_api.call("GET", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments").json["items"]
    assert [c["hidden"] for c in listed] == [True, True]  # threshold 1, a reporter with standing


def test_the_queue_is_per_brand_and_needs_a_brand(ideas_api: Api, moderation_api: Api) -> None:
    assert _queue(moderation_api, as_="other_brand_moderator").status == 403
    assert moderation_api.call("GET", "/moderation/queue", as_="operator").status == 422  # which brand?
    assert moderation_api.call("GET", "/moderation/queue", as_="moderator").status == 200  # their only brand


def test_a_trusted_author_skips_pre_moderation(ideas_api: Api, moderation_api: Api, reputation_api: Api) -> None:
    challenge_id = _challenge(ideas_api, "pre", trustedAfter=10)  # points in the brand: one published idea
    first = _idea(ideas_api, challenge_id, "Refill stations in every store")
    assert _status(ideas_api, first) == "pending"
    _screen(moderation_api, challenge_id, first)  # approved: the author's first idea in the brand is public
    assert _status(ideas_api, first) == "published"
    assert _status(ideas_api, _idea(ideas_api, challenge_id, "Deposit on glass jars")) == "pending"  # no points yet

    published = envelope("IdeaPublished", first, challenge_id, eventId="evt-pub", authorId="user-pat")
    reputation_api.module.lambda_handler(sqs_event(published), LambdaContext())  # the bus brings the points
    third = _idea(ideas_api, challenge_id, "Bulk bins for rice")

    assert _status(ideas_api, third) == "published"


@pytest.mark.parametrize(
    "query",
    [
        {"until": "0.5"},
        {"since": "2026-11-26T12:00:00"},
        {"since": "2026-11-27T00:00:00Z", "until": "2026-11-26T00:00:00Z"},
        {"until": "1631-02-21T05:01:56Z"},
        {"targetType": "idea"},
    ],
)
def test_bad_audit_filters_are_422(moderation_api: Api, query: dict[str, str]) -> None:
    answer = moderation_api.call("GET", "/moderation/audit", as_="moderator", query={"brandId": "acme", **query})

    assert answer.status == 422, answer.body


def test_the_audit_log_filters_by_time(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "An idea for the shelves")
    _screen(moderation_api, challenge_id, idea_id)

    # the screening entry is at the event's time, 2026-11-26T12:00:00Z (in any zone)
    assert len(_audit(moderation_api, since="2026-11-26T13:59:00+02:00", until="2026-11-26T12:01:00Z")) == 1
    assert _audit(moderation_api, since="2026-11-26T12:00:01Z") == []
    assert _audit(moderation_api, until="2026-11-26T11:59:59Z") == []


def test_comments_on_an_idea_you_cannot_see_cannot_be_reported(ideas_api: Api, moderation_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    idea_id = _idea(ideas_api, challenge_id, "Hidden soon")
    comment = ideas_api.call(
        "POST", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments", as_="moderator", body={"body": "Noted"}
    )
    assert comment.status == 201, comment.body
    assert _decide(moderation_api, idea_id, "hide", 0, reason="spam").status == 200  # its author and staff see it

    answer = moderation_api.call(
        "POST",
        f"/comments/{comment.json['commentId']}/reports",
        route="/comments/{commentId}/reports",
        as_="other_participant",
        body={"reason": "spam"},
    )

    assert answer.status == 404

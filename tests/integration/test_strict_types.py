"""Strict request bodies still take what a JSON client legitimately sends: enums as their values,
ISO 8601 date-times, true/false, integers, multi-line text, and numbers in query strings.
(What they refuse, route family by route family, is in test_malformed_requests.py.)"""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Api

MULTI_LINE = "First line\n\tindented\r\nlast line"


def _idea(ideas_api: Api, challenge_id: str, **body: Any) -> Any:
    body = {"title": "Refill stations in stores", **body}
    return ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body=body,
    )


def test_challenges_take_every_setting_in_its_json_form(ideas_api: Api) -> None:
    body = {
        "brandId": "acme",
        "title": "Greener packaging",
        "description": MULTI_LINE,
        "phase": "draft",
        "moderation": "pre",
        "voteModel": "updown",
        "voteBudget": 3,
        "allowSelfVote": True,
        "supportLadder": [{"supporters": 5, "withinDays": 30}],
        "editLockVotes": None,
        "statusLabels": {"under_review": "Being looked at"},
        "phaseDates": {"voting": "2027-01-01T09:00:00Z", "closed": "2027-02-01T09:00:00+02:00"},
        "reportThreshold": 5,
    }

    created = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    patched = ideas_api.call(
        "PATCH",
        f"/challenges/{created.json['challengeId']}",
        route="/challenges/{challengeId}",
        as_="brand_admin",
        body={"allowSelfVote": False, "voteBudget": None, "moderation": "post"},
    )

    assert created.status == 201, created.body
    view = created.json
    assert (view["moderation"], view["voteModel"], view["voteBudget"], view["allowSelfVote"]) == (
        "pre",
        "updown",
        3,
        True,
    )
    assert view["description"] == MULTI_LINE
    assert view["phaseDates"] == {"voting": "2027-01-01T09:00:00Z", "closed": "2027-02-01T09:00:00+02:00"}
    assert view["statusLabels"] == {"under_review": "Being looked at"}
    assert patched.status == 200, patched.body
    assert (patched.json["allowSelfVote"], patched.json["voteBudget"], patched.json["moderation"]) == (
        False,
        None,
        "post",
    )


def test_ideas_keep_line_breaks_in_descriptions_and_take_any_script_in_titles(
    ideas_api: Api, idea: tuple[str, str]
) -> None:
    challenge_id, _ = idea

    answer = _idea(
        ideas_api, challenge_id, title="Nachfüllstationen 🌱 für Läden", description=MULTI_LINE, tags=["refill"]
    )
    listed = ideas_api.call(
        "GET", f"/challenges/{challenge_id}/ideas", route="/challenges/{challengeId}/ideas", query={"limit": "1"}
    )

    assert answer.status == 201, answer.body
    assert (answer.json["title"], answer.json["description"]) == ("Nachfüllstationen 🌱 für Läden", MULTI_LINE)
    assert listed.status == 200
    assert len(listed.json["items"]) == 1


def test_a_status_change_takes_the_status_by_its_value(ideas_api: Api, idea: tuple[str, str]) -> None:
    _, idea_id = idea
    body = {"status": "under_review", "response": "We are on it.\nMore soon."}

    answer = ideas_api.call(
        "POST", f"/ideas/{idea_id}/status", route="/ideas/{ideaId}/status", as_="brand_admin", body=body
    )

    assert answer.status == 200, answer.body
    assert (answer.json["status"], answer.json["officialResponse"]) == ("under_review", "We are on it.\nMore soon.")


def test_comments_keep_their_line_breaks_and_tabs(ideas_api: Api, idea: tuple[str, str]) -> None:
    _, idea_id = idea

    answer = ideas_api.call(
        "POST",
        f"/ideas/{idea_id}/comments",
        route="/ideas/{ideaId}/comments",
        as_="other_participant",
        body={"body": MULTI_LINE},
    )
    listed = ideas_api.call("GET", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments", query={"limit": "5"})

    assert answer.status == 201, answer.body
    assert [c["body"] for c in listed.json["items"]] == [MULTI_LINE]


def test_a_down_vote_is_minus_one_and_my_votes_take_a_numeric_limit(ideas_api: Api, votes_api: Api) -> None:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", "voteModel": "updown"}
    challenge_id = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"]
    idea_id = _idea(ideas_api, challenge_id).json["ideaId"]

    cast = votes_api.call(
        "PUT", f"/ideas/{idea_id}/vote", route="/ideas/{ideaId}/vote", as_="other_participant", body={"value": -1}
    )
    mine = votes_api.call(
        "GET", "/me/votes", as_="other_participant", query={"challengeId": challenge_id, "limit": "5"}
    )

    assert cast.status == 200, cast.body
    assert cast.json["value"] == -1
    assert [v["value"] for v in mine.json["items"]] == [-1]


def test_moderation_takes_enums_by_value_and_an_iso_since(moderation_api: Api, idea: tuple[str, str]) -> None:
    _, idea_id = idea
    report = {"reason": "off_topic", "note": "Seen it\ntwice"}
    decision = {"targetType": "idea", "targetId": idea_id, "action": "hide", "reason": "spam", "version": 1}

    reported = moderation_api.call(
        "POST", f"/ideas/{idea_id}/reports", route="/ideas/{ideaId}/reports", as_="other_participant", body=report
    )
    decided = moderation_api.call("POST", "/moderation/decisions", as_="moderator", body=decision)
    audit = moderation_api.call(
        "GET",
        "/moderation/audit",
        as_="moderator",
        query={"brandId": "acme", "since": "2020-01-01T00:00:00Z", "limit": "10"},
    )

    assert reported.status == 201, reported.body
    assert decided.status == 200, decided.body
    assert [e["step"] for e in audit.json["items"]][:2] == ["hide", "reported"]


def test_notifications_take_booleans_lists_and_numbers_in_queries(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    preferences = notifications_api.call(
        "PUT", "/me/preferences", as_="participant", body={"IdeaStatusChanged": {"email": False, "digest": True}}
    )
    marked = notifications_api.call("POST", "/me/notifications/read", as_="participant", body={"all": True})
    inbox = notifications_api.call(
        "GET", "/me/notifications", as_="participant", query={"unread": "true", "limit": "5"}
    )
    hook = {"url": "http://127.0.0.1:9/hook", "events": ["IdeaPublished"], "filter": ["challengeId = ch_1"]}
    created = notifications_api.call(
        "POST", "/brands/acme/webhooks", route="/brands/{brandId}/webhooks", as_="brand_admin", body=hook
    )

    assert preferences.status == 200, preferences.body
    assert preferences.json["preferences"]["IdeaStatusChanged"] == {"inbox": True, "email": False, "digest": True}
    assert (marked.status, inbox.status) == (200, 200)
    assert created.status == 201, created.body
    assert created.json["filter"] == ["challengeId = ch_1"]

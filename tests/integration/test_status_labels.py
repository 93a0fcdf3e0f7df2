"""statusLabels through the API on moto: the brand's words for a status in idea views and lists,
in the CSV export, and in the notice its followers and author get."""

from __future__ import annotations

import csv

from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import Api

LABELS = {"under_review": "Being evaluated", "accepted": "On our roadmap"}


def _labelled_idea(ideas_api: Api) -> tuple[str, str]:
    body = {"brandId": "acme", "title": "Labels", "phase": "submission", "statusLabels": LABELS}
    challenge_id = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"]
    idea = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Refill stations"},
    )
    assert idea.status == 201, idea.body
    return challenge_id, str(idea.json["ideaId"])


def test_views_and_exports_show_the_brands_label(ideas_api: Api) -> None:
    challenge_id, idea_id = _labelled_idea(ideas_api)
    assert ideas_api.call("GET", f"/ideas/{idea_id}", route="/ideas/{ideaId}").json["statusLabel"] == "published"

    moved = ideas_api.call(
        "POST",
        f"/ideas/{idea_id}/status",
        route="/ideas/{ideaId}/status",
        as_="brand_admin",
        body={"status": "under_review"},
    )
    listed = ideas_api.call(
        "GET",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        query={"status": "under_review"},
    )
    exported = ideas_api.call(
        "GET", f"/challenges/{challenge_id}/export", route="/challenges/{challengeId}/export", as_="brand_admin"
    )

    assert moved.json["statusLabel"] == "Being evaluated"
    assert [i["statusLabel"] for i in listed.json["items"]] == ["Being evaluated"]
    [row] = csv.DictReader(exported.body.splitlines())
    assert (row["status"], row["statusLabel"]) == ("under_review", "Being evaluated")


def test_the_status_change_notice_uses_the_label(ideas_api: Api, notifications_api: Api) -> None:
    challenge_id, idea_id = _labelled_idea(ideas_api)
    event = envelope(
        "IdeaStatusChanged",
        idea_id,
        challenge_id,
        authorId="user-pat",
        title="Refill stations",
        toStatus="accepted",
        changedBy="user-ada",
    )

    notifications_api.module.lambda_handler(sqs_event(event), LambdaContext())

    [item] = notifications_api.call("GET", "/me/notifications", as_="participant").json["items"]
    assert item["message"] == "“Refill stations” is now On our roadmap."

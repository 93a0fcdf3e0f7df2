"""Notifications on the local cloud, over HTTP: a vote makes its voter a follower, a comment reaches
the idea's author, a status change reaches the author and the followers (never the actor),
preferences switch an inbox and emails off, one-click unsubscribe, and the daily digest gathers a
day's events into one email (SES is moto's, read back through /_local/emails)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "notify-e2e"


def _wait(check: Callable[[], Any], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)
    return found


def test_votes_comments_and_status_changes_reach_the_right_inboxes(call: Call, token: Callable[..., str]) -> None:
    admin = token("notify-admin", [f"brand-{BRAND}-admins"])
    author, voter, commenter, quiet = (
        token(n) for n in ("notify-author", "notify-voter", "notify-commenter", "notify-quiet")
    )
    body = {"brandId": BRAND, "title": "Notify", "phase": "submission"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    idea_id = call("POST", f"/challenges/{challenge_id}/ideas", token=author, json={"title": "Refill stations"}).json()[
        "ideaId"
    ]
    assert call("PUT", f"/ideas/{idea_id}/vote", token=voter, json={"value": 1}).status_code == 200
    assert call("PUT", f"/ideas/{idea_id}/subscription", token=quiet).status_code == 200
    assert call("PUT", "/me/preferences", token=quiet, json={"IdeaStatusChanged": {"inbox": False}}).status_code == 200
    _wait(lambda: call("GET", f"/ideas/{idea_id}/subscription", token=voter).json()["following"])

    comment = call("POST", f"/ideas/{idea_id}/comments", token=commenter, json={"body": "Love it"})
    assert comment.status_code == 201, comment.text

    def messages(who: str) -> list[str]:
        return [n["message"] for n in call("GET", "/me/notifications", token=who).json()["items"]]

    _wait(lambda: "A new comment on an idea you follow." in messages(author))
    changed = call(
        "POST", f"/ideas/{idea_id}/status", token=admin, json={"status": "accepted", "response": "Piloting."}
    )
    assert changed.status_code == 200, changed.text

    expected = "“Refill stations” is now accepted. Official response: Piloting."
    _wait(lambda: expected in messages(author) and expected in messages(voter))
    assert expected in messages(commenter)  # commenters follow automatically
    assert messages(quiet) == []  # follows, but switched the inbox off for status changes
    assert messages(admin) == []  # nobody hears of their own action
    _wait(lambda: "You earned the badge “First idea”. See it on your profile." in messages(author))  # reputation
    inbox = call("GET", "/me/notifications", token=author, params={"unread": "true"}).json()
    assert inbox["unreadCount"] == 3
    read = call("POST", "/me/notifications/read", token=author, json={"all": True}).json()
    assert read == {"marked": 3, "unreadCount": 0}


def test_emails_follow_preferences_unsubscribe_in_one_click_and_a_digest_gathers_the_day(
    cloud: Any, call: Call, token: Callable[..., str]
) -> None:
    admin = token("mail-admin", [f"brand-{BRAND}-admins"])
    author = token("mail-author", email="mail-author@example.com")
    voter = token("mail-voter", email="mail-voter@example.com")
    body = {"brandId": BRAND, "title": "Mail e2e", "phase": "submission"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    idea_id = call("POST", f"/challenges/{challenge_id}/ideas", token=author, json={"title": "Bottle returns"}).json()[
        "ideaId"
    ]
    assert call("GET", "/me/preferences", token=author).json()["email"] == "mail-author@example.com"
    digest_only = {"IdeaStatusChanged": {"digest": True}, "CommentPosted": {"digest": True}}
    assert call("PUT", "/me/preferences", token=voter, json=digest_only).status_code == 200
    assert call("PUT", f"/ideas/{idea_id}/vote", token=voter, json={"value": 1}).status_code == 200
    _wait(lambda: call("GET", f"/ideas/{idea_id}/subscription", token=voter).json()["following"])

    def emails(to: str) -> list[dict[str, Any]]:
        return list(call("GET", "/_local/emails", params={"to": to}).json()["items"])

    def inbox(who: str) -> list[str]:
        return [n["message"] for n in call("GET", "/me/notifications", token=who).json()["items"]]

    def change(status: str) -> None:
        answer = call("POST", f"/ideas/{idea_id}/status", token=admin, json={"status": status})
        assert answer.status_code == 200, answer.text

    change("under_review")  # emailed to the author by default; the voter chose the digest
    [first] = _wait(lambda: emails("mail-author@example.com"))
    assert first["subject"] == "demo: “Bottle returns” is now under review."
    assert call("PUT", "/me/preferences", token=author, json={"IdeaStatusChanged": {"email": False}}).ok
    change("accepted")
    _wait(lambda: "“Bottle returns” is now accepted." in inbox(author) and len(inbox(voter)) == 2)
    assert len(emails("mail-author@example.com")) == 1  # email off: the inbox only
    assert emails("mail-voter@example.com") == []  # no per-event email with the digest chosen
    assert call("PUT", "/me/preferences", token=author, json={"IdeaStatusChanged": {"email": True}}).ok
    change("in_development")  # email on again
    _, again = _wait(lambda: emails("mail-author@example.com")[1:] and emails("mail-author@example.com"))
    assert again["subject"] == "demo: “Bottle returns” is now in development."
    _wait(lambda: len(inbox(voter)) == 3)

    ran = call("POST", "/_local/schedules/NotificationsFunctionDailyDigest/run")
    assert ran.status_code == 202, ran.text
    [digest] = _wait(lambda: emails("mail-voter@example.com"))
    assert digest["subject"] == "demo: your daily digest (3 notifications)"
    assert "is now under review" in digest["text"]
    assert "is now accepted" in digest["text"]
    assert "is now in development" in digest["text"]

    link = str(digest["listUnsubscribe"]).strip("<>")
    assert link.startswith(f"{cloud.url}/unsubscribe?token=")
    page = call("GET", link.removeprefix(cloud.url), headers={"accept": "text/html"})  # opened in a browser
    assert page.headers["content-type"].startswith("text/html")
    assert "Stop every email and the daily digest?" in page.text
    clicked = call(
        "POST",
        link.removeprefix(cloud.url),
        data="List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert clicked.status_code == 200, clicked.text
    assert clicked.json()["stops"] == "every email and the daily digest"
    flags = call("GET", "/me/preferences", token=voter).json()["preferences"]
    assert all(not (f["email"] or f["digest"]) for f in flags.values())


def test_a_phase_change_reaches_the_followers_of_the_challenges_ideas(call: Call, token: Callable[..., str]) -> None:
    admin = token("phase-admin", ["brand-acme-admins"])
    body = {"brandId": "acme", "title": "Phase notices", "phase": "submission", "statusLabels": {}}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    ideas = [
        call("POST", f"/challenges/{challenge_id}/ideas", token=token("phase-author"), json={"title": t}).json()[
            "ideaId"
        ]
        for t in ("Refill stations", "Paper tape on parcels")
    ]
    fan, bystander = token("phase-fan"), token("phase-bystander")
    for idea_id in ideas:  # follows both: hears it once
        assert call("PUT", f"/ideas/{idea_id}/subscription", token=fan).status_code == 200

    moved = call("PATCH", f"/challenges/{challenge_id}", token=admin, json={"phase": "voting"})
    assert moved.status_code == 200, moved.text

    def notices(who: str) -> list[str]:
        items = call("GET", "/me/notifications", token=who).json()["items"]
        return [n["message"] for n in items if n["challengeId"] == challenge_id]

    expected = "“Phase notices” moved to its voting phase. Voting is open."
    _wait(lambda: expected in notices(fan))
    _wait(lambda: expected in notices(token("phase-author")))  # authors follow their ideas
    time.sleep(1)
    assert notices(fan) == [expected]
    assert notices(bystander) == []


def test_a_status_change_notice_speaks_the_brands_label(call: Call, token: Callable[..., str]) -> None:
    admin = token("label-admin", ["brand-acme-admins"])
    body = {
        "brandId": "acme",
        "title": "Labelled",
        "phase": "submission",
        "statusLabels": {"accepted": "On our roadmap"},
    }
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    author = token("label-author")
    idea_id = call("POST", f"/challenges/{challenge_id}/ideas", token=author, json={"title": "Refill stations"}).json()[
        "ideaId"
    ]

    moved = call("POST", f"/ideas/{idea_id}/status", token=admin, json={"status": "accepted"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["statusLabel"] == "On our roadmap"

    def messages() -> list[str]:
        return [n["message"] for n in call("GET", "/me/notifications", token=author).json()["items"]]

    _wait(lambda: "“Refill stations” is now On our roadmap." in messages())

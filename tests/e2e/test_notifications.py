"""Notifications on the local cloud, over HTTP: a vote makes its voter a follower, a comment reaches
the idea's author, a status change reaches the author and the followers (never the actor), and
preferences switch an inbox off."""

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
    inbox = call("GET", "/me/notifications", token=author, params={"unread": "true"}).json()
    assert inbox["unreadCount"] == 2
    read = call("POST", "/me/notifications/read", token=author, json={"all": True}).json()
    assert read == {"marked": 2, "unreadCount": 0}

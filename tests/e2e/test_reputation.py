"""Reputation on the local cloud (DynamoDB Local): a published idea and its supporters reach the
author's points through the bus, the reputation queue and the points transaction; the badge goes
back through the reputation table's stream and the outbox to the author's inbox; the challenge's
leaderboard and the author's profile show them under the public name the author chose."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "reputation-e2e"


def _wait(check: Callable[[], Any], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)
    return found


def test_an_idea_and_its_supporters_make_points_a_badge_and_a_notice(call: Call, token: Callable[..., str]) -> None:
    admin = token("rep-admin", [f"brand-{BRAND}-admins"])
    author, fans = token("rep-author"), [token(f"rep-fan-{n}") for n in range(3)]
    body = {"brandId": BRAND, "title": "Reputation", "phase": "submission"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    assert call("PUT", "/me/profile", token=author, json={"publicName": "Avery"}).status_code == 200
    idea = call("POST", f"/challenges/{challenge_id}/ideas", token=author, json={"title": "Refill stations"})
    assert idea.status_code == 201, idea.text
    idea_id = idea.json()["ideaId"]
    for fan in fans:
        assert call("PUT", f"/ideas/{idea_id}/vote", token=fan, json={"value": 1}).status_code == 200

    def profile() -> dict[str, Any]:
        return dict(call("GET", "/users/rep-author/profile").json())

    _wait(lambda: profile()["points"] == 10 + 3)
    shown = profile()
    assert shown["publicName"] == "Avery"
    assert shown["brands"] == [{"brandId": BRAND, "points": 13}]
    assert [badge["badge"] for badge in shown["badges"]] == ["first-idea"]
    board = call("GET", f"/challenges/{challenge_id}/leaderboard").json()
    assert board["items"] == [{"userId": "rep-author", "publicName": "Avery", "points": 13}]

    def notices() -> list[str]:
        return [n["message"] for n in call("GET", "/me/notifications", token=author).json()["items"]]

    _wait(lambda: "You earned the badge “First idea”. See it on your profile." in notices())

"""Moderation on the local cloud, over HTTP: submit -> screened (bus -> rule -> queue -> moderation
function) -> queued -> decided -> ModerationDecided for the author; an appeal round trip; three
reports hide an idea; the audit log shows every step; another brand's moderator is refused."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "moderation-e2e"


def _wait(check: Callable[[], Any], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)
    return found


def test_the_moderation_pipeline(call: Call, token: Callable[..., str]) -> None:
    admin = token("mod-admin", [f"brand-{BRAND}-admins"])
    mod = token("mod-mia", [f"brand-{BRAND}-moderators"])
    stranger = token("mod-other", ["brand-elsewhere-moderators"])
    author = token("mod-author")
    body = {"brandId": BRAND, "title": "Moderated", "phase": "submission", "moderation": "pre"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    submitted = call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        token=author,
        json={"title": "Refills by mail", "description": "Write to jane.doe@example.com to join the pilot."},
    )
    idea_id = submitted.json()["ideaId"]
    assert submitted.json()["status"] == "pending"

    def queued() -> list[dict[str, Any]]:
        items = call("GET", "/moderation/queue", token=mod, params={"brandId": BRAND}).json()["items"]
        return [case for case in items if case["targetId"] == idea_id]

    [case] = _wait(queued)
    assert (case["verdict"], case["reasons"]) == ("hold", ["personal_data_email"])
    rejected = call(
        "POST",
        "/moderation/decisions",
        token=mod,
        json={
            "targetType": "idea",
            "targetId": idea_id,
            "action": "reject",
            "reason": "personal_data",
            "version": case["version"],
        },
    )
    assert rejected.status_code == 200, rejected.text
    stale = call(
        "POST",
        "/moderation/decisions",
        token=admin,
        json={"targetType": "idea", "targetId": idea_id, "action": "approve", "version": case["version"]},
    )
    assert stale.status_code == 409
    assert call("GET", f"/ideas/{idea_id}", token=author).json()["status"] == "rejected"

    def decided() -> list[dict[str, Any]]:
        found = call("GET", "/_local/events", params={"detailType": "ModerationDecided"}).json()["items"]
        return [e for e in found if e["detail"]["targetId"] == idea_id]

    [event] = _wait(decided)
    assert (event["detail"]["authorId"], event["detail"]["reason"]) == ("mod-author", "personal_data")

    appeal = {"targetType": "idea", "targetId": idea_id, "message": "The address is our team's, not mine."}
    assert call("POST", "/moderation/appeals", token=author, json=appeal).status_code == 200
    [appealed] = queued()
    assert appealed["appeal"]["message"].startswith("The address")
    restored = call(
        "POST",
        "/moderation/decisions",
        token=admin,
        json={
            "targetType": "idea",
            "targetId": idea_id,
            "action": "restore",
            "reason": "other",
            "version": appealed["version"],
        },
    )
    assert restored.status_code == 200, restored.text
    assert call("GET", f"/ideas/{idea_id}").json()["status"] == "published"

    steps = [
        e["step"]
        for e in call(
            "GET", "/moderation/audit", token=mod, params={"brandId": BRAND, "targetType": "idea", "targetId": idea_id}
        ).json()["items"]
    ]
    assert steps == ["restore", "appealed", "reject", "screened"]

    # Three fresh accounts cannot hide it (a third of a report each, decision 54); nine can.
    for n in range(9):
        answer = call("POST", f"/ideas/{idea_id}/reports", token=token(f"reporter-{n}"), json={"reason": "spam"})
        assert answer.status_code == 201, answer.text
        if n == 2:
            assert call("GET", f"/ideas/{idea_id}", token=author).json()["status"] == "published"
    assert call("GET", f"/ideas/{idea_id}", token=author).json()["status"] == "hidden"
    assert [c["reports"] for c in queued()] == [9]

    # Another brand's moderator is refused everywhere.
    assert call("GET", "/moderation/queue", token=stranger, params={"brandId": BRAND}).status_code == 403
    assert call("GET", "/moderation/audit", token=stranger, params={"brandId": BRAND}).status_code == 403
    refused = call(
        "POST",
        "/moderation/decisions",
        token=stranger,
        json={"targetType": "idea", "targetId": idea_id, "action": "restore", "reason": "other", "version": 0},
    )
    assert refused.status_code == 403

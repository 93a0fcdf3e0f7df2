"""A brand's staff through the local cloud on DynamoDB Local, in both identity modes: with the
stack's own user pool (moto's Cognito, the package's cloud) an invitation puts the person in the
brand's group, which the next token carries; with an external issuer (a cloud of its own) the
invitee accepts and the staff list grants the role. The list decides who "another moderator" is."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call
from tests.e2e.processes import cli_cloud

pytestmark = pytest.mark.e2e
BRAND = "staff-e2e"


def _wait(found: Callable[[], list[Any]], timeout: float = 15) -> list[Any]:
    deadline = time.monotonic() + timeout
    while not (items := found()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return items


def test_with_the_user_pool_an_invitee_moderates_at_once_and_the_list_decides_appeals(
    call: Call, cloud: LocalCloud, token: Callable[..., str]
) -> None:
    admin = token("staff-e2e-admin", [f"brand-{BRAND}-admins"])
    members = {}
    for name in ("nina", "omar"):
        answer = call(
            "POST", f"/brands/{BRAND}/staff", token=admin, json={"email": f"{name}@example.com", "role": "moderator"}
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["state"] == "active"
        members[name] = answer.json()
    nina, omar = (cloud.token(members[name]["userId"]) for name in ("nina", "omar"))  # groups from the pool

    # A blocklisted word makes screening hold the idea in the queue (a clean one is cleared by
    # screening within a second, so its case version would race the decision).
    body = {"brandId": BRAND, "title": "Staff", "phase": "submission", "blocklist": ["falcon"]}
    challenge = call("POST", "/challenges", token=admin, json=body)
    author = token("staff-e2e-author")
    idea_id = call(
        "POST",
        f"/challenges/{challenge.json()['challengeId']}/ideas",
        token=author,
        json={"title": "Refill stations by Falcon"},
    ).json()["ideaId"]

    def held() -> list[Any]:
        queue = call("GET", "/moderation/queue", token=nina, params={"brandId": BRAND}).json()["items"]
        return [case for case in queue if case["targetId"] == idea_id]

    [case] = _wait(held)
    rejected = call(
        "POST",
        "/moderation/decisions",
        token=nina,
        json={
            "targetType": "idea",
            "targetId": idea_id,
            "action": "reject",
            "reason": "spam",
            "version": case["version"],
        },
    )
    assert rejected.status_code == 200, rejected.text
    appeal = {"targetType": "idea", "targetId": idea_id, "message": "It is a real idea."}
    appealed = call("POST", "/moderation/appeals", token=author, json=appeal)
    assert appealed.status_code == 200, appealed.text
    decision = {"targetType": "idea", "targetId": idea_id, "action": "restore", "reason": "other"}
    queue = call("GET", "/moderation/queue", token=omar, params={"brandId": BRAND}).json()["items"]
    [version] = [case["version"] for case in queue if case["targetId"] == idea_id]

    same = call("POST", "/moderation/decisions", token=nina, json={**decision, "version": version})
    other = call("POST", "/moderation/decisions", token=omar, json={**decision, "version": version})

    assert same.status_code == 403, same.text  # another member of the list decides the appeal
    assert other.status_code == 200, other.text

    def appeal_notices() -> list[Any]:
        items = call("GET", "/me/notifications", token=omar).json()["items"]
        return [item for item in items if item["eventType"] == "AppealFiled"]

    assert _wait(appeal_notices), "the staff list hears of the appeal"

    removed = call("DELETE", f"/brands/{BRAND}/staff/{members['nina']['memberId']}", token=admin)
    assert removed.status_code == 204, removed.text
    after = cloud.token(members["nina"]["userId"])  # a token issued after the removal
    queue = call("GET", "/moderation/queue", token=after, params={"brandId": BRAND})
    assert queue.status_code == 403, queue.text

    def staff_events() -> list[str]:
        found = call("GET", "/_local/events", params={"source": "cocreate.ideas"}).json()["items"]
        return [e["detail-type"] for e in found if e["detail"].get("brandId") == BRAND and "Staff" in e["detail-type"]]

    assert _wait(lambda: [e for e in staff_events() if e == "StaffRemoved"])
    assert sorted(staff_events()) == ["StaffJoined", "StaffJoined", "StaffRemoved"]


def test_with_an_external_issuer_the_invitee_accepts_and_the_list_grants_the_role(tmp_path: Path) -> None:
    with cli_cloud("--identity", "external", log_dir=tmp_path) as running, requests.Session() as http:

        def mint(sub: str, groups: list[str] | None = None, email: str | None = None) -> str:
            body: dict[str, Any] = {"sub": sub, "groups": groups or []}
            if email:
                body["email"] = email
            answer = http.post(f"{running.url}/_local/token", json=body, timeout=10)
            return str(answer.json()["token"])

        def send(method: str, path: str, token: str, **kwargs: Any) -> requests.Response:
            return http.request(
                method, running.url + path, headers={"authorization": f"Bearer {token}"}, timeout=30, **kwargs
            )

        operator = mint("ext-operator", ["operators"])
        assert send("POST", "/brands", operator, json={"brandId": "ext", "name": "Ext"}).status_code == 201
        admin = mint("ext-admin", ["brand-ext-admins"])
        invited = send("POST", "/brands/ext/staff", admin, json={"email": "ivy@example.com", "role": "moderator"})
        assert invited.status_code == 201, invited.text
        assert invited.json()["state"] == "invited"
        ivy = mint("ivy-sub", email="ivy@example.com")  # the brand's issuer knows her address, not her role
        mine = send("GET", "/me/invitations", ivy).json()["items"]
        assert [(item["brandId"], item["state"]) for item in mine] == [("ext", "invited")]

        accepted = send("POST", "/me/invitations/ext/accept", ivy)

        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["userId"] == "ivy-sub"
        assert send("GET", "/moderation/queue", ivy, params={"brandId": "ext"}).status_code == 200

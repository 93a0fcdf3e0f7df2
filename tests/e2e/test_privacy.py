"""A participant's export and erasure through the local cloud on DynamoDB Local: the stream, the bus,
the privacy queue and moto's S3 as in AWS. After the erasure the vote counts are what they were (the
tally skips the votes' move to the pseudonym) and no read of any route shows the person's id."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
import requests

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e
BRAND, ERIN = "privacy-e2e", "erin-e2e"


def _until(found: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := found()) and time.monotonic() < deadline:
        time.sleep(0.3)
    return value


def _ok(answer: requests.Response, status: int = 200) -> Any:
    assert answer.status_code == status, answer.text
    return answer.json() if answer.content else None


def test_a_participant_exports_then_erases_themselves_and_counts_stay_while_their_id_goes(
    call: Call, cloud: LocalCloud, token: Callable[..., str]
) -> None:
    admin, moderator = (
        token("privacy-admin", [f"brand-{BRAND}-admins"]),
        token("privacy-mod", [f"brand-{BRAND}-moderators"]),
    )
    erin, olga = token(ERIN, email="erin@example.com"), token("olga-e2e")
    challenge = _ok(
        call("POST", "/challenges", token=admin, json={"brandId": BRAND, "title": "Refills", "phase": "submission"}),
        201,
    )["challengeId"]
    mine = _ok(call("POST", f"/challenges/{challenge}/ideas", token=erin, json={"title": "Refill pouches"}), 201)[
        "ideaId"
    ]
    hers = _ok(call("POST", f"/challenges/{challenge}/ideas", token=olga, json={"title": "Glass jars"}), 201)["ideaId"]
    for voter in ("v1", "v2", "v3"):
        _ok(call("PUT", f"/ideas/{mine}/vote", token=token(f"privacy-{voter}"), json={"value": 1}))
    _ok(call("PUT", f"/ideas/{hers}/vote", token=erin, json={"value": 1}))
    comment = _ok(call("POST", f"/ideas/{hers}/comments", token=erin, json={"body": "Love jars"}), 201)["commentId"]
    _ok(call("POST", f"/ideas/{hers}/comments", token=olga, json={"body": "Thanks!", "parentId": comment}), 201)
    _ok(call("GET", "/me/preferences", token=erin))  # the verified address is kept for emails

    def counts() -> tuple[int, int]:
        return (
            call("GET", f"/ideas/{mine}").json()["votes"]["up"],
            call("GET", f"/ideas/{hers}").json()["votes"]["up"],
        )

    assert _until(lambda: counts() == (3, 1)), counts()
    assert _until(lambda: call("GET", "/me/notifications", token=erin).json()["items"])  # olga's reply

    _ok(call("POST", "/me/export", token=erin), 202)
    export = _until(lambda: (body := call("GET", "/me/export", token=erin).json()).get("downloadUrl") and body)
    archive = zipfile.ZipFile(io.BytesIO(requests.get(export["downloadUrl"], timeout=10).content))
    assert "README.md" in archive.namelist()
    assert b"Refill pouches" in archive.read("ideas.json")
    assert b"Love jars" in archive.read("comments.json")

    erasing = _ok(call("DELETE", "/me", token=erin, json={"confirm": "erase me"}), 202)
    assert erasing["state"] == "running"
    assert _until(lambda: call("GET", "/me/erasure", token=erin).json()["state"] == "done", timeout=60)

    time.sleep(3)  # past the tally's batching window: nothing may count the votes' move
    assert counts() == (3, 1)
    _ok(call("PUT", f"/ideas/{mine}/vote", token=token("privacy-v4"), json={"value": 1}))
    assert _until(lambda: counts() == (4, 1)), counts()  # the tally counts on exactly from there

    reads = [
        call("GET", f"/ideas/{mine}"),
        call("GET", f"/ideas/{hers}"),
        call("GET", f"/challenges/{challenge}/ideas"),
        call("GET", f"/challenges/{challenge}/ideas", params={"sort": "top"}),
        call("GET", f"/ideas/{hers}/comments"),
        call("GET", f"/ideas/{mine}/trend"),
        call("GET", f"/challenges/{challenge}/similar", params={"text": "refill pouches"}),
        call("GET", f"/challenges/{challenge}/export", token=admin),
        call("GET", "/moderation/audit", token=moderator, params={"brandId": BRAND}),
        call("GET", "/moderation/queue", token=moderator, params={"brandId": BRAND}),
        call("GET", f"/ideas/{mine}/notes", token=admin),
    ]
    for answer in reads:
        assert answer.status_code == 200, (answer.url, answer.text)
        assert ERIN not in answer.text, answer.url
    idea = reads[0].json()
    assert idea["formerParticipant"] is True
    assert idea["authorId"].startswith("former-")
    assert _ok(call("GET", "/me/votes", token=erin, params={"challengeId": challenge}))["items"] == []
    assert _ok(call("GET", "/me/notifications", token=erin))["items"] == []
    assert call("GET", "/me/export", token=erin).status_code == 404
    completed = [e for e in cloud.events("ErasureCompleted") if e["detail"]["userId"] == ERIN]
    assert len(completed) == 1

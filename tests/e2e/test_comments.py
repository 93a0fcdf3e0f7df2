"""Threaded comments over HTTP on the local cloud: post, reply, list in thread order, official
flags, edit and remove, private staff notes, and the events that reach the bus."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

STAFF = ["brand-e2e-moderators"]


@pytest.fixture(scope="module")
def idea(call: Call, token: Callable[..., str], open_challenge: dict[str, Any]) -> dict[str, Any]:
    response = call(
        "POST",
        f"/challenges/{open_challenge['challengeId']}/ideas",
        token=token("pat"),
        json={"title": "Compostable coffee pods", "tags": ["packaging"]},
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def post(call: Call, token: str, idea_id: str, body: str, parent_id: str | None = None, **kwargs: Any) -> Any:
    payload: dict[str, Any] = {"body": body} | ({"parentId": parent_id} if parent_id else {})
    return call("POST", f"/ideas/{idea_id}/comments", token=token, json=payload, **kwargs)


def wait_for(cloud: LocalCloud, detail_type: str, comment_id: str, seconds: float = 10) -> list[dict[str, Any]]:
    def seen() -> list[dict[str, Any]]:
        return [e for e in cloud.events(detail_type) if e["detail"]["commentId"] == comment_id]

    deadline = time.monotonic() + seconds
    while not seen() and time.monotonic() < deadline:
        time.sleep(0.2)
    return seen()


def test_a_thread_is_posted_listed_and_announced(
    cloud: LocalCloud, call: Call, token: Callable[..., str], idea: dict[str, Any]
) -> None:
    idea_id = idea["ideaId"]
    root = post(call, token("oscar"), idea_id, "Would they work in every machine?")
    assert root.status_code == 201, root.text
    answer = post(call, token("mia", STAFF), idea_id, "Yes: we tested three brands.", root.json()["commentId"])
    assert answer.status_code == 201, answer.text
    follow_up = post(call, token("oscar"), idea_id, "Great, thanks!", answer.json()["commentId"])
    assert follow_up.status_code == 201, follow_up.text
    second = post(call, token("pat"), idea_id, "Pods could be collected in store, too.")
    assert second.status_code == 201, second.text

    listed = call("GET", f"/ideas/{idea_id}/comments")

    assert listed.status_code == 200, listed.text
    rows = [(c["body"], c["depth"], c["parentId"], c["official"]) for c in listed.json()["items"]]
    assert rows == [
        ("Would they work in every machine?", 0, None, False),
        ("Yes: we tested three brands.", 1, root.json()["commentId"], True),
        ("Great, thanks!", 2, answer.json()["commentId"], False),
        ("Pods could be collected in store, too.", 0, None, False),
    ]
    assert call("GET", f"/ideas/{idea_id}").json()["commentCount"] == 4

    events = wait_for(cloud, "CommentPosted", answer.json()["commentId"])
    assert len(events) == 1, "CommentPosted did not reach the bus exactly once"
    event = events[0]
    assert event["source"] == "cocreate.ideas"
    assert event["detail"]["official"] is True
    assert event["detail"]["parentId"] == root.json()["commentId"]
    assert event["detail"]["parentAuthorId"] == "oscar"
    assert event["detail"]["ideaId"] == idea_id


def test_pages_follow_the_thread(call: Call, token: Callable[..., str], idea: dict[str, Any]) -> None:
    everything = call("GET", f"/ideas/{idea['ideaId']}/comments", params={"limit": "100"}).json()["items"]
    paged: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": "1"} | ({"cursor": cursor} if cursor else {})
        page = call("GET", f"/ideas/{idea['ideaId']}/comments", params=params)
        assert page.status_code == 200, page.text
        paged += page.json()["items"]
        cursor = page.json()["nextCursor"]
        if cursor is None:
            break

    assert [c["commentId"] for c in paged] == [c["commentId"] for c in everything]


def test_a_reply_below_depth_three_is_a_clear_problem(
    call: Call, token: Callable[..., str], idea: dict[str, Any]
) -> None:
    parent_id = None
    for depth in range(4):
        created = post(call, token("pat"), idea["ideaId"], f"depth {depth}", parent_id)
        assert created.status_code == 201, created.text
        parent_id = created.json()["commentId"]

    refused = post(call, token("pat"), idea["ideaId"], "depth 4", parent_id)

    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["field"] == "parentId"


def test_edit_and_removal_are_announced_and_the_removed_comment_keeps_its_place(
    cloud: LocalCloud, call: Call, token: Callable[..., str], idea: dict[str, Any]
) -> None:
    created = post(call, token("oscar"), idea["ideaId"], "Pods are a bad idea altogether")
    comment_id = created.json()["commentId"]
    reply = post(call, token("pat"), idea["ideaId"], "Why?", comment_id)
    assert reply.status_code == 201, reply.text

    edited = call("PATCH", f"/comments/{comment_id}", token=token("oscar"), json={"body": "Pods are a bad idea"})
    assert edited.status_code == 200, edited.text
    assert call("PATCH", f"/comments/{comment_id}", token=token("pat"), json={"body": "x"}).status_code == 403
    removed = call("DELETE", f"/comments/{comment_id}", token=token("mia", STAFF))
    assert removed.status_code == 204, removed.text

    items = {c["commentId"]: c for c in call("GET", f"/ideas/{idea['ideaId']}/comments?limit=100").json()["items"]}
    assert items[comment_id]["deleted"] is True
    assert items[comment_id]["body"] is None
    assert items[reply.json()["commentId"]]["body"] == "Why?"
    assert [e["detail"]["body"] for e in wait_for(cloud, "CommentEdited", comment_id)] == ["Pods are a bad idea"]
    [deleted] = wait_for(cloud, "CommentDeleted", comment_id)
    assert deleted["detail"]["byStaff"] is True


def test_staff_notes_stay_private_and_silent(
    cloud: LocalCloud, call: Call, token: Callable[..., str], idea: dict[str, Any]
) -> None:
    written = call("POST", f"/ideas/{idea['ideaId']}/notes", token=token("mia", STAFF), json={"body": "Ask R&D"})
    assert written.status_code == 201, written.text

    notes = call("GET", f"/ideas/{idea['ideaId']}/notes", token=token("ada", ["brand-e2e-admins"]))
    assert notes.status_code == 200, notes.text
    assert [n["body"] for n in notes.json()["items"]] == ["Ask R&D"]
    assert call("GET", f"/ideas/{idea['ideaId']}/notes", token=token("pat")).status_code == 403
    assert call("GET", f"/ideas/{idea['ideaId']}/notes").status_code == 401
    listed = call("GET", f"/ideas/{idea['ideaId']}/comments?limit=100").json()["items"]
    assert "Ask R&D" not in [c["body"] for c in listed]
    time.sleep(1.5)  # room for a stray event to show up
    assert not any("Ask R&D" in str(event["detail"]) for event in cloud.events())

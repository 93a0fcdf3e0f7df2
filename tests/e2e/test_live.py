"""Live updates through the local cloud's WebSocket API, with a real client (the ``websockets``
package) on DynamoDB Local: the template's routes, the live function, the bus and the Management
API as on AWS."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call, dynamodb_local

pytestmark = pytest.mark.e2e
BRAND = "live-e2e"


def _open(cloud: LocalCloud, token: str | None = None) -> ClientConnection:
    assert cloud.live_url is not None, "the template has a WebSocket API"
    return connect(cloud.live_url + (f"?token={token}" if token else ""), open_timeout=10)


def _subscribe(socket: ClientConnection, channel: str) -> dict[str, Any]:
    socket.send(json.dumps({"action": "subscribe", "channel": channel}))
    return dict(json.loads(socket.recv(timeout=10)))


def _next(socket: ClientConnection, kind: str, timeout: float) -> dict[str, Any] | None:
    """The next message of that type within ``timeout`` seconds (others are skipped)."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = json.loads(socket.recv(timeout=left))
        except TimeoutError:
            return None
        if message["type"] == kind:
            return dict(message)
    return None


def _until(found: Callable[[], Any], timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := found()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


@pytest.fixture(scope="module")
def challenge(call: Call, token: Callable[..., str]) -> str:
    admin = token("live-admin", [f"brand-{BRAND}-admins"])
    body = {"brandId": BRAND, "title": "Watched live", "phase": "submission", "moderation": "post"}
    answer = call("POST", "/challenges", token=admin, json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["challengeId"])


def _idea(call: Call, token: Callable[..., str], challenge: str, title: str) -> str:
    answer = call("POST", f"/challenges/{challenge}/ideas", token=token("live-author"), json={"title": title})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["ideaId"])


def test_two_clients_on_an_idea_see_its_vote_count_and_a_new_comment_within_2_s(
    cloud: LocalCloud, call: Call, token: Callable[..., str], challenge: str
) -> None:
    idea = _idea(call, token, challenge, "Refill stations, watched live")
    with _open(cloud, token("live-ann")) as ann, _open(cloud) as anonymous:
        assert _subscribe(ann, f"idea:{idea}") == {"type": "subscribed", "channel": f"idea:{idea}"}
        assert _subscribe(anonymous, f"idea:{idea}")["type"] == "subscribed"

        assert call("PUT", f"/ideas/{idea}/vote", token=token("live-voter"), json={"value": 1}).status_code == 200
        voted = time.monotonic()  # accepted
        for socket in (ann, anonymous):  # through the tally's commit (1 s window), the outbox and the bus
            votes = _next(socket, "votes", timeout=2 - (time.monotonic() - voted))
            assert votes is not None, "the count arrives within 2 s of the vote"
            assert (votes["votes"]["up"], votes["channel"]) == (1, f"idea:{idea}")

        posted = time.monotonic()
        comment = {"body": "Watching this one"}
        assert call("POST", f"/ideas/{idea}/comments", token=token("live-bo"), json=comment).status_code == 201
        for socket in (ann, anonymous):
            update = _next(socket, "comment", timeout=2 - (time.monotonic() - posted))
            assert update is not None, "the comment arrives within 2 s"
            assert (update["change"], update["body"], update["authorId"]) == ("posted", "Watching this one", "live-bo")


def test_an_anonymous_listener_never_sees_a_hidden_ideas_update_but_its_brands_staff_do(
    cloud: LocalCloud, call: Call, token: Callable[..., str], challenge: str
) -> None:
    idea = _idea(call, token, challenge, "Gift wrap to order, watched live")
    moderator = token("live-mod", [f"brand-{BRAND}-moderators"])
    with _open(cloud) as anonymous, _open(cloud, moderator) as staff:
        _subscribe(anonymous, f"idea:{idea}")
        _subscribe(staff, f"idea:{idea}")
        audit = {"brandId": BRAND, "targetType": "idea", "targetId": idea}
        assert _until(lambda: call("GET", "/moderation/audit", token=moderator, params=audit).json()["items"])
        hide = {"targetType": "idea", "targetId": idea, "action": "hide", "reason": "spam", "version": 1}  # screened
        answer = call("POST", "/moderation/decisions", token=moderator, json=hide)
        assert answer.status_code == 200, answer.text

        status = _next(staff, "status", timeout=10)
        assert status is not None
        assert status["status"] == "hidden"
        assert _next(anonymous, "status", timeout=3) is None  # hidden: only its author and staff may read it
        restore = {**hide, "action": "restore", "reason": "other", "version": 2}
        answer = call("POST", "/moderation/decisions", token=moderator, json=restore)
        assert answer.status_code == 200, answer.text
        for socket in (staff, anonymous):  # public again: everyone hears it
            back = _next(socket, "status", timeout=10)
            assert back is not None
            assert back["status"] == "published"


def test_a_user_hears_their_own_inbox_and_nobody_elses(
    cloud: LocalCloud, call: Call, token: Callable[..., str], challenge: str
) -> None:
    author = token("live-inbox-author")
    idea = call("POST", f"/challenges/{challenge}/ideas", token=author, json={"title": "Paper tape, watched live"})
    idea_id = idea.json()["ideaId"]
    # the author's first published idea earns a badge, whose notice arrives on its own time: let it land
    # first, so the one notice heard below is the comment's
    assert _until(
        lambda: any(
            n["message"].startswith("You earned the badge")
            for n in call("GET", "/me/notifications", token=author).json()["items"]
        )
    )
    with _open(cloud, author) as mine, _open(cloud, token("live-stranger")) as theirs:
        assert _subscribe(mine, "me") == {"type": "subscribed", "channel": "me"}
        assert _subscribe(theirs, "me")["type"] == "subscribed"
        call("POST", f"/ideas/{idea_id}/comments", token=token("live-commenter"), json={"body": "Nice"})

        notice = _next(mine, "notice", timeout=15)
        assert notice is not None
        assert (notice["eventType"], notice["ideaId"], notice["unreadCount"]) == ("CommentPosted", idea_id, 2)
        assert _next(theirs, "notice", timeout=2) is None


def test_channels_are_checked_and_a_closed_connection_is_cleaned_up(
    cloud: LocalCloud, call: Call, token: Callable[..., str], challenge: str
) -> None:
    with _open(cloud) as anonymous:
        refused = _subscribe(anonymous, "me")
        assert (refused["type"], refused["status"]) == ("error", 401)
        assert _subscribe(anonymous, "idea:no-such-idea")["status"] == 404
        assert _subscribe(anonymous, "everything")["status"] == 422
    with pytest.raises(InvalidStatus) as bad:
        _open(cloud, "not-a-token.x.y")
    assert bad.value.response.status_code == 401

    with _open(cloud, token("live-leaver")) as socket:
        _subscribe(socket, f"challenge:{challenge}")
        listening = cloud.live[0].connection_ids
    assert _until(lambda: set(cloud.live[0].connection_ids) < set(listening), timeout=5)
    # the leaver's subscription left the table with the connection: the channel's fan-out finds nobody
    client, tables = dynamodb_local(cloud)

    def leaver_listens() -> bool:
        items = client.query(
            TableName=tables["ConnectionsTable"],
            IndexName="byChannel",
            KeyConditionExpression="channel = :c",
            ExpressionAttributeValues={":c": {"S": f"challenge:{challenge}"}},
        )["Items"]
        return any(item.get("userId", {}).get("S") == "live-leaver" for item in items)

    assert _until(lambda: not leaver_listens(), timeout=5)

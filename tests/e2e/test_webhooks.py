"""A brand webhook on the local cloud: a receiver on loopback (allowed only in local mode) gets a
correctly signed delivery for a threshold predicate, is retried after a 500, and private targets
are refused at registration."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from shared.domain.webhooks import SIGNATURE_HEADER, verify
from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "hooks-e2e"


@dataclass
class Receiver:
    """A webhook endpoint on loopback: what it received (headers, body) and the statuses to answer
    in turn (204 once they run out)."""

    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    got = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.received.append((dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(got.statuses.pop(0) if got.statuses else 204)
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    got.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield got
    finally:
        server.shutdown()


def test_a_signed_threshold_delivery_retried_after_a_500(
    call: Call, token: Callable[..., str], receiver: Receiver
) -> None:
    receiver.statuses.append(500)
    received = receiver.received
    admin = token("hooks-admin", [f"brand-{BRAND}-admins"])
    refused = call(
        "POST",
        f"/brands/{BRAND}/webhooks",
        token=admin,
        json={"url": "http://10.1.2.3/x", "events": ["IdeaPublished"]},
    )
    assert refused.status_code == 422
    hook = call(
        "POST",
        f"/brands/{BRAND}/webhooks",
        token=admin,
        json={
            "url": receiver.url,
            "events": ["IdeaMilestoneReached"],
            "filter": ["supporters >= 2"],
        },
    )
    assert hook.status_code == 201, hook.text
    secret = hook.json()["secret"]
    body = {"brandId": BRAND, "title": "Hooks", "phase": "submission"}
    body["supportLadder"] = [
        {"supporters": 1, "withinDays": 30},
        {"supporters": 2, "withinDays": 30},
        {"supporters": 99, "withinDays": 30},
    ]
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    idea_id = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("hooks-author"), json={"title": "Refill stations"}
    ).json()["ideaId"]
    for voter in ("v1", "v2"):
        assert call("PUT", f"/ideas/{idea_id}/vote", token=token(voter), json={"value": 1}).status_code == 200

    deadline = time.monotonic() + 90  # the retry waits a jittered 0-30 s
    while len(received) < 2:
        assert time.monotonic() < deadline, f"received {len(received)}"
        time.sleep(0.5)
    time.sleep(1)
    assert len(received) == 2  # rung 1 (1 supporter) is below the threshold: never sent
    headers, raw = received[-1]
    stamp = int(headers[SIGNATURE_HEADER].split(",")[0].removeprefix("t="))
    assert verify(secret, raw, headers[SIGNATURE_HEADER], now=stamp)
    delivered = json.loads(raw)
    assert (delivered["type"], delivered["data"]["rung"], delivered["data"]["supporters"]) == (
        "IdeaMilestoneReached",
        2,
        2,
    )
    attempts = call("GET", f"/brands/{BRAND}/webhooks/{hook.json()['webhookId']}/deliveries", token=admin).json()[
        "items"
    ]
    assert [a["status"] for a in attempts] == [204, 500]


def test_an_idea_passing_a_vote_threshold_is_told_once(
    call: Call, token: Callable[..., str], receiver: Receiver
) -> None:
    admin = token("threshold-admin", [f"brand-{BRAND}-admins"])
    body = {"brandId": BRAND, "title": "Thresholds", "phase": "submission"}
    challenge_id = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    hook = call(
        "POST",
        f"/brands/{BRAND}/webhooks",
        token=admin,
        json={
            "url": receiver.url,
            "events": ["IdeaVotesChanged"],
            "filter": [f"challengeId = {challenge_id}", "votes.up >= 3"],
        },
    )
    assert hook.status_code == 201, hook.text
    idea_id = call(
        "POST", f"/challenges/{challenge_id}/ideas", token=token("threshold-author"), json={"title": "Refills"}
    ).json()["ideaId"]

    def counted(up: int) -> None:
        deadline = time.monotonic() + 30
        while call("GET", f"/ideas/{idea_id}").json()["votes"]["up"] < up:
            assert time.monotonic() < deadline, "the tally never counted"
            time.sleep(0.3)

    for n in range(5):  # 1, 2, 3 (crosses), 4, 5: one vote counted at a time
        assert call("PUT", f"/ideas/{idea_id}/vote", token=token(f"t-voter-{n}"), json={"value": 1}).ok
        counted(n + 1)
    deadline = time.monotonic() + 30
    while not receiver.received:
        assert time.monotonic() < deadline, "no delivery"
        time.sleep(0.3)
    time.sleep(2)  # anything later would be a second delivery

    received = [json.loads(raw) for _, raw in receiver.received]
    assert len(received) == 1
    data = received[0]["data"]
    assert (received[0]["type"], data["ideaId"]) == ("IdeaVotesChanged", idea_id)
    assert data["previousVotes"]["up"] < 3 <= data["votes"]["up"]

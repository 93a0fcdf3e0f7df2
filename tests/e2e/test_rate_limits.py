"""Rate limits hold under concurrency on DynamoDB Local: a burst of one user's requests in parallel
gets exactly the limit through, the rest a 429 with Retry-After."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

BRAND = "limits-e2e"
LIMIT = 5
BURST = 16


def test_a_parallel_burst_of_comments_gets_exactly_the_limit_through(call: Call, token: Callable[..., str]) -> None:
    admin = token("limits-admin", [f"brand-{BRAND}-admins"])
    body = {
        "brandId": BRAND,
        "title": "Limits under load",
        "phase": "submission",
        "rateLimits": {"comments": {"max": LIMIT, "windowSeconds": 3600}},
    }
    challenge = call("POST", "/challenges", token=admin, json=body)
    assert challenge.status_code == 201, challenge.text
    idea = call(
        "POST",
        f"/challenges/{challenge.json()['challengeId']}/ideas",
        token=token("limits-author"),
        json={"title": "Talk about this"},
    )
    assert idea.status_code == 201, idea.text
    idea_id = idea.json()["ideaId"]
    chatty = token("limits-chatty")

    def post(n: int) -> tuple[int, str | None]:
        answer = call("POST", f"/ideas/{idea_id}/comments", token=chatty, json={"body": f"Comment number {n}"})
        return answer.status_code, answer.headers.get("Retry-After")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(post, range(BURST)))

    assert Counter(status for status, _ in answers) == {201: LIMIT, 429: BURST - LIMIT}
    assert all(retry is not None and 1 <= int(retry) <= 3600 for status, retry in answers if status == 429)
    listed = call("GET", f"/ideas/{idea_id}/comments", token=chatty).json()["items"]
    assert len(listed) == LIMIT

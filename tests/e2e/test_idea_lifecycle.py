"""The idea lifecycle over HTTP on DynamoDB Local: phases by hand and on schedule, listing,
review with an official response, and the events each change puts on the bus."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call, dynamodb_local

pytestmark = pytest.mark.e2e


def wait_for_event(cloud: LocalCloud, detail_type: str, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = [e for e in cloud.events(detail_type) if match(e["detail"])]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no {detail_type} event arrived")


def test_review_status_change_reaches_the_bus_and_the_lists(
    call: Call, token: Callable[..., str], cloud: LocalCloud
) -> None:
    admin = token("lifecycle-admin", ["brand-acme-admins"])
    author = token("lifecycle-author")
    challenge = call(
        "POST", "/challenges", admin, json={"brandId": "acme", "title": "Lifecycle challenge", "phase": "submission"}
    ).json()
    idea = call(
        "POST", f"/challenges/{challenge['challengeId']}/ideas", author, json={"title": "Lifecycle idea"}
    ).json()

    answer = call(
        "POST", f"/ideas/{idea['ideaId']}/status", admin, json={"status": "accepted", "response": "We will make it."}
    )

    assert answer.status_code == 200
    event = wait_for_event(cloud, "IdeaStatusChanged", lambda d: d["ideaId"] == idea["ideaId"])
    assert event["detail"]["toStatus"] == "accepted"
    assert event["detail"]["response"] == "We will make it."
    accepted = call("GET", f"/challenges/{challenge['challengeId']}/ideas", params={"status": "accepted"}).json()
    assert [i["ideaId"] for i in accepted["items"]] == [idea["ideaId"]]


def test_scheduled_phase_change_runs_through_the_schedule(
    call: Call, token: Callable[..., str], cloud: LocalCloud
) -> None:
    admin = token("schedule-admin", ["brand-acme-admins"])
    past = (datetime.now(UTC) - timedelta(seconds=5)).isoformat()
    challenge = call(
        "POST",
        "/challenges",
        admin,
        json={"brandId": "acme", "title": "Scheduled challenge", "phase": "draft", "phaseDates": {"submission": past}},
    ).json()

    cloud.run_schedule("PhasesFunctionEvery5Minutes")

    read = call("GET", f"/challenges/{challenge['challengeId']}").json()
    assert read["phase"] == "submission"
    event = wait_for_event(cloud, "ChallengePhaseChanged", lambda d: d["challengeId"] == challenge["challengeId"])
    assert (event["detail"]["fromPhase"], event["detail"]["toPhase"]) == ("draft", "submission")


def test_phase_moves_by_hand_and_closes_submissions(call: Call, token: Callable[..., str], cloud: LocalCloud) -> None:
    admin = token("hand-admin", ["brand-acme-admins"])
    challenge = call(
        "POST", "/challenges", admin, json={"brandId": "acme", "title": "Hand-moved challenge", "phase": "submission"}
    ).json()

    moved = call("PATCH", f"/challenges/{challenge['challengeId']}", admin, json={"phase": "voting"})
    refused = call(
        "POST", f"/challenges/{challenge['challengeId']}/ideas", token("late-author"), json={"title": "Too late now"}
    )

    assert moved.status_code == 200
    assert moved.json()["phase"] == "voting"
    assert refused.status_code == 409
    event = wait_for_event(cloud, "ChallengePhaseChanged", lambda d: d["challengeId"] == challenge["challengeId"])
    assert event["detail"]["toPhase"] == "voting"


def test_pre_moderated_ideas_wait_hidden_and_post_moderated_are_public(
    cloud: LocalCloud, call: Call, token: Callable[..., str]
) -> None:
    admin = token("moderation-admin", ["brand-acme-admins"])
    author = token("moderation-author")
    ids = {}
    for mode in ("pre", "post"):
        # A blocklisted codename makes screening hold the idea for a person: a clean one would be
        # approved (published) by screening within a second, racing the reads below.
        body = {"brandId": "acme", "title": f"{mode}-moderated", "phase": "submission", "moderation": mode}
        challenge = call("POST", "/challenges", admin, json=body | {"blocklist": ["falcon"]}).json()
        ids[mode] = call(
            "POST", f"/challenges/{challenge['challengeId']}/ideas", author, json={"title": f"A {mode} idea: Falcon"}
        ).json()

    assert ids["pre"]["status"] == "pending"
    screened = wait_for_event(cloud, "ContentScreened", lambda d: d.get("targetId") == ids["pre"]["ideaId"])
    assert screened["detail"]["decision"] == "hold"
    assert call("GET", f"/ideas/{ids['pre']['ideaId']}").status_code == 404
    assert call("GET", f"/ideas/{ids['pre']['ideaId']}", author).status_code == 200
    assert ids["post"]["status"] == "published"
    assert call("GET", f"/ideas/{ids['post']['ideaId']}").status_code == 200


@pytest.mark.parametrize("sort", ["new", "top", "hot"])
def test_every_sort_pages_through_all_ideas(call: Call, token: Callable[..., str], sort: str) -> None:
    admin = token(f"{sort}-admin", ["brand-acme-admins"])
    challenge = call(
        "POST", "/challenges", admin, json={"brandId": "acme", "title": f"Sorted by {sort}", "phase": "submission"}
    ).json()
    path = f"/challenges/{challenge['challengeId']}/ideas"
    submitted = [
        call("POST", path, token(f"{sort}-author-{n}"), json={"title": f"Idea {n} for {sort}"}).json()["ideaId"]
        for n in range(5)
    ]

    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = call("GET", path, params={"sort": sort, "limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [idea["ideaId"] for idea in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(submitted)
    if sort in ("new", "hot"):  # no votes yet: hot falls back to recency
        assert seen == list(reversed(submitted))


def test_csv_export_over_http(call: Call, token: Callable[..., str]) -> None:
    admin = token("export-admin", ["brand-acme-admins"])
    challenge = call(
        "POST", "/challenges", admin, json={"brandId": "acme", "title": "Exported challenge", "phase": "submission"}
    ).json()
    idea = call(
        "POST", f"/challenges/{challenge['challengeId']}/ideas", token("export-author"), json={"title": "Exported idea"}
    ).json()

    answer = call("GET", f"/challenges/{challenge['challengeId']}/export", admin)

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    lines = answer.text.splitlines()
    assert lines[0].startswith("ideaId,title,description,status")
    assert any(line.startswith(f"{idea['ideaId']},Exported idea,,published,published") for line in lines[1:])
    assert call("GET", f"/challenges/{challenge['challengeId']}/export", token("export-author")).status_code == 403


def test_closing_a_challenge_stops_its_ladder_clock_on_the_schedule(
    call: Call, token: Callable[..., str], cloud: LocalCloud
) -> None:
    from shared.store.content import DynamoIdeaRepository  # noqa: PLC0415
    from shared.store.records import idea_key  # noqa: PLC0415

    admin = token("clock-admin", ["brand-acme-admins"])
    ladder = [{"supporters": 50, "withinDays": 1}]
    body = {"brandId": "acme", "title": "Clocked challenge", "phase": "submission", "supportLadder": ladder}
    challenge_id = call("POST", "/challenges", admin, json=body).json()["challengeId"]
    late, kept = (
        call("POST", f"/challenges/{challenge_id}/ideas", token("clock-author"), json={"title": t}).json()["ideaId"]
        for t in ("Refill stations", "Paper tape on parcels")
    )
    client, names = dynamodb_local(cloud)
    table = names["ContentTable"]
    past = "2026-01-01T00:00:00.000Z"  # as if the window had closed long ago
    for idea_id in (late, kept):
        client.update_item(
            TableName=table,
            Key={name: {"S": value} for name, value in idea_key(idea_id).items()},
            UpdateExpression="SET ladderDueAt = :at, dueat = :due",
            ExpressionAttributeValues={":at": {"S": past}, ":due": {"S": f"{past}#{idea_id}"}},
        )
    assert call("PATCH", f"/challenges/{challenge_id}", admin, json={"phase": "review"}).status_code == 200

    cloud.run_schedule("PhasesFunctionEvery5Minutes")

    ideas = DynamoIdeaRepository(client, table)
    for idea_id in (late, kept):
        idea = ideas.get(idea_id)
        assert idea is not None
        assert (idea.status.value, idea.ladder.due_at) == ("published", None)
    time.sleep(2)
    assert [e for e in cloud.events("IdeaExpired") if e["detail"]["challengeId"] == challenge_id] == []

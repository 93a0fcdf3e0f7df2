"""The idea lifecycle over HTTP on DynamoDB Local: phases by hand and on schedule, listing,
review with an official response, and the events each change puts on the bus."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

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

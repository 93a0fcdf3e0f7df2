"""The duplicate check over HTTP on the local cloud: ideas submitted through the API reach the
similarity function from DynamoDB Local's stream, and GET .../similar finds their near-duplicates.
Prints precision@3 and recall@3 over the fixture (run with -s to see them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Call
from tests.similarity_quality import load_fixture, measure, query_text

pytestmark = pytest.mark.e2e

BRAND = "brightwell"


def similar(call: Call, challenge_id: str, text: str) -> list[dict[str, Any]]:
    response = call("GET", f"/challenges/{challenge_id}/similar", params={"text": text})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def eventually(check: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


@pytest.fixture(scope="module")
def indexed_fixture(call: Call, token: Callable[..., str]) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The fixture's challenge with every idea submitted (each by its own participant)."""
    fixture = load_fixture()
    admin = token("similar-admin", [f"brand-{BRAND}-admins"])
    body = {**fixture["challenge"], "brandId": BRAND, "phase": "submission", "moderation": "post"}
    created = call("POST", "/challenges", token=admin, json=body)
    assert created.status_code == 201, created.text
    challenge_id = created.json()["challengeId"]
    ids = {}
    for number, idea in enumerate(fixture["ideas"]):
        answer = call(
            "POST",
            f"/challenges/{challenge_id}/ideas",
            token=token(f"similar-user-{number}"),
            json={"title": idea["title"], "description": idea["description"]},
        )
        assert answer.status_code == 201, answer.text
        ids[idea["key"]] = answer.json()["ideaId"]
    return challenge_id, ids, fixture


def test_a_near_duplicate_is_found_once_the_stream_has_indexed_it(
    call: Call, indexed_fixture: tuple[str, dict[str, str], dict[str, Any]]
) -> None:
    challenge_id, ids, _ = indexed_fixture
    refill_ideas = {ids["refill-station-a"], ids["refill-station-b"], ids["refill-station-c"]}

    def found() -> bool:
        items = similar(call, challenge_id, "Refill station at the supermarket for my empty shampoo bottle")
        return bool(items) and items[0]["ideaId"] in refill_ideas

    assert eventually(found), "the similarity function did not index the refill ideas in time"
    [first, *_] = similar(call, challenge_id, "Refill station at the supermarket for my empty shampoo bottle")
    assert 0.26 <= first["score"] <= 1
    assert first["title"].startswith(("Refill", "In-store", "Bring"))


def test_precision_and_recall_at_3_over_the_fixture(
    call: Call, indexed_fixture: tuple[str, dict[str, str], dict[str, Any]]
) -> None:
    challenge_id, ids, fixture = indexed_fixture
    waiting = {ids[idea["key"]]: query_text(idea) for idea in fixture["ideas"]}

    def all_indexed() -> bool:
        for idea_id, text in list(waiting.items()):
            if any(item["ideaId"] == idea_id for item in similar(call, challenge_id, text)):
                del waiting[idea_id]
        return not waiting

    assert eventually(all_indexed), f"{len(waiting)} ideas were never indexed"

    quality = measure(fixture, ids, lambda text: [item["ideaId"] for item in similar(call, challenge_id, text)])

    print("\n" + quality.report())
    assert quality.precision >= 0.8
    assert quality.recall >= 0.8
    assert quality.probes_found == quality.probes


def test_a_draft_challenge_has_no_similar_ideas_for_the_public(call: Call, token: Callable[..., str]) -> None:
    draft = call(
        "POST",
        "/challenges",
        token=token("similar-admin", [f"brand-{BRAND}-admins"]),
        json={"brandId": BRAND, "title": "A draft challenge", "phase": "draft"},
    )
    assert draft.status_code == 201, draft.text

    response = call("GET", f"/challenges/{draft.json()['challengeId']}/similar", params={"text": "refill"})

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_missing_text_is_a_422_naming_it(call: Call, open_challenge: dict[str, Any]) -> None:
    response = call("GET", f"/challenges/{open_challenge['challengeId']}/similar")

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["text"]

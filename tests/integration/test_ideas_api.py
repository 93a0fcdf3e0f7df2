"""The ideas function end to end on moto: challenges, idea submission, reads, bad input."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.integration.conftest import Api

CHALLENGE = {
    "brandId": "acme",
    "title": "Greener packaging",
    "description": "How should our bottles change?",
    "phase": "submission",
    "tagVocabulary": ["packaging", "recycling"],
}
IDEA = {"title": "Refill stations in stores", "description": "Bring your bottle.", "tags": ["packaging"]}


def create_challenge(api: Api, **overrides: Any) -> dict[str, Any]:
    answer = api.call("POST", "/challenges", as_="brand_admin", body={**CHALLENGE, **overrides})
    assert answer.status == 201, answer.body
    return answer.json


def submit(api: Api, challenge_id: str, as_: str = "participant", **overrides: Any) -> Any:
    return api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_=as_,
        body={**IDEA, **overrides},
    )


def test_brand_admin_creates_a_challenge_and_anyone_reads_it(ideas_api: Api) -> None:
    created = create_challenge(ideas_api)

    read = ideas_api.call("GET", f"/challenges/{created['challengeId']}", route="/challenges/{challengeId}")

    assert read.status == 200
    assert read.json == created
    assert created["brandId"] == "acme"
    assert created["submittingOpen"] is True


def test_created_challenge_answers_with_its_location(ideas_api: Api) -> None:
    answer = ideas_api.call("POST", "/challenges", as_="operator", body=CHALLENGE)

    assert answer.status == 201
    assert answer.headers["Location"] == f"/challenges/{answer.json['challengeId']}"


def test_participant_submits_an_idea_written_with_their_count_in_the_challenge(
    ideas_api: Api, content_items: Any
) -> None:
    challenge = create_challenge(ideas_api)
    before = len(content_items())

    answer = submit(ideas_api, challenge["challengeId"])

    assert answer.status == 201
    idea = answer.json
    assert idea["authorId"] == "user-pat"
    assert idea["status"] == "published"
    assert idea["votes"] == {"up": 0, "down": 0, "score": 0, "wilson": 0.0, "controversy": 0.0}
    assert idea["commentCount"] == 0
    # The idea and the author's count in the challenge (maxIdeasPerUser, 10 by default), together.
    written = content_items()
    assert len(written) == before + 2
    assert any(item["sk"] == "AUTHOR#user-pat" and item["ideaCount"] == 1 for item in written)


def test_submitted_idea_reads_back_publicly(ideas_api: Api) -> None:
    challenge = create_challenge(ideas_api)
    idea = submit(ideas_api, challenge["challengeId"]).json

    read = ideas_api.call("GET", f"/ideas/{idea['ideaId']}", route="/ideas/{ideaId}")

    assert read.status == 200
    assert read.json == idea


def test_pre_moderated_idea_is_pending_and_hidden_from_the_public(ideas_api: Api) -> None:
    challenge = create_challenge(ideas_api, moderation="pre")
    idea = submit(ideas_api, challenge["challengeId"]).json
    path = f"/ideas/{idea['ideaId']}"

    assert idea["status"] == "pending"
    assert ideas_api.call("GET", path, route="/ideas/{ideaId}").status == 404
    assert ideas_api.call("GET", path, route="/ideas/{ideaId}", as_="participant").status == 200
    assert ideas_api.call("GET", path, route="/ideas/{ideaId}", as_="moderator").status == 200


def test_unknown_idea_is_404_problem(ideas_api: Api) -> None:
    answer = ideas_api.call("GET", "/ideas/nope", route="/ideas/{ideaId}")

    assert answer.status == 404
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json["status"] == 404


def test_invalid_bearer_token_on_a_public_route_is_401(ideas_api: Api) -> None:
    answer = ideas_api.call("GET", "/ideas/x", route="/ideas/{ideaId}", headers={"authorization": "Bearer forged"})

    assert answer.status == 401


def test_same_idempotency_key_replays_the_first_answer_and_writes_once(ideas_api: Api, content_items: Any) -> None:
    challenge = create_challenge(ideas_api)
    before = len(content_items())
    headers = {"Idempotency-Key": "k-123"}
    route = "/challenges/{challengeId}/ideas"
    path = f"/challenges/{challenge['challengeId']}/ideas"

    first = ideas_api.call("POST", path, route=route, as_="participant", body=IDEA, headers=headers)
    second = ideas_api.call("POST", path, route=route, as_="participant", body=IDEA, headers=headers)

    assert first.status == second.status == 201
    assert second.json == first.json
    assert len(content_items()) == before + 2  # one idea, and its author's count once
    assert [item["ideaCount"] for item in content_items() if item["sk"] == "AUTHOR#user-pat"] == [1]


def test_same_idempotency_key_with_another_body_is_refused(ideas_api: Api, content_items: Any) -> None:
    challenge = create_challenge(ideas_api)
    headers = {"Idempotency-Key": "k-456"}
    route = "/challenges/{challengeId}/ideas"
    path = f"/challenges/{challenge['challengeId']}/ideas"
    ideas_api.call("POST", path, route=route, as_="participant", body=IDEA, headers=headers)
    before = len(content_items())

    answer = ideas_api.call(
        "POST", path, route=route, as_="participant", body={**IDEA, "title": "Something else"}, headers=headers
    )

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "Idempotency-Key"
    assert len(content_items()) == before


def test_idempotency_keys_are_per_caller(ideas_api: Api, content_items: Any) -> None:
    challenge = create_challenge(ideas_api)
    headers = {"Idempotency-Key": "shared-key"}
    route = "/challenges/{challengeId}/ideas"
    path = f"/challenges/{challenge['challengeId']}/ideas"

    mine = ideas_api.call("POST", path, route=route, as_="participant", body=IDEA, headers=headers)
    theirs = ideas_api.call("POST", path, route=route, as_="other_participant", body=IDEA, headers=headers)

    assert mine.json["ideaId"] != theirs.json["ideaId"]
    assert theirs.json["authorId"] == "user-oscar"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**IDEA, "title": "abc"}, "title"),
        ({**IDEA, "title": "x" * 121}, "title"),
        ({**IDEA, "description": "x" * 10_001}, "description"),
        ({**IDEA, "tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
        ({**IDEA, "tags": ["unknown-tag"]}, "tags"),
        ({**IDEA, "tags": ["packaging", "packaging"]}, "tags"),
        ({**IDEA, "status": "accepted"}, "status"),
        ({**IDEA, "authorId": "someone-else"}, "authorId"),
        ({"description": "no title"}, "title"),
    ],
)
def test_bad_idea_is_refused_naming_the_field_and_writes_nothing(
    ideas_api: Api, content_items: Any, body: dict[str, Any], field: str
) -> None:
    challenge = create_challenge(ideas_api)
    before = len(content_items())

    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body=body,
    )

    assert answer.status == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert field in {error["field"] for error in answer.json["errors"]}
    assert len(content_items()) == before


@pytest.mark.parametrize(
    ("raw_body", "headers", "b64", "status"),
    [
        ("{not json", {}, False, 400),
        (base64.b64encode(b'{"title": "\xff\xfe"}').decode(), {}, True, 400),
        ('{"title": "' + "x" * 70_000 + '"}', {}, False, 413),
        ('{"title": "Refill stations"}', {"content-type": "text/plain"}, False, 415),
    ],
)
def test_malformed_body_is_refused_with_a_problem(
    ideas_api: Api, content_items: Any, raw_body: str, headers: dict[str, str], b64: bool, status: int
) -> None:
    challenge = create_challenge(ideas_api)
    before = len(content_items())

    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        raw_body=raw_body,
        headers=headers,
        base64=b64,
    )

    assert answer.status == status
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert len(content_items()) == before


def test_base64_encoded_json_body_is_accepted(ideas_api: Api) -> None:
    raw = base64.b64encode(b'{"brandId": "acme", "title": "Greener packaging", "phase": "submission"}').decode()

    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", raw_body=raw, base64=True)

    assert answer.status == 201


def test_idea_for_a_challenge_outside_submission_is_refused(ideas_api: Api, content_items: Any) -> None:
    challenge = create_challenge(ideas_api, phase="voting")
    before = len(content_items())

    answer = submit(ideas_api, challenge["challengeId"])

    assert answer.status == 409
    assert "submissions are closed" in answer.json["detail"]
    assert len(content_items()) == before


def test_draft_challenge_is_invisible_to_participants(ideas_api: Api) -> None:
    challenge = create_challenge(ideas_api, phase="draft")

    answer = submit(ideas_api, challenge["challengeId"])

    assert answer.status == 404


def test_unknown_challenge_field_is_refused(ideas_api: Api, content_items: Any) -> None:
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body={**CHALLENGE, "votesUp": 5})

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "votesUp"
    assert content_items() == []


def test_unknown_route_is_a_404_problem(ideas_api: Api) -> None:
    answer = ideas_api.call("GET", "/nowhere")

    assert answer.status == 404
    assert answer.json["type"].endswith("/no-route")

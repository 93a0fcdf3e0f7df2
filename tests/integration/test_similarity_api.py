"""GET /challenges/{challengeId}/similar on moto: ideas submitted through the API, indexed from
the content table's stream, found by the ideas function."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import Api
from tests.integration.similarity_support import ContentStream

ROUTE = "/challenges/{challengeId}/similar"
CHALLENGE = {"brandId": "acme", "title": "Less plastic, more care", "phase": "submission"}
REFILL = {
    "title": "Refill stations for shampoo",
    "description": "Bring the empty bottle back and refill it in the shop.",
}


@pytest.fixture
def stream(ideas_api: Api) -> ContentStream:
    return ContentStream()


def create_challenge(api: Api, **overrides: Any) -> str:
    answer = api.call("POST", "/challenges", as_="brand_admin", body={**CHALLENGE, **overrides})
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def submit(api: Api, challenge_id: str, idea: dict[str, str]) -> str:
    answer = api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body=idea,
    )
    assert answer.status == 201, answer.body
    return str(answer.json["ideaId"])


def similar(api: Api, challenge_id: str, text: str | None, as_: str = "anonymous") -> Any:
    query = {} if text is None else {"text": text}
    return api.call("GET", f"/challenges/{challenge_id}/similar", route=ROUTE, as_=as_, query=query)


def test_a_submitted_idea_is_found_by_a_similar_text_once_indexed(ideas_api: Api, stream: ContentStream) -> None:
    challenge_id = create_challenge(ideas_api)
    idea_id = submit(ideas_api, challenge_id, REFILL)
    submit(ideas_api, challenge_id, {"title": "Sponsor the local football team", "description": "Logo on shirts."})
    assert similar(ideas_api, challenge_id, "refill station for shampoo").json == {"items": []}

    assert stream.deliver() == [{"batchItemFailures": []}]
    answer = similar(ideas_api, challenge_id, "refill station in the shop for shampoo bottles")

    assert answer.status == 200
    [found] = answer.json["items"]
    assert found["ideaId"] == idea_id
    assert found["title"] == REFILL["title"]
    assert 0.26 <= found["score"] <= 1


def test_pending_ideas_are_not_shown(ideas_api: Api, stream: ContentStream) -> None:
    challenge_id = create_challenge(ideas_api, moderation="pre")
    submit(ideas_api, challenge_id, REFILL)
    stream.deliver()

    assert similar(ideas_api, challenge_id, REFILL["title"]).json == {"items": []}


def test_ideas_of_other_challenges_are_not_shown(ideas_api: Api, stream: ContentStream) -> None:
    submit(ideas_api, create_challenge(ideas_api), REFILL)
    stream.deliver()

    assert similar(ideas_api, create_challenge(ideas_api), REFILL["title"]).json == {"items": []}


def test_signed_in_callers_get_the_same_answer(ideas_api: Api, stream: ContentStream) -> None:
    challenge_id = create_challenge(ideas_api)
    submit(ideas_api, challenge_id, REFILL)
    stream.deliver()

    anonymous = similar(ideas_api, challenge_id, REFILL["title"])

    assert similar(ideas_api, challenge_id, REFILL["title"], as_="participant").json == anonymous.json


@pytest.mark.parametrize(
    ("text", "code"), [(None, "missing"), ("ab", "string_too_short"), ("x" * 2001, "string_too_long")]
)
def test_a_missing_or_badly_sized_text_is_a_422_naming_the_field(ideas_api: Api, text: str | None, code: str) -> None:
    answer = similar(ideas_api, create_challenge(ideas_api), text)

    assert answer.status == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert [(e["field"], e["location"], e["code"]) for e in answer.json["errors"]] == [("text", "query", code)]


def test_an_unknown_challenge_is_a_404(ideas_api: Api) -> None:
    answer = similar(ideas_api, "no-such-challenge", "refill")

    assert answer.status == 404
    assert answer.headers["Content-Type"] == "application/problem+json"


def test_a_draft_challenge_is_a_404_except_for_its_brand_staff(ideas_api: Api) -> None:
    draft = create_challenge(ideas_api, phase="draft")

    assert similar(ideas_api, draft, "refill").status == 404
    assert similar(ideas_api, draft, "refill", as_="participant").status == 404
    assert similar(ideas_api, draft, "refill", as_="moderator").status == 200


def test_a_bad_token_is_refused_rather_than_ignored(ideas_api: Api) -> None:
    challenge_id = create_challenge(ideas_api)

    answer = ideas_api.call(
        "GET",
        f"/challenges/{challenge_id}/similar",
        route=ROUTE,
        query={"text": "refill"},
        headers={"authorization": "Bearer forged"},
    )

    assert answer.status == 401

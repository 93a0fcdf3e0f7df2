"""ETag and If-Match: a read gives the resource's version as its ETag; a write that names the
version it read is refused with 412 (writing nothing) once someone else changed it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import Api
from tests.integration.test_comments_api import COMMENT, comment
from tests.integration.test_ideas_api import create_challenge, submit

CHALLENGE = "/challenges/{challengeId}"
IDEA = "/ideas/{ideaId}"


def _patch(api: Api, path: str, route: str, as_: str, body: dict[str, Any], if_match: str | None) -> Any:
    headers = {"if-match": if_match} if if_match is not None else {}
    return api.call("PATCH", path, route=route, as_=as_, body=body, headers=headers)


def test_an_idea_read_gives_its_etag_and_a_write_on_it_moves_it_on(ideas_api: Api) -> None:
    idea = submit(ideas_api, create_challenge(ideas_api)["challengeId"]).json
    path = f"/ideas/{idea['ideaId']}"

    read = ideas_api.call("GET", path, route=IDEA)
    edited = _patch(ideas_api, path, IDEA, "participant", {"title": "Refill stations everywhere"}, read.headers["ETag"])
    stale = _patch(ideas_api, path, IDEA, "participant", {"title": "Lost update"}, read.headers["ETag"])

    assert read.headers["ETag"] == f'"v{idea["version"]}"'
    assert edited.status == 200, edited.body
    assert edited.headers["ETag"] == f'"v{edited.json["version"]}"' != read.headers["ETag"]
    assert stale.status == 412
    assert stale.headers["Content-Type"] == "application/problem+json"
    assert stale.json["errors"][0] | {"message": ""} == {
        "field": "If-Match",
        "location": "header",
        "message": "",
        "code": "precondition-failed",
    }
    assert ideas_api.call("GET", path, route=IDEA).json["title"] == "Refill stations everywhere"


@pytest.mark.parametrize(("if_match", "status"), [(None, 200), ("*", 200), ('"v9"', 412), ("v1", 412), ('W/"v1"', 412)])
def test_if_match_is_optional_and_only_the_current_tag_matches(
    ideas_api: Api, if_match: str | None, status: int
) -> None:
    challenge = create_challenge(ideas_api)
    path = f"/challenges/{challenge['challengeId']}"

    answer = _patch(ideas_api, path, CHALLENGE, "brand_admin", {"title": "Greener packaging, round 2"}, if_match)

    assert answer.status == status, answer.body
    title = ideas_api.call("GET", path, route=CHALLENGE).json["title"]
    assert title == ("Greener packaging, round 2" if status == 200 else challenge["title"])


def test_a_challenge_and_a_comment_refuse_a_write_on_a_version_that_moved_on(ideas_api: Api) -> None:
    challenge = create_challenge(ideas_api)
    path = f"/challenges/{challenge['challengeId']}"
    first = ideas_api.call("GET", path, route=CHALLENGE).headers["ETag"]
    assert _patch(ideas_api, path, CHALLENGE, "brand_admin", {"title": "Round one"}, first).status == 200
    idea = submit(ideas_api, challenge["challengeId"]).json
    posted = comment(ideas_api, idea["ideaId"], "Refils everywhere")
    comment_path = f"/comments/{posted['commentId']}"

    challenge_again = _patch(ideas_api, path, CHALLENGE, "brand_admin", {"title": "Round two"}, first)
    fixed = _patch(ideas_api, comment_path, COMMENT, "participant", {"body": "Refills"}, f'"v{posted["version"]}"')
    comment_again = _patch(
        ideas_api, comment_path, COMMENT, "participant", {"body": "Again"}, f'"v{posted["version"]}"'
    )

    assert challenge_again.status == 412
    assert fixed.status == 200
    assert fixed.headers["ETag"] == f'"v{posted["version"] + 1}"'
    assert comment_again.status == 412

"""Comments and staff notes end to end on moto: threads, official flags, edits, removals, the
idea's comment count, pagination, and bad input that writes nothing."""

from __future__ import annotations

import importlib
import json
from collections import Counter
from typing import Any

import boto3
import pytest

from tests.builders import LambdaContext
from tests.integration.conftest import TABLE_NAMES, Api

COMMENTS = "/ideas/{ideaId}/comments"
COMMENT = "/comments/{commentId}"
NOTES = "/ideas/{ideaId}/notes"


@pytest.fixture
def idea(ideas_api: Api) -> dict[str, Any]:
    """A published idea of brand acme, by the participant."""
    challenge = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={"brandId": "acme", "title": "Greener packaging", "phase": "submission"},
    )
    assert challenge.status == 201, challenge.body
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge.json['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Refill stations in stores"},
    )
    assert answer.status == 201, answer.body
    return dict(answer.json)


def post(api: Api, idea_id: str, body: Any, as_: str = "participant", **kwargs: Any) -> Any:
    return api.call("POST", f"/ideas/{idea_id}/comments", route=COMMENTS, as_=as_, body=body, **kwargs)


def comment(
    api: Api, idea_id: str, text: str, parent_id: str | None = None, as_: str = "participant"
) -> dict[str, Any]:
    body: dict[str, Any] = {"body": text} | ({"parentId": parent_id} if parent_id else {})
    answer = post(api, idea_id, body, as_=as_)
    assert answer.status == 201, answer.body
    return dict(answer.json)


def listing(api: Api, idea_id: str, as_: str = "anonymous", **query: str) -> Any:
    return api.call("GET", f"/ideas/{idea_id}/comments", route=COMMENTS, as_=as_, query=query or None)


def comment_count(api: Api, idea_id: str) -> int:
    answer = api.call("GET", f"/ideas/{idea_id}", route="/ideas/{ideaId}", as_="participant")
    return int(answer.json["commentCount"])


def comment_items(content_items: Any) -> list[dict[str, Any]]:
    return [item for item in content_items() if item.get("type") == "Comment"]


def set_idea_status(idea_id: str, status: str) -> None:
    boto3.client("dynamodb").update_item(
        TableName=TABLE_NAMES["ContentTable"],
        Key={"pk": {"S": f"IDEA#{idea_id}"}, "sk": {"S": "#META"}},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": status}},
    )


# ---------------------------------------------------------------------- posting
def test_participant_comments_and_the_idea_counts_it(ideas_api: Api, idea: dict[str, Any]) -> None:
    answer = post(ideas_api, idea["ideaId"], {"body": "  Love it: refills save plastic.  "})

    assert answer.status == 201, answer.body
    posted = answer.json
    assert posted["ideaId"] == idea["ideaId"]
    assert posted["authorId"] == "user-pat"
    assert posted["body"] == "Love it: refills save plastic."
    assert posted["parentId"] is None
    assert posted["depth"] == 0
    assert posted["official"] is False
    assert posted["deleted"] is False
    assert posted["editedAt"] is None
    assert comment_count(ideas_api, idea["ideaId"]) == 1


@pytest.mark.parametrize(
    ("principal", "official"),
    [
        ("moderator", True),
        ("brand_admin", True),
        ("operator", True),
        ("other_brand_moderator", False),
        ("other_participant", False),
    ],
)
def test_only_the_brands_staff_comment_officially(
    ideas_api: Api, idea: dict[str, Any], principal: str, official: bool
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "We are looking into this.", as_=principal)

    assert posted["official"] is official


def test_replies_list_in_thread_order(ideas_api: Api, idea: dict[str, Any]) -> None:
    first = comment(ideas_api, idea["ideaId"], "first thread")
    second = comment(ideas_api, idea["ideaId"], "second thread", as_="other_participant")
    reply = comment(ideas_api, idea["ideaId"], "reply to first", first["commentId"], as_="moderator")
    nested = comment(ideas_api, idea["ideaId"], "reply to the reply", reply["commentId"])
    late = comment(ideas_api, idea["ideaId"], "late reply to first", first["commentId"])

    answer = listing(ideas_api, idea["ideaId"])

    assert answer.status == 200, answer.body
    rows = [(c["commentId"], c["parentId"], c["depth"]) for c in answer.json["items"]]
    assert rows == [
        (first["commentId"], None, 0),
        (reply["commentId"], first["commentId"], 1),
        (nested["commentId"], reply["commentId"], 2),
        (late["commentId"], first["commentId"], 1),
        (second["commentId"], None, 0),
    ]
    assert answer.json["nextCursor"] is None
    assert comment_count(ideas_api, idea["ideaId"]) == 5


def test_a_reply_below_depth_three_is_refused_and_writes_nothing(
    ideas_api: Api, idea: dict[str, Any], content_items: Any
) -> None:
    parent = None
    for depth in range(4):
        parent = comment(ideas_api, idea["ideaId"], f"depth {depth}", parent["commentId"] if parent else None)
    assert parent is not None
    assert parent["depth"] == 3
    before = content_items()

    answer = post(ideas_api, idea["ideaId"], {"body": "too deep", "parentId": parent["commentId"]})

    assert answer.status == 422, answer.body
    assert [e["field"] for e in answer.json["errors"]] == ["parentId"]
    assert "at most 3" in answer.json["detail"]
    assert content_items() == before


def test_reply_to_an_unknown_comment_is_refused(ideas_api: Api, idea: dict[str, Any]) -> None:
    answer = post(ideas_api, idea["ideaId"], {"body": "hello?", "parentId": "nosuchcomment"})

    assert answer.status == 422, answer.body
    assert answer.json["errors"][0]["field"] == "parentId"


def test_reply_to_a_comment_of_another_idea_is_refused(ideas_api: Api, idea: dict[str, Any]) -> None:
    elsewhere = ideas_api.call(
        "POST",
        f"/challenges/{idea['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="other_participant",
        body={"title": "Another idea entirely"},
    ).json
    foreign = comment(ideas_api, elsewhere["ideaId"], "on the other idea")

    answer = post(ideas_api, idea["ideaId"], {"body": "crossing over", "parentId": foreign["commentId"]})

    assert answer.status == 422, answer.body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": 42}, "body"),
        ({}, "body"),
        ({"body": "fine", "authorId": "someone-else"}, "authorId"),
        ({"body": "fine", "official": True}, "official"),
        ({"body": "fine", "parentId": "not/an/id"}, "parentId"),
    ],
)
def test_bad_comment_input_is_refused_and_writes_nothing(
    ideas_api: Api, idea: dict[str, Any], content_items: Any, body: dict[str, Any], field: str
) -> None:
    before = content_items()

    answer = post(ideas_api, idea["ideaId"], body)

    assert answer.status == 422, answer.body
    assert field in {error["field"] for error in answer.json["errors"]}
    assert content_items() == before


def test_a_5000_character_comment_is_fine(ideas_api: Api, idea: dict[str, Any]) -> None:
    assert post(ideas_api, idea["ideaId"], {"body": "x" * 5000}).status == 201


def test_commenting_on_an_idea_the_caller_cannot_see_is_not_found(ideas_api: Api, content_items: Any) -> None:
    challenge = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={"brandId": "acme", "title": "Pre-moderated", "phase": "submission", "moderation": "pre"},
    ).json
    pending = ideas_api.call(
        "POST",
        f"/challenges/{challenge['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Waiting for review"},
    ).json
    before = content_items()

    assert post(ideas_api, pending["ideaId"], {"body": "hi"}, as_="other_participant").status == 404
    assert listing(ideas_api, pending["ideaId"]).status == 404
    assert listing(ideas_api, pending["ideaId"], as_="other_participant").status == 404
    assert content_items() == before


def test_a_pending_idea_takes_no_comments_even_from_its_author(ideas_api: Api, idea: dict[str, Any]) -> None:
    set_idea_status(idea["ideaId"], "pending")

    answer = post(ideas_api, idea["ideaId"], {"body": "my own idea"})

    assert answer.status == 409, answer.body
    assert answer.json["type"].endswith("/rule-violation")
    assert comment_count(ideas_api, idea["ideaId"]) == 0


def test_commenting_on_a_missing_idea_is_not_found(ideas_api: Api) -> None:
    assert post(ideas_api, "nosuchidea", {"body": "hello"}).status == 404


def test_anonymous_callers_cannot_comment(ideas_api: Api, idea: dict[str, Any]) -> None:
    assert post(ideas_api, idea["ideaId"], {"body": "hello"}, as_="anonymous").status == 401


def test_idempotent_comment_is_written_once(ideas_api: Api, idea: dict[str, Any], content_items: Any) -> None:
    headers = {"Idempotency-Key": "comment-1"}
    first = post(ideas_api, idea["ideaId"], {"body": "once"}, headers=headers)
    again = post(ideas_api, idea["ideaId"], {"body": "once"}, headers=headers)

    assert first.status == again.status == 201
    assert again.json == first.json
    assert len(comment_items(content_items)) == 1
    assert comment_count(ideas_api, idea["ideaId"]) == 1


# ---------------------------------------------------------------------- listing
def test_listing_pages_with_a_cursor_one_query_each(ideas_api: Api, idea: dict[str, Any]) -> None:
    posted = [comment(ideas_api, idea["ideaId"], f"comment {n}")["commentId"] for n in range(5)]

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        query = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        answer = listing(ideas_api, idea["ideaId"], **query)
        assert answer.status == 200, answer.body
        pages += 1
        seen += [c["commentId"] for c in answer.json["items"]]
        cursor = answer.json["nextCursor"]
        if cursor is None:
            break

    assert seen == posted
    assert pages in {3, 4}  # DynamoDB may hand back a last, empty page


@pytest.mark.parametrize("limit", ["0", "101", "many"])
def test_limit_is_bounded(ideas_api: Api, idea: dict[str, Any], limit: str) -> None:
    assert listing(ideas_api, idea["ideaId"], limit=limit).status == 422


def test_a_tampered_cursor_is_refused(ideas_api: Api, idea: dict[str, Any]) -> None:
    for n in range(3):
        comment(ideas_api, idea["ideaId"], f"comment {n}")
    cursor = listing(ideas_api, idea["ideaId"], limit="1").json["nextCursor"]
    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")

    answer = listing(ideas_api, idea["ideaId"], cursor=tampered)

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "cursor"


def test_a_cursor_of_another_idea_is_refused(ideas_api: Api, idea: dict[str, Any]) -> None:
    for n in range(2):
        comment(ideas_api, idea["ideaId"], f"comment {n}")
    cursor = listing(ideas_api, idea["ideaId"], limit="1").json["nextCursor"]
    other = ideas_api.call(
        "POST",
        f"/challenges/{idea['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "A second idea"},
    ).json

    assert listing(ideas_api, other["ideaId"], cursor=cursor).status == 422


# ---------------------------------------------------------------------- editing
def edit(api: Api, comment_id: str, body: Any, as_: str = "participant") -> Any:
    return api.call("PATCH", f"/comments/{comment_id}", route=COMMENT, as_=as_, body=body)


def remove(api: Api, comment_id: str, as_: str = "participant") -> Any:
    return api.call("DELETE", f"/comments/{comment_id}", route=COMMENT, as_=as_)


def test_the_author_edits_a_comment(ideas_api: Api, idea: dict[str, Any]) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refils everywhere")

    answer = edit(ideas_api, posted["commentId"], {"body": "Refills everywhere"})

    assert answer.status == 200, answer.body
    assert answer.json["body"] == "Refills everywhere"
    assert answer.json["editedAt"] is not None
    assert listing(ideas_api, idea["ideaId"]).json["items"][0]["body"] == "Refills everywhere"


@pytest.mark.parametrize(
    ("principal", "status"), [("other_participant", 403), ("brand_admin", 403), ("anonymous", 401)]
)
def test_nobody_else_edits_a_comment(ideas_api: Api, idea: dict[str, Any], principal: str, status: int) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")

    assert edit(ideas_api, posted["commentId"], {"body": "theirs"}, as_=principal).status == status
    assert listing(ideas_api, idea["ideaId"]).json["items"][0]["body"] == "mine"


def test_a_comment_on_an_idea_gone_from_view_is_not_found_for_others(ideas_api: Api, idea: dict[str, Any]) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")
    set_idea_status(idea["ideaId"], "hidden")

    assert edit(ideas_api, posted["commentId"], {"body": "theirs"}, as_="other_participant").status == 404
    assert remove(ideas_api, posted["commentId"], as_="other_participant").status == 404


@pytest.mark.parametrize("body", [{"body": ""}, {"body": "x" * 5001}, {"body": "ok", "parentId": "x"}, {}])
def test_bad_edits_are_refused(ideas_api: Api, idea: dict[str, Any], body: dict[str, Any]) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")

    assert edit(ideas_api, posted["commentId"], body).status == 422


def test_editing_a_missing_comment_is_not_found(ideas_api: Api) -> None:
    assert edit(ideas_api, "nosuchcomment", {"body": "hello"}).status == 404


def test_an_unchanged_edit_writes_nothing(ideas_api: Api, idea: dict[str, Any], content_items: Any) -> None:
    posted = comment(ideas_api, idea["ideaId"], "same")
    before = content_items()

    answer = edit(ideas_api, posted["commentId"], {"body": "same"})

    assert answer.status == 200
    assert answer.json == posted
    assert content_items() == before


# ---------------------------------------------------------------------- removing
@pytest.mark.parametrize("principal", ["participant", "moderator", "brand_admin", "operator"])
def test_a_removed_comment_shows_as_removed_and_its_replies_stay(
    ideas_api: Api, idea: dict[str, Any], principal: str
) -> None:
    parent = comment(ideas_api, idea["ideaId"], "something rude")
    reply = comment(ideas_api, idea["ideaId"], "a reply", parent["commentId"], as_="other_participant")

    answer = remove(ideas_api, parent["commentId"], as_=principal)

    assert answer.status == 204, answer.body
    items = listing(ideas_api, idea["ideaId"]).json["items"]
    assert [(c["commentId"], c["deleted"], c["body"]) for c in items] == [
        (parent["commentId"], True, None),
        (reply["commentId"], False, "a reply"),
    ]
    assert comment_count(ideas_api, idea["ideaId"]) == 2  # removals keep their place, and their count


@pytest.mark.parametrize(("principal", "status"), [("other_participant", 403), ("other_brand_moderator", 403)])
def test_others_cannot_remove_a_comment(ideas_api: Api, idea: dict[str, Any], principal: str, status: int) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")

    assert remove(ideas_api, posted["commentId"], as_=principal).status == status
    assert listing(ideas_api, idea["ideaId"]).json["items"][0]["deleted"] is False


def test_removing_twice_is_harmless(ideas_api: Api, idea: dict[str, Any], content_items: Any) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")
    assert remove(ideas_api, posted["commentId"]).status == 204
    before = content_items()

    assert remove(ideas_api, posted["commentId"]).status == 204
    assert content_items() == before


def test_a_removed_comment_takes_no_edits_and_no_replies(ideas_api: Api, idea: dict[str, Any]) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")
    remove(ideas_api, posted["commentId"])

    assert edit(ideas_api, posted["commentId"], {"body": "back"}).status == 409
    assert post(ideas_api, idea["ideaId"], {"body": "hi", "parentId": posted["commentId"]}).status == 409


def test_removing_a_missing_comment_is_not_found(ideas_api: Api) -> None:
    assert remove(ideas_api, "nosuchcomment").status == 404


# ---------------------------------------------------------------------- staff notes
def note(api: Api, idea_id: str, body: Any, as_: str = "moderator", **kwargs: Any) -> Any:
    return api.call("POST", f"/ideas/{idea_id}/notes", route=NOTES, as_=as_, body=body, **kwargs)


def notes(api: Api, idea_id: str, as_: str = "moderator", **query: str) -> Any:
    return api.call("GET", f"/ideas/{idea_id}/notes", route=NOTES, as_=as_, query=query or None)


def test_staff_notes_are_for_the_brands_staff_only(ideas_api: Api, idea: dict[str, Any]) -> None:
    first = note(ideas_api, idea["ideaId"], {"body": "Check with logistics."})
    second = note(ideas_api, idea["ideaId"], {"body": "Logistics says yes."}, as_="brand_admin")
    assert first.status == second.status == 201, first.body

    answer = notes(ideas_api, idea["ideaId"], as_="operator")

    assert answer.status == 200
    assert [n["body"] for n in answer.json["items"]] == ["Logistics says yes.", "Check with logistics."]
    assert answer.json["items"][0]["authorId"] == "user-ada"
    for outsider in ("participant", "other_participant", "other_brand_moderator"):
        assert notes(ideas_api, idea["ideaId"], as_=outsider).status == 403
        assert note(ideas_api, idea["ideaId"], {"body": "peek"}, as_=outsider).status == 403
    assert notes(ideas_api, idea["ideaId"], as_="anonymous").status == 401


def test_staff_notes_stay_out_of_comments_and_counts(ideas_api: Api, idea: dict[str, Any]) -> None:
    note(ideas_api, idea["ideaId"], {"body": "Internal only."})

    assert listing(ideas_api, idea["ideaId"]).json["items"] == []
    assert comment_count(ideas_api, idea["ideaId"]) == 0


def test_staff_notes_page(ideas_api: Api, idea: dict[str, Any]) -> None:
    for n in range(3):
        note(ideas_api, idea["ideaId"], {"body": f"note {n}"})

    first = notes(ideas_api, idea["ideaId"], limit="2").json
    rest = notes(ideas_api, idea["ideaId"], limit="2", cursor=first["nextCursor"]).json

    assert [n["body"] for n in first["items"] + rest["items"]] == ["note 2", "note 1", "note 0"]
    assert notes(ideas_api, idea["ideaId"], cursor=first["nextCursor"] + "x").status == 422


@pytest.mark.parametrize("body", [{"body": ""}, {"body": "x" * 5001}, {"body": "ok", "private": False}])
def test_bad_staff_notes_are_refused_and_write_nothing(
    ideas_api: Api, idea: dict[str, Any], content_items: Any, body: dict[str, Any]
) -> None:
    before = content_items()

    assert note(ideas_api, idea["ideaId"], body).status == 422
    assert content_items() == before


def test_staff_notes_on_an_idea_the_caller_cannot_see_are_not_found(ideas_api: Api, idea: dict[str, Any]) -> None:
    set_idea_status(idea["ideaId"], "pending")

    assert note(ideas_api, idea["ideaId"], {"body": "hm"}, as_="other_participant").status == 404
    assert notes(ideas_api, idea["ideaId"], as_="other_brand_moderator").status == 404


def test_idempotent_staff_note_is_written_once(ideas_api: Api, idea: dict[str, Any]) -> None:
    headers = {"Idempotency-Key": "note-1"}
    first = note(ideas_api, idea["ideaId"], {"body": "once"}, headers=headers)
    again = note(ideas_api, idea["ideaId"], {"body": "once"}, headers=headers)

    assert again.json == first.json
    assert len(notes(ideas_api, idea["ideaId"]).json["items"]) == 1


# ---------------------------------------------------------------------- helpful marks
HELPFUL = "/comments/{commentId}/helpful"


def helpful(api: Api, comment_id: str, method: str = "PUT", as_: str = "moderator", **kwargs: Any) -> Any:
    return api.call(method, f"/comments/{comment_id}/helpful", route=HELPFUL, as_=as_, **kwargs)


def comment_item(content_items: Any, comment_id: str) -> dict[str, Any]:
    [item] = [item for item in comment_items(content_items) if item["commentId"] == comment_id]
    return item


@pytest.mark.parametrize(
    ("principal", "user_id"), [("moderator", "user-mia"), ("brand_admin", "user-ada"), ("operator", "user-otto")]
)
def test_staff_mark_a_comment_helpful_and_take_the_mark_back(
    ideas_api: Api, idea: dict[str, Any], content_items: Any, principal: str, user_id: str
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refill stations could sit by the tills.")
    assert posted["helpful"] is False

    marked = helpful(ideas_api, posted["commentId"], as_=principal)

    assert marked.status == 200, marked.body
    assert marked.json["helpful"] is True
    assert marked.json["version"] == posted["version"] + 1
    assert marked.headers["ETag"] == f'"v{marked.json["version"]}"'
    assert marked.json["body"] == posted["body"]
    assert marked.json["editedAt"] is None  # a mark is not an edit
    assert "helpfulBy" not in marked.json  # who marked it stays off public views
    item = comment_item(content_items, posted["commentId"])
    assert (item["helpful"], item["helpfulBy"]) == (True, user_id)
    assert "helpfulAt" in item
    [listed] = listing(ideas_api, idea["ideaId"]).json["items"]
    assert listed["helpful"] is True
    assert "helpfulBy" not in listed

    unmarked = helpful(ideas_api, posted["commentId"], "DELETE", as_=principal)

    assert unmarked.status == 200, unmarked.body
    assert unmarked.json["helpful"] is False
    assert unmarked.json["version"] == posted["version"] + 2
    assert "helpful" not in comment_item(content_items, posted["commentId"])  # absent means false
    assert listing(ideas_api, idea["ideaId"]).json["items"][0]["helpful"] is False


def test_marking_twice_or_unmarking_an_unmarked_comment_writes_nothing(
    ideas_api: Api, idea: dict[str, Any], content_items: Any
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Useful, thanks")
    before = content_items()

    unmarked = helpful(ideas_api, posted["commentId"], "DELETE")

    assert unmarked.status == 200, unmarked.body
    assert unmarked.json == posted
    assert content_items() == before

    marked = helpful(ideas_api, posted["commentId"])
    after_mark = content_items()
    again = helpful(ideas_api, posted["commentId"], as_="brand_admin")

    assert again.status == 200, again.body
    assert again.json == marked.json
    assert content_items() == after_mark
    assert comment_item(content_items, posted["commentId"])["helpfulBy"] == "user-mia"  # still the first marker


@pytest.mark.parametrize(
    ("principal", "status"),
    [("participant", 403), ("other_participant", 403), ("other_brand_moderator", 403), ("anonymous", 401)],
)
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_nobody_but_the_brands_staff_marks_a_comment(
    ideas_api: Api, idea: dict[str, Any], content_items: Any, principal: str, status: int, method: str
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")  # by the participant: authors do not mark their own
    if method == "DELETE":
        assert helpful(ideas_api, posted["commentId"]).status == 200
    before = content_items()

    answer = helpful(ideas_api, posted["commentId"], method, as_=principal)

    assert answer.status == status, answer.body
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert content_items() == before


def test_marking_a_missing_or_removed_comment_is_not_found(
    ideas_api: Api, idea: dict[str, Any], content_items: Any
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "soon gone")
    assert remove(ideas_api, posted["commentId"]).status == 204
    before = content_items()

    for comment_id in ("nosuchcomment", posted["commentId"]):
        for method in ("PUT", "DELETE"):
            answer = helpful(ideas_api, comment_id, method)
            assert answer.status == 404, answer.body
            assert answer.json["type"].endswith("/not-found")
    assert content_items() == before


def test_a_comment_on_an_idea_gone_from_view_is_not_found_for_other_brands_staff(
    ideas_api: Api, idea: dict[str, Any]
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "mine")
    set_idea_status(idea["ideaId"], "hidden")

    assert helpful(ideas_api, posted["commentId"], as_="other_brand_moderator").status == 404
    assert helpful(ideas_api, posted["commentId"], as_="moderator").status == 200  # the brand's staff still see it


def test_a_mark_raced_by_an_edit_is_a_conflict_and_writes_nothing(
    ideas_api: Api, idea: dict[str, Any], content_items: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refils")
    repository = ideas_api.module.wiring.comments
    read_before_the_edit = repository.get(posted["commentId"])
    assert edit(ideas_api, posted["commentId"], {"body": "Refills"}).status == 200
    before = content_items()
    monkeypatch.setattr(repository, "get", lambda _: read_before_the_edit)  # the index lagged the edit

    answer = helpful(ideas_api, posted["commentId"])

    assert answer.status == 409, answer.body
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert content_items() == before
    monkeypatch.undo()
    assert helpful(ideas_api, posted["commentId"]).status == 200  # read again, it goes through


def test_a_mark_on_a_version_that_moved_on_is_refused_with_412(ideas_api: Api, idea: dict[str, Any]) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refils")
    read = f'"v{posted["version"]}"'
    assert edit(ideas_api, posted["commentId"], {"body": "Refills"}).status == 200

    stale = helpful(ideas_api, posted["commentId"], headers={"if-match": read})
    current = helpful(ideas_api, posted["commentId"], headers={"if-match": f'"v{posted["version"] + 1}"'})

    assert stale.status == 412, stale.body
    assert current.status == 200, current.body


def test_a_suspended_brands_comments_are_not_marked(ideas_api: Api, idea: dict[str, Any], content_items: Any) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refills")
    suspend = ideas_api.call(
        "PATCH",
        "/brands/acme",
        route="/brands/{brandId}",
        as_="operator",
        body={"suspended": True, "suspendedReason": "audit"},
    )
    assert suspend.status == 200, suspend.body
    before = content_items()

    answer = helpful(ideas_api, posted["commentId"])

    assert answer.status == 409, answer.body
    assert answer.json["type"].endswith("/rule-violation")
    assert content_items() == before


def test_a_helpful_mark_and_its_withdrawal_reach_the_bus_through_the_outbox(
    ideas_api: Api, idea: dict[str, Any], bus_queue: str
) -> None:
    posted = comment(ideas_api, idea["ideaId"], "Refill stations could sit by the tills.")
    assert helpful(ideas_api, posted["commentId"], as_="moderator").status == 200
    assert edit(ideas_api, posted["commentId"], {"body": "Refill stations by the tills."}).status == 200
    assert helpful(ideas_api, posted["commentId"], "DELETE", as_="brand_admin").status == 200

    details = published_details(bus_queue, outbox_run())

    marks = [detail for detail_type, detail in details if detail_type == "CommentMarkedHelpful"]
    assert [(m["helpful"], m["markedBy"]) for m in marks] == [(True, "user-mia"), (False, "user-ada")]
    assert {k: marks[0][k] for k in ("commentId", "ideaId", "challengeId", "brandId", "authorId")} == {
        "commentId": posted["commentId"],
        "ideaId": idea["ideaId"],
        "challengeId": idea["challengeId"],
        "brandId": "acme",
        "authorId": "user-pat",
    }
    comment_events = Counter(detail_type for detail_type, _ in details if detail_type.startswith("Comment"))
    assert comment_events == {"CommentPosted": 1, "CommentMarkedHelpful": 2, "CommentEdited": 1}


def outbox_run() -> dict[str, Any]:
    """The content table's stream so far (moto's), delivered to the outbox function in one batch."""
    table = boto3.client("dynamodb").describe_table(TableName=TABLE_NAMES["ContentTable"])["Table"]
    streams = boto3.client("dynamodbstreams")
    arn = table["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
        for record in streams.get_records(ShardIterator=iterator["ShardIterator"], Limit=1000)["Records"]:
            stream = dict(record["dynamodb"])
            stream["ApproximateCreationDateTime"] = stream["ApproximateCreationDateTime"].timestamp()
            records.append({**record, "dynamodb": stream, "eventSourceARN": arn})
    outbox = importlib.reload(importlib.import_module("functions.outbox.app"))
    answer: dict[str, Any] = outbox.lambda_handler({"Records": records}, LambdaContext())
    return answer


def published_details(queue_url: str, answer: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(detail-type, detail) of everything the bus delivered to the catch-all queue, in order."""
    assert answer == {"batchItemFailures": []}
    sqs = boto3.client("sqs")
    found = []
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            body = json.loads(message["Body"])
            found.append((body["detail-type"], body["detail"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return sorted(found, key=lambda found_: found_[1]["occurredAt"])

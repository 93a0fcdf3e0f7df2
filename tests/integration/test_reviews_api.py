"""The after-sales loop on moto (decision 65): verified supporters review a shipped idea once
(editable), the brand answers, reviews list newest or staff-helpful first, the idea's rating is
counted exactly from the content stream, and a review is IdeaReviewed on the bus."""

from __future__ import annotations

import importlib
from typing import Any

import boto3
import pytest

from shared.events import CommentEdited, CommentPosted, IdeaReviewed, ReviewHelpfulVotesChanged
from shared.services.outbox import events_for_change
from shared.store.streams import change_from_stream_record
from tests.builders import LambdaContext, envelope, sqs_event, stream_record
from tests.integration.conftest import TABLE_NAMES, Api
from tests.integration.test_moderation import CLEAN, PROFANE

REVIEW = "/ideas/{ideaId}/review"


def _ship(ideas_api: Api, idea_id: str) -> None:
    for status in ("accepted", "shipped"):
        answer = ideas_api.call(
            "POST", f"/ideas/{idea_id}/status", route="/ideas/{ideaId}/status", as_="brand_admin",
            body={"status": status, "response": "Thank you!"},
        )  # fmt: skip
        assert answer.status == 200, answer.body


def _support(votes_api: Api, idea_id: str, as_: str = "other_participant") -> None:
    answer = votes_api.call("PUT", f"/ideas/{idea_id}/vote", route="/ideas/{ideaId}/vote", as_=as_, body={"value": 1})
    assert answer.status == 200, answer.body


def _review(api: Api, idea_id: str, rating: int = 4, body: str = "Works great", as_: str = "other_participant") -> Any:
    return api.call("PUT", f"/ideas/{idea_id}/review", route=REVIEW, as_=as_, body={"rating": rating, "body": body})


def _reviews(api: Api, idea_id: str, **query: str) -> Any:
    return api.call("GET", f"/ideas/{idea_id}/reviews", route="/ideas/{ideaId}/reviews", query=query or None)


@pytest.fixture
def shipped(ideas_api: Api, votes_api: Api, idea: tuple[str, str]) -> str:
    """The participant's idea, supported by the other participant, then shipped."""
    _, idea_id = idea
    _support(votes_api, idea_id)
    _ship(ideas_api, idea_id)
    return idea_id


def test_a_verified_supporter_reviews_once_and_edits_it(ideas_api: Api, shipped: str, idea: tuple[str, str]) -> None:
    closed = ideas_api.call(  # ideas ship long after their challenge: its comment switches don't apply
        "PATCH", f"/challenges/{idea[0]}", route="/challenges/{challengeId}", as_="brand_admin",
        body={"phase": "closed", "phaseRules": {"closed": {"comment": False}}},
    )  # fmt: skip
    assert closed.status == 200, closed.body
    first = _review(ideas_api, shipped, 4, "Works great")
    assert first.status == 201, first.body
    assert (first.json["rating"], first.json["body"], first.json["authorId"]) == (4, "Works great", "user-oscar")
    assert first.headers["ETag"] == '"v1"'

    edited = _review(ideas_api, shipped, 2, "Broke after a week")
    same = _review(ideas_api, shipped, 2, "Broke after a week")

    assert edited.status == 200
    assert edited.json["reviewId"] == first.json["reviewId"]
    assert (edited.json["rating"], edited.json["body"], edited.json["version"]) == (2, "Broke after a week", 2)
    assert (same.status, same.json["version"]) == (200, 2)  # nothing changed: nothing written
    listed = _reviews(ideas_api, shipped).json["items"]
    assert [(r["reviewId"], r["rating"]) for r in listed] == [(first.json["reviewId"], 2)]
    thread = ideas_api.call("GET", f"/ideas/{shipped}/comments", route="/ideas/{ideaId}/comments").json["items"]
    assert [c["commentId"] for c in thread] == [first.json["reviewId"]]  # a review is also a comment


def test_only_those_who_supported_or_followed_before_it_shipped_review(
    ideas_api: Api, votes_api: Api, notifications_api: Api, idea: tuple[str, str]
) -> None:
    _, idea_id = idea
    assert _review(ideas_api, idea_id).status == 409  # not shipped yet: reviews open when it ships
    follow = notifications_api.call(
        "PUT", f"/ideas/{idea_id}/subscription", route="/ideas/{ideaId}/subscription", as_="other_brand_moderator"
    )
    assert follow.status == 200, follow.body
    _ship(ideas_api, idea_id)
    late = notifications_api.call(
        "PUT", f"/ideas/{idea_id}/subscription", route="/ideas/{ideaId}/subscription", as_="other_participant"
    )
    assert late.status == 200

    assert _review(ideas_api, idea_id, as_="other_participant").status == 403  # followed after it shipped
    assert _review(ideas_api, idea_id, as_="participant").status == 403  # its author
    assert _review(ideas_api, idea_id, as_="moderator").status == 403  # staff who never supported it
    assert _review(ideas_api, idea_id, as_="anonymous").status == 401
    assert _review(ideas_api, idea_id, as_="other_brand_moderator").status == 201  # followed before
    assert len(_reviews(ideas_api, idea_id).json["items"]) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": 0, "body": "x"}, "rating"),
        ({"rating": 6, "body": "x"}, "rating"),
        ({"rating": "5", "body": "x"}, "rating"),
        ({"rating": 4.5, "body": "x"}, "rating"),
        ({"rating": 5}, "body"),
        ({"rating": 5, "body": "   "}, "body"),
        ({"rating": 5, "body": "x" * 2001}, "body"),
        ({"rating": 5, "body": "x", "stars": 5}, "stars"),
    ],
)
def test_a_bad_review_is_a_422_naming_the_field_and_writes_nothing(
    ideas_api: Api, shipped: str, body: dict[str, Any], field: str
) -> None:
    answer = ideas_api.call("PUT", f"/ideas/{shipped}/review", route=REVIEW, as_="other_participant", body=body)

    assert answer.status == 422, answer.body
    assert any(error["field"].endswith(field) for error in answer.json["errors"]), answer.json
    assert _reviews(ideas_api, shipped).json["items"] == []


def test_the_brand_answers_a_review_officially(ideas_api: Api, shipped: str) -> None:
    review_id = _review(ideas_api, shipped).json["reviewId"]
    route = "/reviews/{reviewId}/answer"

    assert ideas_api.call("PUT", f"/reviews/{review_id}/answer", route=route, as_="participant",
                          body={"body": "Thanks"}).status == 403  # fmt: skip
    answered = ideas_api.call(
        "PUT", f"/reviews/{review_id}/answer", route=route, as_="moderator", body={"body": "Glad it helps!"}
    )
    assert answered.status == 200, answered.body
    assert answered.json["answer"]["body"] == "Glad it helps!"
    assert _reviews(ideas_api, shipped).json["items"][0]["answer"]["body"] == "Glad it helps!"
    stale = ideas_api.call(
        "DELETE", f"/reviews/{review_id}/answer", route=route, as_="moderator", headers={"if-match": '"v1"'}
    )
    assert stale.status == 412
    removed = ideas_api.call("DELETE", f"/reviews/{review_id}/answer", route=route, as_="brand_admin")
    assert (removed.status, removed.json["answer"]) == (200, None)
    assert ideas_api.call("PUT", "/reviews/nope/answer", route=route, as_="moderator",
                          body={"body": "x"}).status == 404  # fmt: skip


def test_reviews_list_newest_first_or_the_staffs_helpful_first_without_removed_ones(
    ideas_api: Api, votes_api: Api, notifications_api: Api, idea: tuple[str, str]
) -> None:
    _, idea_id = idea
    for who in ("other_participant", "moderator", "brand_admin"):
        _support(votes_api, idea_id, as_=who)
    _ship(ideas_api, idea_id)
    ids = [_review(ideas_api, idea_id, 5 - n, f"Review {n}", as_=who).json["reviewId"]
           for n, who in enumerate(("other_participant", "moderator", "brand_admin"))]  # fmt: skip
    marked = ideas_api.call(
        "PUT", f"/comments/{ids[0]}/helpful", route="/comments/{commentId}/helpful", as_="brand_admin"
    )
    assert marked.status == 200, marked.body

    newest = _reviews(ideas_api, idea_id, limit="2")
    assert [r["reviewId"] for r in newest.json["items"]] == [ids[2], ids[1]]
    rest = _reviews(ideas_api, idea_id, limit="2", cursor=newest.json["nextCursor"]).json
    assert ([r["reviewId"] for r in rest["items"]], rest["nextCursor"]) == ([ids[0]], None)
    assert [r["reviewId"] for r in _reviews(ideas_api, idea_id, sort="helpful").json["items"]] == [
        ids[0],
        ids[2],
        ids[1],
    ]
    helpful = _reviews(ideas_api, idea_id, sort="helpful", limit="2").json
    more = _reviews(ideas_api, idea_id, sort="helpful", limit="2", cursor=helpful["nextCursor"]).json
    assert [r["reviewId"] for r in helpful["items"] + more["items"]] == [ids[0], ids[2], ids[1]]
    assert more["nextCursor"] is None
    mixed = _reviews(ideas_api, idea_id, sort="helpful", cursor=newest.json["nextCursor"])
    assert (mixed.status, mixed.json["errors"][0]["field"]) == (422, "cursor")  # a cursor belongs to its sort

    removed = ideas_api.call("DELETE", f"/comments/{ids[1]}", route="/comments/{commentId}", as_="moderator")
    assert removed.status == 204
    assert [r["reviewId"] for r in _reviews(ideas_api, idea_id).json["items"]] == [ids[2], ids[0]]
    assert _review(ideas_api, idea_id, 3, "Again", as_="moderator").status == 409  # a removed review stays removed
    assert _reviews(ideas_api, idea_id, sort="best").status == 422


def _review_item(review_id: str) -> dict[str, Any]:
    items = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"]).scan()["Items"]  # tests may Scan
    return next(item for item in items if item.get("commentId") == review_id)


def test_the_rating_is_counted_exactly_from_the_stream(ideas_api: Api, shipped: str) -> None:
    tally = importlib.reload(importlib.import_module("functions.tally.app"))
    review_id = _review(ideas_api, shipped, 4, "Good").json["reviewId"]
    written = _review_item(review_id)
    inserted = stream_record(written, sequence="1")
    changed = {**written, "rating": 2, "version": 2}
    hidden = {**changed, "hidden": True, "version": 3}
    records = [
        inserted,
        stream_record(changed, event_name="MODIFY", sequence="2", old=written),
        stream_record(hidden, event_name="MODIFY", sequence="3", old=changed),
        stream_record({**hidden, "hidden": False, "version": 4}, event_name="MODIFY", sequence="4", old=hidden),
    ]

    for batch in (records[:2], records[:2], records[2:], records):  # replays and re-batching count once
        assert tally.process({"Records": batch}, LambdaContext()) == {"batchItemFailures": []}

    rating = ideas_api.call("GET", f"/ideas/{shipped}", route="/ideas/{ideaId}").json["rating"]
    assert rating == {"average": 2.0, "count": 1, "histogram": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}}


def test_a_review_is_posted_and_reviewed_on_the_bus(ideas_api: Api, shipped: str) -> None:
    review_id = _review(ideas_api, shipped, 5, "Love it").json["reviewId"]
    written = _review_item(review_id)

    posted = events_for_change(change_from_stream_record(stream_record(written)))
    edited = events_for_change(
        change_from_stream_record(
            stream_record({**written, "rating": 3, "version": 2}, event_name="MODIFY", old=written)
        )
    )

    assert [type(event) for event in posted] == [CommentPosted, IdeaReviewed]  # screened as comments are
    reviewed = posted[1]
    assert isinstance(reviewed, IdeaReviewed)
    assert (reviewed.review_id, reviewed.reviewer_id, reviewed.rating, reviewed.previous_rating) == (
        review_id, "user-oscar", 5, None
    )  # fmt: skip
    assert [(type(e), getattr(e, "previous_rating", None)) for e in edited] == [(IdeaReviewed, 5)]


def test_a_hidden_review_is_not_sent_to_brands_until_moderation_restores_it(ideas_api: Api, shipped: str) -> None:
    written = _review_item(_review(ideas_api, shipped, 5, "Love it").json["reviewId"])
    hidden = {**written, "hidden": True, "version": 2}
    edited = {**hidden, "rating": 1, "body": "Rubbish, call 555-0100", "version": 3}
    restored = {**edited, "hidden": False, "version": 4}

    def events(new: dict[str, Any], old: dict[str, Any]) -> list[Any]:
        return events_for_change(change_from_stream_record(stream_record(new, event_name="MODIFY", old=old)))

    assert [type(event) for event in events(hidden, written)] == []
    assert [type(event) for event in events(edited, hidden)] == [CommentEdited]  # screened again, not sent
    [back] = events(restored, edited)
    assert isinstance(back, IdeaReviewed)
    assert (back.rating, back.previous_rating, back.body) == (1, 1, "Rubbish, call 555-0100")


def test_reviews_are_screened_and_reported_as_comments_are_and_leave_the_list_when_hidden(
    ideas_api: Api, votes_api: Api, moderation_api: Api
) -> None:
    body = {"brandId": "acme", "title": "Reviewed", "phase": "submission", "reportThreshold": 1}
    challenge_id = str(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"])
    created = ideas_api.call(
        "POST", f"/challenges/{challenge_id}/ideas", route="/challenges/{challengeId}/ideas", as_="participant",
        body={"title": "Refill stations"},
    )  # fmt: skip
    idea_id = str(created.json["ideaId"])
    for who in ("other_participant", "moderator"):
        _support(votes_api, idea_id, as_=who)
    _ship(ideas_api, idea_id)
    profane = _review(ideas_api, idea_id, 1, PROFANE).json["reviewId"]
    clean = _review(ideas_api, idea_id, 5, CLEAN, as_="moderator").json["reviewId"]
    assert len(_reviews(ideas_api, idea_id).json["items"]) == 2

    posted = envelope("CommentPosted", idea_id, challenge_id, commentId=profane, authorId="user-oscar")
    assert moderation_api.module.lambda_handler(sqs_event(posted), LambdaContext()) == {"batchItemFailures": []}
    assert [r["reviewId"] for r in _reviews(ideas_api, idea_id).json["items"]] == [clean]  # screening hid it

    boto3.resource("dynamodb").Table(TABLE_NAMES["ModerationTable"]).put_item(
        Item={"pk": "AUTHOR#user-pat", "sk": "acme", "approved": 1}
    )  # the reporter has standing in the brand
    reported = moderation_api.call(
        "POST", f"/comments/{clean}/reports", route="/comments/{commentId}/reports", as_="participant",
        body={"reason": "spam"},
    )  # fmt: skip
    assert reported.status == 201, reported.body
    assert _reviews(ideas_api, idea_id).json["items"] == []  # threshold 1: the report hid it
    assert _reviews(ideas_api, idea_id, sort="helpful").json["items"] == []


def _helpful(api: Api, review_id: str, as_: str, method: str = "PUT") -> Any:
    return api.call(method, f"/reviews/{review_id}/helpful", route="/reviews/{reviewId}/helpful", as_=as_)


def test_readers_find_reviews_helpful_once_each_and_the_helpful_sort_follows_them(
    ideas_api: Api, votes_api: Api, idea: tuple[str, str]
) -> None:
    """Decision 72: 'most helpful' is the staff's marked reviews first, then by readers, then newest."""
    _, idea_id = idea
    writers = ("other_participant", "moderator", "brand_admin")
    for who in writers:
        _support(votes_api, idea_id, as_=who)
    _ship(ideas_api, idea_id)
    oscar, mia, ada = (_review(ideas_api, idea_id, 4, f"By {who}", as_=who).json["reviewId"] for who in writers)

    first = _helpful(ideas_api, mia, "participant")
    again = _helpful(ideas_api, mia, "participant")  # once each: nothing changes
    assert (first.status, first.json) == (200, {"reviewId": mia, "helpfulVotes": 1, "foundHelpful": True})
    assert again.json == first.json
    assert _helpful(ideas_api, mia, "other_brand_moderator").json["helpfulVotes"] == 2
    assert _helpful(ideas_api, ada, "other_participant").json["helpfulVotes"] == 1
    assert _helpful(ideas_api, oscar, "other_participant").status == 403  # not one's own
    assert _helpful(ideas_api, oscar, "anonymous").status == 401
    assert _helpful(ideas_api, "nope", "participant").status == 404
    marked = ideas_api.call(
        "PUT", f"/comments/{oscar}/helpful", route="/comments/{commentId}/helpful", as_="brand_admin"
    )
    assert marked.status == 200, marked.body

    def helpful_order() -> list[tuple[str, int]]:
        items = _reviews(ideas_api, idea_id, sort="helpful").json["items"]
        return [(review["reviewId"], review["helpfulVotes"]) for review in items]

    assert helpful_order() == [(oscar, 0), (mia, 2), (ada, 1)]  # the staff's mark leads, then readers
    taken_back = _helpful(ideas_api, mia, "participant", "DELETE")
    assert taken_back.json == {"reviewId": mia, "helpfulVotes": 1, "foundHelpful": False}
    assert _helpful(ideas_api, mia, "participant", "DELETE").json["helpfulVotes"] == 1  # nothing to take back
    assert helpful_order() == [(oscar, 0), (ada, 1), (mia, 1)]  # a tie: newest first
    removed = ideas_api.call("DELETE", f"/comments/{ada}", route="/comments/{commentId}", as_="moderator")
    assert removed.status == 204
    assert _helpful(ideas_api, ada, "participant").status == 404  # a removed review takes no votes


def test_a_readers_vote_is_a_count_on_the_bus_without_their_name(ideas_api: Api, shipped: str) -> None:
    review_id = _review(ideas_api, shipped, 5, "Love it").json["reviewId"]
    before = _review_item(review_id)
    assert _helpful(ideas_api, review_id, "moderator").status == 200
    after = _review_item(review_id)
    vote = next(
        item for item in boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"]).scan()["Items"]
        if str(item["sk"]).startswith(f"HELPFUL#{review_id}#")
    )  # fmt: skip

    [event] = events_for_change(change_from_stream_record(stream_record(after, event_name="MODIFY", old=before)))

    assert isinstance(event, ReviewHelpfulVotesChanged)
    assert (event.review_id, event.helpful_votes, event.previous_helpful_votes) == (review_id, 1, 0)
    assert "user-mia" not in str(vote)  # the reader is kept as a digest (decision 72)
    assert after["rhsk"] == f"0#0000000001#{review_id}"


def test_helpful_votes_take_the_challenges_vote_limit_and_a_race_reads_the_review_again(
    ideas_api: Api, votes_api: Api, idea: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    challenge_id, idea_id = idea
    for who in ("other_participant", "moderator"):
        _support(votes_api, idea_id, as_=who)
    _ship(ideas_api, idea_id)
    oscar, mia = (_review(ideas_api, idea_id, 4, f"By {who}", as_=who).json["reviewId"]
                  for who in ("other_participant", "moderator"))  # fmt: skip
    limits = {"rateLimits": {"votes": {"max": 1, "windowSeconds": 600}}}
    patched = ideas_api.call(
        "PATCH", f"/challenges/{challenge_id}", route="/challenges/{challengeId}", as_="brand_admin", body=limits
    )
    assert patched.status == 200, patched.body
    comments = importlib.import_module("functions.ideas.wiring").comments
    real = comments.find_helpful
    raced: list[str] = []

    def another_reader_first(before: Any, after: Any, reader_id: str, helpful: bool) -> None:
        if not raced:  # between this request's read and its write, another reader's vote lands
            raced.append(reader_id)
            real(before, before.found_helpful(True), "user-zed", True)
        real(before, after, reader_id, helpful)

    monkeypatch.setattr(comments, "find_helpful", another_reader_first)
    counted = _helpful(ideas_api, oscar, "participant")
    limited = _helpful(ideas_api, mia, "participant")  # a second vote within the window

    assert (counted.status, counted.json["helpfulVotes"]) == (200, 2)  # read again by its key, then counted
    assert limited.status == 429, limited.body
    assert _helpful(ideas_api, mia, "other_participant").status == 200  # the limit is per person

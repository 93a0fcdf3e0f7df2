"""Supporter surveys under moto: a challenge's questions, answers with votes, the tally's counts
and what staff read (counts, the answers export), merges and erasure.

The tally is fed the votes table's changes as Lambda would deliver them (records built from the
items the votes function wrote, before and after each call), as in test_tally.py."""

from __future__ import annotations

import csv
import importlib
import io
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from boto3.dynamodb.types import TypeSerializer

from tests.builders import LambdaContext
from tests.integration.conftest import TABLE_NAMES, Api
from tests.integration.test_privacy_api import ERASE, requested

CAST = "/ideas/{ideaId}/vote"
SURVEY_ROUTE = "/ideas/{ideaId}/survey"
ANSWERS_ROUTE = "/ideas/{ideaId}/survey/answers"
QUESTIONS = [
    {"id": "price", "prompt": "What would you pay, in euros?", "kind": "number", "minimum": 0, "maximum": 200},
    {"id": "colour", "prompt": "Which colour?", "kind": "single", "options": ["red", "blue"], "required": True},
    {"id": "uses", "prompt": "Where would you use it?", "kind": "multiple", "options": ["home", "work", "travel"]},
    {"id": "why", "prompt": "Why do you want it?", "kind": "text", "maxLength": 100},
]
_serializer = TypeSerializer()


def _vote_items() -> dict[str, dict[str, Any]]:
    items = boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"]).scan()["Items"]
    return {str(item["pk"]): item for item in items if str(item["pk"]).startswith("VOTE#")}


class Stream:
    """Runs an API call, then hands the vote items it changed to the tally as stream records."""

    def __init__(self, tally: Any) -> None:
        self.tally = tally
        self.sequence = 0

    def __call__(self, call: Callable[[], Any]) -> Any:
        before = _vote_items()
        answer = call()
        after = _vote_items()
        records = []
        for pk in sorted(set(before) | set(after)):
            old, new = before.get(pk), after.get(pk)
            if old == new:
                continue
            self.sequence += 1
            stream: dict[str, Any] = {"Keys": {"pk": {"S": pk}}, "SequenceNumber": str(self.sequence)}
            stream |= {"StreamViewType": "NEW_AND_OLD_IMAGES", "SizeBytes": 100}
            kind = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
            for name, image in (("OldImage", old), ("NewImage", new)):
                if image is not None:
                    stream[name] = {k: _serializer.serialize(v) for k, v in image.items()}
            records.append({"eventID": f"evt-{self.sequence}", "eventName": kind, "dynamodb": stream})
        if records:
            report = self.tally.lambda_handler({"Records": records}, LambdaContext())
            assert report == {"batchItemFailures": []}
        return answer


@pytest.fixture
def stream(aws: None) -> Stream:
    return Stream(importlib.reload(importlib.import_module("functions.tally.app")))


def _challenge(ideas_api: Api, **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Bottles", "phase": "submission", "survey": QUESTIONS, **settings}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _idea(ideas_api: Api, challenge_id: str, title: str = "A bottle that folds flat", as_: str = "participant") -> str:
    route = "/challenges/{challengeId}/ideas"
    answer = ideas_api.call("POST", f"/challenges/{challenge_id}/ideas", route=route, as_=as_, body={"title": title})
    assert answer.status == 201, answer.body
    return str(answer.json["ideaId"])


def _vote(votes_api: Api, idea_id: str, as_: str, answers: dict[str, Any] | None = None, value: int = 1) -> Any:
    body: dict[str, Any] = {"value": value} | ({"answers": answers} if answers is not None else {})
    return votes_api.call("PUT", f"/ideas/{idea_id}/vote", route=CAST, as_=as_, body=body)


def _survey(votes_api: Api, idea_id: str, as_: str = "moderator") -> Any:
    return votes_api.call("GET", f"/ideas/{idea_id}/survey", route=SURVEY_ROUTE, as_=as_)


def _question(survey: Any, question_id: str) -> dict[str, Any]:
    return next(q for q in survey.json["questions"] if q["id"] == question_id)


@pytest.fixture
def idea(ideas_api: Api) -> str:
    return _idea(ideas_api, _challenge(ideas_api))


def test_a_challenge_shows_its_survey_and_freezes_it_out_of_draft(ideas_api: Api) -> None:
    challenge_id = _challenge(ideas_api)
    path, route = f"/challenges/{challenge_id}", "/challenges/{challengeId}"

    shown = ideas_api.call("GET", path, route=route)
    changed = ideas_api.call("PATCH", path, route=route, as_="brand_admin", body={"survey": QUESTIONS[:1]})

    assert [q["id"] for q in shown.json["survey"]] == ["price", "colour", "uses", "why"]
    assert shown.json["survey"][1] == {
        "id": "colour", "prompt": "Which colour?", "kind": "single", "required": True,
        "options": ["red", "blue"], "minimum": None, "maximum": None, "maxLength": None,
    }  # fmt: skip
    assert changed.status == 409, changed.body  # answers and their counts depend on the questions


@pytest.mark.parametrize(
    ("survey", "field"),
    [
        ([QUESTIONS[0], QUESTIONS[0]], "survey[1].id"),
        ([{"id": "c", "prompt": "Which?", "kind": "single", "options": ["one"]}], "survey[0].options"),
        ([{"id": "n", "prompt": "How many?", "kind": "number", "minimum": 0, "maximum": 5000}], "survey[0].maximum"),
        ([{"id": "Bad id", "prompt": "Which?", "kind": "text"}], "survey.0.id"),
        ([{"id": "t", "prompt": "Which?", "kind": "text", "colour": "red"}], "survey.0.colour"),
        ([QUESTIONS[0]] * 6, "survey"),
        ([{"id": "c", "prompt": "Which?", "kind": "single", "options": list("abcdefghijk")}], "survey.0.options"),
        ([{"id": "t", "prompt": "Why?", "kind": "text", "maxLength": 501}], "survey.0.maxLength"),
    ],
)
def test_a_wrong_survey_is_refused_naming_the_field_and_nothing_is_written(
    ideas_api: Api, content_items: Any, survey: list[dict[str, Any]], field: str
) -> None:
    body = {"brandId": "acme", "title": "Bottles", "phase": "submission", "survey": survey}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)

    assert answer.status == 422, answer.body
    assert field in [problem["field"] for problem in answer.json["errors"]] or answer.json.get("field") == field
    assert content_items() == []


def test_answers_are_stored_with_the_vote_shown_to_the_voter_only_and_kept_by_a_plain_revote(
    votes_api: Api, idea: str
) -> None:
    answers = {"price": 30, "colour": "blue", "uses": ["travel", "home"], "why": " For hikes "}

    cast = _vote(votes_api, idea, "other_participant", answers)
    again = _vote(votes_api, idea, "other_participant")  # no answers: the ones given stay
    changed = _vote(votes_api, idea, "other_participant", {"colour": "red"})
    mine = votes_api.call("GET", "/me/votes", as_="other_participant", query={"challengeId": cast.json["challengeId"]})

    assert cast.status == 200, cast.body
    assert cast.json["answers"] == {"price": 30, "colour": "blue", "uses": ["home", "travel"], "why": "For hikes"}
    assert again.json == cast.json
    assert changed.json["answers"] == {"colour": "red"}
    assert [vote["answers"] for vote in mine.json["items"]] == [{"colour": "red"}]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "answers.colour"),  # required
        ({"colour": "green"}, "answers.colour"),
        ({"colour": "red", "price": 201}, "answers.price"),
        ({"colour": "red", "price": 2.5}, "answers.price"),
        ({"colour": "red", "size": "L"}, "answers.size"),
        ({"colour": "red", "why": "x" * 101}, "answers.why"),
        ({"colour": "red", "uses": ["home", "garden"]}, "answers.uses"),
    ],
)
def test_a_wrong_answer_is_refused_naming_its_question_and_no_vote_is_written(
    votes_api: Api, idea: str, answers: dict[str, Any], field: str
) -> None:
    answer = _vote(votes_api, idea, "other_participant", answers)

    assert answer.status == 422, answer.body
    assert answer.json["errors"][0]["field"] == field
    assert _vote_items() == {}


def test_a_first_vote_without_the_required_answer_is_refused(votes_api: Api, idea: str) -> None:
    answer = _vote(votes_api, idea, "other_participant")

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "answers.colour"


def test_the_survey_is_asked_of_supporters_only_a_down_vote_drops_the_answers(
    ideas_api: Api, votes_api: Api, stream: Stream
) -> None:
    idea = _idea(ideas_api, _challenge(ideas_api, voteModel="updown"))
    refused = _vote(votes_api, idea, "other_participant", {"colour": "red"}, value=-1)
    written_on_refusal = _vote_items()
    against = stream(lambda: _vote(votes_api, idea, "moderator", value=-1))  # the required question is not asked
    stream(lambda: _vote(votes_api, idea, "other_participant", {"colour": "blue", "price": 30}))
    turned = stream(lambda: _vote(votes_api, idea, "other_participant", value=-1))
    back_without = _vote(votes_api, idea, "other_participant")
    back = stream(lambda: _vote(votes_api, idea, "other_participant", {"colour": "red"}))

    assert (refused.status, refused.json["errors"][0]["field"], written_on_refusal) == (422, "answers", {})
    assert (against.status, against.json["answers"]) == (200, {})
    assert (turned.status, turned.json["answers"]) == (200, {})
    assert (back_without.status, back_without.json["errors"][0]["field"]) == (422, "answers.colour")
    assert (back.status, back.json["answers"]) == (200, {"colour": "red"})
    survey = _survey(votes_api, idea)
    assert survey.json["supporters"] == 1
    assert _question(survey, "colour")["choices"] == [{"option": "red", "count": 1}, {"option": "blue", "count": 0}]
    assert _question(survey, "price")["answered"] == 0  # the answer given before turning down went with it


def test_staff_read_counts_kept_exact_through_the_tally(votes_api: Api, idea: str, stream: Stream) -> None:
    stream(lambda: _vote(votes_api, idea, "other_participant", {"colour": "red", "price": 10, "uses": ["home"]}))
    stream(lambda: _vote(votes_api, idea, "moderator", {"colour": "red", "price": 20, "why": "gifts"}))
    stream(lambda: _vote(votes_api, idea, "brand_admin", {"colour": "blue", "price": 40, "uses": ["home", "work"]}))
    stream(lambda: _vote(votes_api, idea, "operator", {"colour": "blue", "price": 200}))
    stream(lambda: _vote(votes_api, idea, "operator", {"colour": "red", "price": 50}))  # changed answers
    route = "/ideas/{ideaId}/vote"
    stream(lambda: votes_api.call("DELETE", f"/ideas/{idea}/vote", route=route, as_="moderator"))  # retracted

    survey = _survey(votes_api, idea)

    assert survey.status == 200, survey.body
    assert survey.json["supporters"] == 3
    colour, price = _question(survey, "colour"), _question(survey, "price")
    assert (colour["answered"], colour["choices"]) == (
        3,
        [{"option": "red", "count": 2}, {"option": "blue", "count": 1}],
    )
    assert price["numbers"] == {
        "count": 3,
        "minimum": 10,
        "maximum": 50,
        "mean": 33.33,
        "q1": 25.0,
        "median": 40.0,
        "q3": 45.0,
    }
    assert _question(survey, "uses")["choices"] == [
        {"option": "home", "count": 2}, {"option": "work", "count": 1}, {"option": "travel", "count": 0},
    ]  # fmt: skip
    assert (_question(survey, "why")["answered"], _question(survey, "why")["numbers"]) == (0, None)


def test_a_redelivered_batch_counts_its_answers_once(votes_api: Api, idea: str, stream: Stream) -> None:
    before = _vote_items()
    _vote(votes_api, idea, "other_participant", {"colour": "red"})
    [(pk, item)] = [(pk, item) for pk, item in _vote_items().items() if pk not in before]
    image = {k: _serializer.serialize(v) for k, v in item.items()}
    record = {"eventID": "evt-x", "eventName": "INSERT", "dynamodb": {"Keys": {"pk": {"S": pk}}, "NewImage": image}}
    record["dynamodb"] |= {"SequenceNumber": "1", "StreamViewType": "NEW_AND_OLD_IMAGES", "SizeBytes": 100}

    for _ in range(2):
        stream.tally.lambda_handler({"Records": [record]}, LambdaContext())

    assert _question(_survey(votes_api, idea), "colour")["choices"][0] == {"option": "red", "count": 1}


def test_a_merge_carries_the_answers_to_the_target(ideas_api: Api, votes_api: Api, stream: Stream) -> None:
    challenge_id = _challenge(ideas_api)
    source, target = _idea(ideas_api, challenge_id), _idea(ideas_api, challenge_id, "A bottle that folds in two")
    stream(lambda: _vote(votes_api, source, "other_participant", {"colour": "blue", "price": 15}))
    merge = "/ideas/{ideaId}/merge"

    merged = ideas_api.call(
        "POST", f"/ideas/{source}/merge", route=merge, as_="moderator", body={"targetIdeaId": target}
    )
    # the merge's consumer moves the votes (off the request path): run it as the bus would
    from shared.services.votes import move_votes  # noqa: PLC0415

    votes = importlib.import_module("functions.votes.wiring")
    stream(lambda: move_votes(source, target, challenge_id, votes.ideas, votes.challenges, votes.votes))

    assert merged.status == 200, merged.body
    assert _question(_survey(votes_api, target), "price")["numbers"]["median"] == 15.0
    assert _question(_survey(votes_api, target), "colour")["choices"][1] == {"option": "blue", "count": 1}
    assert _question(_survey(votes_api, source), "colour")["answered"] == 0


def test_admins_export_every_answer_page_by_page_without_voter_ids(votes_api: Api, idea: str) -> None:
    voters = ["other_participant", "moderator", "brand_admin", "operator"]
    for n, voter in enumerate(voters):
        _vote(votes_api, idea, voter, {"colour": "red", "price": n, "uses": ["home", "work"], "why": f"=reason {n}"})

    rows: list[dict[str, str]] = []
    query: dict[str, str] = {"limit": "1"}
    pages = 0
    while True:
        page = votes_api.call(
            "GET", f"/ideas/{idea}/survey/answers", route=ANSWERS_ROUTE, as_="brand_admin", query=query
        )
        assert page.status == 200, page.body
        assert page.headers["Content-Type"].startswith("text/csv")
        reader = csv.DictReader(io.StringIO(page.body))
        assert reader.fieldnames == ["votedAt", "value", "price", "colour", "uses", "why"]
        rows += list(reader)
        pages += 1
        if "X-Next-Cursor" not in page.headers:
            break
        query = {"limit": "1", "cursor": page.headers["X-Next-Cursor"]}

    assert sorted(int(row["price"]) for row in rows) == [0, 1, 2, 3]
    assert {row["uses"] for row in rows} == {"home;work"}
    assert {row["why"][:8] for row in rows} == {"'=reason"}  # formulas are defused
    assert pages <= len(voters) + 1
    assert not any("user-" in value for row in rows for value in row.values())


def test_a_survey_of_a_challenge_without_questions_is_empty(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api, survey=[]))

    assert _survey(votes_api, idea_id).json["questions"] == []


def test_an_erased_voters_answers_go_and_their_counts_stay(
    ideas_api: Api, votes_api: Api, privacy_api: Api, stream: Stream
) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api), as_="other_participant")
    stream(lambda: _vote(votes_api, idea_id, "participant", {"colour": "blue", "why": "My name is Pat"}))

    assert privacy_api.call("DELETE", "/me", as_="participant", body=ERASE).status == 202
    # not through Stream: a snapshot diff would hide the "erasing" mark the tally skips the move by
    assert privacy_api.module.lambda_handler(requested("ErasureRequested"), LambdaContext())["batchItemFailures"] == []

    [vote] = _vote_items().values()
    assert vote["voterId"].startswith("former-")
    assert "answers" not in vote  # the person's words go
    assert _question(_survey(votes_api, idea_id), "colour")["choices"][1] == {"option": "blue", "count": 1}
    assert _question(_survey(votes_api, idea_id), "why")["answered"] == 1  # the counts stay


def test_the_ideas_export_carries_each_ideas_survey_counts(ideas_api: Api, votes_api: Api, stream: Stream) -> None:
    challenge_id = _challenge(ideas_api)
    asked, quiet = _idea(ideas_api, challenge_id), _idea(ideas_api, challenge_id, "A bottle that folds in two")
    stream(lambda: _vote(votes_api, asked, "other_participant", {"colour": "red", "price": 10, "uses": ["home"]}))
    stream(lambda: _vote(votes_api, asked, "moderator", {"colour": "blue", "price": 30, "why": "For hikes"}))
    stream(lambda: _vote(votes_api, quiet, "moderator", {"colour": "blue"}))

    route = "/challenges/{challengeId}/export"
    export = ideas_api.call("GET", f"/challenges/{challenge_id}/export", route=route, as_="brand_admin")

    assert export.status == 200, export.body
    rows = {row["ideaId"]: row for row in csv.DictReader(io.StringIO(export.body))}
    survey_columns = [name for name in next(csv.reader(io.StringIO(export.body))) if name.startswith("survey.")]
    assert survey_columns == [
        "survey.price.answered", *(f"survey.price.{n}" for n in ("minimum", "q1", "median", "q3", "maximum", "mean")),
        "survey.colour.answered", "survey.colour.option.red", "survey.colour.option.blue",
        "survey.uses.answered", "survey.uses.option.home", "survey.uses.option.work", "survey.uses.option.travel",
        "survey.why.answered",
    ]  # fmt: skip
    expected = ["2", "10", "15.0", "20.0", "25.0", "30", "20.0", "2", "1", "1", "1", "1", "0", "0", "1"]
    assert [rows[asked][name] for name in survey_columns] == expected
    assert [rows[quiet][name] for name in survey_columns[:8]] == ["0", "", "", "", "", "", "", "1"]


def test_an_export_without_a_survey_has_no_survey_columns(ideas_api: Api) -> None:
    body = {"brandId": "acme", "title": "Plain", "phase": "submission"}
    challenge_id = str(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"])
    _idea(ideas_api, challenge_id)

    route = "/challenges/{challengeId}/export"
    export = ideas_api.call("GET", f"/challenges/{challenge_id}/export", route=route, as_="brand_admin")

    assert export.status == 200, export.body
    assert not [name for name in next(csv.reader(io.StringIO(export.body))) if name.startswith("survey.")]

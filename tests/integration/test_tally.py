"""The tally function under moto: vote changes from the votes stream -> the idea's counters, once.

moto's stream emulation is not trusted here (architecture.md, section 9): records are built as
Lambda delivers them, and the counters are read back from the content table."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

import boto3
import pytest
from boto3.dynamodb.types import TypeSerializer

from shared.domain.ideas import hot_score
from shared.store.records import idea_from_item
from tests.builders import LambdaContext
from tests.integration.conftest import TABLE_NAMES, Api

_serializer = TypeSerializer()


def vote_record(idea_id: str, voter: str, old: int | None, new: int | None, sequence: int) -> dict[str, Any]:
    def image(value: int) -> dict[str, Any]:
        item = {"pk": f"VOTE#{idea_id}#{voter}", "type": "Vote", "ideaId": idea_id, "voterId": voter}
        item |= {"challengeId": "c1", "value": value, "votedAt": "2026-11-26T12:00:00.000Z"}
        return {k: _serializer.serialize(v) for k, v in item.items()}

    stream: dict[str, Any] = {
        "Keys": {"pk": {"S": f"VOTE#{idea_id}#{voter}"}},
        "SequenceNumber": str(sequence),
        "SizeBytes": 100,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    if old is not None:
        stream["OldImage"] = image(old)
    if new is not None:
        stream["NewImage"] = image(new)
    kind = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
    return {"eventID": f"evt-{sequence}", "eventName": kind, "eventSource": "aws:dynamodb", "dynamodb": stream}


@pytest.fixture
def tally(aws: None) -> Any:
    return importlib.reload(importlib.import_module("functions.tally.app"))


@pytest.fixture
def idea_id(ideas_api: Api) -> str:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", "voteModel": "updown"}
    challenge = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"]
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Paper tape on every parcel"},
    )
    return str(answer.json["ideaId"])


def _idea_item(idea_id: str) -> dict[str, Any]:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    return dict(table.get_item(Key={"pk": f"IDEA#{idea_id}", "sk": "#META"})["Item"])


def _batch(idea_id: str) -> list[dict[str, Any]]:
    return [
        vote_record(idea_id, "u1", None, 1, 1),
        vote_record(idea_id, "u2", None, 1, 2),
        vote_record(idea_id, "u3", None, -1, 3),
        vote_record(idea_id, "u1", 1, -1, 4),  # a change: one up less, one down more
        vote_record(idea_id, "u2", 1, None, 5),  # a retract
        vote_record(idea_id, "u4", None, 1, 6),
    ]


def test_a_batch_adds_its_deltas_and_ranks_the_idea(tally: Any, idea_id: str) -> None:
    answer = tally.process({"Records": _batch(idea_id)}, LambdaContext())

    item = _idea_item(idea_id)
    assert answer == {"batchItemFailures": []}
    assert (item["votesUp"], item["votesDown"], item["score"]) == (1, 2, -1)
    assert item["hot"] == Decimal(str(hot_score(-1, idea_from_item(item).created_at)))
    assert item["version"] == 1  # counters are not edits


def test_the_same_batch_delivered_twice_counts_once(tally: Any, idea_id: str) -> None:
    tally.process({"Records": _batch(idea_id)}, LambdaContext())
    tally.process({"Records": _batch(idea_id)}, LambdaContext())

    item = _idea_item(idea_id)
    assert (item["votesUp"], item["votesDown"], item["score"]) == (1, 2, -1)


def test_a_retry_rebatched_differently_counts_only_the_new_records(tally: Any, idea_id: str) -> None:
    records = _batch(idea_id)
    tally.process({"Records": records[:4]}, LambdaContext())

    tally.process({"Records": records[2:]}, LambdaContext())  # a retry from record 3, with later records

    item = _idea_item(idea_id)
    assert (item["votesUp"], item["votesDown"], item["score"]) == (1, 2, -1)


def test_hot_follows_the_score(tally: Any, idea_id: str) -> None:
    records = [vote_record(idea_id, f"u{n}", None, 1, n) for n in range(1, 13)]

    tally.process({"Records": records}, LambdaContext())

    item = _idea_item(idea_id)
    assert item["score"] == 12
    assert item["hot"] == Decimal(str(hot_score(12, idea_from_item(item).created_at)))


def test_records_of_other_items_are_ignored(tally: Any, idea_id: str) -> None:
    budget = vote_record(idea_id, "u1", None, 1, 7)
    budget["dynamodb"]["Keys"] = {"pk": {"S": "BUDGET#c1#u1"}}

    answer = tally.process({"Records": [budget]}, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert _idea_item(idea_id)["votesUp"] == 0


def test_votes_on_a_missing_idea_are_dropped(tally: Any, idea_id: str) -> None:
    answer = tally.process({"Records": [vote_record("gone", "u1", None, 1, 8)]}, LambdaContext())

    assert answer == {"batchItemFailures": []}


def test_an_undecodable_record_and_a_failed_idea_are_reported(tally: Any, idea_id: str) -> None:
    class BrokenTally:
        def apply(self, delta: Any) -> bool:
            raise RuntimeError("throttled")

    bad = vote_record(idea_id, "u9", None, 1, 9)
    del bad["dynamodb"]["NewImage"]["ideaId"]
    failing = vote_record(idea_id, "u1", None, 1, 10)
    other_item = vote_record(idea_id, "u1", None, 1, 11)
    other_item["dynamodb"]["Keys"] = {"pk": {"S": "BUDGET#c1#u1"}}

    answer = tally.process({"Records": [bad, failing, other_item]}, LambdaContext(), tally=BrokenTally())

    assert answer == {"batchItemFailures": [{"itemIdentifier": "9"}, {"itemIdentifier": "10"}]}

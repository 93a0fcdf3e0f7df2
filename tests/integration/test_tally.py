"""The tally function under moto: vote changes from the votes stream -> the idea's counters, once.

moto's stream emulation is not trusted here (architecture.md, section 9): records are built as
Lambda delivers them, and the counters are read back from the content table."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import boto3
import pytest
from boto3.dynamodb.types import TypeSerializer

from shared.domain.ideas import hot_score, wilson_lower_bound
from shared.store.records import idea_from_item
from tests.builders import LambdaContext
from tests.integration.conftest import TABLE_NAMES, Api

_serializer = TypeSerializer()


def vote_record(
    idea_id: str, voter: str, old: int | None, new: int | None, sequence: int, at: str = "2026-11-26T12:00:00.000Z"
) -> dict[str, Any]:
    def image(value: int) -> dict[str, Any]:
        item = {"pk": f"VOTE#{idea_id}#{voter}", "type": "Vote", "ideaId": idea_id, "voterId": voter}
        item |= {"challengeId": "c1", "value": value, "votedAt": at}
        return {k: _serializer.serialize(v) for k, v in item.items()}

    stream: dict[str, Any] = {
        "Keys": {"pk": {"S": f"VOTE#{idea_id}#{voter}"}},
        "ApproximateCreationDateTime": datetime.fromisoformat(at).timestamp(),  # when the vote was written
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
    assert item["wilson"] == Decimal(str(wilson_lower_bound(1, 2)))
    assert item["controversy"] == Decimal(str(round(3**0.5, 10)))  # the tally keeps the controversial key too
    assert item["version"] == 1  # counters are not edits


def test_each_hour_of_counted_votes_leaves_a_trend_point_that_the_route_reads(
    tally: Any, idea_id: str, ideas_api: Api
) -> None:
    hours_ago = [(datetime.now(UTC) - timedelta(hours=n)).replace(minute=5) for n in (3, 1)]
    stamps = [at.strftime("%Y-%m-%dT%H:%M:%S.000Z") for at in hours_ago]
    first = [vote_record(idea_id, "u1", None, 1, 1, stamps[0]), vote_record(idea_id, "u2", None, -1, 2, stamps[0])]
    second = [vote_record(idea_id, "u3", None, 1, 3, stamps[1])]

    tally.process({"Records": first}, LambdaContext())
    tally.process({"Records": second}, LambdaContext())
    tally.process({"Records": first}, LambdaContext())  # a redelivery: counted before, no new point
    answer = ideas_api.call("GET", f"/ideas/{idea_id}/trend", route="/ideas/{ideaId}/trend", query={"hours": "4"})
    recent = ideas_api.call("GET", f"/ideas/{idea_id}/trend", route="/ideas/{ideaId}/trend", query={"hours": "2"})

    assert answer.status == 200, answer.body
    assert [(p["hour"][:13], p["up"], p["down"]) for p in answer.json["points"]] == [
        (hours_ago[0].strftime("%Y-%m-%dT%H"), 1, 1),
        (hours_ago[1].strftime("%Y-%m-%dT%H"), 2, 1),
    ]
    assert [p["up"] for p in recent.json["points"]] == [2]  # the last two hours only


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
    class BrokenStore:
        def claim(self, delta: Any, batch: str) -> Any:
            raise RuntimeError("throttled")

    bad = vote_record(idea_id, "u9", None, 1, 9)
    del bad["dynamodb"]["NewImage"]["ideaId"]
    failing = vote_record(idea_id, "u1", None, 1, 10)
    other_item = vote_record(idea_id, "u1", None, 1, 11)
    other_item["dynamodb"]["Keys"] = {"pk": {"S": "BUDGET#c1#u1"}}

    answer = tally.process({"Records": [bad, failing, other_item]}, LambdaContext(), store=BrokenStore())

    assert answer == {"batchItemFailures": [{"itemIdentifier": "9"}, {"itemIdentifier": "10"}]}


def _votes_table() -> Any:
    return boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"])


def test_a_claim_left_by_a_dead_attempt_is_taken_over_and_counted(tally: Any, idea_id: str) -> None:
    _votes_table().put_item(Item={"pk": "TALLIED#evt-1", "claimedBy": "dead", "ideaId": idea_id})

    tally.process({"Records": [vote_record(idea_id, "u1", None, 1, 1)]}, LambdaContext())

    assert _idea_item(idea_id)["votesUp"] == 1
    assert _votes_table().get_item(Key={"pk": "TALLYBATCH#dead"})["Item"]["state"] == "aborted"  # fenced off


def test_a_claim_of_a_committed_attempt_is_not_counted_again(tally: Any, idea_id: str) -> None:
    _votes_table().put_item(Item={"pk": "TALLIED#evt-1", "claimedBy": "done", "ideaId": idea_id})
    _votes_table().put_item(Item={"pk": "TALLYBATCH#done", "state": "committed"})

    answer = tally.process({"Records": [vote_record(idea_id, "u1", None, 1, 1)]}, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert _idea_item(idea_id)["votesUp"] == 0


def test_an_attempt_fenced_off_before_its_commit_claims_again(tally: Any, idea_id: str) -> None:
    _votes_table().put_item(Item={"pk": "TALLYBATCH#first", "state": "aborted"})  # as a taker would

    tally.process(
        {"Records": [vote_record(idea_id, "u1", None, 1, 1), vote_record(idea_id, "u2", None, 1, 2)]},
        LambdaContext(),
        batch_ids=iter(["first", "second"]).__next__,
    )

    assert _idea_item(idea_id)["votesUp"] == 2
    assert _votes_table().get_item(Key={"pk": "TALLIED#evt-2"})["Item"]["claimedBy"] == "second"


@pytest.fixture
def ladder_idea(ideas_api: Api) -> str:
    ladder = [
        {"supporters": 2, "withinDays": 30},
        {"supporters": 3, "withinDays": 30},
        {"supporters": 5, "withinDays": 30},
    ]
    body = {"brandId": "acme", "title": "Ladder", "phase": "submission", "supportLadder": ladder}
    challenge = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"]
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Paper tape on every parcel"},
    )
    return str(answer.json["ideaId"])


def test_rungs_are_reached_once_and_the_last_one_sends_the_idea_to_review(tally: Any, ladder_idea: str) -> None:
    first = [vote_record(ladder_idea, f"u{n}", None, 1, n) for n in range(1, 4)]  # 3 supporters: rungs 1 and 2
    tally.process({"Records": first}, LambdaContext())
    tally.process({"Records": first}, LambdaContext())  # a replay changes nothing

    item = _idea_item(ladder_idea)
    assert len(item["milestones"]) == 2
    assert item["status"] == "published"
    assert item["duepk"] == "LADDER_DUE"

    tally.process({"Records": [vote_record(ladder_idea, f"u{n}", None, 1, n) for n in range(4, 6)]}, LambdaContext())

    item = _idea_item(ladder_idea)
    assert len(item["milestones"]) == 3
    assert (item["status"], item["gsi1pk"].rsplit("#", 1)[1], item["version"]) == ("under_review", "under_review", 3)
    assert item["history"][-1]["by"] == "system:ladder"
    assert "duepk" not in item


def test_the_schedule_expires_an_idea_that_missed_its_window_and_nothing_else(
    ladder_idea: str, idea_id: str, ideas_api: Api
) -> None:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    item = _idea_item(ladder_idea)
    assert item["duepk"] == "LADDER_DUE"
    past = "2026-01-01T00:00:00.000Z"  # as if the 30 days had passed
    table.update_item(
        Key={"pk": f"IDEA#{ladder_idea}", "sk": "#META"},
        UpdateExpression="SET ladderDueAt = :at, dueat = :due",
        ExpressionAttributeValues={":at": past, ":due": f"{past}#{ladder_idea}"},
    )
    phases = importlib.reload(importlib.import_module("functions.phases.app"))

    result = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())
    again = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())

    assert result["expired"] == [ladder_idea]
    assert again["expired"] == []
    expired = _idea_item(ladder_idea)
    assert (expired["status"], expired["history"][-1]["by"]) == ("expired", "system:ladder")
    assert "duepk" not in expired
    assert _idea_item(idea_id)["status"] == "published"  # no ladder, no window


def test_closing_the_challenge_stops_the_clock_instead_of_expiring_its_ideas(ladder_idea: str, ideas_api: Api) -> None:
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    challenge_id = str(_idea_item(ladder_idea)["challengeId"])
    past = "2026-01-01T00:00:00.000Z"  # the window closed long ago ...
    table.update_item(
        Key={"pk": f"IDEA#{ladder_idea}", "sk": "#META"},
        UpdateExpression="SET ladderDueAt = :at, dueat = :due",
        ExpressionAttributeValues={":at": past, ":due": f"{past}#{ladder_idea}"},
    )
    closed = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge_id}",
        route="/challenges/{challengeId}",
        as_="brand_admin",
        body={"phase": "review"},
    )
    assert closed.status == 200, closed.body  # ... but voting closed before the schedule ran
    phases = importlib.reload(importlib.import_module("functions.phases.app"))

    result = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())
    again = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())

    assert (result["expired"], result["stopped"]) == ([], [ladder_idea])
    assert (again["expired"], again["stopped"]) == ([], [])
    item = _idea_item(ladder_idea)
    assert item["status"] == "published"  # no IdeaExpired, so no "you missed your window" notice
    assert "duepk" not in item
    assert "ladderDueAt" not in item


def test_rungs_are_judged_at_the_time_of_the_votes_not_of_the_tally(tally: Any, ladder_idea: str) -> None:
    deadline = "2026-01-01T00:00:00.000Z"
    boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"]).update_item(
        Key={"pk": f"IDEA#{ladder_idea}", "sk": "#META"},
        UpdateExpression="SET ladderDueAt = :at",
        ExpressionAttributeValues={":at": deadline},
    )
    in_time = [vote_record(ladder_idea, f"u{n}", None, 1, n) for n in range(1, 3)]
    for record in in_time:
        record["dynamodb"]["ApproximateCreationDateTime"] = 1_767_225_000  # 10 minutes before the deadline
    late = [vote_record(ladder_idea, f"u{n}", None, 1, n) for n in range(3, 4)]  # counted now: past it

    tally.process({"Records": in_time}, LambdaContext())
    tally.process({"Records": late}, LambdaContext())

    item = _idea_item(ladder_idea)
    assert item["votesUp"] == 3
    assert len(item["milestones"]) == 1  # the first rung (2) was reached in time; the second (3) was not


def test_a_marker_without_an_owner_counts_as_counted_and_the_rest_still_count(tally: Any, idea_id: str) -> None:
    _votes_table().put_item(Item={"pk": "TALLIED#evt-1", "ideaId": idea_id})  # written with its count, long ago

    records = [vote_record(idea_id, "u1", None, 1, 1), vote_record(idea_id, "u2", None, 1, 2)]
    answer = tally.process({"Records": records}, LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert _idea_item(idea_id)["votesUp"] == 1

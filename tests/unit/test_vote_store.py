"""The votes store's error paths, on a stub client that answers what DynamoDB would."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError, RuleViolationError, UnavailableError
from shared.domain.votes import Vote, VoteChange, tally_deltas
from shared.services.tally import count_delta
from shared.store.dynamo import serialize
from shared.store.votes import (
    DynamoSurveyCounts,
    DynamoTallyStore,
    DynamoVoteRepository,
    vote_change_from_stream_record,
    vote_to_item,
)

VOTE = Vote("idea-1", "voter-1", "ch-1", 1, datetime(2026, 11, 26, tzinfo=UTC))


def _error(code: str, reasons: list[str] | None = None) -> ClientError:
    response: dict[str, Any] = {"Error": {"Code": code, "Message": code}}
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": reason} for reason in reasons]
    return ClientError(response, "TransactWriteItems")  # type: ignore[arg-type]


class StubClient:
    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        def call(**_kwargs: Any) -> Any:
            self.calls.append(name)
            answer = self.answers.get(name, {})
            if isinstance(answer, list):
                answer = answer.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call


def _failed() -> ClientError:
    return _error("ConditionalCheckFailedException")


def _counter(used: int, at: float) -> dict[str, Any]:
    return {"Item": {"used": {"N": str(used)}, "at": {"N": str(int(at))}}}


def test_a_budgeted_vote_takes_its_unit_first_and_gives_it_back_when_another_vote_exists() -> None:
    other = serialize(vote_to_item(replace(VOTE, voted_at=VOTE.voted_at + timedelta(seconds=1))))
    exists = StubClient(put_item=_failed(), get_item={"Item": other})

    with pytest.raises(ConflictError):
        DynamoVoteRepository(exists, "votes").add(VOTE, budget=2)
    assert exists.calls == ["update_item", "put_item", "get_item", "update_item"]  # taken, refused, given back


def test_a_put_retried_after_its_answer_was_lost_keeps_its_unit() -> None:
    ours = StubClient(put_item=_failed(), get_item={"Item": serialize(vote_to_item(VOTE))})

    DynamoVoteRepository(ours, "votes").add(VOTE, budget=2)

    assert ours.calls == ["update_item", "put_item", "get_item"]  # the vote is this request's: no give-back


def test_an_exhausted_budget_refuses_without_writing_the_vote() -> None:
    recent = StubClient(update_item=_failed(), get_item=_counter(2, time.time()))  # a vote may be in flight
    right = StubClient(update_item=_failed(), get_item=_counter(2, 0), query={"Count": 2})

    for client in (recent, right):
        with pytest.raises(RuleViolationError):
            DynamoVoteRepository(client, "votes").add(VOTE, budget=2)
        assert "put_item" not in client.calls
    assert recent.calls == ["update_item", "get_item"]  # no recount while a vote may be in flight
    assert right.calls == ["update_item", "get_item", "query"]


def test_a_stale_counter_that_says_more_than_the_votes_is_recounted_and_the_vote_taken() -> None:
    client = StubClient(update_item=[_failed(), {}, {}], get_item=_counter(2, 0), query={"Count": 1})

    DynamoVoteRepository(client, "votes").add(VOTE, budget=2)

    assert client.calls == ["update_item", "get_item", "query", "update_item", "update_item", "put_item"]


def test_a_throttled_vote_is_unavailable() -> None:
    client = StubClient(update_item=_error("ThrottlingException"))

    with pytest.raises(UnavailableError):
        DynamoVoteRepository(client, "votes").add(VOTE, budget=2)
    assert client.calls == ["update_item"]


def test_records_without_images_are_not_vote_changes() -> None:
    record = {"eventID": "e", "dynamodb": {"Keys": {"pk": {"S": "VOTE#a#b"}}}}

    assert vote_change_from_stream_record(record) is None


def _delta() -> Any:
    return tally_deltas([VoteChange("evt-1", "idea-1", None, 1)])[0]


def test_a_tally_cancelled_for_another_reason_is_raised_for_a_retry() -> None:
    client = StubClient(transact_write_items=_error("TransactionCanceledException", ["ThrottlingError", "None"]))

    with pytest.raises(ConflictError):
        count_delta(_delta(), DynamoTallyStore(client, "votes", "content"))


def test_a_tally_claims_each_vote_with_its_own_conditional_put_not_a_transaction() -> None:
    # a transaction prices each claim twice (2 WCU); a conditional put, once
    client = StubClient()
    changes = [VoteChange(f"evt-{n}", "idea-1", None, 1) for n in range(25)]

    claimed = DynamoTallyStore(client, "votes", "content").claim(tally_deltas(changes)[0], "batch-1")

    assert sorted(change.change_id for change in claimed) == sorted(change.change_id for change in changes)
    assert client.calls == ["put_item"] * 25


def test_a_claim_put_failing_for_another_reason_fails_the_attempt_for_a_retry() -> None:
    client = StubClient(put_item=_error("ProvisionedThroughputExceededException"))
    changes = [VoteChange(f"evt-{n}", "idea-1", None, 1) for n in range(25)]  # more than CLAIM_WORKERS

    with pytest.raises(UnavailableError):
        DynamoTallyStore(client, "votes", "content").claim(tally_deltas(changes)[0], "batch-1")
    assert client.calls == ["put_item"] * 25  # every put was tried: what they made, a retry takes over


def test_a_refund_of_a_vote_that_changed_meanwhile_is_skipped_and_a_throttled_one_raised() -> None:
    changed = StubClient(
        transact_write_items=_error("TransactionCanceledException", ["ConditionalCheckFailed", "None"])
    )
    throttled = StubClient(transact_write_items=_error("TransactionCanceledException", ["ThrottlingError", "None"]))

    assert DynamoVoteRepository(changed, "votes").refund(VOTE) is False
    with pytest.raises(ConflictError):
        DynamoVoteRepository(throttled, "votes").refund(VOTE)


class _BatchClient:
    """Answers BatchGetItem as DynamoDB may: at most 100 keys, and the first time some unprocessed."""

    def __init__(self) -> None:
        self.requests: list[list[str]] = []

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # noqa: N803 - boto3's name
        keys = RequestItems["content"]["Keys"]
        assert len(keys) <= 100
        self.requests.append([key["pk"]["S"] for key in keys])
        served, left = (keys[:-1], keys[-1:]) if len(self.requests) == 1 else (keys, [])
        items = [{"pk": key["pk"], "counts": {"M": {"q": {"N": "1"}}}} for key in served if key["pk"]["S"] != "IDEA#i7"]
        unprocessed = {"content": {**RequestItems["content"], "Keys": left}} if left else {}
        return {"Responses": {"content": items}, "UnprocessedKeys": unprocessed}


def test_survey_counts_of_many_ideas_come_100_at_a_time_with_unprocessed_keys_asked_again() -> None:
    client = _BatchClient()
    ideas = [f"i{n}" for n in range(150)]

    found = DynamoSurveyCounts(client, "content").get_many([*ideas, "i1"])

    assert [len(request) for request in client.requests] == [100, 1, 50]  # the unprocessed one again
    assert client.requests[1] == ["IDEA#i99"]
    assert set(found) == set(ideas) - {"i7"}  # an idea without answers has no item
    assert found["i99"].counts == {"q": 1}

"""The votes table: one item per (idea, voter), budget counters, and the tally's applied-batch markers.

Keys (see docs/data-model.md, "Votes table"):
- vote:    pk=VOTE#<ideaId>#<voterId>; index byVoter: voterpk=VOTER#<voterId>#<challengeId>, votersk=<ideaId>
- budget:  pk=BUDGET#<challengeId>#<voterId>, used (N): active votes of the voter in the challenge
- marker:  pk=TALLIED#<ideaId>#<token>, expiresAt (TTL): a tally batch already added to the idea
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import RuleViolationError
from shared.domain.ideas import hot_score
from shared.domain.votes import TallyDelta, Vote, VoteChange
from shared.observability import logger
from shared.services.ports import Key, Page
from shared.store.dynamo import Item, deserialize, from_timestamp, serialize, to_timestamp, translate_errors
from shared.store.records import idea_key

VOTE_PREFIX = "VOTE#"
MARKER_TTL_SECONDS = 3 * 24 * 3600  # longer than a stream record lives (24 h)


def vote_key(idea_id: str, voter_id: str) -> dict[str, str]:
    return {"pk": f"{VOTE_PREFIX}{idea_id}#{voter_id}"}


def budget_key(challenge_id: str, voter_id: str) -> dict[str, str]:
    return {"pk": f"BUDGET#{challenge_id}#{voter_id}"}


def voter_list_key(voter_id: str, challenge_id: str) -> str:
    return f"VOTER#{voter_id}#{challenge_id}"


def vote_to_item(vote: Vote) -> Item:
    return {
        **vote_key(vote.idea_id, vote.voter_id),
        "type": "Vote",
        "voterpk": voter_list_key(vote.voter_id, vote.challenge_id),
        "votersk": vote.idea_id,
        "ideaId": vote.idea_id,
        "voterId": vote.voter_id,
        "challengeId": vote.challenge_id,
        "value": vote.value,
        "votedAt": to_timestamp(vote.voted_at),
    }


def vote_from_item(item: Mapping[str, Any]) -> Vote:
    return Vote(
        idea_id=str(item["ideaId"]),
        voter_id=str(item["voterId"]),
        challenge_id=str(item["challengeId"]),
        value=int(item["value"]),
        voted_at=from_timestamp(item["votedAt"]),
    )


def _budget_update(table: str, vote: Vote, step: int, budget: int) -> dict[str, Any]:
    if step > 0:
        condition = "attribute_not_exists(used) OR used < :budget"
        values: dict[str, Any] = {":step": step, ":budget": budget}
    else:
        condition = "used > :zero"
        values = {":step": step, ":zero": 0}
    return {
        "Update": {
            "TableName": table,
            "Key": serialize(budget_key(vote.challenge_id, vote.voter_id)),
            "UpdateExpression": "ADD used :step",
            "ConditionExpression": condition,
            "ExpressionAttributeValues": serialize(values),
        }
    }


def _reasons(exc: ClientError) -> list[str | None]:
    return [reason.get("Code") for reason in exc.response.get("CancellationReasons", [])]


class DynamoVoteRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def get(self, idea_id: str, voter_id: str) -> Vote | None:
        with translate_errors("reading a vote"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(vote_key(idea_id, voter_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return vote_from_item(deserialize(item)) if item else None

    def add(self, vote: Vote, budget: int | None) -> None:
        put = {
            "TableName": self._table,
            "Item": serialize(vote_to_item(vote)),
            "ConditionExpression": "attribute_not_exists(pk)",
        }
        if budget is None:
            with translate_errors("the vote exists"):
                self._client.put_item(**put)
            return
        # The vote and the voter's budget counter move together: concurrent votes cannot overspend.
        try:
            self._client.transact_write_items(
                TransactItems=[{"Put": put}, _budget_update(self._table, vote, 1, budget)]
            )
        except ClientError as exc:
            reasons = _reasons(exc)
            if len(reasons) == 2 and reasons[0] != "ConditionalCheckFailed" and reasons[1] == "ConditionalCheckFailed":
                raise RuleViolationError(
                    f"You already use all {budget} of your votes in this challenge; retract one first."
                ) from exc
            with translate_errors("the vote exists"):
                raise

    def change(self, vote: Vote, expected_value: int) -> None:
        with translate_errors("the vote changed meanwhile"):
            self._client.update_item(
                TableName=self._table,
                Key=serialize(vote_key(vote.idea_id, vote.voter_id)),
                UpdateExpression="SET #value = :value, votedAt = :at",
                ConditionExpression="attribute_exists(pk) AND #value = :expected",
                ExpressionAttributeNames={"#value": "value"},
                ExpressionAttributeValues=serialize(
                    {":value": vote.value, ":at": to_timestamp(vote.voted_at), ":expected": expected_value}
                ),
            )

    def remove(self, vote: Vote, budget: int | None) -> None:
        delete = {
            "TableName": self._table,
            "Key": serialize(vote_key(vote.idea_id, vote.voter_id)),
            "ConditionExpression": "#value = :expected",
            "ExpressionAttributeNames": {"#value": "value"},
            "ExpressionAttributeValues": serialize({":expected": vote.value}),
        }
        with translate_errors("the vote changed meanwhile"):
            if budget is None:
                self._client.delete_item(**delete)
            else:
                self._client.transact_write_items(
                    TransactItems=[{"Delete": delete}, _budget_update(self._table, vote, -1, budget)]
                )

    def list_mine(self, voter_id: str, challenge_id: str, *, limit: int, start: Key | None) -> Page[Vote]:
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "byVoter",
            "KeyConditionExpression": "voterpk = :pk",
            "ExpressionAttributeValues": serialize({":pk": voter_list_key(voter_id, challenge_id)}),
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing votes"):
            answer = self._client.query(**query)
        items = [vote_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))


def vote_change_from_stream_record(record: Mapping[str, Any]) -> VoteChange | None:
    """A vote item's change, or None for the table's other items (budgets, markers)."""
    stream = record["dynamodb"]
    pk = str(((stream.get("Keys") or {}).get("pk") or {}).get("S", ""))
    if not pk.startswith(VOTE_PREFIX):
        return None
    old = deserialize(stream["OldImage"]) if stream.get("OldImage") else None
    new = deserialize(stream["NewImage"]) if stream.get("NewImage") else None
    image = new or old
    if image is None:
        return None
    return VoteChange(
        change_id=str(record["eventID"]),
        idea_id=str(image["ideaId"]),
        old_value=int(old["value"]) if old else None,
        new_value=int(new["value"]) if new else None,
    )


class _IdeaMissingError(Exception):
    pass


MAX_CHANGES_PER_WRITE = 99  # a transaction takes 100 items: the idea's update and one marker per record


class DynamoTally:
    """Adds a delta to an idea in one transaction with one marker item per stream record: a record
    counted before (a replayed or retried batch, however Lambda re-batches it) is left out."""

    def __init__(self, client: Any, votes_table: str, content_table: str) -> None:
        self._client = client
        self._votes = votes_table
        self._content = content_table

    def apply(self, delta: TallyDelta) -> bool:
        """Add the changes of ``delta`` not counted before, then bring ``hot`` up to date.
        Returns False when every change had been counted before (nothing added)."""
        remaining: TallyDelta | None = delta
        applied = False
        while remaining is not None:
            try:
                counted = self._add(remaining)
            except _IdeaMissingError:
                logger.warning("Votes on a missing idea are not counted", extra={"idea_id": delta.idea_id})
                return False
            if not counted:
                applied = True
                break
            remaining = remaining.without(counted)
        self.refresh_hot(delta.idea_id)
        return applied

    def _add(self, delta: TallyDelta) -> list[str]:
        """Add the delta; or, when some of its changes were counted before, add nothing and name them."""
        expires = int(time.time()) + MARKER_TTL_SECONDS
        markers = [
            {
                "Put": {
                    "TableName": self._votes,
                    "Item": serialize({"pk": f"TALLIED#{change_id}", "ideaId": delta.idea_id, "expiresAt": expires}),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
            for change_id in delta.change_ids
        ]
        update = {
            "Update": {
                "TableName": self._content,
                "Key": serialize(idea_key(delta.idea_id)),
                "UpdateExpression": "ADD votesUp :up, votesDown :down, score :score",
                "ConditionExpression": "attribute_exists(pk)",
                "ExpressionAttributeValues": serialize({":up": delta.up, ":down": delta.down, ":score": delta.score}),
            }
        }
        try:
            self._client.transact_write_items(TransactItems=[update, *markers])
            return []
        except ClientError as exc:
            reasons = _reasons(exc)
            if len(reasons) != len(markers) + 1 or "ConditionalCheckFailed" not in reasons:
                with translate_errors(f"tallying idea {delta.idea_id}"):
                    raise
            if reasons[0] == "ConditionalCheckFailed":
                raise _IdeaMissingError(delta.idea_id) from exc
            return [
                cid for cid, code in zip(delta.change_ids, reasons[1:], strict=True) if code == "ConditionalCheckFailed"
            ]

    def refresh_hot(self, idea_id: str) -> None:
        """Set ``hot`` from the score just read, only if the score is still that: whichever tally
        writes last also reads last, so the final ``hot`` always matches the final score."""
        with translate_errors(f"reading idea {idea_id}"):
            answer = self._client.get_item(
                TableName=self._content,
                Key=serialize(idea_key(idea_id)),
                ConsistentRead=True,
                ProjectionExpression="score, createdAt, hot",
            )
        item = deserialize(answer.get("Item") or {})
        if "createdAt" not in item:
            return
        score = int(item.get("score", 0))
        created = from_timestamp(item["createdAt"])
        hot = Decimal(str(hot_score(score, created)))
        if item.get("hot") == hot:
            return
        try:
            self._client.update_item(
                TableName=self._content,
                Key=serialize(idea_key(idea_id)),
                UpdateExpression="SET hot = :hot",
                ConditionExpression="score = :score",
                ExpressionAttributeValues=serialize({":hot": hot, ":score": score}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                with translate_errors(f"ranking idea {idea_id}"):
                    raise

"""The votes table: one item per (idea, voter), budget counters, and the tally's claims and ledger.

Keys (see docs/data-model.md, "Votes table"):
- vote:    pk=VOTE#<ideaId>#<voterId>; index byVoter: voterpk=VOTER#<voterId>, votersk=<challengeId>#<ideaId>
           (a voter's votes in a challenge, and all of them for their export or erasure);
           index byIdea: ideapk=<ideaId>#<shard of the voter>, ideask=<voterId>
- moved:   pk=MOVED#<sourceIdeaId>#<voterId> (a merge record); byVoter: VOTER#<voterId>, ~MOVED#<sourceIdeaId>
- budget:  pk=BUDGET#<challengeId>#<voterId>, used (N): active votes of the voter in the challenge;
           at (epoch seconds): its last increment (a counter untouched for HEAL_AFTER_SECONDS has no
           vote in flight, so a recount may correct it)
- claim:   pk=TALLIED#<stream eventID>, claimedBy, expiresAt (TTL): the tally attempt that owns the record
- ledger:  pk=TALLYBATCH#<batch id>, state (committed | aborted), expiresAt (TTL)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.challenges import Milestone
from shared.domain.errors import ConflictError, RuleViolationError
from shared.domain.ideas import Idea, TrendPoint
from shared.domain.surveys import Answer, SurveyTally
from shared.domain.votes import (
    VOTE_SHARDS,
    MovedVote,
    Recharge,
    TallyDelta,
    Vote,
    VoteChange,
    vote_shard,
)
from shared.services.ports import Key, Page
from shared.services.ports.tally import FencedError, RatingChange, StaleIdeaError
from shared.services.ratings import rating_change
from shared.store.comment_records import comment_from_item
from shared.store.dynamo import (
    Item,
    ItemUpdate,
    batch_get,
    deserialize,
    failed_condition,
    from_timestamp,
    item_update,
    query_all,
    serialize,
    to_timestamp,
    translate_errors,
)
from shared.store.records import (
    challenge_from_item,
    challenge_key,
    idea_from_item,
    idea_key,
    idea_to_item,
    survey_from_item,
    survey_key,
    survey_to_item,
    trend_to_item,
)

VOTE_PREFIX = "VOTE#"
MARKER_TTL_SECONDS = 3 * 24 * 3600  # longer than a stream record lives (24 h)
_log = logging.getLogger(__name__)  # no Powertools here: the store is imported before settings are read
HEAL_AFTER_SECONDS = 60  # longer than any request (the votes function's 10 s timeout) and index propagation
_KEYS = frozenset({"pk", "sk", "type"})


def vote_key(idea_id: str, voter_id: str) -> dict[str, str]:
    return {"pk": f"{VOTE_PREFIX}{idea_id}#{voter_id}"}


def budget_key(challenge_id: str, voter_id: str) -> dict[str, str]:
    return {"pk": f"BUDGET#{challenge_id}#{voter_id}"}


def voter_key(voter_id: str) -> str:
    return f"VOTER#{voter_id}"


MOVED_SORT = "~MOVED#"  # merge records sort after every challenge id in a voter's index partition


def idea_shard_key(idea_id: str, shard: int) -> str:
    return f"{idea_id}#{shard}"


def vote_to_item(vote: Vote) -> Item:
    return {
        **vote_key(vote.idea_id, vote.voter_id),
        "type": "Vote",
        "voterpk": voter_key(vote.voter_id),
        "votersk": f"{vote.challenge_id}#{vote.idea_id}",
        "ideapk": idea_shard_key(vote.idea_id, vote_shard(vote.voter_id)),
        "ideask": vote.voter_id,
        "refunded": True if vote.refunded else None,
        "mergedFrom": vote.merged_from,
        "ideaId": vote.idea_id,
        "voterId": vote.voter_id,
        "challengeId": vote.challenge_id,
        "value": vote.value,
        "votedAt": to_timestamp(vote.voted_at),
        "answers": answers_to_item(vote.answers),
        "answerKeys": list(vote.answer_keys) or None,
    }


def answers_to_item(answers: Mapping[str, Answer]) -> dict[str, Any] | None:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in answers.items()} or None


def answers_from_item(item: Mapping[str, Any] | None) -> dict[str, Answer]:
    def one(value: Any) -> Answer:
        if isinstance(value, list):
            return tuple(str(option) for option in value)
        return int(value) if isinstance(value, int | Decimal) else str(value)

    return {str(key): one(value) for key, value in (item or {}).items()}


def vote_from_item(item: Mapping[str, Any]) -> Vote:
    return Vote(
        idea_id=str(item["ideaId"]),
        voter_id=str(item["voterId"]),
        challenge_id=str(item["challengeId"]),
        value=int(item["value"]),
        voted_at=from_timestamp(item["votedAt"]),
        refunded=bool(item.get("refunded", False)),
        merged_from=str(item["mergedFrom"]) if item.get("mergedFrom") else None,
        answers=answers_from_item(item.get("answers")),
        answer_keys=tuple(str(key) for key in item.get("answerKeys") or ()),
    )


def moved_key(source_id: str, voter_id: str) -> dict[str, str]:
    return {"pk": f"MOVED#{source_id}#{voter_id}"}


def moved_to_item(moved: MovedVote) -> Item:
    vote = moved.vote
    return {
        **moved_key(vote.idea_id, vote.voter_id),
        "type": "MovedVote",
        "ideapk": f"MOVED#{idea_shard_key(vote.idea_id, vote_shard(vote.voter_id))}",
        "ideask": vote.voter_id,
        "voterpk": voter_key(vote.voter_id),
        "votersk": MOVED_SORT + vote.idea_id,
        "vote": {k: v for k, v in vote_to_item(vote).items() if v is not None},
        "targetIdeaId": moved.target_idea_id,
        "created": moved.created,
        "dropped": True if moved.dropped else None,
    }


def moved_from_item(item: Mapping[str, Any]) -> MovedVote:
    return MovedVote(
        vote_from_item(item["vote"]), str(item["targetIdeaId"]), bool(item["created"]), bool(item.get("dropped"))
    )


def _budget_update(table: str, vote: Vote, step: int, budget: int) -> dict[str, Any]:
    """The voter's counter in the challenge one up (if below ``budget``: stamped, see HEAL_AFTER_SECONDS)
    or one down (if above 0)."""
    if step > 0:
        update, condition = "SET #at = :now ADD used :step", "attribute_not_exists(used) OR used < :budget"
        values: dict[str, Any] = {":step": step, ":budget": budget, ":now": int(time.time())}
    else:
        update, condition = "ADD used :step", "used > :zero"
        values = {":step": step, ":zero": 0}
    return {
        "Update": {
            "TableName": table,
            "Key": serialize(budget_key(vote.challenge_id, vote.voter_id)),
            "UpdateExpression": update,
            "ConditionExpression": condition,
            "ExpressionAttributeValues": serialize(values),
        }
        | ({"ExpressionAttributeNames": {"#at": "at"}} if step > 0 else {})
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
        if budget is not None:  # the unit first: concurrent votes cannot overspend (the counter decides)
            self._take_unit(vote, budget)
        try:
            with translate_errors("the vote exists"):
                self._client.put_item(**put)
        except ConflictError:
            if budget is None:
                raise
            if self._wrote(vote):  # a retry of our own put whose first answer was lost: ours, kept
                return
            self._give_unit_back(vote)  # a concurrent request of the voter wrote it (any other failure
            raise  # may have written the vote: its unit stays taken, for a recount)

    def _wrote(self, vote: Vote) -> bool:
        current = self.get(vote.idea_id, vote.voter_id)
        return current is not None and (current.voted_at, current.value) == (vote.voted_at, vote.value)

    def _take_unit(self, vote: Vote, budget: int) -> None:
        """One unit of the voter's budget in the challenge, without a transaction (a vote's write
        units halve). A unit taken by a request that died before its vote (or its give-back) is
        found by the recount that an exhausted, stale counter gets (``_recount``)."""
        for recounted in (False, True):
            try:
                self._client.update_item(**_budget_update(self._table, vote, 1, budget)["Update"])
                return
            except ClientError as exc:
                if not failed_condition(exc):
                    with translate_errors("counting a vote against the budget"):
                        raise
            if recounted or not self._recount(vote):
                break
        raise RuleViolationError(f"You already use all {budget} of your votes in this challenge; retract one first.")

    def _give_unit_back(self, vote: Vote) -> None:
        try:
            self._client.update_item(**_budget_update(self._table, vote, -1, 0)["Update"])
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("giving a budget unit back"):
                    raise

    def _recount(self, vote: Vote) -> bool:
        """Correct an exhausted counter that says more than the voter's active votes in the challenge,
        when no vote can be in flight (untouched for HEAL_AFTER_SECONDS); True if it was lowered."""
        key = serialize(budget_key(vote.challenge_id, vote.voter_id))
        with translate_errors("reading a budget"):
            counter = deserialize(
                self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item") or {}
            )
        used, at = int(counter.get("used", 0)), int(counter.get("at", 0))
        if time.time() - at < HEAL_AFTER_SECONDS:
            return False
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "byVoter",
            "KeyConditionExpression": "voterpk = :pk AND begins_with(votersk, :challenge)",
            "FilterExpression": "attribute_not_exists(refunded)",
            "ExpressionAttributeValues": serialize(
                {":pk": voter_key(vote.voter_id), ":challenge": f"{vote.challenge_id}#"}
            ),
            "Select": "COUNT",
        }
        active = 0
        with translate_errors("counting a voter's votes"):
            while True:
                answer = self._client.query(**query)
                active += int(answer.get("Count", 0))
                if "LastEvaluatedKey" not in answer:
                    break
                query["ExclusiveStartKey"] = answer["LastEvaluatedKey"]
        if active >= used:
            return False
        seen = serialize({":used": used, ":active": active, ":at": at})
        try:
            self._client.update_item(
                TableName=self._table,
                Key=key,
                UpdateExpression="SET used = :active",
                ConditionExpression="used = :used AND (attribute_not_exists(#at) OR #at = :at)",
                ExpressionAttributeNames={"#at": "at"},
                ExpressionAttributeValues=seen,
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("correcting a budget"):
                    raise
            return False  # it moved meanwhile: no correction
        _log.warning("budget of %s in %s recounted: %d -> %d", vote.voter_id, vote.challenge_id, used, active)
        return True

    def change(self, vote: Vote, expected_value: int) -> None:
        """The vote's value and its survey answers become ``vote``'s."""
        values: dict[str, Any] = {":value": vote.value, ":at": to_timestamp(vote.voted_at), ":expected": expected_value}
        expression = "SET #value = :value, votedAt = :at"
        if vote.answers:
            expression += ", answers = :answers, answerKeys = :keys"
            values |= {":answers": answers_to_item(vote.answers), ":keys": list(vote.answer_keys)}
        else:
            expression += " REMOVE answers, answerKeys"
        with translate_errors("the vote changed meanwhile"):
            self._client.update_item(
                TableName=self._table,
                Key=serialize(vote_key(vote.idea_id, vote.voter_id)),
                UpdateExpression=expression,
                ConditionExpression="attribute_exists(pk) AND #value = :expected",
                ExpressionAttributeNames={"#value": "value"},
                ExpressionAttributeValues=serialize(values),
            )

    def remove(self, vote: Vote, budget: int | None) -> None:
        refunded = "refunded = :yes" if vote.refunded else "attribute_not_exists(refunded)"
        values: dict[str, Any] = {":expected": vote.value} | ({":yes": True} if vote.refunded else {})
        delete = {
            "TableName": self._table,
            "Key": serialize(vote_key(vote.idea_id, vote.voter_id)),
            "ConditionExpression": f"#value = :expected AND {refunded}",
            "ExpressionAttributeNames": {"#value": "value"},
            "ExpressionAttributeValues": serialize(values),
        }
        with translate_errors("the vote changed meanwhile"):
            if budget is None or vote.refunded:  # a refunded vote's budget was given back already
                self._client.delete_item(**delete)
            else:
                self._client.transact_write_items(
                    TransactItems=[{"Delete": delete}, _budget_update(self._table, vote, -1, budget)]
                )

    def _idea_shards(self, prefix: str) -> Iterator[Item]:
        """Every item of the byIdea index under ``<prefix>#0..9``: one Query per page and shard."""
        for shard in range(VOTE_SHARDS):
            query = {
                "TableName": self._table,
                "IndexName": "byIdea",
                "KeyConditionExpression": "ideapk = :pk",
                "ExpressionAttributeValues": serialize({":pk": f"{prefix}#{shard}"}),
            }
            yield from query_all(self._client, query, "listing an idea's votes")

    def votes_of_idea(self, idea_id: str) -> Iterator[Vote]:
        """Every vote on the idea (the byIdea index, sharded by voter)."""
        return (vote_from_item(item) for item in self._idea_shards(idea_id))

    def moved_vote(self, source_id: str, voter_id: str) -> MovedVote | None:
        """What a merge of ``source_id`` did with the voter's vote (None: nothing, or undone)."""
        with translate_errors("reading a moved vote"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(moved_key(source_id, voter_id)))
        return moved_from_item(deserialize(answer["Item"])) if "Item" in answer else None

    def moved_votes(self, source_id: str) -> Iterator[MovedVote]:
        """What a merge of ``source_id`` did with each of its votes."""
        return (moved_from_item(item) for item in self._idea_shards(f"MOVED#{source_id}"))

    def move(self, vote: Vote, target_idea_id: str, budget: int | None, *, drop: bool = False) -> bool:
        """Move a vote of a merged idea to the target, once, so that its voter counts once there;
        with ``drop`` (the voter wrote the target and may not vote for it) the vote only leaves the
        merged idea and its budget unit comes back. False when it was moved before, or retracted
        or changed meanwhile."""
        for _ in range(3):
            target = None if drop else self.get(target_idea_id, vote.voter_id)
            moved = MovedVote(vote, target_idea_id, created=target is None and not drop, dropped=drop)
            items: list[dict[str, Any]] = [
                {"Delete": self._vote_condition(vote)},
                {"Put": self._new(moved_to_item(moved))},
            ]
            if moved.created:
                created = replace(vote, idea_id=target_idea_id, merged_from=vote.idea_id)
                items.append({"Put": self._new(vote_to_item(created))})
            elif not drop:
                items.append(
                    {
                        "ConditionCheck": {
                            "TableName": self._table,
                            "Key": serialize(vote_key(target_idea_id, vote.voter_id)),
                            "ConditionExpression": "attribute_exists(pk)",
                        }
                    }
                )
            if not moved.created and budget is not None and not vote.refunded:  # one vote fewer: one back
                items.append(_budget_update(self._table, vote, -1, budget))
            reasons = self._transact(items, "moving a vote")
            if reasons is None:
                return True
            if reasons[0] == _FAILED_CHECK or reasons[1] == _FAILED_CHECK:
                return False  # changed, retracted, or moved before
        raise ConflictError(f"the votes of {vote.voter_id} on {target_idea_id} keep changing")

    def restore(self, moved: MovedVote, budget: int | None) -> bool:
        """Undo one move: the vote is back on its idea; the vote the move created on the target goes
        (if the voter has not re-cast it since); a dropped vote takes its budget unit again. False
        if restored before."""
        vote = moved.vote
        spent = budget is not None and not vote.refunded
        base: list[dict[str, Any]] = [
            {"Put": self._new(vote_to_item(vote))},
            {"Delete": {"TableName": self._table, "Key": serialize(moved_key(vote.idea_id, vote.voter_id))}},
        ]
        if moved.created:
            undo = {
                "TableName": self._table,
                "Key": serialize(vote_key(moved.target_idea_id, vote.voter_id)),
                "ConditionExpression": "mergedFrom = :source",
                "ExpressionAttributeValues": serialize({":source": vote.idea_id}),
            }
            reasons = self._transact([*base, {"Delete": undo}], "restoring a vote")
            if reasons is None or reasons[0] == _FAILED_CHECK:
                return reasons is None
            # the voter retracted or re-cast the moved vote: theirs stays, and the restored one counts too
        if spent:  # the restored vote is active again (even if that takes the voter past the budget)
            key = serialize(budget_key(vote.challenge_id, vote.voter_id))
            add = {
                "TableName": self._table,
                "Key": key,
                "UpdateExpression": "SET #at = :now ADD used :one",
                "ExpressionAttributeNames": {"#at": "at"},
                "ExpressionAttributeValues": serialize({":one": 1, ":now": int(time.time())}),
            }
            base.append({"Update": add})
        reasons = self._transact(base, "restoring a vote")
        return reasons is None

    def _vote_condition(self, vote: Vote) -> dict[str, Any]:
        return {
            "TableName": self._table,
            "Key": serialize(vote_key(vote.idea_id, vote.voter_id)),
            "ConditionExpression": "#value = :expected",
            "ExpressionAttributeNames": {"#value": "value"},
            "ExpressionAttributeValues": serialize({":expected": vote.value}),
        }

    def _new(self, item: Item) -> dict[str, Any]:
        return {"TableName": self._table, "Item": serialize(item), "ConditionExpression": "attribute_not_exists(pk)"}

    def _transact(self, items: list[dict[str, Any]], what: str) -> list[str | None] | None:
        """Run a transaction; None when it went through, else the cancellation reasons (conditions only)."""
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            reasons = _reasons(exc)
            if _FAILED_CHECK not in reasons:
                with translate_errors(what):
                    raise
            return reasons
        return None

    def refund(self, vote: Vote) -> bool:
        """Give the vote's budget back and mark it so, once; False if it changed or went meanwhile."""
        mark = {
            "Update": {
                "TableName": self._table,
                "Key": serialize(vote_key(vote.idea_id, vote.voter_id)),
                "UpdateExpression": "SET refunded = :yes",
                "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(refunded)",
                "ExpressionAttributeValues": serialize({":yes": True}),
            }
        }
        give_back = {
            "Update": {
                "TableName": self._table,
                "Key": serialize(budget_key(vote.challenge_id, vote.voter_id)),
                "UpdateExpression": "ADD used :step",
                "ConditionExpression": "used > :zero",
                "ExpressionAttributeValues": serialize({":step": -1, ":zero": 0}),
            }
        }
        try:
            self._client.transact_write_items(TransactItems=[mark, give_back])
        except ClientError as exc:
            if _FAILED_CHECK not in _reasons(exc):
                with translate_errors("refunding a vote"):
                    raise
            return False
        return True

    def recharge(self, vote: Vote, budget: int) -> Recharge:
        """Count a refunded vote against its voter's budget again, if they have room (one
        transaction: unmark the vote, take the unit); if not, remove the vote."""
        still_refunded = {
            "TableName": self._table,
            "Key": serialize(vote_key(vote.idea_id, vote.voter_id)),
            "ConditionExpression": "refunded = :yes AND #value = :expected",
            "ExpressionAttributeNames": {"#value": "value"},
            "ExpressionAttributeValues": serialize({":yes": True, ":expected": vote.value}),
        }
        unmark = {"Update": {**still_refunded, "UpdateExpression": "REMOVE refunded"}}
        reasons = self._transact([unmark, _budget_update(self._table, vote, 1, budget)], "counting a vote again")
        if reasons is None:
            return Recharge.TAKEN
        if reasons[0] == _FAILED_CHECK:
            return Recharge.SKIPPED  # retracted, changed or counted again meanwhile
        try:
            self._client.delete_item(**still_refunded)
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("removing a vote past the budget"):
                    raise
            return Recharge.SKIPPED
        return Recharge.DROPPED

    def idea_page(self, idea_id: str, shard: int, *, limit: int, start: Key | None) -> Page[Vote]:
        """A page of the votes on one shard of the idea's byIdea partitions (one Query)."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "byIdea",
            "KeyConditionExpression": "ideapk = :pk",
            "ExpressionAttributeValues": serialize({":pk": idea_shard_key(idea_id, shard)}),
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing an idea's votes"):
            answer = self._client.query(**query)
        return Page(
            [vote_from_item(deserialize(item)) for item in answer.get("Items", [])], answer.get("LastEvaluatedKey")
        )

    def list_mine(self, voter_id: str, challenge_id: str, *, limit: int, start: Key | None) -> Page[Vote]:
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "byVoter",
            "KeyConditionExpression": "voterpk = :pk AND begins_with(votersk, :challenge)",
            "ExpressionAttributeValues": serialize({":pk": voter_key(voter_id), ":challenge": f"{challenge_id}#"}),
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing votes"):
            answer = self._client.query(**query)
        items = [vote_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))


def read_survey(client: Any, content_table: str, idea_id: str) -> SurveyTally:
    """An idea's survey counts (consistent; empty before the first answer is tallied)."""
    with translate_errors(f"reading idea {idea_id}'s survey counts"):
        answer = client.get_item(TableName=content_table, Key=serialize(survey_key(idea_id)), ConsistentRead=True)
    return survey_from_item(deserialize(answer["Item"])) if "Item" in answer else SurveyTally({})


class DynamoSurveyCounts:
    def __init__(self, client: Any, content_table: str) -> None:
        self._client = client
        self._table = content_table

    def get(self, idea_id: str) -> SurveyTally:
        return read_survey(self._client, self._table, idea_id)

    def get_many(self, idea_ids: Sequence[str]) -> dict[str, SurveyTally]:
        """One BatchGetItem per 100 ideas (an export page of 500 makes five)."""
        keys = [survey_key(idea_id) for idea_id in idea_ids]
        items = batch_get(
            self._client,
            self._table,
            keys,
            "reading survey counts",
            projection="pk, #c, version",
            names={"#c": "counts"},
        )
        return {str(item["pk"]).removeprefix("IDEA#"): survey_from_item(item) for item in items}


def erasure_move(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> bool:
    """Whether a vote record is an erasure moving the vote to its voter's pseudonym
    (shared/store/privacy.py): the old item marked ``erasing``, then removed, and the pseudonym's put
    with ``erased``. The vote neither came nor went: the tally and the outbox skip all three."""
    if new is not None and "erasing" in new:
        return True
    if new is None:
        return old is not None and "erasing" in old
    return old is None and bool(new.get("erased"))


def vote_change_from_stream_record(record: Mapping[str, Any]) -> VoteChange | None:
    """A vote item's change, or None for the table's other items (budgets, markers)."""
    stream = record["dynamodb"]
    pk = str(((stream.get("Keys") or {}).get("pk") or {}).get("S", ""))
    if not pk.startswith(VOTE_PREFIX):
        return None
    old = deserialize(stream["OldImage"]) if stream.get("OldImage") else None
    new = deserialize(stream["NewImage"]) if stream.get("NewImage") else None
    image = new or old
    if image is None or erasure_move(old, new):
        return None
    created = stream.get("ApproximateCreationDateTime")
    return VoteChange(
        change_id=str(record["eventID"]),
        idea_id=str(image["ideaId"]),
        old_value=int(old["value"]) if old else None,
        new_value=int(new["value"]) if new else None,
        at=datetime.fromtimestamp(float(created), UTC) if created is not None else None,
        old_keys=tuple(str(key) for key in (old or {}).get("answerKeys") or ()),
        new_keys=tuple(str(key) for key in (new or {}).get("answerKeys") or ()),
    )


_FAILED_CHECK = "ConditionalCheckFailed"
_CONFLICT = "TransactionConflict"
MAX_CLAIM_ROUNDS = 5  # claim, settle rounds before the batch is failed for a retry
CLAIM_WORKERS = 10  # concurrent claim puts: botocore's default connection pool per client


def rating_change_from_stream_record(record: Mapping[str, Any]) -> RatingChange | None:
    """A content-stream record -> what it does to an idea's rating (None for all but reviews)."""
    stream = record["dynamodb"]
    images = [deserialize(stream[name]) if stream.get(name) else None for name in ("OldImage", "NewImage")]
    old, new = (comment_from_item(image) if image and image.get("type") == "Comment" else None for image in images)
    return rating_change(str(record["eventID"]), old, new)


class DynamoTallyStore:
    """The tally's store (services/tally.py has the use case): claims, ledger and the idea write.

    Each stream record is first *claimed* for an attempt (a ``TALLIED#<eventID>`` marker naming
    the attempt's batch id, created only if absent); the idea's new counters, ranking keys and
    ladder are then written together with the batch's *ledger* item (``TALLYBATCH#<id>``,
    state committed) in one transaction, conditioned on the counters read. A record claimed by an
    earlier attempt counts as done when that attempt's ledger says committed; when it has none,
    this attempt writes it as aborted first (a fence: the earlier attempt can no longer commit)
    and takes the claim over. So a replayed or re-batched record is never counted twice, and one
    write per idea and batch carries up to a whole stream batch of votes."""

    def __init__(self, client: Any, votes_table: str, content_table: str) -> None:
        self._client = client
        self._votes = votes_table
        self._content = content_table
        self._ladders: dict[str, tuple[Milestone, ...]] = {}

    # -- ratings (decision 65) -------------------------------------------------------------------

    def count_rating(self, change: RatingChange) -> bool:
        """The claim ``RATED#<eventID>`` and the idea's ``rating<n>`` ADDs, in one transaction."""
        adds = {f"rating{stars}": delta for stars, delta in ((change.after, 1), (change.before, -1)) if stars}
        names = {f"#r{n}": name for n, name in enumerate(adds)}
        values = {f":r{n}": delta for n, delta in enumerate(adds.values())}
        claim: dict[str, Any] = {
            "pk": f"RATED#{change.change_id}",
            "ideaId": change.idea_id,
            "expiresAt": int(time.time()) + MARKER_TTL_SECONDS,
        }
        items = [
            {
                "Put": {
                    "TableName": self._votes,
                    "Item": serialize(claim),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            {
                "Update": {
                    "TableName": self._content,
                    "Key": serialize(idea_key(change.idea_id)),
                    "UpdateExpression": "ADD "
                    + ", ".join(f"{name} {value}" for name, value in zip(names, values, strict=True)),
                    "ConditionExpression": "attribute_exists(pk)",
                    "ExpressionAttributeNames": names,
                    "ExpressionAttributeValues": serialize(values),
                }
            },
        ]
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            if _reasons(exc)[:1] == ["ConditionalCheckFailed"]:
                return False  # counted before: a replay
            with translate_errors(f"counting the rating of idea {change.idea_id}"):
                raise
        return True

    # -- claims ----------------------------------------------------------------------------------

    def _marker(self, change_id: str, idea_id: str, batch: str) -> dict[str, Any]:
        expires = int(time.time()) + MARKER_TTL_SECONDS
        return {"pk": f"TALLIED#{change_id}", "ideaId": idea_id, "claimedBy": batch, "expiresAt": expires}

    def claim(self, delta: TallyDelta, batch: str) -> list[VoteChange]:
        """The changes of ``delta`` this attempt now owns (those counted before are left out)."""
        claimed: list[VoteChange] = []
        pending = list(delta.changes)
        for _ in range(MAX_CLAIM_ROUNDS):
            if not pending:
                return claimed
            taken = self._put_markers(pending, delta.idea_id, batch)
            claimed += [change for change, won in zip(pending, taken, strict=True) if won]
            contested = [change for change, won in zip(pending, taken, strict=True) if not won]
            pending = self._take_over(contested, batch, claimed)
        raise ConflictError(f"tallying idea {delta.idea_id}: claims kept changing hands")

    def _put_markers(self, changes: list[VoteChange], idea_id: str, batch: str) -> list[bool]:
        """Create each change's marker if it has none: one conditional put each (1 WCU; in a
        transaction each would cost 2, and a claim needs no other item beside it), CLAIM_WORKERS in
        flight at a time. Whether each was created, in order; any other error is raised once every
        put was tried (the markers made stay this attempt's, which a retry takes over)."""

        def put(change: VoteChange) -> bool:
            try:
                self._client.put_item(
                    TableName=self._votes,
                    Item=serialize(self._marker(change.change_id, idea_id, batch)),
                    ConditionExpression="attribute_not_exists(pk)",
                )
            except ClientError as exc:
                if failed_condition(exc):
                    return False
                with translate_errors(f"claiming votes of idea {idea_id}"):
                    raise
            return True

        if len(changes) == 1:
            return [put(changes[0])]
        with ThreadPoolExecutor(max_workers=min(CLAIM_WORKERS, len(changes))) as pool:
            puts = [pool.submit(put, change) for change in changes]  # map would cancel the rest on an error
        return [done.result() for done in puts]

    def _take_over(self, contested: list[VoteChange], batch: str, claimed: list[VoteChange]) -> list[VoteChange]:
        """Drop the contested changes an earlier attempt committed; claim those it never will
        (appending them to ``claimed``). Returns the changes to claim again from scratch."""
        owners = self._owners([change.change_id for change in contested])
        states = {owner: self._settle(owner) for owner in set(owners.values()) - {batch, ""}}
        again: list[VoteChange] = []
        for change in contested:
            owner = owners.get(change.change_id)
            if owner is None:  # the marker expired meanwhile: claim from scratch
                again.append(change)
            elif owner == batch:  # our own claim, whose first answer was lost
                claimed.append(change)
            elif owner and states[owner] != "committed":  # no owner: a marker counted with the idea
                if self._reassign(change.change_id, owner, batch):
                    claimed.append(change)
                else:
                    again.append(change)
        return again

    def _owners(self, change_ids: list[str]) -> dict[str, str]:
        keys = [{"pk": f"TALLIED#{cid}"} for cid in change_ids]
        items = batch_get(
            self._client, self._votes, keys, "reading tally markers", consistent=True, projection="pk, claimedBy"
        )
        return {str(item["pk"]).removeprefix("TALLIED#"): str(item.get("claimedBy", "")) for item in items}

    def _settle(self, owner: str) -> str:
        """The final state of an earlier attempt: committed, or aborted (made so now if undecided)."""
        ledger = {"pk": f"TALLYBATCH#{owner}", "state": "aborted", "expiresAt": int(time.time()) + MARKER_TTL_SECONDS}
        try:
            self._client.put_item(
                TableName=self._votes, Item=serialize(ledger), ConditionExpression="attribute_not_exists(pk)"
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("settling a tally attempt"):
                    raise
            with translate_errors("reading a tally ledger"):
                answer = self._client.get_item(
                    TableName=self._votes, Key=serialize({"pk": ledger["pk"]}), ConsistentRead=True
                )
            return str(deserialize(answer.get("Item") or {}).get("state", "aborted"))
        return "aborted"

    def _reassign(self, change_id: str, owner: str, batch: str) -> bool:
        try:
            self._client.update_item(
                TableName=self._votes,
                Key=serialize({"pk": f"TALLIED#{change_id}"}),
                UpdateExpression="SET claimedBy = :batch",
                ConditionExpression="claimedBy = :owner",
                ExpressionAttributeValues=serialize({":batch": batch, ":owner": owner}),
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("taking over a tally claim"):
                    raise
            return False
        return True

    # -- the one write to the idea ---------------------------------------------------------------

    def idea(self, idea_id: str) -> Idea | None:
        with translate_errors(f"reading idea {idea_id}"):
            answer = self._client.get_item(
                TableName=self._content, Key=serialize(idea_key(idea_id)), ConsistentRead=True
            )
        return idea_from_item(deserialize(answer["Item"])) if "Item" in answer else None

    def ladder(self, challenge_id: str) -> tuple[Milestone, ...]:
        """The challenge's ladder, read once per process: vote rules are frozen once voting opens."""
        if challenge_id not in self._ladders:
            with translate_errors("reading the challenge"):
                answer = self._client.get_item(TableName=self._content, Key=serialize(challenge_key(challenge_id)))
            item = answer.get("Item")
            self._ladders[challenge_id] = challenge_from_item(deserialize(item)).support_ladder if item else ()
        return self._ladders[challenge_id]

    def survey(self, idea_id: str) -> SurveyTally:
        return read_survey(self._client, self._content, idea_id)

    def commit(
        self,
        batch: str,
        idea_id: str,
        change: tuple[Idea, Idea] | None,
        point: TrendPoint | None = None,
        survey: tuple[SurveyTally, SurveyTally] | None = None,
    ) -> None:
        ledger = {
            "Put": {
                "TableName": self._votes,
                "Item": serialize(
                    {
                        "pk": f"TALLYBATCH#{batch}",
                        "state": "committed",
                        "ideaId": idea_id,
                        "expiresAt": int(time.time()) + MARKER_TTL_SECONDS,
                    }
                ),
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        }
        items = [ledger]  # the ledger stays last: its failed condition means fenced
        if point is not None:
            items.insert(0, {"Put": {"TableName": self._content, "Item": serialize(trend_to_item(idea_id, point))}})
        if survey is not None:
            items.insert(0, self._survey_put(idea_id, *survey))
        if change is not None:
            before, after = change
            update = item_update(idea_to_item(before), idea_to_item(after), skip=_KEYS)
            if update.expression:
                items.insert(0, self._idea_update(before, update))
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            reasons = _reasons(exc)
            if len(reasons) != len(items) or not {_FAILED_CHECK, _CONFLICT} & set(reasons):
                with translate_errors(f"tallying idea {idea_id}"):
                    raise
            if reasons[-1] == _FAILED_CHECK:
                raise FencedError(batch) from exc
            raise StaleIdeaError(f"idea {idea_id} changed since it was read") from exc

    def _survey_put(self, idea_id: str, before: SurveyTally, after: SurveyTally) -> dict[str, Any]:
        """The whole counts item, on the version read (a read-modify-write, so a batch of any size
        stays one bounded write; a concurrent tally of another shard makes it stale)."""
        put: dict[str, Any] = {"TableName": self._content, "Item": serialize(survey_to_item(idea_id, after))}
        if before.version:
            put |= {
                "ConditionExpression": "version = :version",
                "ExpressionAttributeValues": serialize({":version": before.version}),
            }
        else:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        return {"Put": put}

    def _idea_update(self, idea: Idea, update: ItemUpdate) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self._content,
                "Key": serialize(idea_key(idea.idea_id)),
                "UpdateExpression": update.expression,
                "ConditionExpression": "votesUp = :up0 AND votesDown = :down0 AND version = :version0",
                "ExpressionAttributeNames": update.names,
                "ExpressionAttributeValues": serialize(
                    {**update.values, ":up0": idea.votes.up, ":down0": idea.votes.down, ":version0": idea.version}
                ),
            }
        }

"""Repositories on the content table (brands, challenges and ideas)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.brands import Brand
from shared.domain.challenges import Challenge, Phase
from shared.domain.errors import RuleViolationError
from shared.domain.ideas import MAX_TREND_HOURS, Idea, IdeaStatus, TrendPoint
from shared.services.ports import Key, Page
from shared.services.ports.ideas import IdeaSort
from shared.store.dynamo import Item, deserialize, item_update, serialize, to_timestamp, translate_errors
from shared.store.records import (
    ALL_BRANDS,
    ALL_CHALLENGES,
    LADDER_DUE,
    PHASE_DUE,
    TREND,
    brand_from_item,
    brand_key,
    brand_to_item,
    challenge_from_item,
    challenge_key,
    challenge_to_item,
    idea_from_item,
    idea_key,
    idea_list_key,
    idea_to_item,
    trend_from_item,
    trend_key,
)

_NEW_ITEM = "attribute_not_exists(pk)"
_SAME_VERSION = "version = :expected"
_ACTIVE_BRAND = "attribute_exists(pk) AND suspended = :no"
# What an idea edit or status change never writes: keys and the counters that the tally and the
# comment transaction and the ratings maintain (writing them back from a stale read would lose their updates).
_NOT_WRITTEN_BY_EDITS = frozenset(
    {"pk", "sk", "type", "votesUp", "votesDown", "score", "hot", "wilson", "controversy", "milestones", "commentCount"}
    | {f"rating{stars}" for stars in range(1, 6)}  # the rating counts (decision 65)
)
_IDEA_INDEX = {
    IdeaSort.NEW: "gsi1",
    IdeaSort.TOP: "top",
    IdeaSort.HOT: "hot",
    IdeaSort.BEST: "best",
    IdeaSort.CONTROVERSIAL: "controversial",
}


def idea_update(table: str, before: Idea, after: Idea) -> dict[str, Any]:
    """The UpdateItem (or transaction Update) writing what changed from ``before`` to ``after``
    (never the counters the tally owns), if the idea is still at ``before.version``."""
    update = item_update(idea_to_item(before), idea_to_item(after), skip=_NOT_WRITTEN_BY_EDITS)
    return {
        "TableName": table,
        "Key": serialize(idea_key(before.idea_id)),
        "UpdateExpression": update.expression,
        "ConditionExpression": f"attribute_exists(pk) AND {_SAME_VERSION}",
        "ExpressionAttributeNames": update.names,
        "ExpressionAttributeValues": serialize({**update.values, ":expected": before.version}),
    }


class DynamoChallengeRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, challenge: Challenge) -> None:
        """With a check, in the same transaction, that the brand exists and is not suspended."""
        brand_check = {
            "TableName": self._table,
            "Key": serialize(brand_key(challenge.brand_id)),
            "ConditionExpression": _ACTIVE_BRAND,
            "ExpressionAttributeValues": serialize({":no": False}),
        }
        item = serialize(challenge_to_item(challenge))
        put = {"TableName": self._table, "Item": item, "ConditionExpression": _NEW_ITEM}
        try:
            self._client.transact_write_items(TransactItems=[{"ConditionCheck": brand_check}, {"Put": put}])
        except ClientError as exc:
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if reasons[:1] == ["ConditionalCheckFailed"]:
                raise RuleViolationError(
                    f"Brand {challenge.brand_id!r} was suspended or removed meanwhile; no challenge was created."
                ) from exc
            with translate_errors(f"challenge {challenge.challenge_id} exists"):
                raise

    def get(self, challenge_id: str) -> Challenge | None:
        with translate_errors("reading a challenge"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(challenge_key(challenge_id)))
        item = answer.get("Item")
        return challenge_from_item(deserialize(item)) if item else None

    def replace(self, challenge: Challenge, expected_version: int) -> None:
        with translate_errors(f"challenge {challenge.challenge_id} changed meanwhile; read it again"):
            self._client.put_item(
                TableName=self._table,
                Item=serialize(challenge_to_item(challenge)),
                ConditionExpression=f"attribute_exists(pk) AND {_SAME_VERSION}",
                ExpressionAttributeValues=serialize({":expected": expected_version}),
            )

    def list_page(
        self,
        *,
        brand_id: str | None,
        phase: Phase | None,
        visible_drafts: frozenset[str] | None,
        limit: int,
        start: Key | None,
    ) -> Page[Challenge]:
        """One Query per page: a brand's challenges (gsi1) or the stack's (gsi2, one campaign's worth)."""
        names: dict[str, str] = {"#pk": "gsi1pk" if brand_id else "gsi2pk", "#phase": "phase"}
        values: dict[str, Any] = {":pk": f"BRAND#{brand_id}" if brand_id else ALL_CHALLENGES}
        filters = []
        if phase is not None:
            filters.append("#phase = :phase")
            values[":phase"] = phase.value
        if visible_drafts is not None and phase in (None, Phase.DRAFT):
            draft_brands = sorted(visible_drafts)[:99]
            allowed = " OR ".join(f"brandId = :b{n}" for n in range(len(draft_brands)))
            filters.append(f"(#phase <> :draft{' OR ' + allowed if allowed else ''})")
            values[":draft"] = Phase.DRAFT.value
            values.update({f":b{n}": brand for n, brand in enumerate(draft_brands)})
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "gsi1" if brand_id else "gsi2",
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": serialize(values),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if filters:
            query["FilterExpression"] = " AND ".join(filters)
        else:
            del names["#phase"]
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing challenges"):
            answer = self._client.query(**query)
        items = [challenge_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))

    def list_due(self, now: datetime, limit: int) -> list[Challenge]:
        keys, _ = _due_keys(self._client, self._table, PHASE_DUE, f"{to_timestamp(now)}#~", limit, None)
        found = (self.get(str(key["pk"]).removeprefix("CHALLENGE#")) for key in keys)
        return [challenge for challenge in found if challenge is not None]


def _due_keys(
    client: Any, table: str, kind: str, before: str, limit: int, start: Key | None
) -> tuple[list[Item], Key | None]:
    """One page of the sparse 'due' index (keys only: the index is not rewritten by counter updates)."""
    query: dict[str, Any] = {
        "TableName": table,
        "IndexName": "due",
        "KeyConditionExpression": "duepk = :due AND dueat < :before",
        "ExpressionAttributeValues": serialize({":due": kind, ":before": before}),
        "Limit": limit,
    }
    if start:
        query["ExclusiveStartKey"] = start
    with translate_errors("listing what is due"):
        answer = client.query(**query)
    return [deserialize(item) for item in answer.get("Items", [])], answer.get("LastEvaluatedKey")


class DynamoBrandRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, brand: Brand) -> None:
        with translate_errors(f"brand {brand.brand_id!r} exists"):
            self._client.put_item(
                TableName=self._table, Item=serialize(brand_to_item(brand)), ConditionExpression=_NEW_ITEM
            )

    def get(self, brand_id: str) -> Brand | None:
        with translate_errors("reading a brand"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(brand_key(brand_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return brand_from_item(deserialize(item)) if item else None

    def replace(self, brand: Brand, expected_version: int) -> None:
        with translate_errors(f"brand {brand.brand_id!r} changed meanwhile; read it again"):
            self._client.put_item(
                TableName=self._table,
                Item=serialize(brand_to_item(brand)),
                ConditionExpression=f"attribute_exists(pk) AND {_SAME_VERSION}",
                ExpressionAttributeValues=serialize({":expected": expected_version}),
            )

    def list_page(self, *, limit: int, start: Key | None) -> Page[Brand]:
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "gsi2",
            "KeyConditionExpression": "gsi2pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": ALL_BRANDS}),
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing brands"):
            answer = self._client.query(**query)
        items = [brand_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))


class CachedChallengeRepository(DynamoChallengeRepository):
    """Challenge reads kept per process for ``seconds`` (decision 66): one viral idea's votes read
    its challenge once per container and TTL, not 5,000 times a second. A change is seen up to
    ``seconds`` late by this process (a phase closing voting, a suspension, new rules); its own
    writes are seen at once. ``seconds`` 0 reads every time."""

    MAX_ENTRIES = 512

    def __init__(
        self, client: Any, table_name: str, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(client, table_name)
        self._seconds = seconds
        self._clock = clock
        self._read: dict[str, tuple[Challenge | None, float]] = {}

    def get(self, challenge_id: str) -> Challenge | None:
        if self._seconds <= 0:
            return super().get(challenge_id)
        now = self._clock()
        cached = self._read.get(challenge_id)
        if cached is not None and now - cached[1] < self._seconds:
            return cached[0]
        challenge = super().get(challenge_id)
        if len(self._read) >= self.MAX_ENTRIES:
            self._read.pop(next(iter(self._read)))  # the oldest read
        self._read[challenge_id] = (challenge, now)
        return challenge

    def add(self, challenge: Challenge) -> None:
        super().add(challenge)
        self._read.pop(challenge.challenge_id, None)

    def replace(self, challenge: Challenge, expected_version: int) -> None:
        super().replace(challenge, expected_version)
        self._read.pop(challenge.challenge_id, None)


class DynamoIdeaRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, idea: Idea, max_per_author: int | None = None) -> None:
        item = serialize(idea_to_item(idea))
        if max_per_author is None:
            with translate_errors(f"idea {idea.idea_id} exists"):
                self._client.put_item(TableName=self._table, Item=item, ConditionExpression=_NEW_ITEM)
            return
        # The author's idea count in the challenge and the idea are written together, so two
        # concurrent submissions can never pass the limit.
        counter = {"pk": f"CHALLENGE#{idea.challenge_id}", "sk": f"AUTHOR#{idea.author_id}"}
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": _NEW_ITEM}},
                    {
                        "Update": {
                            "TableName": self._table,
                            "Key": serialize(counter),
                            "UpdateExpression": "ADD ideaCount :one SET #type = :type",
                            "ConditionExpression": "attribute_not_exists(ideaCount) OR ideaCount < :max",
                            "ExpressionAttributeNames": {"#type": "type"},
                            "ExpressionAttributeValues": serialize(
                                {":one": 1, ":max": max_per_author, ":type": "AuthorCount"}
                            ),
                        }
                    },
                ]
            )
        except ClientError as exc:
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if len(reasons) == 2 and reasons[1] == "ConditionalCheckFailed":
                raise RuleViolationError(
                    f"You already have {max_per_author} ideas in this challenge, the most it allows."
                ) from exc
            with translate_errors(f"idea {idea.idea_id} exists"):
                raise

    def get(self, idea_id: str) -> Idea | None:
        with translate_errors("reading an idea"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(idea_key(idea_id)))
        item = answer.get("Item")
        return idea_from_item(deserialize(item)) if item else None

    def save_changes(self, before: Idea, after: Idea) -> None:
        with translate_errors(f"idea {before.idea_id} changed meanwhile; read it again"):
            self._client.update_item(**idea_update(self._table, before, after))

    def trend(self, idea_id: str, since: datetime) -> list[TrendPoint]:
        start = trend_key(idea_id, since)
        with translate_errors("reading an idea's trend"):
            answer = self._client.query(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues=serialize({":pk": start["pk"], ":from": start["sk"], ":to": TREND + "~"}),
                Limit=MAX_TREND_HOURS,
            )
        return [trend_from_item(deserialize(item)) for item in answer.get("Items", [])]

    def list_due(self, before: datetime, limit: int, start: Key | None = None) -> Page[Idea]:
        keys, last = _due_keys(self._client, self._table, LADDER_DUE, to_timestamp(before), limit, start)
        found = (self.get(str(key["pk"]).removeprefix("IDEA#")) for key in keys)
        return Page([idea for idea in found if idea is not None], last)

    def list_page(
        self, challenge_id: str, *, status: IdeaStatus, sort: IdeaSort, tag: str | None, limit: int, start: Key | None
    ) -> Page[Idea]:
        """One Query per page on the index of the sort order, newest/highest first."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": _IDEA_INDEX[sort],
            "KeyConditionExpression": "gsi1pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": idea_list_key(challenge_id, status)}),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if tag is not None:
            query["FilterExpression"] = "contains(tags, :tag)"
            query["ExpressionAttributeValues"] = serialize({":pk": idea_list_key(challenge_id, status), ":tag": tag})
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing ideas"):
            answer = self._client.query(**query)
        items = [idea_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))

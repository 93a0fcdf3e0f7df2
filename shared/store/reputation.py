"""Reputation in its own table (one partition per person; see docs/data-model.md).

- points: pk=USER#<userId>, sk=SCOPE#ALL | SCOPE#BRAND#<brandId> | SCOPE#CHALLENGE#<challengeId>,
  ``points`` (a number, ADDed to). The brand and challenge items carry ``lb`` (``BRAND#<id>`` or
  ``CHALLENGE#<id>``): the keys-only 'leaderboard' index (hash lb, range points) lists a scope's
  people most points first. The overall item has no ``lb``: no index partition takes every award.
- badges: pk=USER#<userId>, sk=BADGE#<badge>, written once (conditional Put); the table's stream
  takes them to the outbox (BadgeAwarded).
- public name: pk=USER#<userId>, sk=PROFILE.
- claims: pk=CLAIM#<fact>:<digest of the user>, sk=CLAIM, put in the points transaction (condition: not there), so a
  redelivered event adds nothing; per-event claims expire (TTL ``expiresAt``) after the redelivery
  window, once-per-idea claims are kept.

A profile is one Query of the person's partition up to ``SCOPE#C`` (badges, name, overall and
brand points; challenge points sort after it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.reputation import Award, Badge, EarnedBadge, Reputation, Standing
from shared.services.ports import Key, Page
from shared.store.dynamo import (
    Item,
    batch_get,
    deserialize,
    from_timestamp,
    query_all,
    serialize,
    to_timestamp,
    translate_errors,
)

USER = "USER#"
CLAIM_DAYS = 30  # longer than any redelivery: SQS keeps a message 14 days
_BADGE = "BADGE#"
_SCOPE = "SCOPE#"
_PROFILE = "PROFILE"
MAX_PROFILE_ITEMS = 200  # badges, the name, overall and brand points of one person


def badge_to_item(badge: EarnedBadge) -> Item:
    return {
        "pk": USER + badge.user_id,
        "sk": _BADGE + badge.badge.value,
        "type": "Badge",
        "userId": badge.user_id,
        "badge": badge.badge.value,
        "awardedAt": to_timestamp(badge.awarded_at),
        "eventId": badge.event_id,
        "brandId": badge.brand_id,
        "challengeId": badge.challenge_id,
        "ideaId": badge.idea_id,
    }


def badge_from_item(item: Mapping[str, Any]) -> EarnedBadge:
    return EarnedBadge(
        user_id=str(item["userId"]),
        badge=Badge(item["badge"]),
        awarded_at=from_timestamp(item["awardedAt"]),
        event_id=str(item["eventId"]),
        brand_id=str(item["brandId"]) if item.get("brandId") else None,
        challenge_id=str(item["challengeId"]) if item.get("challengeId") else None,
        idea_id=str(item["ideaId"]) if item.get("ideaId") else None,
    )


def _scope_key(user_id: str, scope: str) -> dict[str, str]:
    return {"pk": USER + user_id, "sk": _SCOPE + scope}


def _cancelled_by_claim(exc: ClientError) -> bool:
    reasons = [reason.get("Code") for reason in exc.response.get("CancellationReasons", [])]
    return bool(reasons) and reasons[0] == "ConditionalCheckFailed"


class DynamoReputation:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _add(self, award: Award, scope: str, at: datetime) -> dict[str, Any]:
        values: dict[str, Any] = {":p": award.points, ":u": award.user_id, ":at": to_timestamp(at)}
        sets = ["userId = :u", "updatedAt = :at"]
        if scope != "ALL":
            values[":lb"] = scope
            sets.append("lb = :lb")
        return {
            "Update": {
                "TableName": self._table,
                "Key": serialize(_scope_key(award.user_id, scope)),
                "UpdateExpression": f"SET {', '.join(sets)} ADD points :p",
                "ExpressionAttributeValues": serialize(values),
            }
        }

    def apply(self, award: Award, at: datetime) -> bool:
        claim: Item = {
            "pk": f"CLAIM#{award.claim}",
            "sk": "CLAIM",
            "type": "Claim",
            "eventId": award.event_id,
            "at": to_timestamp(at),
            "expiresAt": None if award.lasting else int((at + timedelta(days=CLAIM_DAYS)).timestamp()),
        }
        items = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": serialize(claim),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            self._add(award, "ALL", at),
            self._add(award, f"BRAND#{award.brand_id}", at),
            self._add(award, f"CHALLENGE#{award.challenge_id}", at),
        ]
        try:
            with translate_errors("counting reputation points"):
                self._client.transact_write_items(TransactItems=items)
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, ClientError) and _cancelled_by_claim(cause):
                return False
            raise
        return True

    def _points(self, user_id: str, scope: str, *, consistent: bool) -> int:
        with translate_errors("reading reputation points"):
            answer = self._client.get_item(
                TableName=self._table,
                Key=serialize(_scope_key(user_id, scope)),
                ConsistentRead=consistent,
                ProjectionExpression="points",
            )
        return int(deserialize(answer.get("Item") or {}).get("points", 0))

    def total(self, user_id: str) -> int:
        return self._points(user_id, "ALL", consistent=True)

    def brand_points(self, brand_id: str, user_id: str) -> int:
        return self._points(user_id, f"BRAND#{brand_id}", consistent=False)

    def award_badge(self, badge: EarnedBadge) -> bool:
        try:
            with translate_errors("awarding a badge"):
                self._client.put_item(
                    TableName=self._table,
                    Item=serialize(badge_to_item(badge)),
                    ConditionExpression="attribute_not_exists(pk)",
                )
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, ClientError) and cause.response.get("Error", {}).get("Code") == (
                "ConditionalCheckFailedException"
            ):
                return False
            raise
        return True

    def reputation(self, user_id: str) -> Reputation:
        with translate_errors("reading a profile"):
            answer = self._client.query(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND sk < :end",
                ExpressionAttributeValues=serialize({":pk": USER + user_id, ":end": _SCOPE + "C"}),
                Limit=MAX_PROFILE_ITEMS,
            )
        name: str | None = None
        points, brands, badges = 0, {}, []
        for item in (deserialize(raw) for raw in answer.get("Items", [])):
            sk = str(item["sk"])
            if sk.startswith(_BADGE):
                badges.append(badge_from_item(item))
            elif sk == _PROFILE:
                name = str(item["publicName"]) if item.get("publicName") else None
            elif sk == _SCOPE + "ALL":
                points = int(item.get("points", 0))
            elif sk.startswith(_SCOPE + "BRAND#"):
                brands[sk.removeprefix(_SCOPE + "BRAND#")] = int(item.get("points", 0))
        badges.sort(key=lambda badge: badge.awarded_at)
        return Reputation(user_id, name, points, brands, tuple(badges))

    def leaderboard(self, scope: str, *, limit: int, start: Key | None) -> Page[Standing]:
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "leaderboard",
            "KeyConditionExpression": "lb = :lb AND points > :none",
            "ExpressionAttributeValues": serialize({":lb": scope, ":none": 0}),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing a leaderboard"):
            answer = self._client.query(**query)
        rows = [deserialize(raw) for raw in answer.get("Items", [])]
        users = [str(row["pk"]).removeprefix(USER) for row in rows]
        names = self._names(users)
        standings = [Standing(user, int(row["points"]), names.get(user)) for user, row in zip(users, rows, strict=True)]
        return Page(standings, answer.get("LastEvaluatedKey"))

    def _names(self, users: list[str]) -> dict[str, str]:
        """The public names of a page's people: one BatchGetItem (a page has at most 100)."""
        if not users:
            return {}
        keys = [{"pk": USER + user, "sk": _PROFILE} for user in users]
        items = batch_get(self._client, self._table, keys, "reading public names", projection="pk, publicName")
        return {str(item["pk"]).removeprefix(USER): str(item["publicName"]) for item in items if item.get("publicName")}

    def set_public_name(self, user_id: str, name: str | None, at: datetime) -> None:
        key = serialize({"pk": USER + user_id, "sk": _PROFILE})
        with translate_errors("saving a public name"):
            if name is None:
                self._client.delete_item(TableName=self._table, Key=key)
            else:
                item = {"pk": USER + user_id, "sk": _PROFILE, "type": "Profile", "publicName": name}
                self._client.put_item(TableName=self._table, Item=serialize(item | {"updatedAt": to_timestamp(at)}))

    def forget(self, user_id: str) -> int:
        query = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": USER + user_id}),
            "ProjectionExpression": "pk, sk",
        }
        keys = [{"pk": item["pk"], "sk": item["sk"]} for item in query_all(self._client, query, "reading a profile")]
        for start in range(0, len(keys), 25):
            request: dict[str, Any] = {
                self._table: [{"DeleteRequest": {"Key": serialize(key)}} for key in keys[start : start + 25]]
            }
            while request:
                with translate_errors("forgetting reputation"):
                    answer = self._client.batch_write_item(RequestItems=request)
                request = answer.get("UnprocessedItems") or {}
        return len(keys)

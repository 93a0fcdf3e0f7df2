"""Inboxes and preferences in the notifications table.

- notification: pk=INBOX#<userId>, sk=<at>#<eventId> (a redelivered event rewrites the same item);
  while unread, index 'unread': upk=INBOX#<userId>, usk=sk (sparse, keys only); expiresAt (TTL)
- profile:      pk=PREFS#<userId>, sk=#, flags {eventType: {channel: bool}}, email (from a verified
  token claim, see shared.auth)
- digest entry: pk=DIGEST#<userId>, sk=<at>#<eventId>, the notice, until a digest took it;
  expiresAt (TTL, DIGEST_DAYS)
- digest day:   pk=DIGESTS#<yyyy-mm-dd>#<shard>, sk=<userId>: who had entries collected that day
  (one Query per page finds them, no Scan; DIGEST_SHARDS keys per day spread the writes); TTL
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.ids import shard_of
from shared.domain.inbox import INBOX_DAYS, Notice, Notification, NotificationRef
from shared.domain.notification_prefs import (
    NotificationPreferences,
    Profile,
    default_preferences,
    preferences_from_flags,
)
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

BATCH_WRITE = 25
DIGEST_SHARDS = 8
DIGEST_DAYS = 7  # digest entries outlive the day they are gathered on, then expire


def notification_key(user_id: str, ref: NotificationRef) -> dict[str, str]:
    return {"pk": f"INBOX#{user_id}", "sk": f"{to_timestamp(ref.at)}#{ref.event_id}"}


def _ref_of(notice: Notice) -> NotificationRef:
    return NotificationRef(notice.at, notice.event_id)


def _ref(sort_key: str) -> NotificationRef:
    at, _, event_id = sort_key.partition("#")
    return NotificationRef(from_timestamp(at), event_id)


def notice_to_json(notice: Notice) -> dict[str, Any]:
    """A notice's fields as stored in items and carried in fan-out messages."""
    return {
        "eventId": notice.event_id,
        "eventType": notice.event_type,
        "at": to_timestamp(notice.at),
        "message": notice.message,
        "ideaId": notice.idea_id,
        "challengeId": notice.challenge_id,
        "actorId": notice.actor_id,
    }


def notice_from_json(raw: Mapping[str, Any]) -> Notice:
    def optional(name: str) -> str | None:
        return str(raw[name]) if raw.get(name) else None

    return Notice(
        event_id=str(raw["eventId"]),
        event_type=str(raw["eventType"]),
        at=from_timestamp(raw["at"]),
        message=str(raw["message"]),
        idea_id=optional("ideaId"),
        challenge_id=optional("challengeId"),
        actor_id=optional("actorId"),
    )


def notification_to_item(notification: Notification, retention_days: int = INBOX_DAYS) -> Item:
    notice = notification.notice
    key = notification_key(notification.user_id, notification.ref)
    unread = {} if notification.read else {"upk": key["pk"], "usk": key["sk"]}
    expires = int(notice.at.timestamp() + timedelta(days=retention_days).total_seconds())
    return {
        **key,
        "type": "Notification",
        **unread,
        "userId": notification.user_id,
        **notice_to_json(notice),
        "read": notification.read,
        "expiresAt": expires,
    }


def notification_from_item(item: Mapping[str, Any]) -> Notification:
    return Notification(str(item["userId"]), notice_from_json(item), bool(item.get("read", False)))


class DynamoInbox:
    def __init__(self, client: Any, table_name: str, *, retention_days: int = INBOX_DAYS) -> None:
        self._client = client
        self._table = table_name
        self._retention_days = retention_days  # a notification's TTL after its notice

    def deliver(self, notifications: Iterable[Notification]) -> int:
        """Write the notifications not written before (a redelivery must not mark read ones unread
        again: one BatchGetItem per 100 first), 25 per BatchWriteItem, unprocessed ones again."""
        items = [notification_to_item(n, self._retention_days) for n in notifications]
        keys = [{"pk": str(i["pk"]), "sk": str(i["sk"])} for i in items]
        written = {(str(found["pk"]), str(found["sk"])) for found in self._get_many(keys)}
        requests = [{"PutRequest": {"Item": serialize(i)}} for i in items if (i["pk"], i["sk"]) not in written]
        self._write_all(requests, "delivering notifications")
        return len(requests)

    def _write_all(self, requests: list[dict[str, Any]], what: str) -> None:
        """25 per BatchWriteItem; unprocessed ones again with backoff, then an error (the message is retried)."""
        for start in range(0, len(requests), BATCH_WRITE):
            pending: dict[str, Any] = {self._table: requests[start : start + BATCH_WRITE]}
            for attempt in range(8):
                with translate_errors(what):
                    answer = self._client.batch_write_item(RequestItems=pending)
                pending = answer.get("UnprocessedItems") or {}
                if not pending:
                    break
                time.sleep(min(1.0, 0.05 * 2**attempt))
            else:
                raise ConnectionError(f"{what}: items left unprocessed after retries")

    def page(self, user_id: str, *, unread_only: bool, limit: int, start: Key | None) -> Page[Notification]:
        """Newest first: one Query per page (unread ones through the sparse index, then read back)."""
        query: dict[str, Any] = {"TableName": self._table, "ScanIndexForward": False, "Limit": limit}
        if unread_only:
            query |= {"IndexName": "unread", "KeyConditionExpression": "upk = :pk"}
        else:
            query["KeyConditionExpression"] = "pk = :pk"
        query["ExpressionAttributeValues"] = serialize({":pk": f"INBOX#{user_id}"})
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing notifications"):
            answer = self._client.query(**query)
        items = [deserialize(i) for i in answer.get("Items", [])]
        if unread_only and items:  # keys only in the index: read the items themselves (one call)
            items = self._get_many([{"pk": i["pk"], "sk": i["sk"]} for i in items])
        return Page([notification_from_item(i) for i in items], answer.get("LastEvaluatedKey"))

    def _get_many(self, keys: list[dict[str, str]]) -> list[Item]:
        """The items of the keys that exist, in the keys' order."""
        items = batch_get(self._client, self._table, keys, "reading notifications")
        found = {(str(item["pk"]), str(item["sk"])): item for item in items}
        return [found[(k["pk"], k["sk"])] for k in keys if (k["pk"], k["sk"]) in found]

    def unread_count(self, user_id: str) -> int:
        """Counted on the sparse index (keys only): no counter to keep in step."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "unread",
            "KeyConditionExpression": "upk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"INBOX#{user_id}"}),
            "Select": "COUNT",
        }
        total = 0
        while True:
            with translate_errors("counting notifications"):
                answer = self._client.query(**query)
            total += int(answer.get("Count", 0))
            if "LastEvaluatedKey" not in answer:
                return total
            query["ExclusiveStartKey"] = answer["LastEvaluatedKey"]

    def mark_read(self, user_id: str, refs: Iterable[NotificationRef]) -> int:
        """Mark the user's notifications read (unknown ones are skipped); returns how many changed."""
        changed = 0
        for ref in refs:
            try:
                self._client.update_item(
                    TableName=self._table,
                    Key=serialize(notification_key(user_id, ref)),
                    UpdateExpression="SET #read = :yes REMOVE upk, usk",
                    ConditionExpression="attribute_exists(pk) AND #read = :no",
                    ExpressionAttributeNames={"#read": "read"},
                    ExpressionAttributeValues=serialize({":yes": True, ":no": False}),
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    with translate_errors("marking notifications read"):
                        raise
                continue
            changed += 1
        return changed

    def unread(self, user_id: str, limit: int) -> list[NotificationRef]:
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "unread",
            "KeyConditionExpression": "upk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"INBOX#{user_id}"}),
            "Limit": limit,
        }
        with translate_errors("listing unread notifications"):
            answer = self._client.query(**query)
        return [_ref(str(deserialize(i)["sk"])) for i in answer.get("Items", [])]

    def preferences(self, user_id: str) -> NotificationPreferences:
        return self.profile(user_id).preferences

    def profile(self, user_id: str) -> Profile:
        with translate_errors("reading preferences"):
            answer = self._client.get_item(TableName=self._table, Key=serialize({"pk": f"PREFS#{user_id}", "sk": "#"}))
        return _profile(deserialize(answer.get("Item") or {}))

    def save_preferences(self, user_id: str, prefs: NotificationPreferences) -> None:
        """Only the flags: the email address beside them stays."""
        with translate_errors("saving preferences"):
            self._client.update_item(
                TableName=self._table,
                Key=serialize({"pk": f"PREFS#{user_id}", "sk": "#"}),
                UpdateExpression="SET #type = :type, flags = :flags",
                ExpressionAttributeNames={"#type": "type"},
                ExpressionAttributeValues=serialize({":type": "Preferences", ":flags": prefs.flags()}),
            )

    def remember_email(self, user_id: str, email: str) -> bool:
        """Keep the address emails go to; True when it changed (one conditional write, no read)."""
        try:
            self._client.update_item(
                TableName=self._table,
                Key=serialize({"pk": f"PREFS#{user_id}", "sk": "#"}),
                UpdateExpression="SET #type = :type, email = :email",
                ConditionExpression="attribute_not_exists(email) OR email <> :email",
                ExpressionAttributeNames={"#type": "type"},
                ExpressionAttributeValues=serialize({":type": "Preferences", ":email": email}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            with translate_errors("saving the email address"):
                raise
        return True

    def profiles_of(self, user_ids: Iterable[str]) -> dict[str, Profile]:
        """Everyone's preferences and address, 100 per BatchGetItem; defaults for those who set none."""
        users = list(dict.fromkeys(user_ids))
        items = self._get_many([{"pk": f"PREFS#{u}", "sk": "#"} for u in users])
        found = {str(item["pk"]).removeprefix("PREFS#"): _profile(item) for item in items}
        return {user: found.get(user) or Profile(default_preferences()) for user in users}

    # -- the daily digest ------------------------------------------------------------------------

    def collect(self, notice: Notice, user_ids: Iterable[str], collected_at: datetime) -> int:
        """Keep the notice for these users' next digest (rewriting the same items on a redelivery).
        The day index is the day of collection: a notice collected after a digest ran is found by
        the next run."""
        day = collected_at.date().isoformat()
        expires = int(collected_at.timestamp() + timedelta(days=DIGEST_DAYS).total_seconds())
        requests = []
        for user in dict.fromkeys(user_ids):
            entry = {
                **notification_to_item(Notification(user, notice)),
                "pk": f"DIGEST#{user}",
                "type": "DigestEntry",
                "expiresAt": expires,
            }
            entry.pop("upk")
            entry.pop("usk")
            marker = {"pk": _digest_day(day, user), "sk": user, "type": "DigestDay", "expiresAt": expires}
            requests += [{"PutRequest": {"Item": serialize(entry)}}, {"PutRequest": {"Item": serialize(marker)}}]
        self._write_all(requests, "collecting digest entries")
        return len(requests) // 2

    def digest_users(self, day: date, shard: int, *, limit: int, start: Key | None) -> Page[str]:
        """Users with digest entries on ``day`` in one of its DIGEST_SHARDS keys: one Query per page."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"DIGESTS#{day.isoformat()}#{shard}"}),
            "ProjectionExpression": "sk",
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing digest users"):
            answer = self._client.query(**query)
        users = [str(deserialize(item)["sk"]) for item in answer.get("Items", [])]
        return Page(users, answer.get("LastEvaluatedKey"))

    def digest_notices(self, user_id: str, until: datetime, limit: int) -> list[Notice]:
        """The user's digest entries up to ``until``, newest first, at most ``limit`` (pages of one
        Query each)."""
        query = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND sk <= :high",
            "ExpressionAttributeValues": serialize({":pk": f"DIGEST#{user_id}", ":high": f"{to_timestamp(until)}$"}),
            "ScanIndexForward": False,
        }
        items = islice(query_all(self._client, query, "reading digest entries"), limit)
        return [notification_from_item(item).notice for item in items]

    def forget_digest(self, user_id: str, notices: Iterable[Notice]) -> None:
        """Remove digested entries (25 per BatchWriteItem)."""
        keys = [{**notification_key(user_id, _ref_of(notice)), "pk": f"DIGEST#{user_id}"} for notice in notices]
        self._write_all([{"DeleteRequest": {"Key": serialize(key)}} for key in keys], "removing digest entries")

    def read_in_inbox(self, user_id: str, notices: Iterable[Notice]) -> set[str]:
        """Event ids of those notices the user has already read in the app."""
        keys = [notification_key(user_id, _ref_of(notice)) for notice in notices]
        return {str(item["eventId"]) for item in self._get_many(keys) if item.get("read")}


def _digest_day(day: str, user_id: str) -> str:
    return f"DIGESTS#{day}#{shard_of(user_id, DIGEST_SHARDS)}"


def _profile(item: Mapping[str, Any]) -> Profile:
    prefs = preferences_from_flags(item["flags"]) if "flags" in item else default_preferences()
    email = item.get("email")
    return Profile(prefs, str(email) if email else None)

"""The rate-limits table: one ring per (action, challenge, user), see shared/domain/limits.py.

Item: pk=<action>#<challengeId>#<userId>, size (the limit's max the ring was made for), taken (N:
actions so far), slots (M: slot number -> epoch second of the action in it), expiresAt (TTL: when
every slot has left the window).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from shared.domain.errors import ConflictError
from shared.domain.limits import RateLimit, Ring, wait_before
from shared.store.dynamo import deserialize, serialize, translate_errors

ATTEMPTS = 3  # a lost race reads again; after this many the caller is asked to retry in a second


class DynamoRateLimiter:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    def take(self, key: str, limit: RateLimit, now: datetime) -> int:
        """Record one action under ``key`` and return 0, or return the seconds to wait when the
        window is full (nothing recorded). One consistent read and one conditional write; two
        requests of the same user racing each other are told apart by the write's condition."""
        for _ in range(ATTEMPTS):
            ring = self._read(key)
            wait = wait_before(ring, limit, now)
            if wait:
                return wait
            try:
                self._record(key, ring, limit, now)
            except ConflictError:
                continue  # another request of the same user took a slot meanwhile: judge again
            return 0
        return 1

    def _read(self, key: str) -> Ring | None:
        with translate_errors("reading a rate limit"):
            answer = self._client.get_item(TableName=self._table, Key=serialize({"pk": key}), ConsistentRead=True)
        item = deserialize(answer.get("Item") or {})
        if not item:
            return None
        slots = {int(slot): datetime.fromtimestamp(int(at), UTC) for slot, at in (item.get("slots") or {}).items()}
        return Ring(size=int(item["size"]), taken=int(item["taken"]), slots=slots)

    def _record(self, key: str, ring: Ring | None, limit: RateLimit, now: datetime) -> None:
        at = math.floor(now.timestamp())
        expires = at + math.ceil(limit.window.total_seconds()) + 60
        with translate_errors("taking a rate-limit slot"):
            if ring is not None and ring.serves(limit):
                self._client.update_item(
                    TableName=self._table,
                    Key=serialize({"pk": key}),
                    UpdateExpression="SET slots.#slot = :at, taken = taken + :one, expiresAt = :expires",
                    ConditionExpression="taken = :taken",
                    ExpressionAttributeNames={"#slot": str(ring.slot)},
                    ExpressionAttributeValues=serialize(
                        {":at": at, ":one": 1, ":expires": expires, ":taken": ring.taken}
                    ),
                )
                return
            # A first action, or a ring made for another max: start again with this action alone.
            condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
            if ring is not None:
                condition = {
                    "ConditionExpression": "taken = :taken AND #size = :size",
                    "ExpressionAttributeNames": {"#size": "size"},
                    "ExpressionAttributeValues": serialize({":taken": ring.taken, ":size": ring.size}),
                }
            self._client.put_item(
                TableName=self._table,
                Item=serialize({"pk": key, "size": limit.max, "taken": 1, "slots": {"0": at}, "expiresAt": expires}),
                **condition,
            )

"""Follows in the notifications table.

- follow: pk=FOLLOW#<userId>, sk=<ideaId> (a user's follows are one partition: their export and
  erasure read it with one Query per page); while following, index 'followers':
  fpk=<ideaId>#<shard of the user>, fsk=<userId>; after an unfollow, fpk=<ideaId>#out, fsk=<userId>
  (the item stays to remember the choice, and the idea's voters who made it are left out of its
  fan-out: a vote is a follow without an item, decision 68).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.follows import FOLLOW_SHARDS, Follow, FollowReason, follow_shard
from shared.store.dynamo import (
    Item,
    deserialize,
    failed_condition,
    from_timestamp,
    query_all,
    serialize,
    to_timestamp,
    translate_errors,
)


def follow_key(idea_id: str, user_id: str) -> dict[str, str]:
    return {"pk": f"FOLLOW#{user_id}", "sk": idea_id}


UNFOLLOWED = "out"  # the followers index's partition of an idea's unfollows (shards are numbers)


def follow_to_item(follow: Follow) -> Item:
    partition = follow_shard(follow.user_id) if follow.following else UNFOLLOWED
    index = {"fpk": f"{follow.idea_id}#{partition}", "fsk": follow.user_id}
    return {
        **follow_key(follow.idea_id, follow.user_id),
        "type": "Follow",
        **index,
        "ideaId": follow.idea_id,
        "userId": follow.user_id,
        "following": follow.following,
        "reason": follow.reason.value,
        "since": to_timestamp(follow.since),
        "mergedFrom": follow.merged_from,
    }


def follow_from_item(item: Mapping[str, Any]) -> Follow:
    return Follow(
        idea_id=str(item["ideaId"]),
        user_id=str(item["userId"]),
        following=bool(item["following"]),
        reason=FollowReason(item["reason"]),
        since=from_timestamp(item["since"]),
        merged_from=str(item["mergedFrom"]) if item.get("mergedFrom") else None,
    )


class DynamoFollowRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def get(self, idea_id: str, user_id: str) -> Follow | None:
        with translate_errors("reading a follow"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(follow_key(idea_id, user_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return follow_from_item(deserialize(item)) if item else None

    def put(self, follow: Follow) -> None:
        """An explicit choice: it replaces whatever was there."""
        with translate_errors("saving a follow"):
            self._client.put_item(TableName=self._table, Item=serialize(follow_to_item(follow)))

    def add_if_new(self, follow: Follow) -> bool:
        """An automatic follow: only where the user made no choice yet (an unfollow is kept)."""
        try:
            self._client.put_item(
                TableName=self._table,
                Item=serialize(follow_to_item(follow)),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("following an idea"):
                    raise
            return False
        return True

    def remove_merged(self, idea_id: str, user_id: str, merged_from: str) -> bool:
        """Take back a follow a merge created (not one the user made since)."""
        try:
            self._client.delete_item(
                TableName=self._table,
                Key=serialize(follow_key(idea_id, user_id)),
                ConditionExpression="mergedFrom = :source AND reason = :merge",
                ExpressionAttributeValues=serialize({":source": merged_from, ":merge": FollowReason.MERGE.value}),
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("unfollowing a merged idea"):
                    raise
            return False
        return True

    def _partition(self, idea_id: str, partition: object) -> Iterator[str]:
        query = {
            "TableName": self._table,
            "IndexName": "followers",
            "KeyConditionExpression": "fpk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"{idea_id}#{partition}"}),
        }
        yield from (str(item["fsk"]) for item in query_all(self._client, query, "listing followers"))

    def followers(self, idea_id: str) -> Iterator[str]:
        """The ids of the idea's stored followers: one Query per page on each shard of the index."""
        for shard in range(FOLLOW_SHARDS):
            yield from self._partition(idea_id, shard)

    def unfollowed(self, idea_id: str) -> Iterator[str]:
        """The ids of those who unfollowed the idea: one Query per page."""
        return self._partition(idea_id, UNFOLLOWED)

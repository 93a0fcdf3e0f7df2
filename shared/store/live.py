"""The connections table, the API Gateway Management API and the live queue (decision 61).

Connections table (see docs/data-model.md): every item expires (`expiresAt`, TTL) with its
connection, two hours after it opened, API Gateway's own limit.
- connection:    pk=CONN#<connectionId>, sk=#: who opened it, `subscriptions` (N)
- subscription:  pk=CONN#<connectionId>, sk=SUB#<channel>; index byChannel: channel / connectionId
                 (who opened the connection is copied in, so a fan-out reads no connection item)
- throttle:      pk=THROTTLE#<channel>, sk=#: `lastPushAt` (epoch ms), the `held` vote message and
                 `heldAt`, `scheduled` while a delayed push is queued
- presence:      pk=PRESENT#<userId>, sk=#: the user listens to their inbox on some connection
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError
from shared.domain.live import MAX_SUBSCRIPTIONS, VOTES_INTERVAL, Channel, ChannelKind, Connection
from shared.domain.principal import Principal
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

_SK = "#"


def _ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _who(connection: Connection) -> Item:
    principal = connection.principal
    return {
        "connectionId": connection.connection_id,
        "userId": principal.user_id,
        "operator": principal.operator or None,
        "adminOf": set(principal.admin_of) or None,
        "moderatorOf": set(principal.moderator_of) or None,
        "connectedAt": to_timestamp(connection.connected_at),
        "expiresAt": int(connection.expires_at.timestamp()),
    }


def connection_from_item(item: Mapping[str, Any]) -> Connection:
    principal = Principal(
        user_id=str(item["userId"]) if item.get("userId") else None,
        operator=bool(item.get("operator", False)),
        admin_of=frozenset(str(b) for b in item.get("adminOf", ())),
        moderator_of=frozenset(str(b) for b in item.get("moderatorOf", ())),
    )
    return Connection(
        connection_id=str(item["connectionId"]),
        principal=principal,
        connected_at=from_timestamp(item["connectedAt"]),
        subscriptions=int(item.get("subscriptions", 0)),
    )


def _failed(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in {
        "ConditionalCheckFailedException",
        "TransactionCanceledException",
    }


class DynamoConnections:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _key(self, connection_id: str, sk: str = _SK) -> dict[str, Any]:
        return serialize({"pk": f"CONN#{connection_id}", "sk": sk})

    def open(self, connection: Connection) -> None:
        item = {"pk": f"CONN#{connection.connection_id}", "sk": _SK, "type": "Connection", **_who(connection)}
        with translate_errors("opening a connection"):
            self._client.put_item(TableName=self._table, Item=serialize({**item, "subscriptions": 0}))

    def get(self, connection_id: str) -> Connection | None:
        with translate_errors("reading a connection"):
            answer = self._client.get_item(TableName=self._table, Key=self._key(connection_id), ConsistentRead=True)
        item = answer.get("Item")
        return connection_from_item(deserialize(item)) if item else None

    def close(self, connection_id: str) -> None:
        query = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"CONN#{connection_id}"}),
            "ConsistentRead": True,
        }
        keys = [{"pk": i["pk"], "sk": i["sk"]} for i in query_all(self._client, query, "reading a connection")]
        for start in range(0, len(keys), 25):
            chunk = [{"DeleteRequest": {"Key": serialize(key)}} for key in keys[start : start + 25]]
            with translate_errors("closing a connection"):
                self._client.batch_write_item(RequestItems={self._table: chunk})

    def subscribe(self, connection: Connection, channel: Channel) -> None:
        """The subscription and the connection's count move together: at most MAX_SUBSCRIPTIONS."""
        subscription = {
            "pk": f"CONN#{connection.connection_id}",
            "sk": f"SUB#{channel.key}",
            "type": "Subscription",
            "channel": channel.key,
            **_who(connection),
        }
        items: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": serialize(subscription),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            {
                "Update": {
                    "TableName": self._table,
                    "Key": self._key(connection.connection_id),
                    "UpdateExpression": "ADD subscriptions :one",
                    "ConditionExpression": "attribute_exists(pk) AND subscriptions < :max",
                    "ExpressionAttributeValues": serialize({":one": 1, ":max": MAX_SUBSCRIPTIONS}),
                }
            },
        ]
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            if not _failed(exc):
                with translate_errors("subscribing"):
                    raise
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                return  # subscribed already: nothing to do
            raise ConflictError(f"At most {MAX_SUBSCRIPTIONS} channels per connection.") from exc
        if channel.kind is ChannelKind.USER:
            presence = {
                "pk": f"PRESENT#{channel.target}",
                "sk": _SK,
                "expiresAt": int(connection.expires_at.timestamp()),
            }
            with translate_errors("marking a listener"):
                self._client.put_item(TableName=self._table, Item=serialize(presence))

    def unsubscribe(self, connection_id: str, channel: Channel) -> None:
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Delete": {
                            "TableName": self._table,
                            "Key": self._key(connection_id, f"SUB#{channel.key}"),
                            "ConditionExpression": "attribute_exists(pk)",
                        }
                    },
                    {
                        "Update": {
                            "TableName": self._table,
                            "Key": self._key(connection_id),
                            "UpdateExpression": "ADD subscriptions :less",
                            "ConditionExpression": "attribute_exists(pk)",
                            "ExpressionAttributeValues": serialize({":less": -1}),
                        }
                    },
                ]
            )
        except ClientError as exc:
            if not _failed(exc):
                with translate_errors("unsubscribing"):
                    raise  # not subscribed (or the connection is gone): nothing to do

    def listeners(self, channel: Channel) -> Iterator[Connection]:
        query = {
            "TableName": self._table,
            "IndexName": "byChannel",
            "KeyConditionExpression": "channel = :c",
            "ExpressionAttributeValues": serialize({":c": channel.key}),
        }
        for item in query_all(self._client, query, "reading a channel's listeners"):
            yield connection_from_item(item)

    def present(self, user_ids: Iterable[str]) -> set[str]:
        """Which of the users listen to their inbox somewhere (BatchGetItem, 100 a call)."""
        keys = [{"pk": f"PRESENT#{user}", "sk": _SK} for user in sorted(set(user_ids))]
        items = batch_get(self._client, self._table, keys, "reading who listens")
        return {str(item["pk"]).removeprefix("PRESENT#") for item in items}


class DynamoThrottle:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _update(self, channel: Channel, expression: str, condition: str, values: Mapping[str, Any]) -> Item | None:
        """The item before the update, or None when the condition failed."""
        request: dict[str, Any] = {
            "TableName": self._table,
            "Key": serialize({"pk": f"THROTTLE#{channel.key}", "sk": _SK}),
            "UpdateExpression": expression,
            "ConditionExpression": condition,
            "ReturnValues": "ALL_OLD",
        }
        if values:
            request["ExpressionAttributeValues"] = serialize(values)
        try:
            answer = self._client.update_item(**request)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                with translate_errors("throttling a channel"):
                    raise
            return None
        return deserialize(answer.get("Attributes") or {})

    def hold(self, channel: Channel, message: str, at: datetime) -> None:
        self._update(
            channel,
            "SET held = :m, heldAt = :at",
            "attribute_not_exists(heldAt) OR heldAt <= :at",
            {":m": message, ":at": _ms(at)},
        )

    def claim(self, channel: Channel, now: datetime) -> str | None:
        interval = int(VOTES_INTERVAL.total_seconds() * 1000)
        before = self._update(
            channel,
            "SET lastPushAt = :now REMOVE held, heldAt",
            "attribute_exists(held) AND (attribute_not_exists(lastPushAt) OR lastPushAt <= :due)",
            {":now": _ms(now), ":due": _ms(now) - interval},
        )
        return str(before["held"]) if before else None

    def schedule(self, channel: Channel) -> bool:
        """Only when a message is held and no delayed push is queued yet."""
        return (
            self._update(
                channel,
                "SET scheduled = :yes",
                "attribute_exists(held) AND attribute_not_exists(scheduled)",
                {":yes": True},
            )
            is not None
        )

    def unschedule(self, channel: Channel) -> None:
        self._update(channel, "REMOVE scheduled", "attribute_exists(pk)", {})


class ApiGatewayPusher:
    """PostToConnection through the API Gateway Management API; a connection gone is a 410. The
    client is made on the first push, not at a cold start (the notifications function pushes only
    when someone listens)."""

    def __init__(self, make_client: Callable[[], Any]) -> None:
        self._make_client = make_client

    @cached_property
    def client(self) -> Any:
        return self._make_client()

    def post(self, connection_id: str, data: str) -> bool:
        try:
            self.client.post_to_connection(ConnectionId=connection_id, Data=data.encode("utf-8"))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"GoneException", "410"}:
                return False
            raise
        return True


class SqsLaterQueue:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._client = client
        self._url = queue_url

    def push_later(self, channel: Channel, seconds: int) -> None:
        body = json.dumps({"flush": channel.key})
        self._client.send_message(QueueUrl=self._url, MessageBody=body, DelaySeconds=seconds)

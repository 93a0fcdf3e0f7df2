"""Brand webhooks and their delivery attempts in the notifications table.

- webhook: pk=BRAND#<brandId>, sk=WEBHOOK#<webhookId>: url, events, filter, secret (encrypted at rest)
- attempt: pk=WEBHOOK#<webhookId>, sk=ATTEMPT#<at>#<deliveryId>#<n>, with the event (for a replay); TTL 30 days
- delivery: pk=WEBHOOK#<webhookId>, sk=DELIVERY#<deliveryId>, state routed (queued once) or delivered
  (the receiver said 2xx): a redelivered event neither queues nor delivers it again; tried (the newest
  try taken) and leaseUntil: a try's message received twice posts once; TTL 30 days
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.hooks import Attempt, Webhook
from shared.domain.webhooks import DELIVERY_DAYS
from shared.services.ports import Key, Page
from shared.store.dynamo import (
    Item,
    deserialize,
    failed_condition,
    from_timestamp,
    serialize,
    to_timestamp,
    translate_errors,
)


def webhook_to_item(hook: Webhook) -> Item:
    return {
        "pk": f"BRAND#{hook.brand_id}",
        "sk": f"WEBHOOK#{hook.webhook_id}",
        "type": "Webhook",
        "webhookId": hook.webhook_id,
        "brandId": hook.brand_id,
        "url": hook.url,
        "events": list(hook.events),
        "filter": list(hook.filter),
        "secret": hook.secret,
        "createdBy": hook.created_by,
        "createdAt": to_timestamp(hook.created_at),
    }


def webhook_from_item(item: Mapping[str, Any]) -> Webhook:
    return Webhook(
        webhook_id=str(item["webhookId"]),
        brand_id=str(item["brandId"]),
        url=str(item["url"]),
        events=tuple(str(e) for e in item.get("events", [])),
        filter=tuple(str(c) for c in item.get("filter", [])),
        secret=str(item["secret"]),
        created_by=str(item["createdBy"]),
        created_at=from_timestamp(item["createdAt"]),
    )


def _delivery_key(webhook_id: str, delivery_id: str) -> dict[str, Any]:
    return serialize({"pk": f"WEBHOOK#{webhook_id}", "sk": f"DELIVERY#{delivery_id}"})


class DynamoWebhooks:
    def __init__(self, client: Any, table_name: str, *, retention_days: int = DELIVERY_DAYS) -> None:
        self._client = client
        self._table = table_name
        self._retention_days = retention_days  # a delivery's attempts and routed mark, then TTL

    def add(self, hook: Webhook) -> None:
        with translate_errors("registering a webhook"):
            self._client.put_item(
                TableName=self._table,
                Item=serialize(webhook_to_item(hook)),
                ConditionExpression="attribute_not_exists(pk)",
            )

    def of_brand(self, brand_id: str) -> list[Webhook]:
        """All of a brand's webhooks (at most MAX_WEBHOOKS_PER_BRAND: one page)."""
        with translate_errors("listing webhooks"):
            answer = self._client.query(
                TableName=self._table,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :w)",
                ExpressionAttributeValues=serialize({":pk": f"BRAND#{brand_id}", ":w": "WEBHOOK#"}),
            )
        return [webhook_from_item(deserialize(i)) for i in answer.get("Items", [])]

    def get(self, brand_id: str, webhook_id: str) -> Webhook | None:
        with translate_errors("reading a webhook"):
            answer = self._client.get_item(
                TableName=self._table,
                Key=serialize({"pk": f"BRAND#{brand_id}", "sk": f"WEBHOOK#{webhook_id}"}),
                ConsistentRead=True,
            )
        return webhook_from_item(deserialize(answer["Item"])) if "Item" in answer else None

    def delete(self, brand_id: str, webhook_id: str) -> None:
        with translate_errors("deleting a webhook"):
            self._client.delete_item(
                TableName=self._table, Key=serialize({"pk": f"BRAND#{brand_id}", "sk": f"WEBHOOK#{webhook_id}"})
            )

    def record(self, attempt: Attempt, event: Mapping[str, Any]) -> None:
        item = {
            "pk": f"WEBHOOK#{attempt.webhook_id}",
            "sk": f"ATTEMPT#{to_timestamp(attempt.at)}#{attempt.delivery_id}#{attempt.attempt}",
            "type": "WebhookAttempt",
            "webhookId": attempt.webhook_id,
            "deliveryId": attempt.delivery_id,
            "attempt": attempt.attempt,
            "at": to_timestamp(attempt.at),
            "status": attempt.status,
            "error": attempt.error,
            "eventType": attempt.event_type,
            "event": json.dumps(event),
            "expiresAt": int((attempt.at + timedelta(days=self._retention_days)).timestamp()),
        }
        with translate_errors("logging a delivery attempt"):
            self._client.put_item(TableName=self._table, Item=serialize(item))
        if attempt.status is not None and 200 <= attempt.status < 300:
            delivered = {
                "pk": item["pk"],
                "sk": f"DELIVERY#{attempt.delivery_id}",
                "type": "WebhookDelivery",
                "state": "delivered",
                "expiresAt": item["expiresAt"],
            }
            with translate_errors("logging a delivery"):
                self._client.put_item(TableName=self._table, Item=serialize(delivered))

    def claim_try(self, webhook_id: str, delivery_id: str, attempt: int, now: datetime, lease_seconds: int) -> bool:
        """Take try ``attempt`` of the delivery before posting it. Refused when it was delivered, when a
        later try was taken, or when this try was taken and its lease has not run out: the same
        message received twice (or an older try's copy) posts nothing. A try whose taker died (no
        post, no next try) is taken again once its lease is over, by the message's redelivery."""
        try:
            self._client.update_item(
                TableName=self._table,
                Key=_delivery_key(webhook_id, delivery_id),
                UpdateExpression="SET #type = :type, tried = :n, leaseUntil = :until, "
                "expiresAt = if_not_exists(expiresAt, :expires)",
                ConditionExpression="(attribute_not_exists(#state) OR #state <> :delivered) AND "
                "(attribute_not_exists(tried) OR tried < :n OR (tried = :n AND leaseUntil < :now))",
                ExpressionAttributeNames={"#type": "type", "#state": "state"},
                ExpressionAttributeValues=serialize(
                    {
                        ":type": "WebhookDelivery",
                        ":delivered": "delivered",
                        ":n": attempt,
                        ":now": int(now.timestamp()),
                        ":until": int(now.timestamp()) + lease_seconds,
                        ":expires": int(now.timestamp()) + self._retention_days * 86_400,
                    }
                ),
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("taking a delivery try"):
                    raise
            return False
        return True

    def release_try(self, webhook_id: str, delivery_id: str, attempt: int) -> None:
        """End try ``attempt``'s lease (it was dead-lettered): a redrive of its message takes it again."""
        try:
            self._client.update_item(
                TableName=self._table,
                Key=_delivery_key(webhook_id, delivery_id),
                UpdateExpression="SET leaseUntil = :zero",
                ConditionExpression="tried = :n",
                ExpressionAttributeValues=serialize({":zero": 0, ":n": attempt}),
            )
        except ClientError as exc:
            if not failed_condition(exc):
                with translate_errors("releasing a delivery try"):
                    raise

    def delivery_state(self, webhook_id: str, delivery_id: str) -> str | None:
        """``routed``, ``delivered``, or None for a delivery never queued."""
        with translate_errors("reading a delivery"):
            answer = self._client.get_item(
                TableName=self._table,
                Key=_delivery_key(webhook_id, delivery_id),
                ProjectionExpression="#state",
                ExpressionAttributeNames={"#state": "state"},
                ConsistentRead=True,
            )
        if "Item" not in answer:
            return None
        return str(answer["Item"]["state"]["S"]) if "state" in answer["Item"] else "routed"  # a try taken: queued

    def mark_routed(self, webhook_id: str, delivery_id: str) -> None:
        """``routed`` unless a try already delivered it (a fast consumer may beat this write)."""
        with translate_errors("logging a delivery"):
            self._client.update_item(
                TableName=self._table,
                Key=_delivery_key(webhook_id, delivery_id),
                UpdateExpression="SET #type = :type, #state = if_not_exists(#state, :routed), expiresAt = :expires",
                ExpressionAttributeNames={"#type": "type", "#state": "state"},
                ExpressionAttributeValues=serialize(
                    {
                        ":type": "WebhookDelivery",
                        ":routed": "routed",
                        ":expires": int(time.time()) + self._retention_days * 86_400,
                    }
                ),
            )

    def attempts(self, webhook_id: str, *, limit: int, start: Key | None) -> Page[tuple[Attempt, dict[str, Any]]]:
        """Newest first: one Query per page."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :a)",
            "ExpressionAttributeValues": serialize({":pk": f"WEBHOOK#{webhook_id}", ":a": "ATTEMPT#"}),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing delivery attempts"):
            answer = self._client.query(**query)
        found = []
        for raw in answer.get("Items", []):
            item = deserialize(raw)
            attempt = Attempt(
                webhook_id=str(item["webhookId"]),
                delivery_id=str(item["deliveryId"]),
                attempt=int(item["attempt"]),
                at=from_timestamp(item["at"]),
                status=int(item["status"]) if item.get("status") is not None else None,
                error=str(item["error"]) if item.get("error") else None,
                event_type=str(item["eventType"]),
            )
            found.append((attempt, json.loads(str(item["event"]))))
        return Page(found, answer.get("LastEvaluatedKey"))

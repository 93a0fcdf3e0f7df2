"""DynamoDB stream records (as Lambda receives them) -> ItemChange for the outbox."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal, cast

from shared.services.outbox import Entity, ItemChange
from shared.store.dynamo import Item, deserialize
from shared.store.moderation import audit_from_item
from shared.store.records import entity_from_item
from shared.store.votes import vote_from_item


def _entity(item: Item) -> Entity | None:
    if item.get("type") == "Vote":
        return vote_from_item(item)
    if item.get("type") == "AuditEntry":
        return audit_from_item(item)
    return entity_from_item(item)


def change_from_stream_record(record: Mapping[str, Any]) -> ItemChange:
    stream = record["dynamodb"]
    old, new = stream.get("OldImage"), stream.get("NewImage")
    created = stream.get("ApproximateCreationDateTime")
    occurred_at = datetime.fromtimestamp(float(created), UTC) if created is not None else datetime.now(UTC)
    return ItemChange(
        change_id=str(record["eventID"]),
        kind=cast(Literal["INSERT", "MODIFY", "REMOVE"], record["eventName"]),
        occurred_at=occurred_at,
        old=_entity(deserialize(old)) if old else None,
        new=_entity(deserialize(new)) if new else None,
    )

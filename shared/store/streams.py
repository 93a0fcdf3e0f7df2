"""DynamoDB stream records (as Lambda receives them) -> ItemChange for the outbox."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal, cast

from shared.services.outbox import Entity, ItemChange
from shared.store.dynamo import Item, deserialize
from shared.store.moderation import audit_from_item
from shared.store.privacy_records import erasure_from_item, export_from_item
from shared.store.records import entity_from_item
from shared.store.reputation import badge_from_item
from shared.store.votes import erasure_move, vote_from_item


def _entity(item: Item) -> Entity | None:
    if item.get("type") == "Vote":
        return vote_from_item(item)
    if item.get("type") == "Erasure":
        return erasure_from_item(item)
    if item.get("type") == "Export":
        return export_from_item(item)
    if item.get("type") == "AuditEntry":
        return audit_from_item(item)
    if item.get("type") == "Badge":
        return badge_from_item(item)
    return entity_from_item(item)


def change_from_stream_record(record: Mapping[str, Any]) -> ItemChange:
    stream = record["dynamodb"]
    old = deserialize(stream["OldImage"]) if stream.get("OldImage") else None
    new = deserialize(stream["NewImage"]) if stream.get("NewImage") else None
    created = stream.get("ApproximateCreationDateTime")
    occurred_at = datetime.fromtimestamp(float(created), UTC) if created is not None else datetime.now(UTC)
    if (old or new or {}).get("type") == "Vote" and erasure_move(old, new):
        old = new = None  # an erasure moving a vote to a pseudonym: no event (decision 60)
    return ItemChange(
        change_id=str(record["eventID"]),
        kind=cast(Literal["INSERT", "MODIFY", "REMOVE"], record["eventName"]),
        occurred_at=occurred_at,
        old=_entity(old) if old else None,
        new=_entity(new) if new else None,
    )

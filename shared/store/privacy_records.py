"""The privacy records in the content table: a user's erasure and latest export.

- erasure: pk=USER#<userId>, sk=ERASURE: state, step, the pseudonym and address while it runs;
           expiresAt (TTL) once done
- export:  pk=USER#<userId>, sk=EXPORT: state, the archive's id and size; expiresAt (TTL) with the archive
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.domain.privacy import Erasure, ErasureState, Export, ExportState
from shared.store.dynamo import Item, from_timestamp, to_timestamp

ERASURE, EXPORT = "ERASURE", "EXPORT"


def job_key(user_id: str, kind: str) -> dict[str, str]:
    return {"pk": f"USER#{user_id}", "sk": kind}


def erasure_to_item(erasure: Erasure) -> Item:
    return {
        **job_key(erasure.user_id, ERASURE),
        "type": "Erasure",
        "userId": erasure.user_id,
        "state": erasure.state.value,
        "requestedAt": to_timestamp(erasure.requested_at),
        "pseudonym": erasure.pseudonym,
        "email": erasure.email,
        "step": erasure.step,
        "finishedAt": to_timestamp(erasure.finished_at) if erasure.finished_at else None,
        "expiresAt": int(erasure.expires_at.timestamp()) if erasure.expires_at else None,
        "version": erasure.version,
    }


def erasure_from_item(item: Mapping[str, Any]) -> Erasure:
    return Erasure(
        user_id=str(item["userId"]),
        state=ErasureState(item["state"]),
        requested_at=from_timestamp(item["requestedAt"]),
        pseudonym=str(item["pseudonym"]) if item.get("pseudonym") else None,
        email=str(item["email"]) if item.get("email") else None,
        step=int(item.get("step", 0)),
        finished_at=from_timestamp(item["finishedAt"]) if item.get("finishedAt") else None,
        version=int(item.get("version", 1)),
    )


def export_to_item(export: Export) -> Item:
    return {
        **job_key(export.user_id, EXPORT),
        "type": "Export",
        "userId": export.user_id,
        "exportId": export.export_id,
        "state": export.state.value,
        "requestedAt": to_timestamp(export.requested_at),
        "readyAt": to_timestamp(export.ready_at) if export.ready_at else None,
        "retentionDays": export.retention_days,
        "size": export.size,
        "expiresAt": int(export.expires_at.timestamp()),
        "version": export.version,
    }


def export_from_item(item: Mapping[str, Any]) -> Export:
    return Export(
        user_id=str(item["userId"]),
        export_id=str(item["exportId"]),
        state=ExportState(item["state"]),
        requested_at=from_timestamp(item["requestedAt"]),
        retention_days=int(item["retentionDays"]),
        ready_at=from_timestamp(item["readyAt"]) if item.get("readyAt") else None,
        size=int(item["size"]) if item.get("size") is not None else None,
        version=int(item.get("version", 1)),
    )

"""The moderation table (cases, reports, author records) and the audit table.

Moderation table (see docs/data-model.md):
- case:      pk=CASE#<targetType>#<targetId>, sk=#; while queued, index 'queue':
             qpk=QUEUE#<brandId>, qsk=<queuedAt>#<targetType>#<targetId> (oldest first)
- report:    pk=REPORT#<userId>, sk=<targetType>#<targetId> (one per user and item; a user's reports are
             one partition, for their export and erasure)
- author:    pk=AUTHOR#<userId>, sk=<brandId>: approved items, recent fingerprints and times
Audit table (append-only: writes are conditional puts of new keys; no function may update or delete):
- entry:     pk=AUDIT#<brandId>, sk=<at>#<entryId>; index 'byTarget': tpk=<targetType>#<targetId>, tsk=sk
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError
from shared.domain.moderation import (
    REPORT_POINTS,
    SYSTEM_PREFIX,
    Action,
    Appeal,
    AuditEntry,
    Case,
    CaseState,
    TargetType,
)
from shared.domain.screening import Decision
from shared.services.ports import Key, Page
from shared.services.ports.moderation import AuditEntryExistsError, AuthorRecord, Commit, ReportExistsError
from shared.store.comments import comment_update
from shared.store.content import idea_update
from shared.store.dynamo import (
    Item,
    deserialize,
    from_timestamp,
    query_all,
    serialize,
    to_timestamp,
    translate_errors,
    user_index,
)

_SK = "#"
RECENT_KEPT = 10  # an author's recent texts kept for the spam screeners


def author_key(brand_id: str, user_id: str) -> dict[str, str]:
    return {"pk": f"AUTHOR#{user_id}", "sk": brand_id}


def report_key(user_id: str, target_type: TargetType, target_id: str) -> dict[str, str]:
    return {"pk": f"REPORT#{user_id}", "sk": f"{target_type.value}#{target_id}"}


def case_key(target_type: TargetType, target_id: str) -> dict[str, str]:
    return {"pk": f"CASE#{target_type.value}#{target_id}", "sk": _SK}


def case_to_item(case: Case) -> Item:
    queue = (
        {
            "qpk": f"QUEUE#{case.brand_id}",
            "qsk": f"{to_timestamp(case.queued_at or case.updated_at)}#{case.target_type.value}#{case.target_id}",
        }
        if case.state is CaseState.QUEUED
        else {}
    )
    return {
        **case_key(case.target_type, case.target_id),
        "type": "Case",
        **queue,
        "targetType": case.target_type.value,
        "targetId": case.target_id,
        "ideaId": case.idea_id,
        "brandId": case.brand_id,
        "challengeId": case.challenge_id,
        "authorId": case.author_id,
        "excerpt": case.excerpt,
        "state": case.state.value,
        "updatedAt": to_timestamp(case.updated_at),
        "queuedAt": to_timestamp(case.queued_at) if case.queued_at else None,
        "verdict": case.verdict.value if case.verdict else None,
        "reasons": list(case.reasons),
        "scores": {name: Decimal(str(score)) for name, score in case.scores.items()} or None,
        "reports": case.reports,
        "reportPoints": case.report_points,
        "reportReasons": dict(case.report_reasons) or None,
        "hidden": case.hidden,
        "lastAction": case.last_action.value if case.last_action else None,
        "decidedBy": case.decided_by,
        "appeal": {"message": case.appeal.message, "at": to_timestamp(case.appeal.at)} if case.appeal else None,
        "appealed": case.appealed,
        "version": case.version,
    }


def case_from_item(item: Mapping[str, Any]) -> Case:
    appeal = item.get("appeal")
    return Case(
        target_type=TargetType(item["targetType"]),
        target_id=str(item["targetId"]),
        idea_id=str(item["ideaId"]),
        brand_id=str(item["brandId"]),
        challenge_id=str(item["challengeId"]),
        author_id=str(item["authorId"]),
        excerpt=str(item.get("excerpt", "")),
        state=CaseState(item["state"]),
        updated_at=from_timestamp(item["updatedAt"]),
        queued_at=from_timestamp(item["queuedAt"]) if item.get("queuedAt") else None,
        verdict=Decision(item["verdict"]) if item.get("verdict") else None,
        reasons=tuple(str(reason) for reason in item.get("reasons", [])),
        scores={str(name): float(score) for name, score in (item.get("scores") or {}).items()},
        reports=int(item.get("reports", 0)),
        # Cases stored before reports were weighted: each of their reports counted in full.
        report_points=int(item.get("reportPoints", int(item.get("reports", 0)) * REPORT_POINTS)),
        report_reasons={str(k): int(v) for k, v in (item.get("reportReasons") or {}).items()},
        hidden=bool(item.get("hidden", False)),
        last_action=Action(item["lastAction"]) if item.get("lastAction") else None,
        decided_by=str(item["decidedBy"]) if item.get("decidedBy") else None,
        appeal=Appeal(str(appeal["message"]), from_timestamp(appeal["at"])) if appeal else None,
        appealed=bool(item.get("appealed", False)),
        version=int(item.get("version", 0)),
    )


def audit_to_item(entry: AuditEntry) -> Item:
    sk = f"{to_timestamp(entry.at)}#{entry.entry_id}"
    return {
        "pk": f"AUDIT#{entry.brand_id}",
        "sk": sk,
        "tpk": f"{entry.target_type.value}#{entry.target_id}",
        "tsk": sk,
        **({} if entry.actor.startswith(SYSTEM_PREFIX) else user_index(entry.actor, sk)),
        "type": "AuditEntry",
        "entryId": entry.entry_id,
        "brandId": entry.brand_id,
        "at": to_timestamp(entry.at),
        "actor": entry.actor,
        "step": entry.step,
        "targetType": entry.target_type.value,
        "targetId": entry.target_id,
        "challengeId": entry.challenge_id,
        "authorId": entry.author_id,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
        "details": dict(entry.details) or None,
    }


def audit_from_item(item: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        entry_id=str(item["entryId"]),
        brand_id=str(item["brandId"]),
        at=from_timestamp(item["at"]),
        actor=str(item["actor"]),
        step=str(item["step"]),
        target_type=TargetType(item["targetType"]),
        target_id=str(item["targetId"]),
        challenge_id=str(item["challengeId"]),
        author_id=str(item["authorId"]),
        before=str(item["before"]),
        after=str(item["after"]),
        reason=str(item["reason"]) if item.get("reason") else None,
        details={str(k): str(v) for k, v in (item.get("details") or {}).items()},
    )


_FAILED = "ConditionalCheckFailed"


class DynamoModerationStore:
    def __init__(self, client: Any, moderation_table: str, audit_table: str, content_table: str) -> None:
        self._client = client
        self._table = moderation_table
        self._audit = audit_table
        self._content = content_table

    def get_case(self, target_type: TargetType, target_id: str) -> Case | None:
        with translate_errors("reading a moderation case"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(case_key(target_type, target_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return case_from_item(deserialize(item)) if item else None

    def author(self, brand_id: str, user_id: str) -> AuthorRecord:
        with translate_errors("reading an author's record"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(author_key(brand_id, user_id)))
        item = deserialize(answer.get("Item") or {})
        recent = tuple((str(r["fp"]), from_timestamp(r["at"]), str(r.get("t", ""))) for r in item.get("recent", []))
        first = from_timestamp(item["since"]) if item.get("since") else None
        return AuthorRecord(int(item.get("approved", 0)), recent, first)

    def commit(self, step: Commit) -> None:
        """Write the step atomically. ConflictError if the case changed since it was read,
        ReportExistsError / AuditEntryExistsError if the report or the entry exists."""
        after = step.after
        case_condition = "attribute_not_exists(pk)" if step.before.version == 0 else "version = :v"
        case_put: dict[str, Any] = {
            "TableName": self._table,
            "Item": serialize(case_to_item(after)),
            "ConditionExpression": case_condition,
        }
        if step.before.version:
            case_put["ExpressionAttributeValues"] = serialize({":v": step.before.version})
        items: list[dict[str, Any]] = [
            {"Put": case_put},
            {
                "Put": {
                    "TableName": self._audit,
                    "Item": serialize(audit_to_item(step.audit)),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
        ]
        if step.idea is not None:
            items.append({"Update": idea_update(self._content, *step.idea)})
        if step.comment is not None:
            items.append({"Update": comment_update(self._content, *step.comment)})
        if step.report_by is not None:
            report = {
                **report_key(step.report_by, after.target_type, after.target_id),
                "type": "Report",
                **step.extra,
            }
            items.append(
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": serialize(report),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                }
            )
        if step.author_recent is not None or step.author_approved:
            items.append({"Update": self._author_update(after, step)})
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            reasons = [reason.get("Code") for reason in exc.response.get("CancellationReasons", [])]
            if _FAILED not in reasons:
                with translate_errors("writing a moderation step"):
                    raise
            if reasons[1] == _FAILED:
                raise AuditEntryExistsError("This step was recorded before.") from exc
            if step.report_by is not None and reasons[-1 - _tail(step)] == _FAILED:
                raise ReportExistsError("You reported this before.") from exc
            raise ConflictError("The item changed meanwhile; read it again.") from exc

    def pseudonymise_links(self, target_type: TargetType, target_id: str, author: str, pseudonym: str) -> None:
        entries = {
            "TableName": self._audit,
            "IndexName": "byTarget",
            "KeyConditionExpression": "tpk = :t",
            "ExpressionAttributeValues": serialize({":t": f"{target_type.value}#{target_id}"}),
        }
        for entry in query_all(self._client, entries, "reading an item's audit entries"):
            if entry.get("authorId") == author:
                self._rename(self._audit, {"pk": entry["pk"], "sk": entry["sk"]}, "authorId", author, pseudonym)
        if target_type is not TargetType.COMMENT:
            return
        found = {
            "TableName": self._content,
            "IndexName": "gsi1",
            "KeyConditionExpression": "gsi1pk = :c",
            "ExpressionAttributeValues": serialize({":c": f"COMMENT#{target_id}"}),
        }
        for comment in query_all(self._client, found, "finding a comment"):
            if comment.get("rating") is not None:  # a review: its one-each marker named the author (decision 65)
                with translate_errors("forgetting a reviewer"):
                    self._client.delete_item(
                        TableName=self._content, Key=serialize({"pk": comment["pk"], "sk": f"REVIEWER#{author}"})
                    )
            replies = {
                "TableName": self._content,
                "KeyConditionExpression": "pk = :pk AND begins_with(sk, :path)",
                "ExpressionAttributeValues": serialize({":pk": comment["pk"], ":path": f"{comment['sk']}/"}),
            }
            for reply in query_all(self._client, replies, "reading a comment's replies"):
                if reply.get("parentAuthorId") == author:
                    key = {"pk": reply["pk"], "sk": reply["sk"]}
                    self._rename(self._content, key, "parentAuthorId", author, pseudonym)

    def _rename(self, table: str, key: Mapping[str, Any], attribute: str, old: str, new: str) -> None:
        """SET ``attribute`` to ``new`` where it still is ``old`` (done before: nothing)."""
        try:
            self._client.update_item(
                TableName=table,
                Key=serialize(key),
                UpdateExpression="SET #a = :new",
                ConditionExpression="#a = :old",
                ExpressionAttributeNames={"#a": attribute},
                ExpressionAttributeValues=serialize({":new": new, ":old": old}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                with translate_errors("renaming an author"):
                    raise

    def _author_update(self, case: Case, step: Commit) -> dict[str, Any]:
        sets: list[str] = []
        values: dict[str, Any] = {}
        if step.author_recent is not None:
            sets.append("recent = :recent")
            kept = step.author_recent[-RECENT_KEPT:]
            values[":recent"] = [{"fp": fp, "at": to_timestamp(at), "t": target} for fp, at, target in kept]
            if kept:
                sets.append("since = if_not_exists(since, :since)")
                values[":since"] = to_timestamp(min(at for _, at, _ in kept))
        expression = f"SET {', '.join(sets)}" if sets else ""
        if step.author_approved:
            expression += " ADD approved :n"
            values[":n"] = step.author_approved
        return {
            "TableName": self._table,
            "Key": serialize(author_key(case.brand_id, case.author_id)),
            "UpdateExpression": expression.strip(),
            "ExpressionAttributeValues": serialize(values),
        }

    def list_queue(self, brand_id: str, challenge_id: str | None, *, limit: int, start: Key | None) -> Page[Case]:
        """Oldest first: one Query per page on the sparse 'queue' index."""
        values: dict[str, Any] = {":q": f"QUEUE#{brand_id}"}
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "queue",
            "KeyConditionExpression": "qpk = :q",
            "ScanIndexForward": True,
            "Limit": limit,
        }
        if challenge_id:
            query["FilterExpression"] = "challengeId = :c"
            values[":c"] = challenge_id
        query["ExpressionAttributeValues"] = serialize(values)
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing the moderation queue"):
            answer = self._client.query(**query)
        return Page([case_from_item(deserialize(i)) for i in answer.get("Items", [])], answer.get("LastEvaluatedKey"))

    def list_audit(
        self,
        brand_id: str,
        *,
        target: tuple[TargetType, str] | None,
        since: datetime | None,
        until: datetime | None,
        limit: int,
        start: Key | None,
    ) -> Page[AuditEntry]:
        """Newest first: one Query per page on the brand's log, or on a target's entries."""
        low = f"{to_timestamp(since)}" if since else "0"
        high = f"{to_timestamp(until)}#~" if until else "~"
        query: dict[str, Any] = {"TableName": self._audit, "ScanIndexForward": False, "Limit": limit}
        if target is None:
            query["KeyConditionExpression"] = "pk = :pk AND sk BETWEEN :low AND :high"
            values: dict[str, Any] = {":pk": f"AUDIT#{brand_id}", ":low": low, ":high": high}
        else:
            query["IndexName"] = "byTarget"
            query["KeyConditionExpression"] = "tpk = :t AND tsk BETWEEN :low AND :high"
            query["FilterExpression"] = "brandId = :b"
            values = {":t": f"{target[0].value}#{target[1]}", ":low": low, ":high": high, ":b": brand_id}
        query["ExpressionAttributeValues"] = serialize(values)
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing the audit log"):
            answer = self._client.query(**query)
        return Page([audit_from_item(deserialize(i)) for i in answer.get("Items", [])], answer.get("LastEvaluatedKey"))


def _tail(step: Commit) -> int:
    """How many transaction items follow the report's Put."""
    return int(step.author_recent is not None or bool(step.author_approved))

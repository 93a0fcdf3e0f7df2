"""A person's data across the stack's tables, found without a Scan, for their export and erasure.

Where each kind is found (docs/data-model.md, "A person's data"):
- content table, index byUser (keys only): ideas, comments, staff notes, challenges, brands they made;
  gsi1 MEMBEROF#<userId> / INVITED#<email>: staff memberships and invitations
- votes table, index byVoter on VOTER#<userId>: votes (<challengeId>#<ideaId>) and merge records (~MOVED#...)
- notifications table partitions: FOLLOW#, INBOX#, DIGEST#, SENT#, PREFS#<userId>; DIGESTS#<day>#<shard>
- moderation table partitions: REPORT#<userId>, AUTHOR#<userId>; cases by their target (the person's
  ideas and comments); audit table, index byUser (entries they acted in) and byTarget (their items)
- rate-limits table: <action>#<challengeId>#<userId> for the challenges seen on the way
- reputation table partition USER#<userId> (exported; the reputation function deletes it on the
  erasure's events, decision 63)

Erasure pages rewrite what names the person to the pseudonym (conditioned on it still naming them,
so a page done twice changes nothing) or delete it. A vote is moved in two writes that the tally
and the outbox skip: ``erasing`` marks the old item, then one transaction deletes it and puts the
pseudonym's (``erased``), so the counts never move and no vote event is sent."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError
from shared.domain.ids import shard_of
from shared.domain.limits import LimitedAction
from shared.domain.moderation import PRIVACY_STEP, AuditEntry, TargetType
from shared.domain.privacy import PRIVACY_ACTOR, Erasure, Export
from shared.domain.votes import vote_shard
from shared.services.ports import Key
from shared.services.ports.privacy import Progress
from shared.store.dynamo import (
    USER_PREFIX,
    Item,
    batch_get,
    deserialize,
    query_all,
    serialize,
    translate_errors,
    user_index,
)
from shared.store.inbox import DIGEST_DAYS, DIGEST_SHARDS
from shared.store.moderation import audit_to_item, case_key
from shared.store.privacy_records import (
    ERASURE,
    EXPORT,
    erasure_from_item,
    erasure_to_item,
    export_from_item,
    export_to_item,
    job_key,
)
from shared.store.votes import MOVED_SORT, budget_key, idea_shard_key, vote_key, voter_key

PAGE = 25  # items a page handles: a batch write's worth
_INDEX_KEYS = frozenset(
    {"pk", "sk", "type", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "upk", "usk", "duepk", "dueat", "score", "hot"}
    | {"wilson", "controversy", "voterpk", "votersk", "ideapk", "ideask", "fpk", "fsk", "qpk", "qsk", "tpk", "tsk"}
    | {"answerKeys"}  # the survey counts' bookkeeping (the answers themselves are exported)
)


def _failed(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in {
        "ConditionalCheckFailedException",
        "TransactionCanceledException",
    }


def _public(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item as an export shows it: its attributes, without keys and index entries."""
    return {key: value for key, value in item.items() if key not in _INDEX_KEYS}


def erased_entry_id(pseudonym: str, target_type: str, target_id: str) -> str:
    """The audit entry recording that an item's author was erased: one per item and erasure."""
    return hashlib.sha256(f"{pseudonym}:{target_type}:{target_id}".encode()).hexdigest()[:32]


class DynamoPersonalData:
    def __init__(
        self,
        client: Any,
        *,
        content: str,
        votes: str,
        notifications: str,
        moderation: str,
        audit: str,
        rate_limits: str,
        reputation: str,
    ) -> None:
        self._client = client
        self._content = content
        self._votes = votes
        self._notifications = notifications
        self._moderation = moderation
        self._audit = audit
        self._limits = rate_limits
        self._reputation = reputation

    # ------------------------------------------------------------------ reading
    def _page(
        self, query: dict[str, Any], cursor: Key | None, what: str, limit: int = PAGE
    ) -> tuple[list[Item], Key | None]:
        request = {**query, "Limit": limit}
        if cursor:
            request["ExclusiveStartKey"] = cursor
        with translate_errors(what):
            answer = self._client.query(**request)
        return [deserialize(item) for item in answer.get("Items", [])], answer.get("LastEvaluatedKey")

    def _by_user(self, table: str, user_id: str, prefix: str, cursor: Key | None) -> tuple[list[Item], Key | None]:
        """One page of the keys-only byUser index, then the items themselves (consistent)."""
        values = {":u": USER_PREFIX + user_id} | ({":kind": prefix} if prefix else {})
        query = {
            "TableName": table,
            "IndexName": "byUser",
            "KeyConditionExpression": "upk = :u" + (" AND begins_with(usk, :kind)" if prefix else ""),
            "ExpressionAttributeValues": serialize(values),
        }
        keys, cursor = self._page(query, cursor, "finding a person's items")
        return self._get_all(table, [{"pk": key["pk"], "sk": key["sk"]} for key in keys]), cursor

    def _get_all(self, table: str, keys: list[dict[str, Any]]) -> list[Item]:
        return batch_get(self._client, table, keys, "reading a person's items", consistent=True)

    def _partition(
        self, table: str, pk: str, cursor: Key | None = None, limit: int = PAGE
    ) -> tuple[list[Item], Key | None]:
        query = {
            "TableName": table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": pk}),
            "ConsistentRead": True,
        }
        return self._page(query, cursor, "reading a person's items", limit)

    def _all(self, read: Callable[[Key | None], tuple[list[Item], Key | None]]) -> list[Item]:
        items: list[Item] = []
        cursor: Key | None = None
        while True:
            page, cursor = read(cursor)
            items += page
            if cursor is None:
                return items

    def _email(self, user_id: str) -> str | None:
        with translate_errors("reading a profile"):
            answer = self._client.get_item(
                TableName=self._notifications, Key=serialize({"pk": f"PREFS#{user_id}", "sk": "#"}), ConsistentRead=True
            )
        email = deserialize(answer.get("Item") or {}).get("email")
        return str(email) if email else None

    def _staff(self, user_id: str, email: str | None) -> list[Item]:
        keys = [f"MEMBEROF#{user_id}"] + ([f"INVITED#{email.lower()}"] if email else [])
        found: list[Item] = []
        for key in keys:
            query = {
                "TableName": self._content,
                "IndexName": "gsi1",
                "KeyConditionExpression": "gsi1pk = :pk",
                "ExpressionAttributeValues": serialize({":pk": key}),
            }
            found += query_all(self._client, query, "reading staff memberships")
        return found

    # ------------------------------------------------------------------ export
    def documents(self, user_id: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        def mine(table: str, prefix: str) -> list[dict[str, Any]]:
            return [_public(i) for i in self._all(lambda c: self._by_user(table, user_id, prefix, c))]

        def partition(table: str, pk: str) -> list[dict[str, Any]]:
            return [_public(i) for i in self._all(lambda c: self._partition(table, pk, c, 100))]

        yield "ideas", mine(self._content, "IDEA#")
        yield "comments", mine(self._content, "COMMENT#")
        yield "staff-notes", mine(self._content, "NOTE#")
        yield "challenges", mine(self._content, "CHALLENGE#")
        yield "brands", mine(self._content, "BRAND#")
        yield "staff", [_public(i) for i in self._staff(user_id, self._email(user_id))]
        yield "votes", [_public(i) for i in self._all(lambda c: self._voter_page(user_id, c, 100))]
        yield "follows", partition(self._notifications, f"FOLLOW#{user_id}")
        yield "notifications", partition(self._notifications, f"INBOX#{user_id}")
        yield "digest", partition(self._notifications, f"DIGEST#{user_id}")
        yield "preferences", partition(self._notifications, f"PREFS#{user_id}")
        yield "emails", partition(self._notifications, f"SENT#{user_id}")
        yield "reports", partition(self._moderation, f"REPORT#{user_id}")
        yield "standing", partition(self._moderation, f"AUTHOR#{user_id}")
        yield "reputation", partition(self._reputation, f"USER#{user_id}")  # points, badges, public name
        acted = mine(self._audit, "")
        yield "appeals", [entry for entry in acted if entry.get("step") == "appealed"]
        yield "moderation-log", [entry for entry in acted if entry.get("step") != "appealed"]

    # ------------------------------------------------------------------ erasure
    def erase(self, step: str, erasure: Erasure, cursor: Key | None) -> Progress:
        handler = getattr(self, f"_erase_{step}", None)
        if handler is None:
            raise ValueError(f"no erasure step {step!r} in the store")
        assert erasure.pseudonym is not None, "a running erasure has its pseudonym"
        result: Progress = handler(erasure, cursor)
        return result

    def _set(self, table: str, key: Mapping[str, Any], sets: Mapping[str, Any], when: Mapping[str, Any] | None) -> bool:
        """SET ``sets`` on the item if each attribute of ``when`` has its value there (None: if the
        item exists); False when it does not (done before, or gone)."""
        names = {f"#a{n}": name for n, name in enumerate(sets)} | {f"#c{n}": name for n, name in enumerate(when or {})}
        values = {f":v{n}": value for n, value in enumerate(sets.values())}
        values |= {f":c{n}": value for n, value in enumerate((when or {}).values())}
        condition = " AND ".join(f"#c{n} = :c{n}" for n in range(len(when or {}))) or "attribute_exists(pk)"
        try:
            self._client.update_item(
                TableName=table,
                Key=serialize(key),
                UpdateExpression="SET " + ", ".join(f"#a{n} = :v{n}" for n in range(len(sets))),
                ConditionExpression=condition,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=serialize(values),
            )
        except ClientError as exc:
            if not _failed(exc):
                with translate_errors("rewriting a person's item"):
                    raise
            return False
        return True

    def _delete(self, table: str, keys: list[dict[str, Any]]) -> None:
        for start in range(0, len(keys), 25):
            requests = [{"DeleteRequest": {"Key": serialize(key)}} for key in keys[start : start + 25]]
            pending: dict[str, Any] = {table: requests}
            for _ in range(5):
                with translate_errors("deleting a person's items"):
                    answer = self._client.batch_write_item(RequestItems=pending)
                pending = answer.get("UnprocessedItems") or {}
                if not pending:
                    break
            if pending:
                raise ConnectionError("DynamoDB kept deletes unprocessed; the step is retried")

    def _erase_staff(self, erasure: Erasure, _cursor: Key | None) -> Progress:
        user_id = erasure.user_id
        found = self._staff(user_id, erasure.email or self._email(user_id))
        self._delete(self._content, [{"pk": item["pk"], "sk": item["sk"]} for item in found])
        return Progress()

    def _redact_target(self, erasure: Erasure, pseudonym: str, target_type: TargetType, item: Item) -> None:
        """The item's moderation case and audit entries name the pseudonym; the erasure is recorded."""
        if target_type is TargetType.IDEA:
            target_id, status = str(item["ideaId"]), str(item["status"])
        else:
            target_id, status = str(item["commentId"]), "hidden" if item.get("hidden") else "visible"
        user = {"authorId": erasure.user_id}
        self._set(self._moderation, case_key(target_type, target_id), {"authorId": pseudonym}, user)
        query = {
            "TableName": self._audit,
            "IndexName": "byTarget",
            "KeyConditionExpression": "tpk = :t",
            "ExpressionAttributeValues": serialize({":t": f"{target_type.value}#{target_id}"}),
        }
        for entry in query_all(self._client, query, "reading an item's audit entries"):
            if entry.get("authorId") == erasure.user_id:
                key = {"pk": entry["pk"], "sk": entry["sk"]}
                self._set(self._audit, key, {"authorId": pseudonym}, user)
        record = AuditEntry(
            entry_id=erased_entry_id(pseudonym, target_type.value, target_id),
            brand_id=str(item["brandId"]),
            at=erasure.requested_at,
            actor=PRIVACY_ACTOR,
            step=PRIVACY_STEP,
            target_type=target_type,
            target_id=target_id,
            challenge_id=str(item["challengeId"]),
            author_id=pseudonym,
            before=status,
            after=status,
            reason="erasure",
        )
        try:
            self._client.put_item(
                TableName=self._audit,
                Item=serialize(audit_to_item(record)),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as exc:
            if not _failed(exc):
                with translate_errors("recording an erasure"):
                    raise

    def _erase_ideas(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        items, cursor = self._by_user(self._content, user_id, "IDEA#", cursor)
        for item in items:
            if item.get("authorId") != user_id:
                continue  # done before (the index lags its items)
            # What hangs on the idea first: the write that takes it out of the person's index is last,
            # so a crash in between finds it again.
            self._forget_limits(user_id, str(item["challengeId"]))
            self._delete(self._content, [{"pk": f"CHALLENGE#{item['challengeId']}", "sk": f"AUTHOR#{user_id}"}])
            self._redact_target(erasure, pseudonym, TargetType.IDEA, item)
            history = [
                {**change, "by": pseudonym} if change.get("by") == user_id else change for change in item["history"]
            ]
            sets: dict[str, Any] = {"authorId": pseudonym, "history": history, "version": int(item["version"]) + 1}
            sets |= user_index(pseudonym, str(item["usk"]))
            when = {"authorId": user_id, "version": int(item["version"])}
            if not self._set(self._content, {"pk": item["pk"], "sk": item["sk"]}, sets, when):
                raise ConflictError("An idea changed while it was pseudonymised; the step is retried.")
        return Progress(cursor=cursor)

    def _erase_comments(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        items, cursor = self._by_user(self._content, user_id, "COMMENT#", cursor)
        for item in items:
            if item.get("authorId") != user_id:
                continue  # done before (the index lags its items)
            self._forget_limits(user_id, str(item["challengeId"]))
            replies = {
                "TableName": self._content,
                "KeyConditionExpression": "pk = :pk AND begins_with(sk, :path)",
                "ExpressionAttributeValues": serialize({":pk": item["pk"], ":path": f"{item['sk']}/"}),
            }
            for reply in query_all(self._client, replies, "reading a comment's replies"):
                if reply.get("parentAuthorId") == user_id:
                    reply_key = {"pk": reply["pk"], "sk": reply["sk"]}
                    self._set(self._content, reply_key, {"parentAuthorId": pseudonym}, {"parentAuthorId": user_id})
            self._redact_target(erasure, pseudonym, TargetType.COMMENT, item)
            if item.get("rating") is not None:  # a review: its one-each marker names the person
                self._delete(self._content, [{"pk": item["pk"], "sk": f"REVIEWER#{user_id}"}])
            sets = {"authorId": pseudonym, **user_index(pseudonym, str(item["usk"]))}
            if item.get("deletedBy") == user_id:
                sets["deletedBy"] = pseudonym
            self._set(self._content, {"pk": item["pk"], "sk": item["sk"]}, sets, {"authorId": user_id})
        return Progress(cursor=cursor)

    def _rewrite_maker(self, user_id: str, pseudonym: str, prefix: str, field: str, cursor: Key | None) -> Progress:
        items, cursor = self._by_user(self._content, user_id, prefix, cursor)
        for item in items:
            sets = {field: pseudonym, **user_index(pseudonym, str(item["usk"]))}
            self._set(self._content, {"pk": item["pk"], "sk": item["sk"]}, sets, {field: user_id})
        return Progress(cursor=cursor)

    def _erase_notes(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        return self._rewrite_maker(user_id, pseudonym, "NOTE#", "authorId", cursor)

    def _erase_challenges(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        return self._rewrite_maker(user_id, pseudonym, "CHALLENGE#", "createdBy", cursor)

    def _erase_brands(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        return self._rewrite_maker(user_id, pseudonym, "BRAND#", "createdBy", cursor)

    def _voter_page(self, user_id: str, cursor: Key | None, limit: int = PAGE) -> tuple[list[Item], Key | None]:
        query = {
            "TableName": self._votes,
            "IndexName": "byVoter",
            "KeyConditionExpression": "voterpk = :pk",
            "ExpressionAttributeValues": serialize({":pk": voter_key(user_id)}),
        }
        return self._page(query, cursor, "reading a person's votes", limit)

    def _erase_votes(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        items, cursor = self._voter_page(user_id, cursor)
        for item in items:
            if str(item["votersk"]).startswith(MOVED_SORT):
                self._move_record(item, user_id, pseudonym)
                continue
            challenge = str(item["challengeId"])
            self._forget_limits(user_id, challenge)
            self._delete(self._votes, [budget_key(challenge, user_id)])  # they can vote no more
            self._move_vote(item, user_id, pseudonym)
        return Progress(cursor=cursor)

    def _as_pseudonym(self, vote: Mapping[str, Any], pseudonym: str) -> Item:
        """The vote under the pseudonym, without its survey answers (the person's words); its
        answer keys stay, so the idea's survey counts stay right if a merge moves it later."""
        idea_id = str(vote["ideaId"])
        fields = {key: value for key, value in vote.items() if key not in {"erasing", "erased", "answers"}}
        return {
            **fields,
            **vote_key(idea_id, pseudonym),
            "voterId": pseudonym,
            "voterpk": voter_key(pseudonym),
            "ideapk": idea_shard_key(idea_id, vote_shard(pseudonym)),
            "ideask": pseudonym,
        }

    def _move_vote(self, item: Item, user_id: str, pseudonym: str) -> None:
        """Mark, then move in one transaction: the tally and the outbox skip both records."""
        key = vote_key(str(item["ideaId"]), user_id)
        if item.get("erasing") != pseudonym:
            marked = self._set(self._votes, key, {"erasing": pseudonym}, None)
            if not marked:
                return  # retracted meanwhile: nothing to move
        moved = {**self._as_pseudonym(item, pseudonym), "erased": True}
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Delete": {
                            "TableName": self._votes,
                            "Key": serialize(key),
                            "ConditionExpression": "erasing = :p",
                            "ExpressionAttributeValues": serialize({":p": pseudonym}),
                        }
                    },
                    {
                        "Put": {
                            "TableName": self._votes,
                            "Item": serialize(moved),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                ]
            )
        except ClientError as exc:
            if not _failed(exc):
                with translate_errors("moving a vote to a pseudonym"):
                    raise
            raise ConflictError("A vote changed while it was moved; the step is retried.") from exc

    def _move_record(self, item: Item, user_id: str, pseudonym: str) -> None:
        """A merge record: re-keyed with the vote it keeps, so an unmerge restores the pseudonym's."""
        source = str(item["pk"]).removeprefix("MOVED#").removesuffix(f"#{user_id}")
        moved = {
            **item,
            "pk": f"MOVED#{source}#{pseudonym}",
            "ideapk": f"MOVED#{idea_shard_key(source, vote_shard(pseudonym))}",
            "ideask": pseudonym,
            "voterpk": voter_key(pseudonym),
            "vote": self._as_pseudonym(item["vote"], pseudonym),
        }
        with translate_errors("moving a merge record to a pseudonym"):
            self._client.transact_write_items(
                TransactItems=[
                    {"Delete": {"TableName": self._votes, "Key": serialize({"pk": item["pk"]})}},
                    {"Put": {"TableName": self._votes, "Item": serialize(moved)}},
                ]
            )

    def _drain(self, table: str, pk: str) -> Progress:
        """Delete one page of a partition; its first page again next time (what was deleted is gone),
        so the cursor only says whether there is more."""
        items, more = self._partition(table, pk, None, PAGE)
        self._delete(table, [{"pk": item["pk"], "sk": item["sk"]} for item in items])
        return Progress(cursor={"pk": pk} if more else None)

    def _erase_follows(self, erasure: Erasure, _cursor: Key | None) -> Progress:
        user_id = erasure.user_id
        return self._drain(self._notifications, f"FOLLOW#{user_id}")

    def _erase_inbox(self, erasure: Erasure, _cursor: Key | None) -> Progress:
        user_id = erasure.user_id
        for prefix in ("INBOX#", "DIGEST#", "SENT#"):
            progress = self._drain(self._notifications, prefix + user_id)
            if progress.cursor is not None:
                return progress
        self._delete(self._notifications, [{"pk": f"PREFS#{user_id}", "sk": "#"}])
        today = erasure.requested_at.date()
        shard = shard_of(user_id, DIGEST_SHARDS)
        days = [(today - timedelta(days=n)).isoformat() for n in range(DIGEST_DAYS + 2)]
        self._delete(self._notifications, [{"pk": f"DIGESTS#{day}#{shard}", "sk": user_id} for day in days])
        return Progress()

    def _erase_moderation(self, erasure: Erasure, _cursor: Key | None) -> Progress:
        user_id = erasure.user_id
        reports = self._drain(self._moderation, f"REPORT#{user_id}")
        if reports.cursor is not None:
            return reports
        return self._drain(self._moderation, f"AUTHOR#{user_id}")

    def _erase_audit(self, erasure: Erasure, cursor: Key | None) -> Progress:
        user_id, pseudonym = erasure.user_id, str(erasure.pseudonym)
        """Entries the person acted in (reports, appeals, decisions) name the pseudonym: the only
        change the audit log allows (its policy's dynamodb:Attributes)."""
        query = {
            "TableName": self._audit,
            "IndexName": "byUser",
            "KeyConditionExpression": "upk = :u",
            "ExpressionAttributeValues": serialize({":u": USER_PREFIX + user_id}),
        }
        keys, cursor = self._page(query, cursor, "finding a person's audit entries")
        for key in keys:
            entry_key = {"pk": key["pk"], "sk": key["sk"]}
            self._set(self._audit, entry_key, {"authorId": pseudonym}, {"authorId": user_id})
            sets = {"actor": pseudonym, **user_index(pseudonym, str(key["sk"]))}  # last: it leaves the index
            self._set(self._audit, entry_key, sets, {"actor": user_id})
        return Progress(cursor=cursor)

    def _forget_limits(self, user_id: str, challenge_id: str) -> None:
        """The person's rolling-limit rings in a challenge (they would expire within their window)."""
        self._delete(self._limits, [{"pk": f"{action.value}#{challenge_id}#{user_id}"} for action in LimitedAction])


class DynamoPrivacyJobs:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _get(self, user_id: str, kind: str) -> Item | None:
        with translate_errors("reading a privacy record"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(job_key(user_id, kind)), ConsistentRead=True
            )
        item = answer.get("Item")
        return deserialize(item) if item else None

    def _save(self, item: Item, expected_version: int | None) -> None:
        put: dict[str, Any] = {"TableName": self._table, "Item": serialize(item)}
        if expected_version is None:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            put["ConditionExpression"] = "version = :v"
            put["ExpressionAttributeValues"] = serialize({":v": expected_version})
        with translate_errors("the request was changed meanwhile; ask again"):
            self._client.put_item(**put)

    def erasure(self, user_id: str) -> Erasure | None:
        item = self._get(user_id, ERASURE)
        return erasure_from_item(item) if item else None

    def save_erasure(self, erasure: Erasure, expected_version: int | None) -> None:
        self._save(erasure_to_item(erasure), expected_version)

    def export(self, user_id: str) -> Export | None:
        item = self._get(user_id, EXPORT)
        return export_from_item(item) if item else None

    def save_export(self, export: Export, expected_version: int | None) -> None:
        self._save(export_to_item(export), expected_version)

    def delete_export(self, user_id: str) -> None:
        with translate_errors("deleting an export record"):
            self._client.delete_item(TableName=self._table, Key=serialize(job_key(user_id, EXPORT)))


class S3Archives:
    def __init__(self, client: Any, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    def put(self, key: str, data: bytes) -> None:
        self._client.put_object(
            Bucket=self._bucket, Key=key, Body=data, ContentType="application/zip", ServerSideEncryption="AES256"
        )

    def url(self, key: str, seconds: int) -> str:
        return str(
            self._client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self._bucket,
                    "Key": key,
                    "ResponseContentDisposition": 'attachment; filename="my-data.zip"',
                },
                ExpiresIn=seconds,
            )
        )

    def delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self._bucket, Key=key)


class CognitoAccounts:
    def __init__(self, client: Any, user_pool_id: str) -> None:
        self._client = client
        self._pool = user_pool_id

    def delete_account(self, user_id: str) -> None:
        found = self._client.list_users(UserPoolId=self._pool, Filter=f'sub = "{user_id}"', Limit=1)["Users"]
        if found:
            self._client.admin_delete_user(UserPoolId=self._pool, Username=found[0]["Username"])

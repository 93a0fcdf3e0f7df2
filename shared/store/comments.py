"""Repositories of comments and staff notes on the content table (layout: comment_records)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from shared.domain.comments import COMMENTABLE_STATUSES, Comment, StaffNote
from shared.domain.errors import ConflictError, RuleViolationError
from shared.services.ports import Key, Page
from shared.store.comment_records import (
    COMMENT_PREFIX,
    NOTE_PREFIX,
    comment_changes,
    comment_from_item,
    comment_index_key,
    comment_key,
    comment_to_item,
    helpful_changes,
    helpful_vote_key,
    idea_partition,
    note_from_item,
    note_to_item,
    review_changes,
    reviewer_key,
    user_sort,
)
from shared.store.dynamo import deserialize, serialize, translate_errors, user_index
from shared.store.records import idea_key

_NEW_ITEM = "attribute_not_exists(pk)"
_COMMENTABLE = sorted(status.value for status in COMMENTABLE_STATUSES)


def _idea_condition_failed(exc: ClientError) -> bool:
    """True when a comment transaction was cancelled by the idea's condition (its second item)."""
    if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        return False
    reasons = exc.response.get("CancellationReasons") or []
    return len(reasons) > 1 and reasons[1].get("Code") == "ConditionalCheckFailed"


def comment_update(table: str, before: Comment, after: Comment) -> dict[str, Any]:
    """The UpdateItem (or transaction Update) of what an edit, removal, moderation or helpful mark
    changes (the mark's attributes only when it changed)."""
    changes = comment_changes(after)
    if helpful_changes(after) != helpful_changes(before):
        changes |= helpful_changes(after)
    changes |= review_changes(after)
    if after.author_id != before.author_id:  # pseudonymised (decision 60)
        changes |= {"authorId": after.author_id, **user_index(after.author_id, user_sort(after))}
    names = {f"#{name}": name for name in changes}
    kept = {name: value for name, value in changes.items() if value is not None}
    dropped = [f"#{name}" for name, value in changes.items() if value is None]
    update = "SET " + ", ".join(f"#{name} = :{name}" for name in kept)
    if dropped:
        update += " REMOVE " + ", ".join(dropped)
    values = {f":{name}": value for name, value in kept.items()} | {":expected": before.version}
    return {
        "TableName": table,
        "Key": serialize(comment_key(before)),
        "UpdateExpression": update,
        "ConditionExpression": "attribute_exists(pk) AND #version = :expected",
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": serialize(values),
    }


class DynamoCommentRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, comment: Comment) -> None:
        """Put the comment and ADD 1 to its idea's commentCount in one TransactWriteItems (2 items);
        a review also puts its author's marker (ConflictError when they have one: one review each)."""
        statuses = {f":s{n}": status for n, status in enumerate(_COMMENTABLE)}
        count = {
            "TableName": self._table,
            "Key": serialize(idea_key(comment.idea_id)),
            "UpdateExpression": "ADD commentCount :one",
            "ConditionExpression": f"attribute_exists(pk) AND #status IN ({', '.join(statuses)})",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": serialize({":one": 1, **statuses}),
        }
        put = {"TableName": self._table, "Item": serialize(comment_to_item(comment)), "ConditionExpression": _NEW_ITEM}
        items: list[dict[str, Any]] = [{"Put": put}, {"Update": count}]
        if comment.is_review:
            marker = reviewer_key(comment.idea_id, comment.author_id) | {
                "type": "Reviewer",
                "commentId": comment.comment_id,
            }
            items.append(
                {"Put": {"TableName": self._table, "Item": serialize(marker), "ConditionExpression": _NEW_ITEM}}
            )
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            if _idea_condition_failed(exc):
                raise RuleViolationError(f"Idea {comment.idea_id!r} no longer takes comments.") from exc
            reasons = exc.response.get("CancellationReasons") or []
            if len(reasons) > 2 and reasons[2].get("Code") == "ConditionalCheckFailed":
                raise ConflictError(f"You have reviewed idea {comment.idea_id!r} already.") from exc
            with translate_errors(f"comment {comment.comment_id} was not stored"):
                raise

    def get(self, comment_id: str) -> Comment | None:
        """One Query on gsi1 (eventually consistent, as every GSI read)."""
        index = comment_index_key(comment_id)
        with translate_errors("reading a comment"):
            answer = self._client.query(
                TableName=self._table,
                IndexName="gsi1",
                KeyConditionExpression="gsi1pk = :pk AND gsi1sk = :sk",
                ExpressionAttributeValues=serialize({":pk": index["gsi1pk"], ":sk": index["gsi1sk"]}),
                Limit=1,
            )
        items = answer.get("Items") or []
        return comment_from_item(deserialize(items[0])) if items else None

    def save(self, before: Comment, after: Comment) -> None:
        """One UpdateItem of the attributes an edit or removal changes, if nobody changed them since."""
        with translate_errors(f"comment {before.comment_id} changed meanwhile; read it again"):
            self._client.update_item(**comment_update(self._table, before, after))

    def reread(self, comment: Comment) -> Comment | None:
        with translate_errors("reading a comment again"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(comment_key(comment)), ConsistentRead=True
            )
        item = answer.get("Item")
        return comment_from_item(deserialize(item)) if item else None

    def has_found_helpful(self, review: Comment, reader_id: str) -> bool:
        """Whether the reader's 'helpful' vote on the review is there (a consistent read)."""
        with translate_errors("reading a helpful vote"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(helpful_vote_key(review, reader_id)), ConsistentRead=True
            )
        return "Item" in answer

    def find_helpful(self, before: Comment, after: Comment, reader_id: str, helpful: bool) -> None:
        """The reader's vote put (or deleted) with the review's count and sort key, in one
        TransactWriteItems of 2 items; ConflictError when either changed since it was read."""
        key = helpful_vote_key(before, reader_id)
        vote: dict[str, Any] = (
            {"Put": {"TableName": self._table, "Item": serialize(key | {"type": "HelpfulVote"}),
                     "ConditionExpression": _NEW_ITEM}}
            if helpful
            else {"Delete": {"TableName": self._table, "Key": serialize(key),
                             "ConditionExpression": "attribute_exists(pk)"}}
        )  # fmt: skip
        with translate_errors(f"review {before.comment_id} changed meanwhile; read it again"):
            self._client.transact_write_items(
                TransactItems=[vote, {"Update": comment_update(self._table, before, after)}]
            )

    def review_id(self, idea_id: str, user_id: str) -> str | None:
        """The id of the person's review of the idea, if they wrote one (removed ones too)."""
        with translate_errors("reading a reviewer's marker"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(reviewer_key(idea_id, user_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return str(deserialize(item)["commentId"]) if item else None

    def list_reviews(self, idea_id: str, *, helpful_first: bool, limit: int, start: Key | None) -> Page[Comment]:
        """Live reviews, newest first (or the staff's helpful ones first): one Query of a sparse index."""
        query: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "helpfulReviews" if helpful_first else "gsi2",
            "KeyConditionExpression": "gsi2pk = :pk",
            "ExpressionAttributeValues": serialize({":pk": f"REVIEWS#{idea_id}"}),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing an idea's reviews"):
            answer = self._client.query(**query)
        return Page(
            [comment_from_item(deserialize(i)) for i in answer.get("Items", [])], answer.get("LastEvaluatedKey")
        )

    def list_thread(self, idea_id: str, *, limit: int, start: Key | None) -> Page[Comment]:
        items, next_key = _query_partition(self._client, self._table, idea_id, COMMENT_PREFIX, limit, start, True)
        return Page([comment_from_item(item) for item in items], next_key)


class DynamoStaffNoteRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, note: StaffNote) -> None:
        with translate_errors(f"note {note.note_id} exists"):
            self._client.put_item(
                TableName=self._table, Item=serialize(note_to_item(note)), ConditionExpression=_NEW_ITEM
            )

    def list_notes(self, idea_id: str, *, limit: int, start: Key | None) -> Page[StaffNote]:
        items, next_key = _query_partition(self._client, self._table, idea_id, NOTE_PREFIX, limit, start, False)
        return Page([note_from_item(item) for item in items], next_key)


def _query_partition(
    client: Any, table: str, idea_id: str, prefix: str, limit: int, start: Key | None, forward: bool
) -> tuple[list[dict[str, Any]], Key | None]:
    """One Query of the idea's partition for the items whose sort key starts with ``prefix``."""
    query: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
        "ExpressionAttributeValues": serialize({":pk": idea_partition(idea_id), ":prefix": prefix}),
        "ScanIndexForward": forward,
        "Limit": limit,
    }
    if start:
        query["ExclusiveStartKey"] = start
    with translate_errors("listing an idea's comments or notes"):
        answer = client.query(**query)
    next_key: Key | None = answer.get("LastEvaluatedKey") or None
    return [deserialize(item) for item in answer.get("Items", [])], next_key

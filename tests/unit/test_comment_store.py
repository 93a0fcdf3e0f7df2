"""The comment repository's requests and error mapping, on a recording client (no AWS)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.domain.comments import Comment
from shared.domain.errors import ConflictError, RuleViolationError, UnavailableError
from shared.store.comments import DynamoCommentRepository

from .builders import T0


class RecordingClient:
    def __init__(self, error: ClientError | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _call(self, name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((name, kwargs))
        if self.error is not None:
            raise self.error
        return {}

    def transact_write_items(self, **kwargs: Any) -> dict[str, Any]:
        return self._call("transact_write_items", kwargs)

    def update_item(self, **kwargs: Any) -> dict[str, Any]:
        return self._call("update_item", kwargs)


def cancelled(*codes: str) -> ClientError:
    response: dict[str, Any] = {
        "Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
        "CancellationReasons": [{"Code": code} for code in codes],
    }
    return ClientError(response, "TransactWriteItems")  # type: ignore[arg-type]


def a_comment() -> Comment:
    return Comment("c1", "idea-1", "ch-1", "acme", "user-2", "Nice", ("c1",), False, T0, T0)


def test_a_comment_is_put_and_counted_in_one_transaction():
    client = RecordingClient()

    DynamoCommentRepository(client, "content").add(a_comment())

    [(name, request)] = client.calls
    put, count = request["TransactItems"]
    assert name == "transact_write_items"
    assert put["Put"]["ConditionExpression"] == "attribute_not_exists(pk)"
    assert put["Put"]["Item"]["sk"] == {"S": "COMMENT#c1"}
    assert count["Update"]["Key"] == {"pk": {"S": "IDEA#idea-1"}, "sk": {"S": "#META"}}
    assert count["Update"]["UpdateExpression"] == "ADD commentCount :one"
    assert count["Update"]["ConditionExpression"].startswith("attribute_exists(pk) AND #status IN (")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (cancelled("None", "ConditionalCheckFailed"), RuleViolationError),
        (cancelled("ConditionalCheckFailed", "None"), ConflictError),
        (cancelled("None", "TransactionConflict"), ConflictError),
        (ClientError({"Error": {"Code": "ThrottlingException"}}, "TransactWriteItems"), UnavailableError),
    ],
)
def test_transaction_failures_map_to_domain_errors(error, expected):
    with pytest.raises(expected) as raised:
        DynamoCommentRepository(RecordingClient(error), "content").add(a_comment())

    if expected is ConflictError:
        assert not isinstance(raised.value, RuleViolationError)


def test_an_unknown_failure_stays_loud():
    error = ClientError({"Error": {"Code": "ResourceNotFoundException"}}, "TransactWriteItems")

    with pytest.raises(ClientError):
        DynamoCommentRepository(RecordingClient(error), "content").add(a_comment())


def test_a_save_sets_the_changes_and_removes_what_is_gone():
    client = RecordingClient()
    before = a_comment()

    DynamoCommentRepository(client, "content").save(before, before.removed("user-2", T0))

    [(_, request)] = client.calls
    assert request["UpdateExpression"].startswith("SET #deleted = :deleted, ")
    assert request["UpdateExpression"].endswith(" REMOVE #body, #editedAt")
    assert request["ExpressionAttributeValues"][":expected"] == {"N": "1"}


def test_a_save_with_nothing_to_remove_only_sets():
    client = RecordingClient()
    before = a_comment()
    after = replace(before.removed("user-2", T0), body="kept for the test", edited_at=T0)

    DynamoCommentRepository(client, "content").save(before, after)

    assert "REMOVE" not in client.calls[0][1]["UpdateExpression"]


def test_a_helpful_mark_writes_the_flag_and_who_set_it_and_taking_it_back_removes_the_flag():
    client = RecordingClient()
    repository = DynamoCommentRepository(client, "content")
    before = a_comment()
    marked = before.marked_helpful(True, "moderator-1", T0)

    repository.save(before, marked)
    repository.save(marked, marked.marked_helpful(False, "admin-1", T0))

    [(_, mark), (_, unmark)] = client.calls
    assert {"#helpful", "#helpfulBy", "#helpfulAt"} <= set(mark["ExpressionAttributeNames"])
    assert mark["ExpressionAttributeValues"][":helpful"] == {"BOOL": True}
    assert mark["ExpressionAttributeValues"][":helpfulBy"] == {"S": "moderator-1"}
    sets, removes = unmark["UpdateExpression"].split(" REMOVE ")
    assert "#helpful" in removes.split(", ")
    assert "#helpfulBy = :helpfulBy" in sets
    assert unmark["ExpressionAttributeValues"][":helpfulBy"] == {"S": "admin-1"}
    assert unmark["ExpressionAttributeValues"][":expected"] == {"N": "2"}


def test_a_save_that_leaves_the_mark_alone_does_not_touch_its_attributes():
    client = RecordingClient()
    marked = a_comment().marked_helpful(True, "moderator-1", T0)

    DynamoCommentRepository(client, "content").save(marked, marked.edited("Nicer", T0))

    assert "#helpful" not in client.calls[0][1]["ExpressionAttributeNames"]

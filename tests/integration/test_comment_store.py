"""The comment and staff-note repositories on moto: the comment transaction's conditions, the
optimistic save, and the item layout (thread order by sort key, id lookup through gsi1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from shared.domain.comments import Comment, StaffNote
from shared.domain.errors import ConflictError, RuleViolationError
from shared.domain.ideas import Idea, IdeaStatus
from shared.store.comments import DynamoCommentRepository, DynamoStaffNoteRepository
from shared.store.content import DynamoIdeaRepository
from tests.integration.conftest import TABLE_NAMES

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
TABLE = TABLE_NAMES["ContentTable"]


def an_idea(status: IdeaStatus = IdeaStatus.PUBLISHED) -> Idea:
    return Idea(
        idea_id="idea-1",
        challenge_id="ch-1",
        brand_id="acme",
        author_id="user-pat",
        title="Refill stations",
        description="",
        tags=(),
        status=status,
        created_at=NOW,
        updated_at=NOW,
    )


def a_comment(*path: str, **overrides: Any) -> Comment:
    fields: dict[str, Any] = {
        "comment_id": path[-1],
        "idea_id": "idea-1",
        "challenge_id": "ch-1",
        "brand_id": "acme",
        "author_id": "user-oscar",
        "body": f"comment {path[-1]}",
        "path": path,
        "official": False,
        "created_at": NOW,
        "updated_at": NOW,
    }
    return Comment(**(fields | overrides))


@pytest.fixture
def client(aws: None) -> Any:
    return boto3.client("dynamodb")


@pytest.fixture
def comments(client: Any) -> DynamoCommentRepository:
    return DynamoCommentRepository(client, TABLE)


def store_idea(client: Any, status: IdeaStatus = IdeaStatus.PUBLISHED) -> DynamoIdeaRepository:
    ideas = DynamoIdeaRepository(client, TABLE)
    ideas.add(an_idea(status))
    return ideas


def test_a_comment_is_stored_and_counted_on_its_idea(client: Any, comments: DynamoCommentRepository) -> None:
    ideas = store_idea(client)

    comments.add(a_comment("c1"))

    assert comments.get("c1") == a_comment("c1")
    stored = ideas.get("idea-1")
    assert stored is not None
    assert stored.comment_count == 1


@pytest.mark.parametrize("status", [IdeaStatus.HIDDEN, IdeaStatus.PENDING, IdeaStatus.WITHDRAWN, IdeaStatus.MERGED])
def test_the_transaction_refuses_an_idea_that_takes_no_comments(
    client: Any, comments: DynamoCommentRepository, status: IdeaStatus
) -> None:
    store_idea(client, status)

    with pytest.raises(RuleViolationError):
        comments.add(a_comment("c1"))

    assert comments.get("c1") is None


def test_the_transaction_refuses_a_missing_idea(comments: DynamoCommentRepository) -> None:
    with pytest.raises(RuleViolationError):
        comments.add(a_comment("c1"))


def test_an_existing_comment_is_a_conflict_and_counts_once(client: Any, comments: DynamoCommentRepository) -> None:
    ideas = store_idea(client)
    comments.add(a_comment("c1"))

    with pytest.raises(ConflictError) as raised:
        comments.add(a_comment("c1", body="again"))

    assert not isinstance(raised.value, RuleViolationError)
    stored = ideas.get("idea-1")
    assert stored is not None
    assert stored.comment_count == 1


def test_the_thread_lists_parents_before_replies(client: Any, comments: DynamoCommentRepository) -> None:
    store_idea(client)
    for path in [("a",), ("b",), ("a", "a1"), ("a", "a1", "a1x"), ("a", "a2")]:
        comments.add(a_comment(*path))

    page = comments.list_thread("idea-1", limit=10, start=None)

    assert [c.comment_id for c in page.items] == ["a", "a1", "a1x", "a2", "b"]
    assert page.next_key is None


def test_a_save_applies_only_to_the_version_it_read(client: Any, comments: DynamoCommentRepository) -> None:
    store_idea(client)
    original = a_comment("c1")
    comments.add(original)
    edited = original.edited("new words", NOW)
    comments.save(original, edited)

    with pytest.raises(ConflictError):
        comments.save(original, original.removed("user-oscar", NOW))

    assert comments.get("c1") == edited


def test_a_removal_drops_the_body_from_the_item(client: Any, comments: DynamoCommentRepository) -> None:
    store_idea(client)
    original = a_comment("c1")
    comments.add(original)

    comments.save(original, original.removed("user-mia", NOW))

    item = client.get_item(TableName=TABLE, Key={"pk": {"S": "IDEA#idea-1"}, "sk": {"S": "COMMENT#c1"}})["Item"]
    assert "body" not in item
    assert item["deleted"] == {"BOOL": True}
    assert item["deletedBy"] == {"S": "user-mia"}


def test_saving_a_missing_comment_is_a_conflict(comments: DynamoCommentRepository) -> None:
    ghost = a_comment("c1")

    with pytest.raises(ConflictError):
        comments.save(ghost, replace(ghost, body="x", version=2))


def test_staff_notes_list_newest_first_and_apart_from_comments(client: Any, comments: DynamoCommentRepository) -> None:
    store_idea(client)
    comments.add(a_comment("c1"))
    notes = DynamoStaffNoteRepository(client, TABLE)
    for note_id in ("n1", "n2", "n3"):
        notes.add(StaffNote(note_id, "idea-1", "acme", "user-mia", f"note {note_id}", NOW))

    first = notes.list_notes("idea-1", limit=2, start=None)
    rest = notes.list_notes("idea-1", limit=2, start=first.next_key)

    assert [n.note_id for n in first.items + rest.items] == ["n3", "n2", "n1"]
    assert [c.comment_id for c in comments.list_thread("idea-1", limit=10, start=None).items] == ["c1"]


def test_an_existing_note_is_a_conflict(client: Any) -> None:
    notes = DynamoStaffNoteRepository(client, TABLE)
    note = StaffNote("n1", "idea-1", "acme", "user-mia", "hello", NOW)
    notes.add(note)

    with pytest.raises(ConflictError):
        notes.add(note)

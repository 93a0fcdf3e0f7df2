"""Comment items in the content table's stream -> CommentPosted / CommentEdited / CommentDeleted /
CommentMarkedHelpful; staff notes and the idea's counter update -> nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.domain.comments import Comment, StaffNote
from shared.events import CommentDeleted, CommentEdited, CommentMarkedHelpful, CommentPosted
from shared.services.comment_events import comment_events
from shared.services.outbox import ItemChange, events_for_change
from shared.store.comment_records import comment_from_item, comment_to_item, note_from_item, note_to_item
from shared.store.records import entity_from_item
from shared.store.streams import change_from_stream_record

from .builders import T0, T0_TEXT, a_stream_record, an_idea_item

LATER = T0 + timedelta(minutes=2)


def a_reply(**overrides: object) -> Comment:
    fields: dict[str, object] = {
        "comment_id": "c2",
        "idea_id": "idea-1",
        "challenge_id": "ch-1",
        "brand_id": "acme",
        "author_id": "user-2",
        "body": "Agreed!",
        "path": ("c1", "c2"),
        "official": True,
        "created_at": T0,
        "updated_at": T0,
        "parent_author_id": "user-1",
    }
    return Comment(**(fields | overrides))  # type: ignore[arg-type]


def events(kind: str, new: Comment | None, old: Comment | None = None, change_id: str = "change-1"):
    record = a_stream_record(
        kind,
        new=comment_to_item(new) if new else None,
        old=comment_to_item(old) if old else None,
        event_id=change_id,
    )
    return events_for_change(change_from_stream_record(record))


def test_an_inserted_comment_is_posted():
    [event] = events("INSERT", a_reply(), change_id="c0ffee")

    assert event == CommentPosted(
        event_id="c0ffee",
        occurred_at=T0,
        comment_id="c2",
        idea_id="idea-1",
        challenge_id="ch-1",
        brand_id="acme",
        author_id="user-2",
        parent_id="c1",
        parent_author_id="user-1",
        depth=1,
        official=True,
        body="Agreed!",
    )
    assert event.SOURCE == "cocreate.ideas"


def test_an_edited_body_is_an_edit():
    before = a_reply()

    [event] = events("MODIFY", before.edited("Agreed, strongly!", LATER), before)

    assert isinstance(event, CommentEdited)
    assert event.body == "Agreed, strongly!"
    assert event.occurred_at == LATER


@pytest.mark.parametrize(("remover", "by_staff"), [("user-2", False), ("moderator-1", True)])
def test_a_removal_is_a_deletion_without_the_body(remover, by_staff):
    before = a_reply()

    [event] = events("MODIFY", before.removed(remover, LATER), before)

    assert isinstance(event, CommentDeleted)
    assert event.deleted_by == remover
    assert event.by_staff is by_staff
    assert event.occurred_at == LATER
    assert "body" not in event.detail()


def test_a_helpful_mark_is_an_event_naming_who_marked_it():
    before = a_reply()

    [event] = events("MODIFY", before.marked_helpful(True, "moderator-1", LATER), before, change_id="mark-1")

    assert event == CommentMarkedHelpful(
        event_id="mark-1",
        occurred_at=LATER,
        comment_id="c2",
        idea_id="idea-1",
        challenge_id="ch-1",
        brand_id="acme",
        author_id="user-2",
        helpful=True,
        marked_by="moderator-1",
    )
    assert event.SOURCE == "cocreate.ideas"
    assert "body" not in event.detail()


def test_taking_the_mark_back_is_the_same_event_with_helpful_false():
    marked = a_reply().marked_helpful(True, "moderator-1", T0)
    later = LATER + timedelta(minutes=1)

    [event] = events("MODIFY", marked.marked_helpful(False, "admin-1", later), marked)

    assert isinstance(event, CommentMarkedHelpful)
    assert event.helpful is False
    assert event.marked_by == "admin-1"
    assert event.occurred_at == later


def test_changes_that_leave_the_helpful_mark_alone_emit_no_mark_event():
    marked = a_reply().marked_helpful(True, "moderator-1", T0)
    edited = marked.edited("Agreed, strongly!", LATER)

    assert events("MODIFY", marked, marked) == []  # a replayed no-op
    assert [type(event) for event in events("MODIFY", edited, marked)] == [CommentEdited]
    assert [type(event) for event in events("MODIFY", marked.removed("user-2", LATER), marked)] == [CommentDeleted]
    assert [type(event) for event in events("INSERT", marked)] == [CommentPosted]


def test_a_modification_that_changes_nothing_visible_is_silent():
    before = a_reply()

    assert events("MODIFY", before, before) == []


def test_removing_a_removed_comment_again_is_silent():
    removed = a_reply().removed("user-2", T0)

    assert events("MODIFY", removed, removed) == []


def test_a_removed_item_is_silent():
    assert events("REMOVE", None, a_reply()) == []


def test_the_ideas_comment_counter_update_produces_no_event():
    record = a_stream_record("MODIFY", new=an_idea_item(commentCount=1), old=an_idea_item())

    assert events_for_change(change_from_stream_record(record)) == []


def test_staff_notes_never_become_events():
    note = note_to_item(StaffNote("n1", "idea-1", "acme", "moderator-1", "internal", T0))
    record = a_stream_record("INSERT", new=note)

    assert entity_from_item(note) is None
    assert events_for_change(change_from_stream_record(record)) == []


def test_a_comment_item_round_trips():
    marked = a_reply().marked_helpful(True, "moderator-1", LATER)
    unmarked = marked.marked_helpful(False, "admin-1", LATER)
    for comment in (a_reply(), a_reply().edited("x", LATER), a_reply().removed("moderator-1", LATER), marked, unmarked):
        assert comment_from_item(comment_to_item(comment)) == comment


def test_helpful_is_on_the_item_only_while_true_and_who_last_changed_it_stays():
    marked = comment_to_item(a_reply().marked_helpful(True, "moderator-1", LATER))
    unmarked = comment_to_item(
        a_reply().marked_helpful(True, "moderator-1", T0).marked_helpful(False, "admin-1", LATER)
    )

    assert comment_to_item(a_reply())["helpful"] is None  # None: not written (serialize drops it)
    assert (marked["helpful"], marked["helpfulBy"]) == (True, "moderator-1")
    assert unmarked["helpful"] is None
    assert unmarked["helpfulBy"] == "admin-1"
    assert comment_from_item(unmarked).helpful is False


def test_a_comment_item_is_keyed_under_its_idea_by_thread_path_and_indexed_by_id():
    item = comment_to_item(a_reply())

    assert item["pk"] == "IDEA#idea-1"
    assert item["sk"] == "COMMENT#c1/c2"
    assert (item["gsi1pk"], item["gsi1sk"]) == ("COMMENT#c2", "#META")
    assert item["type"] == "Comment"
    assert item["createdAt"] == T0_TEXT
    assert item["depth"] == 1
    assert item["parentId"] == "c1"


def test_a_note_item_round_trips_without_an_index_entry():
    note = StaffNote("n1", "idea-1", "acme", "moderator-1", "internal", T0)
    item = note_to_item(note)

    assert note_from_item(item) == note
    assert (item["pk"], item["sk"]) == ("IDEA#idea-1", "NOTE#n1")
    assert "gsi1pk" not in item


def test_the_comment_mapping_ignores_changes_without_a_comment_image():
    assert comment_events(ItemChange("c-1", "REMOVE", T0, old=a_reply(), new=None)) == []
    assert comment_events(ItemChange("c-1", "MODIFY", T0, old=None, new=a_reply())) == []

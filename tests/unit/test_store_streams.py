from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.store.streams import change_from_stream_record

from .builders import a_challenge, a_challenge_item, a_stream_record, an_idea, an_idea_item


def test_an_inserted_idea_becomes_a_change_with_the_new_idea():
    change = change_from_stream_record(a_stream_record("INSERT", new=an_idea_item()))

    assert change.kind == "INSERT"
    assert change.new == an_idea()
    assert change.old is None


def test_the_change_id_is_the_stream_records_event_id():
    change = change_from_stream_record(a_stream_record("INSERT", new=an_idea_item(), event_id="7f3c"))

    assert change.change_id == "7f3c"


def test_an_inserted_challenge_becomes_a_change_with_the_new_challenge():
    assert change_from_stream_record(a_stream_record("INSERT", new=a_challenge_item())).new == a_challenge()


def test_a_modified_item_carries_both_images():
    record = a_stream_record("MODIFY", old=an_idea_item(), new=an_idea_item(title="Paper tape, recycled"))

    change = change_from_stream_record(record)

    assert change.kind == "MODIFY"
    assert change.old == an_idea()
    assert change.new == an_idea(title="Paper tape, recycled")


def test_a_removed_item_carries_only_the_old_image():
    change = change_from_stream_record(a_stream_record("REMOVE", old=a_challenge_item()))

    assert change.kind == "REMOVE"
    assert change.old == a_challenge()
    assert change.new is None


def test_an_item_of_another_type_gives_no_entity():
    record = a_stream_record("INSERT", new={"pk": "BUDGET#c1#user-1", "type": "Budget", "used": 1})

    assert change_from_stream_record(record).new is None


def test_a_vote_item_gives_a_vote() -> None:
    item = {"pk": "VOTE#i1#u1", "type": "Vote", "ideaId": "i1", "voterId": "u1", "challengeId": "c1", "value": -1}
    record = a_stream_record("REMOVE", old=item | {"votedAt": "2026-11-26T12:00:00.000Z"})

    change = change_from_stream_record(record)

    assert change.old is not None
    assert (change.old.idea_id, change.old.value) == ("i1", -1)


def test_the_change_occurred_at_the_records_approximate_creation_time():
    record = a_stream_record("INSERT", new=an_idea_item(), created_epoch=1_741_944_413.5)

    assert change_from_stream_record(record).occurred_at == datetime(2025, 3, 14, 9, 26, 53, 500000, tzinfo=UTC)


def test_a_record_without_a_creation_time_occurred_now():
    record = a_stream_record("INSERT", new=an_idea_item(), created_epoch=None)

    occurred_at = change_from_stream_record(record).occurred_at

    assert abs(datetime.now(UTC) - occurred_at) < timedelta(seconds=5)

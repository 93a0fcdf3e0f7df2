"""Notification preferences: defaults, validated updates, and which channels an event goes to."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.errors import ValidationError
from shared.domain.notification_prefs import (
    ALL_EVENT_TYPES,
    NOTIFIED_EVENT_TYPES,
    Channel,
    NotificationPreferences,
    channels_for,
    default_preferences,
    preferences_from_flags,
    unsubscribed,
    update_preferences,
)

INBOX, EMAIL, DIGEST = Channel.INBOX, Channel.EMAIL, Channel.DIGEST
FATEFUL = ("IdeaStatusChanged", "IdeaExpired", "ModerationDecided", "IdeaMerged")
CHATTY = ("CommentPosted", "IdeaMilestoneReached", "ChallengePhaseChanged")


def updated(changes, prefs: NotificationPreferences | None = None) -> NotificationPreferences:
    return update_preferences(prefs or default_preferences(), changes)


def refusal(changes) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        updated(changes)
    return raised.value


# Defaults


def test_every_notified_event_type_has_a_preference():
    assert set(default_preferences().channels) == set(NOTIFIED_EVENT_TYPES)


@pytest.mark.parametrize("event_type", NOTIFIED_EVENT_TYPES)
def test_the_inbox_is_on_for_everything_by_default(event_type):
    assert INBOX in channels_for(default_preferences(), event_type)


@pytest.mark.parametrize("event_type", FATEFUL)
def test_status_changes_decisions_and_merges_are_emailed_by_default(event_type):
    assert channels_for(default_preferences(), event_type) == {INBOX, EMAIL}


@pytest.mark.parametrize("event_type", CHATTY)
def test_other_events_only_reach_the_inbox_by_default(event_type):
    assert channels_for(default_preferences(), event_type) == {INBOX}


def test_the_digest_is_off_by_default():
    prefs = default_preferences()

    assert all(DIGEST not in channels_for(prefs, event_type) for event_type in NOTIFIED_EVENT_TYPES)


def test_an_event_type_nobody_has_preferences_for_reaches_the_inbox_only():
    assert channels_for(default_preferences(), "SomethingNew") == {INBOX}


# Updates


def test_an_update_changes_only_what_it_names():
    prefs = updated({"CommentPosted": {"email": True}})

    assert channels_for(prefs, "CommentPosted") == {INBOX, EMAIL}
    assert channels_for(prefs, "IdeaStatusChanged") == {INBOX, EMAIL}
    assert channels_for(prefs, "IdeaMilestoneReached") == {INBOX}


def test_a_channel_can_be_turned_off():
    prefs = updated({"IdeaStatusChanged": {"email": False, "inbox": False}})

    assert channels_for(prefs, "IdeaStatusChanged") == set()


def test_updates_accumulate():
    prefs = updated({"CommentPosted": {"email": True}})
    prefs = updated({"CommentPosted": {"inbox": False}}, prefs)

    assert channels_for(prefs, "CommentPosted") == {EMAIL}


def test_an_update_leaves_the_preferences_it_was_given_unchanged():
    original = default_preferences()

    updated({"IdeaMerged": {"email": False}}, original)

    assert original == default_preferences()


def test_an_empty_update_changes_nothing():
    assert updated({}) == default_preferences()


def test_an_unknown_event_type_is_refused_by_name():
    error = refusal({"VoteCast": {"email": True}})

    assert error.field == "VoteCast"
    assert "Unknown event type 'VoteCast'" in error.detail


def test_an_unknown_channel_is_refused_by_name():
    error = refusal({"CommentPosted": {"sms": True}})

    assert error.field == "CommentPosted.sms"
    assert "Unknown channel 'sms'" in error.detail


@pytest.mark.parametrize("flag", ["yes", 1, 0, None, "true"])
def test_flags_must_be_booleans(flag):
    error = refusal({"CommentPosted": {"email": flag}})

    assert error.field == "CommentPosted.email"


@pytest.mark.parametrize("flags", [True, ["email"], "email"])
def test_an_event_type_takes_an_object_of_channels(flags):
    assert refusal({"CommentPosted": flags}).field == "CommentPosted"


def test_the_update_itself_must_be_an_object():
    assert refusal([("CommentPosted", {"email": True})]).field == "preferences"


def test_nothing_changes_when_part_of_an_update_is_invalid():
    prefs = default_preferences()

    with pytest.raises(ValidationError):
        update_preferences(prefs, {"CommentPosted": {"email": True}, "Nope": {"email": True}})

    assert channels_for(prefs, "CommentPosted") == {INBOX}


# The digest


def test_choosing_the_digest_replaces_the_per_event_email():
    prefs = updated({"IdeaStatusChanged": {"digest": True}})

    assert channels_for(prefs, "IdeaStatusChanged") == {INBOX, DIGEST}


def test_turning_the_digest_off_brings_the_email_back():
    prefs = updated({"IdeaStatusChanged": {"digest": True}})
    prefs = updated({"IdeaStatusChanged": {"digest": False}}, prefs)

    assert channels_for(prefs, "IdeaStatusChanged") == {INBOX, EMAIL}


def test_the_digest_alone_is_a_channel_too():
    prefs = updated({"CommentPosted": {"digest": True, "inbox": False}})

    assert channels_for(prefs, "CommentPosted") == {DIGEST}


@given(
    changes=st.dictionaries(
        st.sampled_from(NOTIFIED_EVENT_TYPES),
        st.dictionaries(st.sampled_from([channel.value for channel in Channel]), st.booleans()),
    ),
)
def test_an_event_never_goes_both_by_email_and_to_the_digest(changes):
    prefs = updated(changes)

    for event_type in NOTIFIED_EVENT_TYPES:
        assert not {EMAIL, DIGEST} <= channels_for(prefs, event_type)


# Stored and shown


def test_flags_list_every_event_type_and_channel():
    flags = default_preferences().flags()

    assert set(flags) == set(NOTIFIED_EVENT_TYPES)
    assert flags["IdeaStatusChanged"] == {"inbox": True, "email": True, "digest": False}
    assert flags["CommentPosted"] == {"inbox": True, "email": False, "digest": False}


@given(
    changes=st.dictionaries(
        st.sampled_from(NOTIFIED_EVENT_TYPES),
        st.dictionaries(st.sampled_from([channel.value for channel in Channel]), st.booleans()),
    ),
)
def test_preferences_survive_a_round_trip_through_their_flags(changes):
    prefs = updated(changes)

    assert preferences_from_flags(prefs.flags()) == prefs


def test_stored_preferences_missing_an_event_type_get_its_defaults():
    stored = default_preferences().flags()
    del stored["IdeaMerged"]
    stored["CommentPosted"]["email"] = True

    prefs = preferences_from_flags(stored)

    assert channels_for(prefs, "IdeaMerged") == {INBOX, EMAIL}
    assert channels_for(prefs, "CommentPosted") == {INBOX, EMAIL}


def test_stored_event_types_and_channels_no_longer_known_are_dropped():
    prefs = preferences_from_flags(
        {"RetiredEvent": {"email": True}, "CommentPosted": {"sms": True, "email": True}, "IdeaMerged": "junk"}
    )

    assert set(prefs.channels) == set(NOTIFIED_EVENT_TYPES)
    assert channels_for(prefs, "CommentPosted") == {INBOX, EMAIL}
    assert channels_for(prefs, "IdeaMerged") == {INBOX, EMAIL}


# Unsubscribing


def test_unsubscribing_from_one_event_type_stops_its_email_and_digest_only():
    prefs = updated({"IdeaStatusChanged": {"digest": True}, "CommentPosted": {"email": True}})

    prefs = unsubscribed(prefs, "IdeaStatusChanged")

    assert channels_for(prefs, "IdeaStatusChanged") == {INBOX}
    assert channels_for(prefs, "CommentPosted") == {INBOX, EMAIL}


def test_unsubscribing_from_all_stops_every_email_and_keeps_the_inbox():
    prefs = unsubscribed(updated({"CommentPosted": {"digest": True}}), ALL_EVENT_TYPES)

    assert all(channels_for(prefs, event_type) == {INBOX} for event_type in NOTIFIED_EVENT_TYPES)


def test_unsubscribing_from_an_unknown_scope_is_refused():
    with pytest.raises(ValidationError) as raised:
        unsubscribed(default_preferences(), "VoteCast")

    assert raised.value.field == "scope"

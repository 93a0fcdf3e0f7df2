"""Notification preferences: which channels a participant hears about each kind of event on.

Channels: ``inbox`` (in the app), ``email`` (one email per event) and ``digest`` (collected into
the daily digest email). Choosing the digest for an event type replaces its per-event email: the
email choice is kept, so turning the digest off brings the per-event emails back.

Defaults: the inbox for everything; email for what changes an idea's fate (status changes and
expiry, moderation decisions, merges); no digest."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.domain.errors import ValidationError


class Channel(StrEnum):
    INBOX = "inbox"
    EMAIL = "email"
    DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class NotifiedType:
    label: str  # how it reads in an email ("Stop emails about status changes")
    emailed: bool = False  # emailed by default (else the inbox only)


# The detail-types participants are notified of, listed once: preferences, email labels and the
# notices (services/notices.py, checked by a test to render exactly these) all come from here.
NOTIFIED: dict[str, NotifiedType] = {
    "IdeaPublished": NotifiedType("published ideas"),
    "ContentHidden": NotifiedType("hidden content"),
    "AppealFiled": NotifiedType("appeals"),
    "ContentScreened": NotifiedType("items awaiting review"),
    "IdeaStatusChanged": NotifiedType("status changes", emailed=True),
    "IdeaExpired": NotifiedType("expired ideas", emailed=True),  # a status change too, by the schedule
    "ModerationDecided": NotifiedType("moderation decisions", emailed=True),
    "IdeaMerged": NotifiedType("merged ideas", emailed=True),
    "IdeaMilestoneReached": NotifiedType("milestones"),
    "CommentPosted": NotifiedType("comments"),
    "ChallengePhaseChanged": NotifiedType("challenge phases"),
    "ExportReady": NotifiedType("your data exports"),
    "BadgeAwarded": NotifiedType("badges earned"),
}
NOTIFIED_EVENT_TYPES: tuple[str, ...] = tuple(NOTIFIED)
EMAILED_BY_DEFAULT = frozenset(name for name, kind in NOTIFIED.items() if kind.emailed)
ALL_EVENT_TYPES = "all"  # the scope of "unsubscribe from every email"
_CHANNEL_NAMES = frozenset(channel.value for channel in Channel)


def default_channels(event_type: str) -> frozenset[Channel]:
    """The channels an event type has until its participant chooses. Unknown types: the inbox."""
    if event_type in EMAILED_BY_DEFAULT:
        return frozenset({Channel.INBOX, Channel.EMAIL})
    return frozenset({Channel.INBOX})


@dataclass(frozen=True, slots=True)
class NotificationPreferences:
    """The channels chosen for every notified event type."""

    channels: Mapping[str, frozenset[Channel]]

    def flags(self) -> dict[str, dict[str, bool]]:
        """``{eventType: {channel: on}}`` for every event type and channel: the API's and the store's shape."""
        return {
            event_type: {channel.value: channel in chosen for channel in Channel}
            for event_type in NOTIFIED_EVENT_TYPES
            for chosen in (self.channels.get(event_type, default_channels(event_type)),)
        }


@dataclass(frozen=True, slots=True)
class Profile:
    """What delivery needs of a participant: their preferences and, when known, their email address."""

    preferences: NotificationPreferences
    email: str | None = None


def default_preferences() -> NotificationPreferences:
    return NotificationPreferences({event_type: default_channels(event_type) for event_type in NOTIFIED_EVENT_TYPES})


def preferences_from_flags(stored: Mapping[str, Mapping[str, Any]]) -> NotificationPreferences:
    """Preferences as stored (``flags()``'s shape), read leniently: event types stored before they
    were notified get their defaults, and types or channels no longer known are dropped."""
    defaults = default_preferences()
    channels = dict(defaults.channels)
    for event_type, flags in stored.items():
        if event_type in channels and isinstance(flags, Mapping):
            channels[event_type] = _apply(channels[event_type], {c: flags[c] for c in Channel if c.value in flags})
    return NotificationPreferences(channels)


def _apply(current: frozenset[Channel], changes: Mapping[Channel, Any]) -> frozenset[Channel]:
    on = {channel for channel, flag in changes.items() if flag is True}
    off = {channel for channel, flag in changes.items() if flag is False}
    return frozenset((current - off) | on)


def _validated_changes(event_type: Any, flags: Any) -> dict[Channel, bool]:
    if not isinstance(event_type, str) or event_type not in NOTIFIED_EVENT_TYPES:
        raise ValidationError(
            f"Unknown event type {event_type!r}; event types: {', '.join(NOTIFIED_EVENT_TYPES)}.",
            field=str(event_type),
        )
    if not isinstance(flags, Mapping):
        raise ValidationError(
            f'{event_type} takes an object of channels, such as {{"email": false}}.', field=event_type
        )
    changes: dict[Channel, bool] = {}
    for name, flag in flags.items():
        field = f"{event_type}.{name}"
        if name not in _CHANNEL_NAMES:
            known = ", ".join(channel.value for channel in Channel)
            raise ValidationError(f"Unknown channel {name!r}; channels: {known}.", field=field)
        if not isinstance(flag, bool):
            raise ValidationError(f"{field} must be true or false.", field=field)
        changes[Channel(name)] = flag
    return changes


def update_preferences(
    current: NotificationPreferences, changes: Mapping[str, Mapping[str, bool]]
) -> NotificationPreferences:
    """Apply ``{eventType: {channel: on}}``; what it does not name stays as it was.

    Unknown event types or channels, and flags that are not booleans, are a ValidationError whose
    field is the event type or ``<eventType>.<channel>``. Nothing changes unless all of it is valid."""
    if not isinstance(changes, Mapping):
        raise ValidationError("Preferences are an object of event types.", field="preferences")
    validated = {event_type: _validated_changes(event_type, flags) for event_type, flags in changes.items()}
    channels = dict(current.channels)
    for event_type, channel_changes in validated.items():
        channels[event_type] = _apply(channels.get(event_type, default_channels(event_type)), channel_changes)
    return NotificationPreferences(channels)


def channels_for(prefs: NotificationPreferences, event_type: str) -> set[Channel]:
    """Where to deliver one event of ``event_type``: the digest, when chosen, replaces the email."""
    chosen = set(prefs.channels.get(event_type, default_channels(event_type)))
    if Channel.DIGEST in chosen:
        chosen.discard(Channel.EMAIL)
    return chosen


def unsubscribed(prefs: NotificationPreferences, scope: str) -> NotificationPreferences:
    """Email and digest turned off for ``scope`` (an event type, or ``ALL_EVENT_TYPES``): what an
    unsubscribe link does. The inbox stays as it was."""
    if scope == ALL_EVENT_TYPES:
        event_types: Iterable[str] = NOTIFIED_EVENT_TYPES
    elif scope in NOTIFIED_EVENT_TYPES:
        event_types = (scope,)
    else:
        raise ValidationError(f"Unknown unsubscribe scope {scope!r}.", field="scope")
    off = {Channel.EMAIL: False, Channel.DIGEST: False}
    channels = dict(prefs.channels)
    for event_type in event_types:
        channels[event_type] = _apply(channels.get(event_type, default_channels(event_type)), off)
    return NotificationPreferences(channels)

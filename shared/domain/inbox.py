"""Notices, their audiences and inbox notifications. Which event makes which notice, for whom, is
in shared/services/notices.py; nobody is told of their own action (``recipients``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shared.domain.errors import ValidationError
from shared.domain.privacy import is_former

INBOX_DAYS = 90  # notifications expire (TTL) after this, unless the stack says otherwise (InboxRetentionDays)


@dataclass(frozen=True, slots=True)
class Notice:
    event_id: str
    event_type: str
    at: datetime
    message: str
    idea_id: str | None = None
    challenge_id: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Audience:
    users: frozenset[str] = frozenset()
    followers_of: str | None = None  # an idea whose followers hear it too
    brand_staff_of: str | None = None  # a brand whose deciding moderators hear it
    challenge_creator_of: str | None = None  # a challenge whose creator (a brand admin) hears it
    followers_of_challenge: str | None = None  # a challenge whose ideas' followers hear it (page by page)


@dataclass(frozen=True, slots=True)
class NotificationRef:
    """Which of a user's notifications: the notice's time (to the millisecond) and its event.
    ``id`` is what the API shows and takes back; how the store keys the item is its own affair."""

    at: datetime
    event_id: str

    @property
    def id(self) -> str:
        return f"n{(self.at - _EPOCH) // timedelta(milliseconds=1)}.{self.event_id}"

    @classmethod
    def parse(cls, text: str, field: str = "ids") -> NotificationRef:
        """The ref an API id names; ValidationError (naming ``field``) for anything else."""
        match = _ID.fullmatch(text)
        if match is None:
            raise ValidationError(
                f"{text[:80]!r} is not a notification id (as listed by GET /me/notifications).", field=field
            )
        return cls(_EPOCH + timedelta(milliseconds=int(match[1])), match[2])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ID = re.compile(r"n(\d{1,15})\.([^\s]{1,128})")


@dataclass(frozen=True, slots=True)
class Notification:
    """One notice in one user's inbox."""

    user_id: str
    notice: Notice
    read: bool = False

    @property
    def ref(self) -> NotificationRef:
        return NotificationRef(self.notice.at, self.notice.event_id)


def recipients(users: frozenset[str], notice: Notice) -> frozenset[str]:
    """Nobody hears of their own action, and nobody erased: a pseudonym (an erased voter's votes, an
    erased author's ideas) names no one to tell."""
    return frozenset(user for user in users if user and user != notice.actor_id and not is_former(user))

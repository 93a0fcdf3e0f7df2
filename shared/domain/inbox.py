"""Notices, their audiences and inbox notifications. Which event makes which notice, for whom, is
in shared/services/notices.py; nobody is told of their own action (``recipients``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

INBOX_DAYS = 90  # notifications expire (TTL) after this


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
class Notification:
    """One notice in one user's inbox."""

    user_id: str
    notice: Notice
    read: bool = False


def recipients(users: frozenset[str], notice: Notice) -> frozenset[str]:
    """Nobody hears of their own action."""
    return frozenset(user for user in users if user and user != notice.actor_id)

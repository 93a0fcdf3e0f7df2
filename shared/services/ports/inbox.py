"""Notification ports: inbox items, profiles (preferences, address), digest entries, the channels
a notice goes out on, who hears of what (followers, deciders), and
the queue that fans a notice out (shared/store/inbox.py, fanout.py, moderation.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shared.domain.inbox import Notice, Notification, NotificationRef
from shared.domain.notification_prefs import Channel, NotificationPreferences, Profile
from shared.services.ports import Key, Page
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.email import MailPorts
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.live import Listeners
from shared.services.ports.staff import StaffMembers

AudiencePosition = tuple[int, Key | None]  # the index in AUDIENCE_STATUSES, the key to start from


class InboxItems(Protocol):
    """The users' inboxes: notifications written, listed, counted and marked read."""

    def deliver(self, notifications: Iterable[Notification]) -> int: ...

    def page(self, user_id: str, *, unread_only: bool, limit: int, start: Key | None) -> Page[Notification]: ...

    def unread_count(self, user_id: str) -> int: ...

    def mark_read(self, user_id: str, refs: Iterable[NotificationRef]) -> int:
        """Mark these notifications read (unknown ones are skipped); returns how many changed."""
        ...

    def unread(self, user_id: str, limit: int) -> list[NotificationRef]: ...


class Profiles(Protocol):
    """Each user's notification preferences and the email address their token verified."""

    def profile(self, user_id: str) -> Profile: ...

    def save_preferences(self, user_id: str, prefs: NotificationPreferences) -> None: ...

    def profiles_of(self, user_ids: Iterable[str]) -> dict[str, Profile]: ...

    def remember_email(self, user_id: str, email: str) -> bool: ...


class DigestCollector(Protocol):
    """Entries kept for the daily digest email (read back by the DigestStore port)."""

    def collect(self, notice: Notice, user_ids: Iterable[str], collected_at: datetime) -> int: ...


class Followers(Protocol):
    def followers(self, idea_id: str) -> Iterator[str]: ...


class FanOut(Protocol):
    def enqueue(self, notice: Notice, batches: Sequence[Sequence[str]], *, email_only: bool = False) -> None:
        """Queue one delivery message per batch of recipients (of the email only, if asked)."""

    def enqueue_audience_page(self, notice: Notice, challenge_id: str, position: AudiencePosition) -> None:
        """Queue the message that tells the followers of one page of a challenge's ideas."""


class NoticeChannel(Protocol):
    """One way a notice reaches the users who chose it (inbox, digest, email; push later).
    Channels are registered in ``NotifyPorts.channels`` and tried in that order."""

    channel: Channel

    def send(self, ports: NotifyPorts, notice: Notice, users: Sequence[str], profiles: Mapping[str, Profile]) -> int:
        """Send ``notice`` to ``users`` (all of whom chose this channel); returns how many it reached now."""
        ...


@dataclass(frozen=True)
class NotifyPorts:
    inbox: InboxItems
    profiles: Profiles
    digest: DigestCollector
    follows: Followers
    staff: StaffMembers  # a brand's staff hear of appeals and queued items
    ideas: IdeaRepository
    challenges: ChallengeRepository
    fanout: FanOut
    mail: MailPorts
    channels: tuple[NoticeChannel, ...]
    live: Listeners | None = None  # the WebSocket API's connections: notices pushed to listening inboxes

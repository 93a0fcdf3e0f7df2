"""Notifications: an event's audience resolved (followers, brand staff, ...), preferences applied,
then each channel: inboxes written, entries kept for the daily digest, emails sent (see
shared.services.email); large audiences split into batches through the queue (fan-out)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from shared.domain.errors import ValidationError
from shared.domain.ideas import PUBLIC_STATUSES, IdeaStatus
from shared.domain.inbox import Audience, Notice, Notification, NotificationRef, recipients
from shared.domain.live import Channel as LiveChannel
from shared.domain.live import ChannelKind
from shared.domain.notification_prefs import (
    Channel,
    Profile,
    channels_for,
    unsubscribed,
    update_preferences,
)
from shared.domain.principal import Principal
from shared.events import CommentPosted, DomainEvent, IdeaStatusChanged
from shared.live_messages import NoticeUpdate
from shared.observability import logger
from shared.services import live
from shared.services.email import email_notices
from shared.services.notices import notice_for
from shared.services.ports import Key, Page
from shared.services.ports.ideas import IdeaSort
from shared.services.ports.inbox import AudiencePosition, InboxItems, NoticeChannel, NotifyPorts, Profiles
from shared.services.staff import staff_ids

FANOUT_BATCH = 500  # recipients per delivery message: a 10,000-follower idea makes 20 messages
EMAIL_BATCH = 20  # emails sent by one message; more go to the queue in messages of this size
MAX_READ_ALL = 500  # notifications marked read per 'all' request (the client asks again for more)


def audience_of(ports: NotifyPorts, event: DomainEvent, audience: Audience) -> set[str]:
    users = set(audience.users)
    if audience.followers_of:
        users |= set(ports.follows.followers(audience.followers_of))
    if audience.brand_staff_of:
        users |= staff_ids(ports.staff, audience.brand_staff_of)
    if audience.challenge_creator_of:
        challenge = ports.challenges.get(audience.challenge_creator_of)
        if challenge is not None:
            users.add(challenge.created_by)
    if isinstance(event, CommentPosted):  # the idea's author hears of comments on it
        idea = ports.ideas.get(event.idea_id)
        if idea is not None:
            users.add(idea.author_id)
    return users


def notify(ports: NotifyPorts, event: DomainEvent, at: datetime) -> int:
    """Notify an event's audience (idempotent: a notification's key is the event's id). Returns the
    recipients delivered now, 0 when nobody is told or the audience went to the queue in batches.
    A status change is told with the brand's label for the status (``statusLabels``) where it has one."""
    label = None
    if isinstance(event, IdeaStatusChanged):
        challenge = ports.challenges.get(event.challenge_id)
        label = challenge.status_labels.get(event.to_status) if challenge else None
    built = notice_for(event, at, label)
    if built is None:
        return 0
    notice, audience = built
    if audience.followers_of_challenge:  # possibly huge: told page by page through the queue
        ports.fanout.enqueue_audience_page(notice, audience.followers_of_challenge, (0, None))
        return 0
    return _tell(ports, notice, recipients(frozenset(audience_of(ports, event, audience)), notice))


def _tell(ports: NotifyPorts, notice: Notice, audience: Iterable[str]) -> int:
    """Deliver now, or in FANOUT_BATCH messages through the queue when the audience is larger."""
    users = sorted(audience)
    if len(users) > FANOUT_BATCH:
        ports.fanout.enqueue(notice, [users[i : i + FANOUT_BATCH] for i in range(0, len(users), FANOUT_BATCH)])
        return 0
    return deliver(ports, notice, users)


AUDIENCE_PAGE = 25  # ideas per page of a challenge-wide audience
AUDIENCE_STATUSES = tuple(status for status in IdeaStatus if status in PUBLIC_STATUSES)


def deliver_audience_page(ports: NotifyPorts, notice: Notice, challenge_id: str, position: AudiencePosition) -> int:
    """Tell the followers of one page of the challenge's public ideas (one Query, then one
    followers Query per idea), then queue the next page. A user who follows several ideas gets one
    notice: inbox items and emails are keyed by the event, so later pages rewrite the same item."""
    index, start = position
    while index < len(AUDIENCE_STATUSES):
        status = AUDIENCE_STATUSES[index]
        page = ports.ideas.list_page(
            challenge_id, status=status, sort=IdeaSort.NEW, tag=None, limit=AUDIENCE_PAGE, start=start
        )
        if page.items or page.next_key:
            break
        index, start = index + 1, None
    else:
        return 0
    followers: set[str] = set()
    for idea in page.items:
        followers |= set(ports.follows.followers(idea.idea_id))
    written = _tell(ports, notice, recipients(frozenset(followers), notice))
    following = (index, page.next_key) if page.next_key else (index + 1, None)
    if following[0] < len(AUDIENCE_STATUSES):
        ports.fanout.enqueue_audience_page(notice, challenge_id, following)
    return written


def deliver(ports: NotifyPorts, notice: Notice, users: Sequence[str], *, only: Channel | None = None) -> int:
    """The notice on each user's chosen channels, channel by channel in the order registered
    (``ports.channels``: inbox and digest writes first, idempotent; emails last, each at most once,
    so a failed email fails the message and its retry sends only what is missing). ``only``: one
    channel (a batch of emails split off an earlier message). Returns the inbox items written now."""
    profiles = ports.profiles.profiles_of(users)
    chosen = {user: channels_for(profiles[user].preferences, notice.event_type) for user in users}
    written = 0
    for channel in ports.channels:
        if only is not None and channel.channel is not only:
            continue
        audience = [user for user in users if channel.channel in chosen[user]]
        if audience:
            reached = channel.send(ports, notice, audience, profiles)
            if channel.channel is Channel.INBOX:
                written += reached
    return written


class InboxChannel:
    channel = Channel.INBOX

    def send(
        self,
        ports: NotifyPorts,
        notice: Notice,
        users: Sequence[str],
        profiles: Mapping[str, Profile],  # noqa: ARG002 - the channel protocol's signature
    ) -> int:
        return ports.inbox.deliver(Notification(user, notice) for user in users)


class DigestChannel:
    """Entries for the daily digest (only when the stack sends email)."""

    channel = Channel.DIGEST

    def send(
        self,
        ports: NotifyPorts,
        notice: Notice,
        users: Sequence[str],
        profiles: Mapping[str, Profile],  # noqa: ARG002 - the channel protocol's signature
    ) -> int:
        return ports.digest.collect(notice, users, ports.mail.clock()) if ports.mail.on else 0


class EmailChannel:
    """One email per user with a known address (only when the stack sends email). More than
    EMAIL_BATCH go to the queue in messages of that size, so that one message never holds
    hundreds of sends (SES's rate, the function's timeout)."""

    channel = Channel.EMAIL

    def send(self, ports: NotifyPorts, notice: Notice, users: Sequence[str], profiles: Mapping[str, Profile]) -> int:
        if not ports.mail.on:
            return 0
        addresses = {user: email for user in users if (email := profiles[user].email) is not None}
        if len(addresses) > EMAIL_BATCH:
            emailed = list(addresses)
            ports.fanout.enqueue(
                notice, [emailed[i : i + EMAIL_BATCH] for i in range(0, len(emailed), EMAIL_BATCH)], email_only=True
            )
            return 0
        return email_notices(ports.mail, notice, addresses) if addresses else 0


class PushChannel:
    """Those who chose the inbox and listen to it over the WebSocket API (channel ``me``) get the
    notice at once, with their unread count (after the inbox channel wrote it). One batched read
    finds who listens; only they cost a count and a push. It writes no inbox item: it counts 0."""

    channel = Channel.INBOX

    def send(
        self,
        ports: NotifyPorts,
        notice: Notice,
        users: Sequence[str],
        profiles: Mapping[str, Profile],  # noqa: ARG002 - the channel protocol's signature
    ) -> int:
        if ports.live is None:
            return 0
        for user in sorted(ports.live.connections.present(users)):
            ref = NotificationRef(notice.at, notice.event_id)
            update = NoticeUpdate(
                id=ref.id,
                event_type=notice.event_type,
                message=notice.message,
                idea_id=notice.idea_id,
                challenge_id=notice.challenge_id,
                at=notice.at,
                unread_count=ports.inbox.unread_count(user),
            )
            listeners = ports.live.connections.listeners(LiveChannel(ChannelKind.USER, user))
            live.send(listeners, update.json_text(), ports.live)
        return 0


CHANNELS: tuple[NoticeChannel, ...] = (InboxChannel(), PushChannel(), DigestChannel(), EmailChannel())


# -- routes ----------------------------------------------------------------------------------------


class AddressBook:
    """Where emails go: the verified address of the caller's token, kept beside their preferences
    on their notification routes. One conditional write per user and address per warm container."""

    def __init__(self, remembered: int = 10_000) -> None:
        self._seen: dict[str, str] = {}
        self._remembered = remembered

    def note(self, principal: Principal, profiles: Profiles) -> None:
        """Never fails the route: an address not kept now is kept on the user's next call."""
        user_id, email = principal.user_id, principal.email
        if user_id is None or email is None or self._seen.get(user_id) == email:
            return
        try:
            profiles.remember_email(user_id, email)
        except Exception:  # noqa: BLE001 - a side write; the route's answer does not depend on it
            logger.warning("Email address not kept", exc_info=True)
            return
        if len(self._seen) >= self._remembered:
            self._seen.pop(next(iter(self._seen)))
        self._seen[user_id] = email


def my_notifications(
    principal: Principal, inbox: InboxItems, *, unread_only: bool, limit: int, start: Key | None
) -> tuple[Page[Notification], int]:
    user_id = principal.require_signed_in()
    return inbox.page(user_id, unread_only=unread_only, limit=limit, start=start), inbox.unread_count(user_id)


def mark_read(principal: Principal, inbox: InboxItems, ids: Sequence[str] | None, everything: bool) -> int:
    """Mark some (their ids) or all of the caller's notifications read."""
    user_id = principal.require_signed_in()
    if everything == (ids is not None):
        raise ValidationError("Send either ids or all: true.", field="ids")
    refs = inbox.unread(user_id, MAX_READ_ALL) if everything else [NotificationRef.parse(i) for i in ids or []]
    return inbox.mark_read(user_id, refs)


def my_preferences(principal: Principal, profiles: Profiles) -> Profile:
    return profiles.profile(principal.require_signed_in())


def change_preferences(principal: Principal, profiles: Profiles, changes: dict[str, Any]) -> Profile:
    user_id = principal.require_signed_in()
    profile = profiles.profile(user_id)
    prefs = update_preferences(profile.preferences, changes)
    profiles.save_preferences(user_id, prefs)
    return Profile(prefs, profile.email)


def unsubscribe(profiles: Profiles, user_id: str, scope: str) -> Profile:
    """What a signed unsubscribe link does (no sign-in: the token says who): email and digest off
    for ``scope``. Doing it twice changes nothing more."""
    profile = profiles.profile(user_id)
    prefs = unsubscribed(profile.preferences, scope)
    if prefs != profile.preferences:
        profiles.save_preferences(user_id, prefs)
    return Profile(prefs, profile.email)

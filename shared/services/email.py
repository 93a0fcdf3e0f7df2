"""Email: one per notice for those who chose it, and the daily digest; each at most once.

Every email is claimed in the sent log before it goes (key: the event id, or the digest's day), so
a redelivered message, a retried batch or a second run of the schedule never sends it twice. A
failed send gives the claim back and fails the message: it is retried, and past maxReceiveCount it
waits in the DLQ (nothing lost). The one gap: an attempt that dies after SES accepted the email and
before the log says so is taken over once its claim is stale, and that email goes twice.

The digest: the schedule queues one message per (day, shard) of the digest-day index; each message
handles a page of users and queues the next page, so no invocation walks everyone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from shared.domain.inbox import Notice
from shared.domain.mail import Email, Links, digest_email, notice_email
from shared.domain.notification_prefs import ALL_EVENT_TYPES, Channel, Profile, channels_for
from shared.domain.unsubscribe import TOKEN_LIFETIME, make_token
from shared.services.ports import Key, Page

CLAIM_STALE_SECONDS = 900  # longer than the function's timeout: a claim this old belongs to a dead attempt
DIGEST_WINDOW = timedelta(hours=24)
DIGEST_PAGE = 25  # users per digest message
DIGEST_READ = 200  # digest entries read per user (the email lists 50 and counts the rest)


class UndeliverableError(Exception):
    """SES refused this email for good (a malformed address): logged, never retried."""


class Mailer(Protocol):
    def send(self, email: Email) -> str: ...


class SentLog(Protocol):
    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> bool: ...

    def settle(self, user_id: str, key: str, state: str, detail: str) -> None: ...

    def release(self, user_id: str, key: str) -> None: ...


class DigestStore(Protocol):
    def profile(self, user_id: str) -> Profile: ...

    def digest_users(self, day: date, shard: int, *, limit: int, start: Key | None) -> Page[str]: ...

    def digest_notices(self, user_id: str, since: datetime, until: datetime, limit: int) -> list[Notice]: ...

    def read_in_inbox(self, user_id: str, notices: Iterable[Notice]) -> set[str]: ...


class Messages(Protocol):
    def send_many(self, bodies: Sequence[dict[str, Any]]) -> None: ...


@dataclass(frozen=True)
class MailPorts:
    mailer: Mailer | None  # None: the stack has no sender (SenderEmail) or public URL: no emails, no digest
    sent: SentLog
    secret: str  # signs unsubscribe tokens
    links: Links
    campaign: str
    clock: Callable[[], datetime]

    @property
    def on(self) -> bool:
        return self.mailer is not None


def send_once(ports: MailPorts, user_id: str, key: str, email: Email) -> bool:
    """Send unless the log says it went (or is going); True when this call sent it."""
    if ports.mailer is None or not ports.sent.claim(user_id, key, ports.clock().timestamp(), CLAIM_STALE_SECONDS):
        return False
    try:
        message_id = ports.mailer.send(email)
    except UndeliverableError as exc:
        ports.sent.settle(user_id, key, "undeliverable", str(exc))
        return False
    except BaseException:
        ports.sent.release(user_id, key)
        raise
    ports.sent.settle(user_id, key, "sent", message_id)
    return True


def _token(ports: MailPorts, user_id: str, scope: str) -> str:
    return make_token(ports.secret, user_id, scope, ports.clock() + TOKEN_LIFETIME)


def email_notices(ports: MailPorts, notice: Notice, addresses: dict[str, str]) -> int:
    """Email ``notice`` to ``{userId: address}``; how many went now. The first failure stops the
    batch and propagates (SES down: no point trying the rest; the retry sends what is missing)."""
    sent = 0
    for user_id, address in addresses.items():
        email = notice_email(
            address, notice, campaign=ports.campaign, links=ports.links, token=_token(ports, user_id, notice.event_type)
        )
        sent += send_once(ports, user_id, notice.event_id, email)
    return sent


# -- the daily digest ------------------------------------------------------------------------------


def digest_days(at: datetime) -> list[date]:
    """The days whose digest-day index can hold entries of the window (at - 24 h, at]."""
    return sorted({(at - DIGEST_WINDOW).date(), at.date()})


def start_digests(ports: MailPorts, queue: Messages, at: datetime, shards: int) -> int:
    """The schedule's part: one message per (day, shard); the consumer does the rest."""
    if not ports.on:
        return 0
    bodies = [
        {"digest": {"at": at.isoformat(), "day": day.isoformat(), "shard": shard}}
        for day in digest_days(at)
        for shard in range(shards)
    ]
    queue.send_many(bodies)
    return len(bodies)


def run_digest_page(ports: MailPorts, store: DigestStore, queue: Messages, job: dict[str, Any]) -> int:
    """One page of a digest message's users: their digests, then the next page queued. A failure
    propagates before the next page is queued, so the retry redoes this page (sent ones are skipped)."""
    at = datetime.fromisoformat(str(job["at"]))
    page = store.digest_users(
        date.fromisoformat(str(job["day"])), int(job["shard"]), limit=DIGEST_PAGE, start=job.get("cursor")
    )
    sent = sum(send_digest(ports, store, user_id, at) for user_id in page.items)
    if page.next_key:
        queue.send_many([{"digest": {**job, "cursor": page.next_key}}])
    return sent


def send_digest(ports: MailPorts, store: DigestStore, user_id: str, at: datetime) -> bool:
    """The user's digest for the 24 hours before ``at``: what they still want by digest and have
    not read in the app. Sent once per user and day (of ``at``)."""
    profile = store.profile(user_id)
    if profile.email is None:
        return False
    notices = [
        notice
        for notice in store.digest_notices(user_id, at - DIGEST_WINDOW, at, DIGEST_READ)
        if Channel.DIGEST in channels_for(profile.preferences, notice.event_type)
    ]
    read = store.read_in_inbox(user_id, notices) if notices else set()
    unread = [notice for notice in notices if notice.event_id not in read]
    if not unread:
        return False
    email = digest_email(
        profile.email, unread, campaign=ports.campaign, links=ports.links, token=_token(ports, user_id, ALL_EVENT_TYPES)
    )
    return send_once(ports, user_id, f"digest#{at.date().isoformat()}", email)

"""Email: one per notice for those who chose it, and the daily digest; each at most once.

Every email is claimed in the sent log before it goes (key: the event id, or the digest's day), so
a redelivered message, a retried batch or a second run of the schedule never sends it twice. A
send SES refused gives the claim back and fails the message: it is retried, and past
maxReceiveCount it waits in the DLQ (nothing lost). A claim held by another attempt fails the
message too (retried later: if that attempt died, its claim is stale by then and taken over). The
one gap: an attempt that dies, or times out waiting for SES's answer, after SES accepted the email
keeps its claim until it is stale, and that email then goes twice.

The digest: the schedule queues one message per (day, shard) of the digest-day index; each message
queues the next page of users, then sends its own page's digests, so no invocation walks everyone
and one failing page holds up no other. A digest covers what arrived since the user's last digest
(a watermark on their profile, at most DIGEST_MAX_WINDOW back), so entries collected late are in
the next one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from shared.domain.inbox import Notice
from shared.domain.mail import Email, Links, digest_email, notice_email
from shared.domain.notification_prefs import ALL_EVENT_TYPES, Channel, Profile, channels_for
from shared.domain.unsubscribe import TOKEN_LIFETIME, make_token
from shared.services.ports import Key, Page

# A claim this old belongs to a dead attempt (one send takes at most ~15 s): shorter than the
# queue's visibility timeout (360 s), so the retry of a message whose claim was busy can take it over.
CLAIM_STALE_SECONDS = 120
DIGEST_WINDOW = timedelta(hours=24)  # a first digest, and the days of the index a run reads
DIGEST_MAX_WINDOW = timedelta(days=7)  # how far back a digest looks after missed runs (entries' TTL)
DIGEST_PAGE = 25  # users per digest message
DIGEST_READ = 1_000  # digest entries read per user at most (the email lists 50 and counts the rest)


class UndeliverableError(Exception):
    """SES refused this email for good (a malformed address): logged, never retried."""


class RejectedError(Exception):
    """SES refused this one email for now (e.g. a recipient the sandbox does not allow): the others
    of the batch still go; the message fails afterwards and is retried (then the DLQ)."""


class UnknownOutcomeError(Exception):
    """No answer from SES in time: the email may have gone. Its claim is kept (taken over once stale)."""


class EmailBusyError(Exception):
    """Another attempt holds this email's claim: the message is retried later."""


class Claim(StrEnum):
    TAKEN = "taken"  # this attempt sends
    DONE = "done"  # sent (or undeliverable) before
    BUSY = "busy"  # another attempt is sending


class Mailer(Protocol):
    def send(self, email: Email) -> str: ...


class SentLog(Protocol):
    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> Claim: ...

    def settle(self, user_id: str, key: str, state: str, detail: str) -> None: ...

    def release(self, user_id: str, key: str) -> None: ...


class DigestStore(Protocol):
    def profile(self, user_id: str) -> Profile: ...

    def mark_digested(self, user_id: str, until: datetime) -> None: ...

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
    """Send unless the log says it went; True when this call sent it. EmailBusyError when another
    attempt is sending it (the caller's message is retried later)."""
    if ports.mailer is None:
        return False
    claim = ports.sent.claim(user_id, key, ports.clock().timestamp(), CLAIM_STALE_SECONDS)
    if claim is Claim.DONE:
        return False
    if claim is Claim.BUSY:
        raise EmailBusyError(f"email {key} to {user_id} is being sent by another attempt")
    try:
        message_id = ports.mailer.send(email)
    except UndeliverableError as exc:
        ports.sent.settle(user_id, key, "undeliverable", str(exc))
        return False
    except UnknownOutcomeError:
        raise  # the claim stays: a retry after it is stale sends (the email may then go twice)
    except BaseException:
        ports.sent.release(user_id, key)
        raise
    ports.sent.settle(user_id, key, "sent", message_id)
    return True


def _token(ports: MailPorts, user_id: str, scope: str) -> str:
    return make_token(ports.secret, user_id, scope, ports.clock() + TOKEN_LIFETIME)


def email_notices(ports: MailPorts, notice: Notice, addresses: dict[str, str]) -> int:
    """Email ``notice`` to ``{userId: address}``; how many went now. An email SES rejected does not
    stop the others (the first rejection is raised at the end); any other failure (SES down or
    throttling) stops the batch at once. The retry sends only what is missing."""
    sent, rejected = 0, None
    for user_id, address in addresses.items():
        email = notice_email(
            address, notice, campaign=ports.campaign, links=ports.links, token=_token(ports, user_id, notice.event_type)
        )
        try:
            sent += send_once(ports, user_id, notice.event_id, email)
        except RejectedError as exc:
            rejected = rejected or exc
    if rejected is not None:
        raise rejected
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
    """One page of a digest message's users: the next page queued first (a failing page holds up
    no other; a page queued twice sends nothing twice), then this page's digests. A failure
    propagates after every user of the page was tried, and the retry skips the digests sent."""
    at = datetime.fromisoformat(str(job["at"]))
    page = store.digest_users(
        date.fromisoformat(str(job["day"])), int(job["shard"]), limit=DIGEST_PAGE, start=job.get("cursor")
    )
    if page.next_key:
        queue.send_many([{"digest": {**job, "cursor": page.next_key}}])
    sent, failure = 0, None
    for user_id in page.items:
        try:
            sent += send_digest(ports, store, user_id, at)
        except (RejectedError, EmailBusyError) as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    return sent


def send_digest(ports: MailPorts, store: DigestStore, user_id: str, at: datetime) -> bool:
    """The user's digest at ``at``: what arrived since their last digest (the first: 24 hours back)
    that they still want by digest and have not read in the app. Sent once per user and day."""
    profile = store.profile(user_id)
    if profile.email is None:
        return False
    since = max(profile.digested_until or at - DIGEST_WINDOW, at - DIGEST_MAX_WINDOW)
    entries = store.digest_notices(user_id, since, at, DIGEST_READ)
    notices = [n for n in entries if Channel.DIGEST in channels_for(profile.preferences, n.event_type)]
    read = store.read_in_inbox(user_id, notices) if notices else set()
    unread = [notice for notice in notices if notice.event_id not in read]
    sent = False
    if unread:
        email = digest_email(
            profile.email,
            unread,
            campaign=ports.campaign,
            links=ports.links,
            token=_token(ports, user_id, ALL_EVENT_TYPES),
        )
        sent = send_once(ports, user_id, f"digest#{at.date().isoformat()}", email)
    if entries:  # the next digest starts after the newest entry seen (late ones come in the next)
        store.mark_digested(user_id, max(n.at for n in entries))
    return sent

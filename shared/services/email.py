"""Email: one per notice for those who chose it, and the daily digest; each at most once.

Every email is claimed in the sent log before it goes (key: the event id, or the digest's day), so
a redelivered message, a retried batch or a second run of the schedule never sends it twice. A
send SES refused gives the claim back and fails the message: it is retried, and past
maxReceiveCount it waits in the DLQ (nothing lost). A claim held by another attempt fails the
message too (retried later: if that attempt died, its claim is stale by then and taken over). The
one gap: an attempt that dies, or times out waiting for SES's answer, after SES accepted the email
keeps its claim until it is stale, and that email then goes twice. (A sent log that cannot be
written after SES accepted is logged and does not fail the message, whose retry would send again.)

The digest: the schedule queues one message per shard of the digest-day index; each message queues
the next page of users (once), then sends its own page's digests, so no invocation walks everyone
and one failing page holds up no other. A digest holds the user's entries not yet digested, and
removes them once it went, so entries collected late are in the next one."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from typing import Any

from shared.domain.inbox import Notice
from shared.domain.mail import Email, digest_email, notice_email
from shared.domain.notification_prefs import ALL_EVENT_TYPES, Channel, channels_for
from shared.domain.unsubscribe import TOKEN_LIFETIME, make_token
from shared.observability import logger, metrics
from shared.services.ports import Key
from shared.services.ports.email import (
    Claim,
    DigestStore,
    EmailBusyError,
    MailPorts,
    Messages,
    RejectedError,
    UndeliverableError,
    UnknownOutcomeError,
)

# A claim this old belongs to a dead attempt (one send takes at most ~15 s): shorter than the
# queue's visibility timeout (360 s), so the retry of a message whose claim was busy can take it over.
CLAIM_STALE_SECONDS = 120
DIGEST_PAGE = 25  # users per digest message
DIGEST_RUNS = "#digest"  # the sent log's "user" for the pages a digest run queued
DIGEST_READ = 1_000  # digest entries read per user at most (the email lists 50 and counts the rest)


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
        logger.warning("Email undeliverable", extra={"user": user_id, "key": key, "error": str(exc)})
        metrics.add_metric(name="EmailsUndeliverable", unit="Count", value=1)
        return False
    except UnknownOutcomeError:
        raise  # the claim stays: a retry after it is stale sends (the email may then go twice)
    except BaseException:
        ports.sent.release(user_id, key)
        raise
    try:
        ports.sent.settle(user_id, key, "sent", message_id)
    except Exception:  # noqa: BLE001 - the email went: failing the message would send it again once the claim is stale
        logger.exception("Email sent but not logged", extra={"user": user_id, "key": key, "message_id": message_id})
        metrics.add_metric(name="EmailsSentNotLogged", unit="Count", value=1)
    return True


def _token(ports: MailPorts, user_id: str, scope: str) -> str:
    return make_token(ports.secret(), user_id, scope, ports.clock() + TOKEN_LIFETIME)


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
    """The days of the digest-day index a run at ``at`` reads: yesterday's and today's."""
    return [at.date() - timedelta(days=1), at.date()]


def start_digests(ports: MailPorts, queue: Messages, at: datetime, shards: int) -> int:
    """The schedule's part: one message per shard; each walks yesterday's then today's users."""
    if not ports.on:
        return 0
    days = [day.isoformat() for day in digest_days(at)]
    bodies = [{"digest": {"at": at.isoformat(), "days": days, "day": 0, "shard": shard}} for shard in range(shards)]
    queue.send_many(bodies)
    return len(bodies)


def _next_job(job: dict[str, Any], next_key: Key | None) -> dict[str, Any] | None:
    if next_key:
        return {**job, "cursor": next_key}
    if int(job["day"]) + 1 < len(job["days"]):
        return {**job, "day": int(job["day"]) + 1, "cursor": None}
    return None


def _queue_once(ports: MailPorts, queue: Messages, job: dict[str, Any]) -> None:
    """Queue the next page once, however often this page's message is received (a retried page
    must not start a second chain): the sent log holds a claim per page."""
    key = "page#" + hashlib.sha256(json.dumps(job, sort_keys=True).encode()).hexdigest()[:32]
    if ports.sent.claim(DIGEST_RUNS, key, ports.clock().timestamp(), CLAIM_STALE_SECONDS) is not Claim.TAKEN:
        return  # queued before, or being queued by an attempt whose own retry finishes it
    try:
        queue.send_many([{"digest": job}])
    except BaseException:
        ports.sent.release(DIGEST_RUNS, key)
        raise
    ports.sent.settle(DIGEST_RUNS, key, "sent", "queued")


def run_digest_page(ports: MailPorts, store: DigestStore, queue: Messages, job: dict[str, Any]) -> int:
    """One page of a shard's users: the next page queued first (a failing page holds up no other),
    then this page's digests. A failure propagates after every user of the page was tried, and
    the retry skips the digests sent."""
    at = datetime.fromisoformat(str(job["at"]))
    day = date.fromisoformat(str(job["days"][int(job["day"])]))
    page = store.digest_users(day, int(job["shard"]), limit=DIGEST_PAGE, start=job.get("cursor"))
    following = _next_job(job, page.next_key)
    if following is not None:
        _queue_once(ports, queue, following)
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
    """The user's digest at ``at``: their entries up to then that they still want by digest and
    have not read in the app; sent once per user and day. The entries it looked at are removed
    once the digest went (or when nothing was left to send), so whatever is collected later, even
    an event older than ``at`` whose message came late, waits for the next digest."""
    profile = store.profile(user_id)
    if profile.email is None:
        return False
    entries = store.digest_notices(user_id, at, DIGEST_READ)
    if not entries:
        return False
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
    # Sent by another attempt today (or undeliverable): the entries stay for the next digest,
    # since some may have come after that one (a repeat is better than a loss).
    if sent or not unread:
        store.forget_digest(user_id, entries)
    return sent

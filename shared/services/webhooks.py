"""Brand webhooks: registration (brand admins), routing events to them, signed deliveries retried
with backoff for 24 hours then dead-lettered, every attempt logged, and replays."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from shared.domain.errors import NotFoundError, RuleViolationError, ValidationError
from shared.domain.filters import Filter, crossed, parse_filter
from shared.domain.hooks import MAX_WEBHOOKS_PER_BRAND, VOTE_FIELDS, WEBHOOK_EVENTS, Attempt, Webhook
from shared.domain.ids import new_id
from shared.domain.principal import Principal
from shared.domain.webhooks import SIGNATURE_HEADER, check_target_url, new_secret, next_attempt_at, sign
from shared.events import DomainEvent, IdeaVotesChanged
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.webhooks import DeliveryPorts, DeliveryQueue, WebhookStore

MAX_DELAY_SECONDS = 900  # SQS delays a message at most 15 minutes: longer waits are re-queued
TRY_LEASE_SECONDS = 120  # a taken try is the taker's this long: over the function's 60 s timeout, under
# the notifications queue's 360 s visibility timeout (so a dead taker's message, redelivered, takes it again)


def _allowed_fields(events: Sequence[str]) -> frozenset[str]:
    return frozenset().union(*(WEBHOOK_EVENTS[e] for e in events))


def _wanted(filter: Filter, event: DomainEvent, detail: Mapping[str, Any]) -> bool:
    """The filter holds for the event; for an event with counts before and after (IdeaVotesChanged)
    and clauses on votes.*, only when they cross: the idea did not pass before this batch of votes."""
    if not isinstance(event, IdeaVotesChanged) or not any(clause.field in VOTE_FIELDS for clause in filter.clauses):
        return filter.matches(detail)
    return crossed(filter, {**detail, "votes": detail["previousVotes"]}, detail)


def register(
    principal: Principal,
    brand_id: str,
    url: str,
    events: Sequence[str],
    clauses: Sequence[str],
    store: WebhookStore,
    *,
    allow_loopback: bool,
    clock: Clock = utc_now,
) -> Webhook:
    """A brand admin registers a URL for some event types; the secret is shown once."""
    user_id = principal.require_brand_admin(brand_id)
    unknown = sorted(set(events) - set(WEBHOOK_EVENTS))
    if unknown or not events:
        raise ValidationError(
            f"Unknown or no event types {unknown}; choose from {sorted(WEBHOOK_EVENTS)}.", field="events"
        )
    check_target_url(url, allow_loopback=allow_loopback, require_https=not allow_loopback)
    parse_filter(list(clauses), _allowed_fields(events))
    if len(store.of_brand(brand_id)) >= MAX_WEBHOOKS_PER_BRAND:
        raise RuleViolationError(f"A brand has at most {MAX_WEBHOOKS_PER_BRAND} webhooks.")
    now = now_ms(clock)
    hook = Webhook(
        webhook_id=new_id(int(now.timestamp() * 1000)),
        brand_id=brand_id,
        url=url,
        events=tuple(dict.fromkeys(events)),
        filter=tuple(clauses),
        secret=new_secret(),
        created_by=user_id,
        created_at=now,
    )
    store.add(hook)
    return hook


def list_webhooks(principal: Principal, brand_id: str, store: WebhookStore) -> list[Webhook]:
    principal.require_brand_admin(brand_id)
    return store.of_brand(brand_id)


def _own(principal: Principal, brand_id: str, webhook_id: str, store: WebhookStore) -> Webhook:
    principal.require_brand_admin(brand_id)
    hook = store.get(brand_id, webhook_id)
    if hook is None:
        raise NotFoundError(f"No webhook {webhook_id!r} in brand {brand_id!r}.")
    return hook


def delete_webhook(principal: Principal, brand_id: str, webhook_id: str, store: WebhookStore) -> None:
    _own(principal, brand_id, webhook_id, store)
    store.delete(brand_id, webhook_id)


def deliveries(
    principal: Principal, brand_id: str, webhook_id: str, store: WebhookStore, *, limit: int, start: Key | None
) -> Page[tuple[Attempt, dict[str, Any]]]:
    _own(principal, brand_id, webhook_id, store)
    return store.attempts(webhook_id, limit=limit, start=start)


def replay(
    principal: Principal,
    brand_id: str,
    webhook_id: str,
    delivery_id: str,
    store: WebhookStore,
    queue: DeliveryQueue,
    clock: Clock = utc_now,
) -> None:
    """Send a logged delivery again (a fresh 24-hour window)."""
    _own(principal, brand_id, webhook_id, store)
    start: Key | None = None
    for _ in range(20):  # the last 2,000 attempts
        page = store.attempts(webhook_id, limit=100, start=start)
        for attempt, event in page.items:
            if attempt.delivery_id == delivery_id:
                queue.send(_message(brand_id, webhook_id, delivery_id, event, now_ms(clock), 1, replay=True), 0)
                return
        if page.next_key is None:
            break
        start = page.next_key
    raise NotFoundError(f"No delivery {delivery_id!r} of webhook {webhook_id!r}.")


# -- routing and delivering ------------------------------------------------------------------------


def _message(
    brand_id: str,
    webhook_id: str,
    delivery_id: str,
    event: Mapping[str, Any],
    first: datetime,
    n: int,
    *,
    replay: bool = False,
) -> dict[str, Any]:
    return {
        "webhook": {
            "brandId": brand_id,
            "webhookId": webhook_id,
            "deliveryId": delivery_id,
            "attempt": n,
            "firstAt": first.isoformat(),
            "notBefore": None,
            "event": dict(event),
            "replay": replay,
        }
    }


def route(event: DomainEvent, event_time: datetime, store: WebhookStore, queue: DeliveryQueue) -> int:
    """Queue one delivery per webhook of the event's brand that wants it (event type and filter),
    once: a redelivered event finds its deliveries marked routed (marked after queueing, so a crash
    in between queues it twice, and the try that finds it delivered stops). Filters are clauses
    on the event's JSON detail, as subscribers see it."""
    detail_type = event.detail_type()
    brand_id = getattr(event, "brand_id", None)  # every webhook event names its brand
    if detail_type not in WEBHOOK_EVENTS or not brand_id:
        return 0
    detail = event.detail()
    body = {"id": event.event_id, "type": detail_type, "createdAt": event_time.isoformat(), "data": detail}
    queued = 0
    for hook in store.of_brand(brand_id):
        if detail_type not in hook.events:
            continue
        if not _wanted(parse_filter(list(hook.filter), _allowed_fields(hook.events)), event, detail):
            continue
        if store.delivery_state(hook.webhook_id, event.event_id) is not None:
            continue
        queue.send(_message(hook.brand_id, hook.webhook_id, event.event_id, body, event_time, 1), 0)
        store.mark_routed(hook.webhook_id, event.event_id)
        queued += 1
    return queued


def attempt_delivery(ports: DeliveryPorts, message: dict[str, Any]) -> Attempt | None:
    """Try one delivery; on failure queue the next try (exponential backoff with jitter) while the
    24-hour window lasts, then dead-letter it. Returns the attempt (None: nothing was tried: not
    yet due, the webhook deleted, delivered already, or this try is another copy's: a try is taken
    before its POST, so a message received twice posts once)."""
    job = message["webhook"]
    now = now_ms(ports.clock)
    not_before = datetime.fromisoformat(job["notBefore"]) if job.get("notBefore") else None
    if not_before is not None and now < not_before:  # a wait longer than SQS can delay: wait on
        ports.queue.send(message, min(MAX_DELAY_SECONDS, int((not_before - now).total_seconds()) + 1))
        return None
    hook = ports.store.get(str(job["brandId"]), str(job["webhookId"]))
    if hook is None:
        return None  # deleted since: nothing to deliver
    if not job.get("replay") and not ports.store.claim_try(
        hook.webhook_id, str(job["deliveryId"]), int(job["attempt"]), now, TRY_LEASE_SECONDS
    ):
        return None  # delivered already, or this try (or a later one) is another message's (see route)
    body = json.dumps(job["event"], separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Cocreate-Webhooks/1",
        SIGNATURE_HEADER: sign(hook.secret, body, int(now.timestamp())),
        "Cocreate-Delivery": str(job["deliveryId"]),
        "Cocreate-Event": str(job["event"]["type"]),
    }
    status: int | None = None
    error: str | None = None
    refused = False
    try:
        status = ports.poster.post(hook.url, body, headers)
    except OSError as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    except Exception as exc:  # noqa: BLE001 - a refused target (SSRF guard) or a protocol error
        error, refused = f"{type(exc).__name__}: {exc}"[:300], type(exc).__name__ == "RefusedTargetError"
    attempt = Attempt(
        hook.webhook_id, str(job["deliveryId"]), int(job["attempt"]), now, status, error, str(job["event"]["type"])
    )
    ports.store.record(attempt, job["event"])
    if attempt.delivered:
        return attempt
    first = datetime.fromisoformat(str(job["firstAt"]))
    following = None if refused else next_attempt_at(first, int(job["attempt"]), now, ports.rng)
    if following is None:
        ports.queue.dead_letter(message)
        if not job.get("replay"):  # a redrive of the message takes this try again at once
            ports.store.release_try(hook.webhook_id, str(job["deliveryId"]), int(job["attempt"]))
        return attempt
    wait = max(0, int((following - now).total_seconds()))
    again = {"webhook": {**job, "attempt": int(job["attempt"]) + 1, "notBefore": following.isoformat()}}
    ports.queue.send(again, min(MAX_DELAY_SECONDS, wait))
    return attempt

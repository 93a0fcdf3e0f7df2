"""Webhooks' ports: subscriptions and deliveries, the HTTP poster and the retry queue, with the
bundle the delivery use case takes (shared/store/webhooks.py, webhook_http.py)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shared.domain.hooks import Attempt, Webhook
from shared.services.ports import Clock, Key, Page, utc_now


class WebhookStore(Protocol):
    def add(self, hook: Webhook) -> None: ...

    def of_brand(self, brand_id: str) -> list[Webhook]: ...

    def get(self, brand_id: str, webhook_id: str) -> Webhook | None: ...

    def delete(self, brand_id: str, webhook_id: str) -> None: ...

    def record(self, attempt: Attempt, event: Mapping[str, Any]) -> None: ...

    def claim_try(self, webhook_id: str, delivery_id: str, attempt: int, now: datetime, lease_seconds: int) -> bool: ...

    def release_try(self, webhook_id: str, delivery_id: str, attempt: int) -> None: ...

    def delivery_state(self, webhook_id: str, delivery_id: str) -> str | None: ...

    def mark_routed(self, webhook_id: str, delivery_id: str) -> None: ...

    def attempts(self, webhook_id: str, *, limit: int, start: Key | None) -> Page[tuple[Attempt, dict[str, Any]]]: ...


class Poster(Protocol):
    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> int: ...


class DeliveryQueue(Protocol):
    def send(self, message: dict[str, Any], delay_seconds: int) -> None: ...

    def dead_letter(self, message: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class DeliveryPorts:
    store: WebhookStore
    poster: Poster
    queue: DeliveryQueue
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)  # jitter, not security

"""Ports the services need, one module per context (``ports/<context>.py``: each Protocol with the
values and errors it exchanges); shared.store implements them for DynamoDB, tests with fakes.
This module holds what every context shares: the clock, keys and pages.

Services take their ports one way: as arguments of each use case, never held in module globals
or constructors (the per-process caches, StatusLabels and AddressBook, take them per call too). A context
whose use cases need more than a few ports passes them as one frozen ``<Context>Ports`` bundle
defined beside them (MailPorts, NotifyPorts, DeliveryPorts, ModerationPorts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def now_ms(clock: Clock) -> datetime:
    """The clock's time to the millisecond: what the store keeps, so a write answers what a read returns."""
    now = clock()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


Key = dict[str, Any]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: the items and the key to continue from (None on the last page)."""

    items: list[T]
    next_key: Key | None

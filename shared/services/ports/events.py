"""The bus's port: publish domain events in order (shared/store/publisher.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from shared.events import DomainEvent


class EventPublisher(Protocol):
    """Port: deliver events to the bus. Returns the ids of the events that could not be sent."""

    def publish(self, events: Sequence[DomainEvent]) -> set[str]: ...

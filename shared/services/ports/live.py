"""Live ports: the connections table (shared/store/live.py), the API Gateway Management API that
pushes to a connection, and the live queue that brings a held vote count back a second later."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shared.domain.live import Channel, Connection
from shared.services.ports import Clock, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository


class Connections(Protocol):
    def open(self, connection: Connection) -> None: ...

    def get(self, connection_id: str) -> Connection | None: ...

    def close(self, connection_id: str) -> None:
        """Forget the connection and its subscriptions (idempotent)."""

    def subscribe(self, connection: Connection, channel: Channel) -> None:
        """Add a subscription (idempotent); ConflictError past MAX_SUBSCRIPTIONS or when the
        connection is gone."""

    def unsubscribe(self, connection_id: str, channel: Channel) -> None: ...

    def listeners(self, channel: Channel) -> Iterator[Connection]:
        """The connections subscribed to a channel, with who opened each (one Query per page)."""
        ...

    def present(self, user_ids: Iterable[str]) -> set[str]:
        """Which of the users listen to their own inbox on some connection (a batched read)."""
        ...


class Throttle(Protocol):
    def hold(self, channel: Channel, message: str, at: datetime) -> None:
        """Keep the channel's latest vote message (an older one never replaces a newer one)."""

    def claim(self, channel: Channel, now: datetime) -> str | None:
        """The held message, if a push is due (none in the last second) and one is held: taken,
        so only one caller pushes it. None otherwise."""
        ...

    def schedule(self, channel: Channel) -> bool:
        """Mark a delayed push as queued, if a message is held and none is queued yet."""
        ...

    def unschedule(self, channel: Channel) -> None:
        """The queued push arrived: another may be queued from now on."""


class Pusher(Protocol):
    def post(self, connection_id: str, data: str) -> bool:
        """Send ``data`` to a connection; False when it is gone (API Gateway's 410)."""
        ...


class LaterQueue(Protocol):
    def push_later(self, channel: Channel, seconds: int) -> None:
        """Come back to the channel's held message after ``seconds``."""


@dataclass(frozen=True)
class Listeners:
    """What pushing to connections needs (the notifications function's push channel too)."""

    connections: Connections
    pusher: Pusher


@dataclass(frozen=True)
class LivePorts:
    connections: Connections
    throttle: Throttle
    pusher: Pusher
    later: LaterQueue
    ideas: IdeaRepository
    challenges: ChallengeRepository
    clock: Clock = utc_now

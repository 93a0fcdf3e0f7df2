"""Live updates over the WebSocket API: channels, who may listen to which, and how often a vote
count is pushed (decision 61).

A connection subscribes to channels: an idea (``idea:<ideaId>``: its vote counts, comments and
status), a challenge (``challenge:<challengeId>``: ideas published in it, its phase) or the caller's
own inbox (``me``: new notices with the unread count). What is pushed is what the connection's
caller may read over HTTP at that moment: a hidden or pending idea's updates reach its brand's staff
only, an inbox its owner only, private staff notes never."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from shared.domain.errors import UnauthorizedError, ValidationError
from shared.domain.principal import Principal

CONNECTION_HOURS = 2  # API Gateway closes a WebSocket connection after 2 hours
MAX_SUBSCRIPTIONS = 20  # channels per connection
VOTES_INTERVAL = timedelta(seconds=1)  # at most one vote-count push per idea per second
_ID = r"[A-Za-z0-9_-]{1,64}"
_CHANNEL = re.compile(rf"^(?P<kind>idea|challenge):(?P<id>{_ID})$|^me$")


class ChannelKind(StrEnum):
    IDEA = "idea"
    CHALLENGE = "challenge"
    USER = "user"  # the caller's own inbox, named "me" by clients


@dataclass(frozen=True, slots=True)
class Channel:
    kind: ChannelKind
    target: str  # an idea id, a challenge id, or the user id of an inbox

    @property
    def key(self) -> str:
        """How the channel is stored and how messages name it (an inbox: user:<userId>)."""
        return f"{self.kind.value}:{self.target}"

    @property
    def public_name(self) -> str:
        """How a client names it (its own inbox is "me")."""
        return "me" if self.kind is ChannelKind.USER else self.key


def parse_channel(name: str, principal: Principal) -> Channel:
    """A client's channel name; ``me`` needs a signed-in connection. ValidationError naming
    ``channel`` for anything else."""
    found = _CHANNEL.fullmatch(name)
    if found is None:
        raise ValidationError("A channel is idea:<ideaId>, challenge:<challengeId> or me.", field="channel")
    if name == "me":
        if principal.user_id is None:
            raise UnauthorizedError("Connect with a token to listen to your inbox.")
        return Channel(ChannelKind.USER, principal.user_id)
    return Channel(ChannelKind(found["kind"]), found["id"])


@dataclass(frozen=True, slots=True)
class Connection:
    """An open WebSocket connection and who opened it (from the token at $connect)."""

    connection_id: str
    principal: Principal
    connected_at: datetime
    subscriptions: int = 0

    @property
    def expires_at(self) -> datetime:
        return self.connected_at + timedelta(hours=CONNECTION_HOURS)

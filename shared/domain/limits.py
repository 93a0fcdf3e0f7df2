"""Per-user rate limits: at most ``max`` actions of a kind in any rolling window of ``window``.

The state of one (action, challenge, user) is a ring of ``max`` slots holding the times of the
user's last ``max`` actions and the number of actions taken so far. The next action goes into
slot ``taken % max``, which holds the time of the action ``max`` actions back: the action is
admitted exactly when that time has left the window. So the limit is exact for any window (no
burst at a window's edge) and checking it costs one read and one conditional write."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class LimitedAction(StrEnum):
    """What participants do that a challenge limits per user (``rateLimits``)."""

    IDEAS = "ideas"  # idea submissions
    COMMENTS = "comments"  # comments and replies posted
    REPORTS = "reports"  # reports filed on ideas and comments
    VOTES = "votes"  # votes cast, changed or retracted (supports, and readers' helpful votes on reviews)


MAX_LIMIT = 100  # slots kept per user and action: the state item stays under 1 KB (one write unit)


@dataclass(frozen=True, slots=True)
class RateLimit:
    max: int
    window: timedelta

    def describe(self) -> str:
        return f"{self.max} per {_duration(self.window)}"


# Generous for a person, tight for a script: a participant who submits more than 10 ideas an hour,
# writes more than 30 comments or files more than 10 reports an hour, or votes more than 60 times
# in 10 minutes is almost always automated. Brands set their own per challenge.
DEFAULT_RATE_LIMITS: dict[LimitedAction, RateLimit] = {
    LimitedAction.IDEAS: RateLimit(10, timedelta(hours=1)),
    LimitedAction.COMMENTS: RateLimit(30, timedelta(hours=1)),
    LimitedAction.REPORTS: RateLimit(10, timedelta(hours=1)),
    LimitedAction.VOTES: RateLimit(60, timedelta(minutes=10)),
}


@dataclass(frozen=True, slots=True)
class Ring:
    """The stored state: actions taken so far and the times of the last ``size`` of them."""

    size: int
    taken: int
    slots: dict[int, datetime]

    @property
    def slot(self) -> int:
        return self.taken % self.size

    def serves(self, limit: RateLimit) -> bool:
        """Kept for this limit's ``max``; a ring made for another one starts again."""
        return self.size == limit.max


def wait_before(ring: Ring | None, limit: RateLimit, now: datetime) -> int:
    """Seconds until the next action is admitted: 0 when it is admitted now. A ring kept for
    another ``max`` (the brand changed the limit) starts again empty."""
    if ring is None or not ring.serves(limit):
        return 0
    oldest = ring.slots.get(ring.slot)
    if oldest is None or oldest <= now - limit.window:
        return 0
    return max(1, math.ceil((oldest + limit.window - now).total_seconds()))


def _duration(window: timedelta) -> str:
    seconds = int(window.total_seconds())
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return unit if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"

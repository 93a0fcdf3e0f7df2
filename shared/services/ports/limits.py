"""Rate limiting's port: a per-user ring of action times (shared/store/limits.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from shared.domain.limits import RateLimit


class RateLimiter(Protocol):
    def take(self, key: str, limit: RateLimit, now: datetime) -> int:
        """Record one action under ``key`` and return 0, or the seconds to wait (nothing recorded)."""

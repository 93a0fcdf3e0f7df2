"""Brands: the tenants of a stack. Operators create them and may suspend one; a suspended brand's
challenges are read-only (nothing is submitted, voted, commented or withdrawn there and their
settings and phase do not change) until it is reinstated. Moderation stays open, so staff can
still take down what breaks the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.domain.errors import RuleViolationError


@dataclass(frozen=True, slots=True)
class Brand:
    brand_id: str
    name: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    suspended: bool = False
    suspended_reason: str | None = None
    version: int = 1

    def check_active(self) -> None:
        """RuleViolationError (409) when the brand is suspended."""
        if self.suspended:
            raise RuleViolationError(f"Brand {self.brand_id!r} is suspended; its challenges are read-only.")

"""Who is calling, and the permission checks use cases make on it. Built from verified token
claims by shared.auth; the domain and services only read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from shared.domain.errors import ForbiddenError, UnauthorizedError


@dataclass(frozen=True)
class Principal:
    """Who is calling. ``user_id`` is None for anonymous callers of public routes."""

    user_id: str | None
    operator: bool = False
    admin_of: frozenset[str] = field(default_factory=frozenset)
    moderator_of: frozenset[str] = field(default_factory=frozenset)
    email: str | None = None  # only a verified address (the token's email_verified claim is true)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def brands(self) -> frozenset[str]:
        """Brands where the caller is staff (admin or moderator)."""
        return self.admin_of | self.moderator_of

    @cached_property
    def roles(self) -> frozenset[str]:
        roles = set()
        if self.signed_in:
            roles.add("participant")
        if self.operator:
            roles.add("operator")
        if self.admin_of:
            roles.add("brand_admin")
        if self.moderator_of:
            roles.add("moderator")
        return frozenset(roles)

    def is_brand_admin(self, brand_id: str) -> bool:
        return self.operator or brand_id in self.admin_of

    def is_brand_staff(self, brand_id: str) -> bool:
        return self.operator or brand_id in self.admin_of or brand_id in self.moderator_of

    def require_signed_in(self) -> str:
        if self.user_id is None:
            raise UnauthorizedError("Sign in to do this.")
        return self.user_id

    def require_brand_staff(self, brand_id: str) -> str:
        user_id = self.require_signed_in()
        if not self.is_brand_staff(brand_id):
            raise ForbiddenError(f"Only staff of brand {brand_id!r} or operators can do this.")
        return user_id

    def require_brand_admin(self, brand_id: str) -> str:
        user_id = self.require_signed_in()
        if not self.is_brand_admin(brand_id):
            raise ForbiddenError(f"Only admins of brand {brand_id!r} or operators can do this.")
        return user_id


ANONYMOUS = Principal(user_id=None)

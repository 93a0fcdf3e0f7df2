"""Staff ports: the staff list (shared/store/staff.py) and, with the stack's own user pool, the
identity directory whose groups tokens carry (shared/store/cognito.py)."""

from __future__ import annotations

from typing import Protocol

from shared.domain.staff import StaffMember, StaffRole
from shared.services.ports import Key, Page


class StaffMembers(Protocol):
    """What moderation and notifications read: a brand's whole staff list."""

    def members(self, brand_id: str) -> list[StaffMember]:
        """Every entry of a brand (at most MAX_STAFF: a couple of Query pages)."""
        ...


class StaffRepository(StaffMembers, Protocol):
    def get(self, brand_id: str, member_id: str) -> StaffMember | None: ...

    def put(self, member: StaffMember, expected_version: int | None) -> None:
        """Store ``member``: new when ``expected_version`` is None (ConflictError if it exists), else
        only over that version (ConflictError if it changed)."""

    def delete(self, member: StaffMember) -> None:
        """Remove the entry if it is still at ``member.version`` (ConflictError otherwise)."""

    def list_page(self, brand_id: str, *, limit: int, start: Key | None) -> Page[StaffMember]:
        """Members and pending invitations of a brand, by member id: one Query per page."""
        ...

    def memberships(self, user_id: str) -> list[StaffMember]:
        """The brands where ``user_id`` is an active member (one Query on the user's index key)."""
        ...

    def invitations(self, email: str) -> list[StaffMember]:
        """Pending invitations of an address (one Query)."""
        ...


class IdentityDirectory(Protocol):
    """The stack's own user pool: where brand groups live when the stack issues its own tokens."""

    def find_or_invite(self, email: str) -> str:
        """The user id (``sub``) of the account with this address, creating the account (the pool
        emails the person a temporary password) when there is none."""
        ...

    def add_to_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        """Put the user in the brand's group (made if missing); idempotent."""

    def remove_from_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        """Take the user out of the group and sign them out everywhere (their refresh tokens stop
        working; a token already issued keeps its groups until it expires); idempotent."""

"""Staff use cases: a brand's admins invite, list, re-role and remove its staff; invitees accept
(external issuer); the staff list decides appeals and the queue's audience (decision 59).

With the stack's own user pool (``directory`` given) membership is the pool's group, which the
next token carries, and the list mirrors it; with an external issuer the list itself is the
membership, read by `Memberships` for each caller's token ``sub``."""

from __future__ import annotations

import time
from dataclasses import replace

from shared.domain.brands import Brand
from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, require_version
from shared.domain.principal import Principal
from shared.domain.staff import (
    MAX_STAFF,
    StaffMember,
    StaffRole,
    StaffState,
    member_id_for,
    normalise_email,
    other_deciders,
)
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.brands import BrandRepository
from shared.services.ports.staff import IdentityDirectory, StaffMembers, StaffRepository


def _brand(principal: Principal, brand_id: str, brands: BrandRepository) -> Brand:
    """The brand, for its staff and operators; anyone else gets 404 (brands are not public)."""
    principal.require_signed_in()
    brand = brands.get(brand_id)
    if brand is None or not principal.is_brand_staff(brand_id):
        raise NotFoundError(f"No brand {brand_id!r}.")
    return brand


def invite(
    principal: Principal,
    brand_id: str,
    email: str,
    role: StaffRole,
    *,
    brands: BrandRepository,
    staff: StaffRepository,
    directory: IdentityDirectory | None,
    clock: Clock = utc_now,
) -> StaffMember:
    """The brand's admins (and operators) invite an address. With a user pool the person is a
    member at once; otherwise the invitation waits for them. Inviting a pending address again
    renews its invitation (and its role); an active member is a 409 (change the role instead)."""
    by = principal.require_signed_in()
    _brand(principal, brand_id, brands)
    principal.require_brand_admin(brand_id)
    address = normalise_email(email)
    member_id = member_id_for(brand_id, address)
    existing = staff.get(brand_id, member_id)
    if existing is not None and existing.active:
        raise ConflictError(f"{address} is already {existing.role.value} of brand {brand_id!r}; change the role.")
    if existing is None and len(staff.members(brand_id)) >= MAX_STAFF:
        raise ConflictError(f"Brand {brand_id!r} has {MAX_STAFF} staff and invitations; remove some first.")
    now = now_ms(clock)
    member = StaffMember(
        brand_id=brand_id,
        member_id=member_id,
        email=address,
        role=role,
        state=StaffState.INVITED,
        invited_by=by,
        invited_at=now,
        version=existing.version + 1 if existing else 1,
    )
    if directory is not None:
        user_id = directory.find_or_invite(address)
        directory.add_to_group(user_id, brand_id, role)
        member = replace(member, state=StaffState.ACTIVE, user_id=user_id, joined_at=now)
    staff.put(member, existing.version if existing else None)
    return member


def list_staff(
    principal: Principal,
    brand_id: str,
    *,
    brands: BrandRepository,
    staff: StaffRepository,
    limit: int,
    start: Key | None,
) -> Page[StaffMember]:
    """The brand's staff (and operators) see its members and pending invitations."""
    _brand(principal, brand_id, brands)
    return staff.list_page(brand_id, limit=limit, start=start)


def _member(
    principal: Principal, brand_id: str, member_id: str, brands: BrandRepository, staff: StaffRepository
) -> StaffMember:
    _brand(principal, brand_id, brands)
    member = staff.get(brand_id, member_id)
    if member is None:
        raise NotFoundError(f"No staff member {member_id!r} in brand {brand_id!r}.")
    return member


def change_role(
    principal: Principal,
    brand_id: str,
    member_id: str,
    role: StaffRole,
    *,
    brands: BrandRepository,
    staff: StaffRepository,
    directory: IdentityDirectory | None,
    expected_version: int | None = None,
) -> StaffMember:
    """The brand's admins move a member (or a pending invitation) between admin and moderator."""
    member = _member(principal, brand_id, member_id, brands, staff)
    principal.require_brand_admin(brand_id)
    require_version("staff member", member.version, expected_version)
    if member.role is role:
        return member
    if directory is not None and member.user_id is not None:
        directory.add_to_group(member.user_id, brand_id, role)
        directory.remove_from_group(member.user_id, brand_id, member.role)
    changed = replace(member, role=role, version=member.version + 1)
    staff.put(changed, member.version)
    return changed


def remove(
    principal: Principal,
    brand_id: str,
    member_id: str,
    *,
    brands: BrandRepository,
    staff: StaffRepository,
    directory: IdentityDirectory | None,
) -> StaffMember:
    """The brand's admins remove a member or withdraw an invitation; members may leave themselves.
    With a user pool the person leaves the group first (and is signed out everywhere), so a retry
    after a failure finishes the removal."""
    member = _member(principal, brand_id, member_id, brands, staff)
    if member.user_id != principal.user_id:
        principal.require_brand_admin(brand_id)
    if directory is not None and member.user_id is not None:
        directory.remove_from_group(member.user_id, brand_id, member.role)
    staff.delete(member)
    return member


def my_invitations(principal: Principal, staff: StaffRepository, clock: Clock = utc_now) -> list[StaffMember]:
    """The caller's pending, unexpired invitations (by the verified address of their token)."""
    principal.require_signed_in()
    if principal.email is None:
        return []
    now = clock()
    return [member for member in staff.invitations(principal.email) if member.expires_at > now]


def accept(principal: Principal, brand_id: str, staff: StaffRepository, clock: Clock = utc_now) -> StaffMember:
    """The invitee accepts the invitation sent to the verified address of their token."""
    user_id = principal.require_signed_in()
    if principal.email is None:
        raise ForbiddenError("Sign in with the invited address (a verified email claim) to accept.")
    member = staff.get(brand_id, member_id_for(brand_id, principal.email))
    if member is None:
        raise NotFoundError(f"No invitation of brand {brand_id!r} for your address.")
    joined = member.accept(user_id, principal.email, now_ms(clock))
    staff.put(joined, member.version)
    return joined


def staff_ids(staff: StaffMembers, brand_id: str) -> set[str]:
    """The user ids of a brand's active staff: who hears of appeals and queued items."""
    return {member.user_id for member in staff.members(brand_id) if member.active and member.user_id}


def another_decider(staff: StaffMembers, brand_id: str, deciding: str) -> bool:
    return other_deciders(staff.members(brand_id), deciding)


class Memberships:
    """The brands where a user is staff by the staff list (external issuer), per process for a
    short while: a request that checks roles costs no read when the same user called shortly
    before. A removal reaches every process within ``ttl_seconds``."""

    def __init__(self, ttl_seconds: float = 30.0) -> None:
        self._ttl = ttl_seconds
        self._seen: dict[str, tuple[float, frozenset[str], frozenset[str]]] = {}

    def joined(self, principal: Principal, staff: StaffRepository) -> Principal:
        """``principal`` with the roles its staff memberships give (added to its token's)."""
        if principal.user_id is None:
            return principal
        now = time.monotonic()
        seen = self._seen.get(principal.user_id)
        if seen is None or now - seen[0] > self._ttl:
            members = staff.memberships(principal.user_id)
            admin = frozenset(m.brand_id for m in members if m.active and m.role is StaffRole.ADMIN)
            moderator = frozenset(m.brand_id for m in members if m.active and m.role is StaffRole.MODERATOR)
            seen = (now, admin, moderator)
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen[principal.user_id] = seen
        if not (seen[1] or seen[2]):
            return principal
        return replace(principal, admin_of=principal.admin_of | seen[1], moderator_of=principal.moderator_of | seen[2])

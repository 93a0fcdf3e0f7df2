"""A brand's staff: invitations, acceptance, roles and removal against in-memory fakes; the
memberships an external issuer's callers get from the list; the events the list's changes make."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest

from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, RuleViolationError
from shared.domain.principal import Principal
from shared.domain.staff import MAX_STAFF, StaffMember, StaffRole, StaffState, member_id_for, other_deciders
from shared.events import StaffInvited, StaffJoined, StaffRemoved, StaffRoleChanged
from shared.services import staff as service
from shared.services.outbox import ItemChange, events_for_change
from shared.services.ports import Key, Page

from .builders import BRAND, T0, a_brand, a_moderator_of, a_participant, an_admin_of


class FakeStaff:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], StaffMember] = {}
        self.membership_reads = 0

    def get(self, brand_id: str, member_id: str) -> StaffMember | None:
        return self.items.get((brand_id, member_id))

    def put(self, member: StaffMember, expected_version: int | None) -> None:
        current = self.items.get((member.brand_id, member.member_id))
        if (current is None) != (expected_version is None) or (current and current.version != expected_version):
            raise ConflictError("changed")
        self.items[(member.brand_id, member.member_id)] = member

    def delete(self, member: StaffMember) -> None:
        current = self.items.get((member.brand_id, member.member_id))
        if current is None or current.version != member.version:
            raise ConflictError("changed")
        del self.items[(member.brand_id, member.member_id)]

    def list_page(self, brand_id: str, *, limit: int, start: Key | None) -> Page[StaffMember]:
        return Page(self.members(brand_id)[:limit], None)

    def members(self, brand_id: str) -> list[StaffMember]:
        return sorted((m for (b, _), m in self.items.items() if b == brand_id), key=lambda m: m.member_id)

    def memberships(self, user_id: str) -> list[StaffMember]:
        self.membership_reads += 1
        return [m for m in self.items.values() if m.active and m.user_id == user_id]

    def invitations(self, email: str) -> list[StaffMember]:
        return [m for m in self.items.values() if not m.active and m.email == email]


@dataclass
class FakeDirectory:
    groups: dict[str, set[str]] = field(default_factory=dict)
    signed_out: list[str] = field(default_factory=list)

    def find_or_invite(self, email: str) -> str:
        return f"sub-of-{email}"

    def add_to_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        self.groups.setdefault(user_id, set()).add(f"brand-{brand_id}-{role.value}s")

    def remove_from_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        self.groups.get(user_id, set()).discard(f"brand-{brand_id}-{role.value}s")
        self.signed_out.append(user_id)


class FakeBrands:
    def get(self, brand_id: str):  # type: ignore[no-untyped-def]
        return a_brand(brand_id=brand_id) if brand_id == BRAND else None


def invite(staff: FakeStaff, email: str = "ivy@example.com", directory: FakeDirectory | None = None, **kw):  # type: ignore[no-untyped-def]
    principal = kw.pop("principal", an_admin_of())
    role = kw.pop("role", StaffRole.MODERATOR)
    return service.invite(
        principal, BRAND, email, role, brands=FakeBrands(), staff=staff, directory=directory, clock=lambda: T0
    )


def invitee(email: str | None = "ivy@example.com", user_id: str = "ivy") -> Principal:
    return Principal(user_id=user_id, email=email)


def test_without_a_user_pool_an_invitation_waits_for_its_address() -> None:
    staff = FakeStaff()

    member = invite(staff, "Ivy@Example.com ")

    assert (member.state, member.email, member.user_id) == (StaffState.INVITED, "ivy@example.com", None)
    assert member.member_id == member_id_for(BRAND, "ivy@example.com")
    assert member.expires_at == T0 + timedelta(days=14)


def test_with_a_user_pool_the_person_is_a_member_of_the_group_at_once() -> None:
    staff, directory = FakeStaff(), FakeDirectory()

    member = invite(staff, directory=directory, role=StaffRole.ADMIN)

    assert (member.state, member.user_id, member.joined_at) == (StaffState.ACTIVE, "sub-of-ivy@example.com", T0)
    assert directory.groups["sub-of-ivy@example.com"] == {f"brand-{BRAND}-admins"}


def test_the_invitee_accepts_with_the_invited_verified_address() -> None:
    staff = FakeStaff()
    invite(staff)

    joined = service.accept(invitee(), BRAND, staff, clock=lambda: T0 + timedelta(days=1))

    assert (joined.state, joined.user_id, joined.version) == (StaffState.ACTIVE, "ivy", 2)
    assert service.my_invitations(invitee(), staff, clock=lambda: T0) == []


@pytest.mark.parametrize(
    ("who", "error"),
    [(invitee(email=None), ForbiddenError), (invitee(email="eve@example.com"), NotFoundError)],
    ids=["no verified address", "another address"],
)
def test_nobody_else_accepts(who: Principal, error: type[Exception]) -> None:
    staff = FakeStaff()
    invite(staff)

    with pytest.raises(error):
        service.accept(who, BRAND, staff, clock=lambda: T0)


def test_an_invitation_lapses_after_fourteen_days() -> None:
    staff = FakeStaff()
    invite(staff)

    assert service.my_invitations(invitee(), staff, clock=lambda: T0 + timedelta(days=13))
    assert service.my_invitations(invitee(), staff, clock=lambda: T0 + timedelta(days=14)) == []
    with pytest.raises(RuleViolationError, match="expired"):
        service.accept(invitee(), BRAND, staff, clock=lambda: T0 + timedelta(days=14))


def test_an_accepted_invitation_is_not_accepted_twice() -> None:
    staff = FakeStaff()
    invite(staff)
    service.accept(invitee(), BRAND, staff, clock=lambda: T0)

    with pytest.raises(RuleViolationError):
        service.accept(invitee(), BRAND, staff, clock=lambda: T0)


def test_only_the_brands_admins_invite() -> None:
    staff = FakeStaff()

    with pytest.raises(ForbiddenError):
        invite(staff, principal=a_moderator_of())
    with pytest.raises(NotFoundError):
        invite(staff, principal=a_participant())
    assert staff.items == {}


def test_a_brand_holds_at_most_max_staff_entries() -> None:
    staff = FakeStaff()
    for n in range(MAX_STAFF):
        invite(staff, f"p{n}@example.com")

    with pytest.raises(ConflictError, match=str(MAX_STAFF)):
        invite(staff, "one.more@example.com")
    invite(staff, "p0@example.com")  # renewing an invitation adds nothing


def test_a_role_change_moves_the_pool_groups_and_a_removal_signs_out() -> None:
    staff, directory = FakeStaff(), FakeDirectory()
    member = invite(staff, directory=directory)
    admin, brands = an_admin_of(), FakeBrands()

    promoted = service.change_role(
        admin, BRAND, member.member_id, StaffRole.ADMIN, brands=brands, staff=staff, directory=directory
    )
    service.remove(admin, BRAND, member.member_id, brands=brands, staff=staff, directory=directory)

    assert (promoted.role, promoted.version) == (StaffRole.ADMIN, 2)
    assert directory.groups["sub-of-ivy@example.com"] == set()
    assert directory.signed_out == ["sub-of-ivy@example.com", "sub-of-ivy@example.com"]
    assert staff.items == {}


def test_a_member_may_leave_but_not_remove_others() -> None:
    staff, directory = FakeStaff(), FakeDirectory()
    mine = invite(staff, directory=directory)
    other = invite(staff, "omar@example.com", directory=directory)
    me = a_moderator_of(user_id=str(mine.user_id))

    with pytest.raises(ForbiddenError):
        service.remove(me, BRAND, other.member_id, brands=FakeBrands(), staff=staff, directory=directory)
    service.remove(me, BRAND, mine.member_id, brands=FakeBrands(), staff=staff, directory=directory)

    assert [m.email for m in staff.members(BRAND)] == ["omar@example.com"]


def test_another_decider_is_an_active_member_other_than_the_one_deciding() -> None:
    member = StaffMember(BRAND, "m1", "a@example.com", StaffRole.MODERATOR, StaffState.ACTIVE, "x", T0, "mia")
    pending = replace(member, member_id="m2", state=StaffState.INVITED, user_id=None)
    admin = replace(member, member_id="m3", role=StaffRole.ADMIN, user_id="ada")

    assert not other_deciders([member, pending], "mia")
    assert other_deciders([member, pending, admin], "mia")
    assert other_deciders([member], "someone-else")


def test_memberships_join_the_lists_roles_to_the_tokens_and_are_read_once_in_a_while() -> None:
    staff, directory = FakeStaff(), FakeDirectory()
    member = invite(staff, directory=directory)
    memberships = service.Memberships(ttl_seconds=60)
    caller = Principal(user_id=str(member.user_id), admin_of=frozenset({"other"}))

    first = memberships.joined(caller, staff)
    again = memberships.joined(caller, staff)

    assert (first.moderator_of, first.admin_of) == (frozenset({BRAND}), frozenset({"other"}))
    assert again == first
    assert staff.membership_reads == 1
    assert memberships.joined(Principal(user_id=None), staff).user_id is None


def _change(kind: str, old: StaffMember | None, new: StaffMember | None) -> ItemChange:
    return ItemChange(change_id="c1", kind=kind, occurred_at=T0, old=old, new=new)  # type: ignore[arg-type]


def test_the_lists_changes_become_staff_events_without_the_address() -> None:
    staff = FakeStaff()
    pending = invite(staff)
    joined = pending.accept("ivy", "ivy@example.com", T0)
    promoted = replace(joined, role=StaffRole.ADMIN, version=3)

    [invited] = events_for_change(_change("INSERT", None, pending))
    [accepted] = events_for_change(_change("MODIFY", pending, joined))
    [moved] = events_for_change(_change("MODIFY", joined, promoted))
    [removed] = events_for_change(_change("REMOVE", promoted, None))

    assert isinstance(invited, StaffInvited)
    assert invited.invited_by == "admin-1"
    assert isinstance(accepted, StaffJoined)
    assert accepted.user_id == "ivy"
    assert isinstance(moved, StaffRoleChanged)
    assert (moved.role, moved.previous_role) == ("admin", "moderator")
    assert isinstance(removed, StaffRemoved)
    assert removed.user_id == "ivy"
    assert all("ivy@example.com" not in str(e.detail()) for e in (invited, accepted, moved, removed))

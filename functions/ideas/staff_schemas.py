"""Request and response bodies of a brand's staff (members and pending invitations)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from shared.domain.staff import EMAIL_PATTERN, StaffMember, StaffRole, StaffState
from shared.http import ByValue, RequestBody, ResponseBody

Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=6, max_length=254, pattern=EMAIL_PATTERN)]


class StaffInvite(RequestBody):
    email: Email = Field(description="Who to invite: the address they sign in with.")
    role: ByValue[StaffRole] = Field(description="admin (manages the brand and its staff) or moderator.")


class StaffPatch(RequestBody):
    role: ByValue[StaffRole]


class StaffMemberView(ResponseBody):
    member_id: str = Field(description="The entry's id (one per brand and address).")
    brand_id: str
    email: str
    role: StaffRole
    state: StaffState = Field(description="invited: waits for the person to accept; active: a member.")
    user_id: str | None = Field(description="The member's user id (token sub); null while invited.")
    invited_by: str
    invited_at: datetime
    expires_at: datetime | None = Field(description="While invited: the invitation lapses then.")
    joined_at: datetime | None
    version: int

    @classmethod
    def of(cls, member: StaffMember) -> StaffMemberView:
        return cls(
            member_id=member.member_id,
            brand_id=member.brand_id,
            email=member.email,
            role=member.role,
            state=member.state,
            user_id=member.user_id,
            invited_by=member.invited_by,
            invited_at=member.invited_at,
            expires_at=None if member.active else member.expires_at,
            joined_at=member.joined_at,
            version=member.version,
        )


class StaffPage(ResponseBody):
    items: list[StaffMemberView]
    next_cursor: str | None


class InvitationList(ResponseBody):
    items: list[StaffMemberView]

"""A brand's staff: its admins and moderators, managed through the API (decision 59).

Staff are invited by email. With the stack's own Cognito user pool an invitation takes effect at
once: the person is found (or created, and Cognito emails them) and put in the brand's group
(``brand-<brandId>-admins`` / ``-moderators``), which their next token carries. With an external
issuer the invitation waits until the person signs in with that verified address and accepts it;
from then on their membership is read from the staff list with the token's ``sub``. Either way the
staff list is what decides who "another moderator" is for an appeal and who hears of the queue."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from shared.domain.errors import ForbiddenError, RuleViolationError

INVITATION_DAYS = 14  # an external issuer's invitation waits this long for its acceptance
MAX_STAFF = 200  # members and pending invitations per brand: the list is read whole for appeals and notices
# One plain address (RFC 5321's dot-atom, ASCII): no display name, quotes or spaces; it goes into
# Cognito's filter as is.
EMAIL_PATTERN = (
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\.[A-Za-z]{2,63}$"
)


class StaffRole(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"


class StaffState(StrEnum):
    INVITED = "invited"  # waits for the person to accept (external issuer)
    ACTIVE = "active"


def normalise_email(email: str) -> str:
    """Addresses are compared in lower case (identity providers treat them so)."""
    return email.strip().lower()


def member_id_for(brand_id: str, email: str) -> str:
    """One member per brand and address: inviting the same address again finds the same entry."""
    digest = hashlib.sha256(f"{brand_id}\n{normalise_email(email)}".encode()).hexdigest()
    return "m" + digest[:24]


def group_name(brand_id: str, role: StaffRole) -> str:
    """The token group that grants ``role`` in ``brand_id`` (decision 51: whole names only)."""
    return f"brand-{brand_id}-{'admins' if role is StaffRole.ADMIN else 'moderators'}"


@dataclass(frozen=True, slots=True)
class StaffMember:
    brand_id: str
    member_id: str
    email: str
    role: StaffRole
    state: StaffState
    invited_by: str
    invited_at: datetime
    user_id: str | None = None  # known once active
    joined_at: datetime | None = None
    version: int = 1

    @property
    def expires_at(self) -> datetime:
        return self.invited_at + timedelta(days=INVITATION_DAYS)

    @property
    def active(self) -> bool:
        return self.state is StaffState.ACTIVE

    def accept(self, user_id: str, email: str | None, at: datetime) -> StaffMember:
        """The invitee, signed in with the invited address (verified by their issuer), joins."""
        if self.active:
            raise RuleViolationError("This invitation was accepted already.")
        if email is None or normalise_email(email) != self.email:
            raise ForbiddenError("Sign in with the invited address (a verified email claim) to accept.")
        if at >= self.expires_at:
            raise RuleViolationError("The invitation expired; ask the brand's admins for a new one.")
        return StaffMember(
            brand_id=self.brand_id,
            member_id=self.member_id,
            email=self.email,
            role=self.role,
            state=StaffState.ACTIVE,
            invited_by=self.invited_by,
            invited_at=self.invited_at,
            user_id=user_id,
            joined_at=at,
            version=self.version + 1,
        )


def other_deciders(members: list[StaffMember], deciding: str) -> bool:
    """Whether the brand has an active member besides ``deciding`` who can decide (admins and
    moderators both can): then an appeal goes to someone else than who decided first."""
    return any(member.active and member.user_id not in {None, deciding} for member in members)

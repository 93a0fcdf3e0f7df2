from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.staff_role import StaffRole

T = TypeVar("T", bound="StaffInvite")


@_attrs_define
class StaffInvite:
    """
    Attributes:
        email (str): Who to invite: the address they sign in with.
        role (StaffRole):
    """

    email: str
    role: StaffRole

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = StaffRole(d.pop("role"))

        staff_invite = cls(
            email=email,
            role=role,
        )

        return staff_invite

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.staff_role import StaffRole
from ..models.staff_state import StaffState

T = TypeVar("T", bound="StaffMemberView")


@_attrs_define
class StaffMemberView:
    """
    Attributes:
        member_id (str): The entry's id (one per brand and address).
        brand_id (str):
        email (str):
        role (StaffRole):
        state (StaffState):
        user_id (None | str): The member's user id (token sub); null while invited.
        invited_by (str):
        invited_at (datetime.datetime):
        expires_at (datetime.datetime | None): While invited: the invitation lapses then.
        joined_at (datetime.datetime | None):
        version (int):
    """

    member_id: str
    brand_id: str
    email: str
    role: StaffRole
    state: StaffState
    user_id: None | str
    invited_by: str
    invited_at: datetime.datetime
    expires_at: datetime.datetime | None
    joined_at: datetime.datetime | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        brand_id = self.brand_id

        email = self.email

        role = self.role.value

        state = self.state.value

        user_id: None | str
        user_id = self.user_id

        invited_by = self.invited_by

        invited_at = self.invited_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        joined_at: None | str
        if isinstance(self.joined_at, datetime.datetime):
            joined_at = self.joined_at.isoformat()
        else:
            joined_at = self.joined_at

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memberId": member_id,
                "brandId": brand_id,
                "email": email,
                "role": role,
                "state": state,
                "userId": user_id,
                "invitedBy": invited_by,
                "invitedAt": invited_at,
                "expiresAt": expires_at,
                "joinedAt": joined_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("memberId")

        brand_id = d.pop("brandId")

        email = d.pop("email")

        role = StaffRole(d.pop("role"))

        state = StaffState(d.pop("state"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("userId"))

        invited_by = d.pop("invitedBy")

        invited_at = datetime.datetime.fromisoformat(d.pop("invitedAt"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expiresAt"))

        def _parse_joined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_at_type_0 = datetime.datetime.fromisoformat(data)

                return joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        joined_at = _parse_joined_at(d.pop("joinedAt"))

        version = d.pop("version")

        staff_member_view = cls(
            member_id=member_id,
            brand_id=brand_id,
            email=email,
            role=role,
            state=state,
            user_id=user_id,
            invited_by=invited_by,
            invited_at=invited_at,
            expires_at=expires_at,
            joined_at=joined_at,
            version=version,
        )

        staff_member_view.additional_properties = d
        return staff_member_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.staff_role import StaffRole

T = TypeVar("T", bound="StaffPatch")


@_attrs_define
class StaffPatch:
    """
    Attributes:
        role (StaffRole):
    """

    role: StaffRole

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = StaffRole(d.pop("role"))

        staff_patch = cls(
            role=role,
        )

        return staff_patch

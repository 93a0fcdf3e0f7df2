from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.target_type import TargetType

T = TypeVar("T", bound="PseudonymisationRequest")


@_attrs_define
class PseudonymisationRequest:
    """
    Attributes:
        target_type (TargetType):
        target_id (str):
    """

    target_type: TargetType
    target_id: str

    def to_dict(self) -> dict[str, Any]:
        target_type = self.target_type.value

        target_id = self.target_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "targetType": target_type,
                "targetId": target_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        pseudonymisation_request = cls(
            target_type=target_type,
            target_id=target_id,
        )

        return pseudonymisation_request

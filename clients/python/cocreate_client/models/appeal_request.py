from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.target_type import TargetType

T = TypeVar("T", bound="AppealRequest")


@_attrs_define
class AppealRequest:
    """
    Attributes:
        target_type (TargetType):
        target_id (str):
        message (str):
    """

    target_type: TargetType
    target_id: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        target_type = self.target_type.value

        target_id = self.target_id

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "targetType": target_type,
                "targetId": target_id,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        message = d.pop("message")

        appeal_request = cls(
            target_type=target_type,
            target_id=target_id,
            message=message,
        )

        return appeal_request

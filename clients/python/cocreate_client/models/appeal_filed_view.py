from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_type import TargetType

if TYPE_CHECKING:
    from ..models.appeal_view import AppealView


T = TypeVar("T", bound="AppealFiledView")


@_attrs_define
class AppealFiledView:
    """What the author sees of their appeal (not who decided, nor scores or reports).

    Attributes:
        target_type (TargetType):
        target_id (str):
        state (str):
        appeal (AppealView):
    """

    target_type: TargetType
    target_id: str
    state: str
    appeal: AppealView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        target_type = self.target_type.value

        target_id = self.target_id

        state = self.state

        appeal = self.appeal.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "targetType": target_type,
                "targetId": target_id,
                "state": state,
                "appeal": appeal,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.appeal_view import AppealView  # noqa: PLC0415

        d = dict(src_dict)
        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        state = d.pop("state")

        appeal = AppealView.from_dict(d.pop("appeal"))

        appeal_filed_view = cls(
            target_type=target_type,
            target_id=target_id,
            state=state,
            appeal=appeal,
        )

        appeal_filed_view.additional_properties = d
        return appeal_filed_view

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

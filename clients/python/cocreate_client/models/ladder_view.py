from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LadderView")


@_attrs_define
class LadderView:
    """
    Attributes:
        milestones (list[datetime.datetime]): When each rung of the support ladder was reached.
        next_deadline (datetime.datetime | None): The window of the next rung closes then (null: none).
    """

    milestones: list[datetime.datetime]
    next_deadline: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.isoformat()
            milestones.append(milestones_item)

        next_deadline: None | str
        if isinstance(self.next_deadline, datetime.datetime):
            next_deadline = self.next_deadline.isoformat()
        else:
            next_deadline = self.next_deadline

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "milestones": milestones,
                "nextDeadline": next_deadline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in _milestones:
            milestones_item = datetime.datetime.fromisoformat(milestones_item_data)

            milestones.append(milestones_item)

        def _parse_next_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_deadline_type_0 = datetime.datetime.fromisoformat(data)

                return next_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_deadline = _parse_next_deadline(d.pop("nextDeadline"))

        ladder_view = cls(
            milestones=milestones,
            next_deadline=next_deadline,
        )

        ladder_view.additional_properties = d
        return ladder_view

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

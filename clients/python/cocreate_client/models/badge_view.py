from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge import Badge

T = TypeVar("T", bound="BadgeView")


@_attrs_define
class BadgeView:
    """
    Attributes:
        badge (Badge):
        name (str):
        awarded_at (datetime.datetime):
        idea_id (None | str): The idea that earned it, if one did.
    """

    badge: Badge
    name: str
    awarded_at: datetime.datetime
    idea_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        badge = self.badge.value

        name = self.name

        awarded_at = self.awarded_at.isoformat()

        idea_id: None | str
        idea_id = self.idea_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "badge": badge,
                "name": name,
                "awardedAt": awarded_at,
                "ideaId": idea_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        badge = Badge(d.pop("badge"))

        name = d.pop("name")

        awarded_at = datetime.datetime.fromisoformat(d.pop("awardedAt"))

        def _parse_idea_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        idea_id = _parse_idea_id(d.pop("ideaId"))

        badge_view = cls(
            badge=badge,
            name=name,
            awarded_at=awarded_at,
            idea_id=idea_id,
        )

        badge_view.additional_properties = d
        return badge_view

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

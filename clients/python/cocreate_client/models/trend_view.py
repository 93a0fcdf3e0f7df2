from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trend_point_view import TrendPointView


T = TypeVar("T", bound="TrendView")


@_attrs_define
class TrendView:
    """
    Attributes:
        idea_id (str):
        points (list[TrendPointView]): Oldest first; only hours in which votes were counted.
    """

    idea_id: str
    points: list[TrendPointView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idea_id = self.idea_id

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ideaId": idea_id,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trend_point_view import TrendPointView  # noqa: PLC0415

        d = dict(src_dict)
        idea_id = d.pop("ideaId")

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = TrendPointView.from_dict(points_item_data)

            points.append(points_item)

        trend_view = cls(
            idea_id=idea_id,
            points=points,
        )

        trend_view.additional_properties = d
        return trend_view

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

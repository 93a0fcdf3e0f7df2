from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.badge_view import BadgeView
    from ..models.brand_points_view import BrandPointsView


T = TypeVar("T", bound="ProfileView")


@_attrs_define
class ProfileView:
    """
    Attributes:
        user_id (str):
        public_name (None | str):
        points (int): Points overall (docs/decisions.md, decision 63, has the rules).
        brands (list[BrandPointsView]): Points per brand, most first.
        badges (list[BadgeView]): Oldest first.
    """

    user_id: str
    public_name: None | str
    points: int
    brands: list[BrandPointsView]
    badges: list[BadgeView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        public_name: None | str
        public_name = self.public_name

        points = self.points

        brands = []
        for brands_item_data in self.brands:
            brands_item = brands_item_data.to_dict()
            brands.append(brands_item)

        badges = []
        for badges_item_data in self.badges:
            badges_item = badges_item_data.to_dict()
            badges.append(badges_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userId": user_id,
                "publicName": public_name,
                "points": points,
                "brands": brands,
                "badges": badges,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.badge_view import BadgeView  # noqa: PLC0415
        from ..models.brand_points_view import BrandPointsView  # noqa: PLC0415

        d = dict(src_dict)
        user_id = d.pop("userId")

        def _parse_public_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        public_name = _parse_public_name(d.pop("publicName"))

        points = d.pop("points")

        brands = []
        _brands = d.pop("brands")
        for brands_item_data in _brands:
            brands_item = BrandPointsView.from_dict(brands_item_data)

            brands.append(brands_item)

        badges = []
        _badges = d.pop("badges")
        for badges_item_data in _badges:
            badges_item = BadgeView.from_dict(badges_item_data)

            badges.append(badges_item)

        profile_view = cls(
            user_id=user_id,
            public_name=public_name,
            points=points,
            brands=brands,
            badges=badges,
        )

        profile_view.additional_properties = d
        return profile_view

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

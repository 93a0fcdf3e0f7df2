from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BrandCreate")


@_attrs_define
class BrandCreate:
    """
    Attributes:
        brand_id (str): The id the brand's challenges and staff groups use (brand-<id>-admins).
        name (str):
    """

    brand_id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        brand_id = self.brand_id

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "brandId": brand_id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        brand_id = d.pop("brandId")

        name = d.pop("name")

        brand_create = cls(
            brand_id=brand_id,
            name=name,
        )

        return brand_create

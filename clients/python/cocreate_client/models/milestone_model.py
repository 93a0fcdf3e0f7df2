from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MilestoneModel")


@_attrs_define
class MilestoneModel:
    """
    Attributes:
        supporters (int):
        within_days (int): Days after the previous rung (or publication).
    """

    supporters: int
    within_days: int

    def to_dict(self) -> dict[str, Any]:
        supporters = self.supporters

        within_days = self.within_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "supporters": supporters,
                "withinDays": within_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        supporters = d.pop("supporters")

        within_days = d.pop("withinDays")

        milestone_model = cls(
            supporters=supporters,
            within_days=within_days,
        )

        return milestone_model

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NumberSummaryView")


@_attrs_define
class NumberSummaryView:
    """
    Attributes:
        count (int):
        minimum (int):
        maximum (int):
        mean (float):
        q1 (float): Lower quartile (interpolated between closest ranks, as QUARTILE.INC).
        median (float):
        q3 (float): Upper quartile.
    """

    count: int
    minimum: int
    maximum: int
    mean: float
    q1: float
    median: float
    q3: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        minimum = self.minimum

        maximum = self.maximum

        mean = self.mean

        q1 = self.q1

        median = self.median

        q3 = self.q3

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "minimum": minimum,
                "maximum": maximum,
                "mean": mean,
                "q1": q1,
                "median": median,
                "q3": q3,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        minimum = d.pop("minimum")

        maximum = d.pop("maximum")

        mean = d.pop("mean")

        q1 = d.pop("q1")

        median = d.pop("median")

        q3 = d.pop("q3")

        number_summary_view = cls(
            count=count,
            minimum=minimum,
            maximum=maximum,
            mean=mean,
            q1=q1,
            median=median,
            q3=q3,
        )

        number_summary_view.additional_properties = d
        return number_summary_view

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

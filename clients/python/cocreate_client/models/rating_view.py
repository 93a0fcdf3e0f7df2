from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rating_view_histogram import RatingViewHistogram


T = TypeVar("T", bound="RatingView")


@_attrs_define
class RatingView:
    """
    Attributes:
        average (float | None): Mean stars of the live reviews (2 decimals); null with none.
        count (int): Live, visible reviews (removed and hidden ones don't count).
        histogram (RatingViewHistogram): Reviews per star: {"1": n, ..., "5": n}.
    """

    average: float | None
    count: int
    histogram: RatingViewHistogram
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average: float | None
        average = self.average

        count = self.count

        histogram = self.histogram.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average": average,
                "count": count,
                "histogram": histogram,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rating_view_histogram import RatingViewHistogram  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_average(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average = _parse_average(d.pop("average"))

        count = d.pop("count")

        histogram = RatingViewHistogram.from_dict(d.pop("histogram"))

        rating_view = cls(
            average=average,
            count=count,
            histogram=histogram,
        )

        rating_view.additional_properties = d
        return rating_view

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReviewWrite")


@_attrs_define
class ReviewWrite:
    """
    Attributes:
        rating (int): 1 to 5 stars.
        body (str):
    """

    rating: int
    body: str

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        body = self.body

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rating": rating,
                "body": body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating = d.pop("rating")

        body = d.pop("body")

        review_write = cls(
            rating=rating,
            body=body,
        )

        return review_write

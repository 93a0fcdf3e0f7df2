from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RateLimitModel")


@_attrs_define
class RateLimitModel:
    """
    Attributes:
        max_ (int): Actions one participant may take in the window.
        window_seconds (int): The rolling window, in seconds.
    """

    max_: int
    window_seconds: int

    def to_dict(self) -> dict[str, Any]:
        max_ = self.max_

        window_seconds = self.window_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "max": max_,
                "windowSeconds": window_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_ = d.pop("max")

        window_seconds = d.pop("windowSeconds")

        rate_limit_model = cls(
            max_=max_,
            window_seconds=window_seconds,
        )

        return rate_limit_model

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Votes")


@_attrs_define
class Votes:
    """
    Attributes:
        up (int):
        down (int):
        score (int):
        wilson (float): Lower bound of the 95 % Wilson interval of the up share (sort=best).
        controversy (float): (up + down) ** (min / max), 0 without votes both ways (sort=controversial).
    """

    up: int
    down: int
    score: int
    wilson: float
    controversy: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        up = self.up

        down = self.down

        score = self.score

        wilson = self.wilson

        controversy = self.controversy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "up": up,
                "down": down,
                "score": score,
                "wilson": wilson,
                "controversy": controversy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        up = d.pop("up")

        down = d.pop("down")

        score = d.pop("score")

        wilson = d.pop("wilson")

        controversy = d.pop("controversy")

        votes = cls(
            up=up,
            down=down,
            score=score,
            wilson=wilson,
            controversy=controversy,
        )

        votes.additional_properties = d
        return votes

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

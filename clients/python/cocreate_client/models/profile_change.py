from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProfileChange")


@_attrs_define
class ProfileChange:
    """
    Attributes:
        public_name (None | str): Shown on your profile and the leaderboards (2-40 characters); null: none (your id
            shows).
    """

    public_name: None | str

    def to_dict(self) -> dict[str, Any]:
        public_name: None | str
        public_name = self.public_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "publicName": public_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_public_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        public_name = _parse_public_name(d.pop("publicName"))

        profile_change = cls(
            public_name=public_name,
        )

        return profile_change

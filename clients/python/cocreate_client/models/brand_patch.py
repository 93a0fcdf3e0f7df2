from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BrandPatch")


@_attrs_define
class BrandPatch:
    """Only the fields sent change. ``suspended`` (operators only) makes every challenge of the brand
    read-only, or open again; ``suspendedReason`` goes with a suspension.

        Attributes:
            name (None | str | Unset):
            suspended (bool | None | Unset):
            suspended_reason (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    suspended: bool | None | Unset = UNSET
    suspended_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        suspended: bool | None | Unset
        if isinstance(self.suspended, Unset):
            suspended = UNSET
        else:
            suspended = self.suspended

        suspended_reason: None | str | Unset
        if isinstance(self.suspended_reason, Unset):
            suspended_reason = UNSET
        else:
            suspended_reason = self.suspended_reason

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if suspended is not UNSET:
            field_dict["suspended"] = suspended
        if suspended_reason is not UNSET:
            field_dict["suspendedReason"] = suspended_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_suspended(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        suspended = _parse_suspended(d.pop("suspended", UNSET))

        def _parse_suspended_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suspended_reason = _parse_suspended_reason(d.pop("suspendedReason", UNSET))

        brand_patch = cls(
            name=name,
            suspended=suspended,
            suspended_reason=suspended_reason,
        )

        return brand_patch

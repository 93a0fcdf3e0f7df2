from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.vote_request_value import VoteRequestValue

T = TypeVar("T", bound="VoteRequest")


@_attrs_define
class VoteRequest:
    """
    Attributes:
        value (VoteRequestValue):
    """

    value: VoteRequestValue

    def to_dict(self) -> dict[str, Any]:
        value = self.value.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = VoteRequestValue(d.pop("value"))

        vote_request = cls(
            value=value,
        )

        return vote_request

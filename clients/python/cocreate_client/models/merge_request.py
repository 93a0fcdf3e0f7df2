from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MergeRequest")


@_attrs_define
class MergeRequest:
    """
    Attributes:
        target_idea_id (str):
    """

    target_idea_id: str

    def to_dict(self) -> dict[str, Any]:
        target_idea_id = self.target_idea_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "targetIdeaId": target_idea_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_idea_id = d.pop("targetIdeaId")

        merge_request = cls(
            target_idea_id=target_idea_id,
        )

        return merge_request

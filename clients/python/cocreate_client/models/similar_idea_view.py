from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SimilarIdeaView")


@_attrs_define
class SimilarIdeaView:
    """
    Attributes:
        idea_id (str):
        title (str):
        score (float): Similarity to the text, 0 (nothing alike) to 1 (the same).
    """

    idea_id: str
    title: str
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idea_id = self.idea_id

        title = self.title

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ideaId": idea_id,
                "title": title,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idea_id = d.pop("ideaId")

        title = d.pop("title")

        score = d.pop("score")

        similar_idea_view = cls(
            idea_id=idea_id,
            title=title,
            score=score,
        )

        similar_idea_view.additional_properties = d
        return similar_idea_view

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

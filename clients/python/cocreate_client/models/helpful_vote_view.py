from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HelpfulVoteView")


@_attrs_define
class HelpfulVoteView:
    """
    Attributes:
        review_id (str):
        helpful_votes (int): Readers who found the review helpful.
        found_helpful (bool): Whether you are one of them.
    """

    review_id: str
    helpful_votes: int
    found_helpful: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        review_id = self.review_id

        helpful_votes = self.helpful_votes

        found_helpful = self.found_helpful

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reviewId": review_id,
                "helpfulVotes": helpful_votes,
                "foundHelpful": found_helpful,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        review_id = d.pop("reviewId")

        helpful_votes = d.pop("helpfulVotes")

        found_helpful = d.pop("foundHelpful")

        helpful_vote_view = cls(
            review_id=review_id,
            helpful_votes=helpful_votes,
            found_helpful=found_helpful,
        )

        helpful_vote_view.additional_properties = d
        return helpful_vote_view

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

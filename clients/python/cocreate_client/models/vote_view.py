from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vote_view_answers import VoteViewAnswers


T = TypeVar("T", bound="VoteView")


@_attrs_define
class VoteView:
    """
    Attributes:
        idea_id (str):
        challenge_id (str):
        value (int):
        voted_at (datetime.datetime):
        refunded (bool): The idea closed and this vote's budget was given back.
        answers (VoteViewAnswers): Your answers to the challenge's survey.
    """

    idea_id: str
    challenge_id: str
    value: int
    voted_at: datetime.datetime
    refunded: bool
    answers: VoteViewAnswers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idea_id = self.idea_id

        challenge_id = self.challenge_id

        value = self.value

        voted_at = self.voted_at.isoformat()

        refunded = self.refunded

        answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ideaId": idea_id,
                "challengeId": challenge_id,
                "value": value,
                "votedAt": voted_at,
                "refunded": refunded,
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vote_view_answers import VoteViewAnswers  # noqa: PLC0415

        d = dict(src_dict)
        idea_id = d.pop("ideaId")

        challenge_id = d.pop("challengeId")

        value = d.pop("value")

        voted_at = datetime.datetime.fromisoformat(d.pop("votedAt"))

        refunded = d.pop("refunded")

        answers = VoteViewAnswers.from_dict(d.pop("answers"))

        vote_view = cls(
            idea_id=idea_id,
            challenge_id=challenge_id,
            value=value,
            voted_at=voted_at,
            refunded=refunded,
            answers=answers,
        )

        vote_view.additional_properties = d
        return vote_view

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

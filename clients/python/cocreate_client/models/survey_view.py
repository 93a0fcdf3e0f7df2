from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.question_summary_view import QuestionSummaryView


T = TypeVar("T", bound="SurveyView")


@_attrs_define
class SurveyView:
    """
    Attributes:
        idea_id (str):
        challenge_id (str):
        supporters (int): Up votes counted on the idea.
        questions (list[QuestionSummaryView]):
    """

    idea_id: str
    challenge_id: str
    supporters: int
    questions: list[QuestionSummaryView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idea_id = self.idea_id

        challenge_id = self.challenge_id

        supporters = self.supporters

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ideaId": idea_id,
                "challengeId": challenge_id,
                "supporters": supporters,
                "questions": questions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_summary_view import QuestionSummaryView  # noqa: PLC0415

        d = dict(src_dict)
        idea_id = d.pop("ideaId")

        challenge_id = d.pop("challengeId")

        supporters = d.pop("supporters")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionSummaryView.from_dict(questions_item_data)

            questions.append(questions_item)

        survey_view = cls(
            idea_id=idea_id,
            challenge_id=challenge_id,
            supporters=supporters,
            questions=questions,
        )

        survey_view.additional_properties = d
        return survey_view

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_kind import QuestionKind

if TYPE_CHECKING:
    from ..models.choice_count_view import ChoiceCountView
    from ..models.number_summary_view import NumberSummaryView


T = TypeVar("T", bound="QuestionSummaryView")


@_attrs_define
class QuestionSummaryView:
    """
    Attributes:
        id (str):
        prompt (str):
        kind (QuestionKind):
        answered (int): Supporters who answered (text answers: see .../survey/answers).
        choices (list[ChoiceCountView]): Single and multiple choice: supporters per option.
        numbers (None | NumberSummaryView): Number questions with answers: their spread.
    """

    id: str
    prompt: str
    kind: QuestionKind
    answered: int
    choices: list[ChoiceCountView]
    numbers: None | NumberSummaryView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.number_summary_view import NumberSummaryView  # noqa: PLC0415

        id = self.id

        prompt = self.prompt

        kind = self.kind.value

        answered = self.answered

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        numbers: dict[str, Any] | None
        if isinstance(self.numbers, NumberSummaryView):
            numbers = self.numbers.to_dict()
        else:
            numbers = self.numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "prompt": prompt,
                "kind": kind,
                "answered": answered,
                "choices": choices,
                "numbers": numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.choice_count_view import ChoiceCountView  # noqa: PLC0415
        from ..models.number_summary_view import NumberSummaryView  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        prompt = d.pop("prompt")

        kind = QuestionKind(d.pop("kind"))

        answered = d.pop("answered")

        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = ChoiceCountView.from_dict(choices_item_data)

            choices.append(choices_item)

        def _parse_numbers(data: object) -> None | NumberSummaryView:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                numbers_type_0 = NumberSummaryView.from_dict(data)

                return numbers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NumberSummaryView, data)

        numbers = _parse_numbers(d.pop("numbers"))

        question_summary_view = cls(
            id=id,
            prompt=prompt,
            kind=kind,
            answered=answered,
            choices=choices,
            numbers=numbers,
        )

        question_summary_view.additional_properties = d
        return question_summary_view

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

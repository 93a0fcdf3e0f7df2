from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_kind import QuestionKind

T = TypeVar("T", bound="SurveyQuestionView")


@_attrs_define
class SurveyQuestionView:
    """
    Attributes:
        id (str):
        prompt (str):
        kind (QuestionKind):
        required (bool):
        options (list[str]):
        minimum (int | None):
        maximum (int | None):
        max_length (int | None):
    """

    id: str
    prompt: str
    kind: QuestionKind
    required: bool
    options: list[str]
    minimum: int | None
    maximum: int | None
    max_length: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        prompt = self.prompt

        kind = self.kind.value

        required = self.required

        options = self.options

        minimum: int | None
        minimum = self.minimum

        maximum: int | None
        maximum = self.maximum

        max_length: int | None
        max_length = self.max_length

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "prompt": prompt,
                "kind": kind,
                "required": required,
                "options": options,
                "minimum": minimum,
                "maximum": maximum,
                "maxLength": max_length,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        prompt = d.pop("prompt")

        kind = QuestionKind(d.pop("kind"))

        required = d.pop("required")

        options = cast(list[str], d.pop("options"))

        def _parse_minimum(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        minimum = _parse_minimum(d.pop("minimum"))

        def _parse_maximum(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        maximum = _parse_maximum(d.pop("maximum"))

        def _parse_max_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_length = _parse_max_length(d.pop("maxLength"))

        survey_question_view = cls(
            id=id,
            prompt=prompt,
            kind=kind,
            required=required,
            options=options,
            minimum=minimum,
            maximum=maximum,
            max_length=max_length,
        )

        survey_question_view.additional_properties = d
        return survey_question_view

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

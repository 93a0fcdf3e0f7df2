from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.question_kind import QuestionKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SurveyQuestionModel")


@_attrs_define
class SurveyQuestionModel:
    """One question asked when supporting an idea; answers are optional unless ``required``.

    Attributes:
        id (str): The answers' key, e.g. 'price'.
        prompt (str):
        kind (QuestionKind):
        required (bool | Unset):  Default: False.
        options (list[str] | Unset): single and multiple: 2 to 10 options.
        minimum (int | None | Unset): number: the lowest answer.
        maximum (int | None | Unset): number: the highest (at most 1,000 above minimum).
        max_length (int | None | Unset): text: the longest answer (default 280).
    """

    id: str
    prompt: str
    kind: QuestionKind
    required: bool | Unset = False
    options: list[str] | Unset = UNSET
    minimum: int | None | Unset = UNSET
    maximum: int | None | Unset = UNSET
    max_length: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        prompt = self.prompt

        kind = self.kind.value

        required = self.required

        options: list[str] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options

        minimum: int | None | Unset
        if isinstance(self.minimum, Unset):
            minimum = UNSET
        else:
            minimum = self.minimum

        maximum: int | None | Unset
        if isinstance(self.maximum, Unset):
            maximum = UNSET
        else:
            maximum = self.maximum

        max_length: int | None | Unset
        if isinstance(self.max_length, Unset):
            max_length = UNSET
        else:
            max_length = self.max_length

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "prompt": prompt,
                "kind": kind,
            }
        )
        if required is not UNSET:
            field_dict["required"] = required
        if options is not UNSET:
            field_dict["options"] = options
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if maximum is not UNSET:
            field_dict["maximum"] = maximum
        if max_length is not UNSET:
            field_dict["maxLength"] = max_length

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        prompt = d.pop("prompt")

        kind = QuestionKind(d.pop("kind"))

        required = d.pop("required", UNSET)

        options = cast(list[str], d.pop("options", UNSET))

        def _parse_minimum(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minimum = _parse_minimum(d.pop("minimum", UNSET))

        def _parse_maximum(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        maximum = _parse_maximum(d.pop("maximum", UNSET))

        def _parse_max_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_length = _parse_max_length(d.pop("maxLength", UNSET))

        survey_question_model = cls(
            id=id,
            prompt=prompt,
            kind=kind,
            required=required,
            options=options,
            minimum=minimum,
            maximum=maximum,
            max_length=max_length,
        )

        return survey_question_model

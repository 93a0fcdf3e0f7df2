from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.vote_request_value import VoteRequestValue
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vote_request_answers_type_0 import VoteRequestAnswersType0


T = TypeVar("T", bound="VoteRequest")


@_attrs_define
class VoteRequest:
    """
    Attributes:
        value (VoteRequestValue):
        answers (None | Unset | VoteRequestAnswersType0): Answers to the challenge's survey by question id: an option
            (single), a list of options (multiple), a whole number (number) or a text (text). Left out: the answers given
            before stay. Supporters answer: a down vote takes none (422) and drops those given with an up vote.
    """

    value: VoteRequestValue
    answers: None | Unset | VoteRequestAnswersType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.vote_request_answers_type_0 import VoteRequestAnswersType0  # noqa: PLC0415

        value = self.value.value

        answers: dict[str, Any] | None | Unset
        if isinstance(self.answers, Unset):
            answers = UNSET
        elif isinstance(self.answers, VoteRequestAnswersType0):
            answers = self.answers.to_dict()
        else:
            answers = self.answers

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if answers is not UNSET:
            field_dict["answers"] = answers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vote_request_answers_type_0 import VoteRequestAnswersType0  # noqa: PLC0415

        d = dict(src_dict)
        value = VoteRequestValue(d.pop("value"))

        def _parse_answers(data: object) -> None | Unset | VoteRequestAnswersType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answers_type_0 = VoteRequestAnswersType0.from_dict(data)

                return answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VoteRequestAnswersType0, data)

        answers = _parse_answers(d.pop("answers", UNSET))

        vote_request = cls(
            value=value,
            answers=answers,
        )

        return vote_request

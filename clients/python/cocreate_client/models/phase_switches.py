from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PhaseSwitches")


@_attrs_define
class PhaseSwitches:
    """What participants may do in one phase; a switch left out keeps the phase's default.

    Attributes:
        submit (bool | None | Unset): Submit ideas and edit their own.
        vote (bool | None | Unset): Cast, change and retract votes.
        comment (bool | None | Unset): Comment and reply (brand staff may always answer).
        withdraw (bool | None | Unset): Withdraw their own idea.
    """

    submit: bool | None | Unset = UNSET
    vote: bool | None | Unset = UNSET
    comment: bool | None | Unset = UNSET
    withdraw: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        submit: bool | None | Unset
        if isinstance(self.submit, Unset):
            submit = UNSET
        else:
            submit = self.submit

        vote: bool | None | Unset
        if isinstance(self.vote, Unset):
            vote = UNSET
        else:
            vote = self.vote

        comment: bool | None | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        withdraw: bool | None | Unset
        if isinstance(self.withdraw, Unset):
            withdraw = UNSET
        else:
            withdraw = self.withdraw

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if submit is not UNSET:
            field_dict["submit"] = submit
        if vote is not UNSET:
            field_dict["vote"] = vote
        if comment is not UNSET:
            field_dict["comment"] = comment
        if withdraw is not UNSET:
            field_dict["withdraw"] = withdraw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_submit(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        submit = _parse_submit(d.pop("submit", UNSET))

        def _parse_vote(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        vote = _parse_vote(d.pop("vote", UNSET))

        def _parse_comment(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_withdraw(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        withdraw = _parse_withdraw(d.pop("withdraw", UNSET))

        phase_switches = cls(
            submit=submit,
            vote=vote,
            comment=comment,
            withdraw=withdraw,
        )

        return phase_switches

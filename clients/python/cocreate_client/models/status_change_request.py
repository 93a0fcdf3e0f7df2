from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.idea_status import IdeaStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusChangeRequest")


@_attrs_define
class StatusChangeRequest:
    """
    Attributes:
        status (IdeaStatus):
        response (None | str | Unset):
    """

    status: IdeaStatus
    response: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        response: None | str | Unset
        if isinstance(self.response, Unset):
            response = UNSET
        else:
            response = self.response

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if response is not UNSET:
            field_dict["response"] = response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = IdeaStatus(d.pop("status"))

        def _parse_response(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        response = _parse_response(d.pop("response", UNSET))

        status_change_request = cls(
            status=status,
            response=response,
        )

        return status_change_request

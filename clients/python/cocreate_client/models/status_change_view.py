from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.idea_status import IdeaStatus

T = TypeVar("T", bound="StatusChangeView")


@_attrs_define
class StatusChangeView:
    """
    Attributes:
        from_ (IdeaStatus):
        to (IdeaStatus):
        at (datetime.datetime):
        by (str):
        response (None | str):
    """

    from_: IdeaStatus
    to: IdeaStatus
    at: datetime.datetime
    by: str
    response: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.value

        to = self.to.value

        at = self.at.isoformat()

        by = self.by

        response: None | str
        response = self.response

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "at": at,
                "by": by,
                "response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = IdeaStatus(d.pop("from"))

        to = IdeaStatus(d.pop("to"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        by = d.pop("by")

        def _parse_response(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response = _parse_response(d.pop("response"))

        status_change_view = cls(
            from_=from_,
            to=to,
            at=at,
            by=by,
            response=response,
        )

        status_change_view.additional_properties = d
        return status_change_view

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

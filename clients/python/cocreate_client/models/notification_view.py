from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NotificationView")


@_attrs_define
class NotificationView:
    """
    Attributes:
        id (str): The notification's id: send it back to mark it read.
        event_type (str):
        message (str):
        idea_id (None | str):
        challenge_id (None | str):
        at (datetime.datetime):
        read (bool):
    """

    id: str
    event_type: str
    message: str
    idea_id: None | str
    challenge_id: None | str
    at: datetime.datetime
    read: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        event_type = self.event_type

        message = self.message

        idea_id: None | str
        idea_id = self.idea_id

        challenge_id: None | str
        challenge_id = self.challenge_id

        at = self.at.isoformat()

        read = self.read

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "eventType": event_type,
                "message": message,
                "ideaId": idea_id,
                "challengeId": challenge_id,
                "at": at,
                "read": read,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        event_type = d.pop("eventType")

        message = d.pop("message")

        def _parse_idea_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        idea_id = _parse_idea_id(d.pop("ideaId"))

        def _parse_challenge_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        challenge_id = _parse_challenge_id(d.pop("challengeId"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        read = d.pop("read")

        notification_view = cls(
            id=id,
            event_type=event_type,
            message=message,
            idea_id=idea_id,
            challenge_id=challenge_id,
            at=at,
            read=read,
        )

        notification_view.additional_properties = d
        return notification_view

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

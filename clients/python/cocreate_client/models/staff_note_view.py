from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StaffNoteView")


@_attrs_define
class StaffNoteView:
    """
    Attributes:
        note_id (str):
        idea_id (str):
        author_id (str):
        body (str):
        created_at (datetime.datetime):
    """

    note_id: str
    idea_id: str
    author_id: str
    body: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        note_id = self.note_id

        idea_id = self.idea_id

        author_id = self.author_id

        body = self.body

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "noteId": note_id,
                "ideaId": idea_id,
                "authorId": author_id,
                "body": body,
                "createdAt": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        note_id = d.pop("noteId")

        idea_id = d.pop("ideaId")

        author_id = d.pop("authorId")

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        staff_note_view = cls(
            note_id=note_id,
            idea_id=idea_id,
            author_id=author_id,
            body=body,
            created_at=created_at,
        )

        staff_note_view.additional_properties = d
        return staff_note_view

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

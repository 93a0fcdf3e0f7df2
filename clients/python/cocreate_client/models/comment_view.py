from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CommentView")


@_attrs_define
class CommentView:
    """
    Attributes:
        comment_id (str):
        idea_id (str):
        parent_id (None | str): The comment this replies to; null at the top of a thread.
        depth (int): 0 for a top-level comment, 1..3 for replies.
        author_id (str):
        former_participant (bool): The author was erased or this was pseudonymised: show it as by "a former
            participant".
        body (None | str): Null once the comment was removed or hidden by moderation.
        official (bool): Written by the brand's staff.
        helpful (bool): Marked helpful by the brand's staff.
        deleted (bool):
        hidden (bool): Hidden by moderation (pending review or rejected).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        edited_at (datetime.datetime | None):
        version (int): Raised by every change; "v" + version, quoted, is its ETag (If-Match).
    """

    comment_id: str
    idea_id: str
    parent_id: None | str
    depth: int
    author_id: str
    former_participant: bool
    body: None | str
    official: bool
    helpful: bool
    deleted: bool
    hidden: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    edited_at: datetime.datetime | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment_id = self.comment_id

        idea_id = self.idea_id

        parent_id: None | str
        parent_id = self.parent_id

        depth = self.depth

        author_id = self.author_id

        former_participant = self.former_participant

        body: None | str
        body = self.body

        official = self.official

        helpful = self.helpful

        deleted = self.deleted

        hidden = self.hidden

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        edited_at: None | str
        if isinstance(self.edited_at, datetime.datetime):
            edited_at = self.edited_at.isoformat()
        else:
            edited_at = self.edited_at

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commentId": comment_id,
                "ideaId": idea_id,
                "parentId": parent_id,
                "depth": depth,
                "authorId": author_id,
                "formerParticipant": former_participant,
                "body": body,
                "official": official,
                "helpful": helpful,
                "deleted": deleted,
                "hidden": hidden,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "editedAt": edited_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        comment_id = d.pop("commentId")

        idea_id = d.pop("ideaId")

        def _parse_parent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_id = _parse_parent_id(d.pop("parentId"))

        depth = d.pop("depth")

        author_id = d.pop("authorId")

        former_participant = d.pop("formerParticipant")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        official = d.pop("official")

        helpful = d.pop("helpful")

        deleted = d.pop("deleted")

        hidden = d.pop("hidden")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_edited_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                edited_at_type_0 = datetime.datetime.fromisoformat(data)

                return edited_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        edited_at = _parse_edited_at(d.pop("editedAt"))

        version = d.pop("version")

        comment_view = cls(
            comment_id=comment_id,
            idea_id=idea_id,
            parent_id=parent_id,
            depth=depth,
            author_id=author_id,
            former_participant=former_participant,
            body=body,
            official=official,
            helpful=helpful,
            deleted=deleted,
            hidden=hidden,
            created_at=created_at,
            updated_at=updated_at,
            edited_at=edited_at,
            version=version,
        )

        comment_view.additional_properties = d
        return comment_view

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

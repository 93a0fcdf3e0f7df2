from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.answer_view import AnswerView


T = TypeVar("T", bound="ReviewView")


@_attrs_define
class ReviewView:
    """
    Attributes:
        review_id (str): Also a comment id: replies, reports and removal go through /comments.
        idea_id (str):
        author_id (str):
        former_participant (bool):
        rating (int):
        body (None | str): Null once the review was removed or hidden by moderation.
        helpful (bool): Marked helpful by the brand's staff.
        helpful_votes (int): Readers who found it helpful (PUT /reviews/{reviewId}/helpful).
        answer (AnswerView | None): The brand's official answer.
        deleted (bool):
        hidden (bool):
        created_at (datetime.datetime):
        edited_at (datetime.datetime | None):
        version (int): Raised by every change; "v" + version, quoted, is its ETag (If-Match).
    """

    review_id: str
    idea_id: str
    author_id: str
    former_participant: bool
    rating: int
    body: None | str
    helpful: bool
    helpful_votes: int
    answer: AnswerView | None
    deleted: bool
    hidden: bool
    created_at: datetime.datetime
    edited_at: datetime.datetime | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.answer_view import AnswerView  # noqa: PLC0415

        review_id = self.review_id

        idea_id = self.idea_id

        author_id = self.author_id

        former_participant = self.former_participant

        rating = self.rating

        body: None | str
        body = self.body

        helpful = self.helpful

        helpful_votes = self.helpful_votes

        answer: dict[str, Any] | None
        if isinstance(self.answer, AnswerView):
            answer = self.answer.to_dict()
        else:
            answer = self.answer

        deleted = self.deleted

        hidden = self.hidden

        created_at = self.created_at.isoformat()

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
                "reviewId": review_id,
                "ideaId": idea_id,
                "authorId": author_id,
                "formerParticipant": former_participant,
                "rating": rating,
                "body": body,
                "helpful": helpful,
                "helpfulVotes": helpful_votes,
                "answer": answer,
                "deleted": deleted,
                "hidden": hidden,
                "createdAt": created_at,
                "editedAt": edited_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer_view import AnswerView  # noqa: PLC0415

        d = dict(src_dict)
        review_id = d.pop("reviewId")

        idea_id = d.pop("ideaId")

        author_id = d.pop("authorId")

        former_participant = d.pop("formerParticipant")

        rating = d.pop("rating")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        helpful = d.pop("helpful")

        helpful_votes = d.pop("helpfulVotes")

        def _parse_answer(data: object) -> AnswerView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_0 = AnswerView.from_dict(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnswerView | None, data)

        answer = _parse_answer(d.pop("answer"))

        deleted = d.pop("deleted")

        hidden = d.pop("hidden")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

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

        review_view = cls(
            review_id=review_id,
            idea_id=idea_id,
            author_id=author_id,
            former_participant=former_participant,
            rating=rating,
            body=body,
            helpful=helpful,
            helpful_votes=helpful_votes,
            answer=answer,
            deleted=deleted,
            hidden=hidden,
            created_at=created_at,
            edited_at=edited_at,
            version=version,
        )

        review_view.additional_properties = d
        return review_view

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.idea_status import IdeaStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ladder_view import LadderView
    from ..models.rating_view import RatingView
    from ..models.status_change_view import StatusChangeView
    from ..models.votes import Votes


T = TypeVar("T", bound="IdeaView")


@_attrs_define
class IdeaView:
    """
    Attributes:
        idea_id (str):
        challenge_id (str):
        brand_id (str):
        author_id (str):
        former_participant (bool): The author was erased or this was pseudonymised: show it as by "a former
            participant".
        title (str):
        description (str):
        tags (list[str]):
        status (IdeaStatus):
        status_label (str): The brand's label for the status (statusLabels), else the status in words.
        votes (Votes):
        hot (float):
        ladder (LadderView):
        comment_count (int):
        rating (RatingView):
        official_response (None | str):
        history (list[StatusChangeView]):
        merged_into (None | str): The idea this one was merged into (status merged).
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        my_vote (int | None | Unset): The caller's vote (1 or -1); null if none or anonymous.
    """

    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    former_participant: bool
    title: str
    description: str
    tags: list[str]
    status: IdeaStatus
    status_label: str
    votes: Votes
    hot: float
    ladder: LadderView
    comment_count: int
    rating: RatingView
    official_response: None | str
    history: list[StatusChangeView]
    merged_into: None | str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    my_vote: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idea_id = self.idea_id

        challenge_id = self.challenge_id

        brand_id = self.brand_id

        author_id = self.author_id

        former_participant = self.former_participant

        title = self.title

        description = self.description

        tags = self.tags

        status = self.status.value

        status_label = self.status_label

        votes = self.votes.to_dict()

        hot = self.hot

        ladder = self.ladder.to_dict()

        comment_count = self.comment_count

        rating = self.rating.to_dict()

        official_response: None | str
        official_response = self.official_response

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        merged_into: None | str
        merged_into = self.merged_into

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        my_vote: int | None | Unset
        if isinstance(self.my_vote, Unset):
            my_vote = UNSET
        else:
            my_vote = self.my_vote

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ideaId": idea_id,
                "challengeId": challenge_id,
                "brandId": brand_id,
                "authorId": author_id,
                "formerParticipant": former_participant,
                "title": title,
                "description": description,
                "tags": tags,
                "status": status,
                "statusLabel": status_label,
                "votes": votes,
                "hot": hot,
                "ladder": ladder,
                "commentCount": comment_count,
                "rating": rating,
                "officialResponse": official_response,
                "history": history,
                "mergedInto": merged_into,
                "version": version,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if my_vote is not UNSET:
            field_dict["myVote"] = my_vote

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ladder_view import LadderView  # noqa: PLC0415
        from ..models.rating_view import RatingView  # noqa: PLC0415
        from ..models.status_change_view import StatusChangeView  # noqa: PLC0415
        from ..models.votes import Votes  # noqa: PLC0415

        d = dict(src_dict)
        idea_id = d.pop("ideaId")

        challenge_id = d.pop("challengeId")

        brand_id = d.pop("brandId")

        author_id = d.pop("authorId")

        former_participant = d.pop("formerParticipant")

        title = d.pop("title")

        description = d.pop("description")

        tags = cast(list[str], d.pop("tags"))

        status = IdeaStatus(d.pop("status"))

        status_label = d.pop("statusLabel")

        votes = Votes.from_dict(d.pop("votes"))

        hot = d.pop("hot")

        ladder = LadderView.from_dict(d.pop("ladder"))

        comment_count = d.pop("commentCount")

        rating = RatingView.from_dict(d.pop("rating"))

        def _parse_official_response(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        official_response = _parse_official_response(d.pop("officialResponse"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = StatusChangeView.from_dict(history_item_data)

            history.append(history_item)

        def _parse_merged_into(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merged_into = _parse_merged_into(d.pop("mergedInto"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_my_vote(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        my_vote = _parse_my_vote(d.pop("myVote", UNSET))

        idea_view = cls(
            idea_id=idea_id,
            challenge_id=challenge_id,
            brand_id=brand_id,
            author_id=author_id,
            former_participant=former_participant,
            title=title,
            description=description,
            tags=tags,
            status=status,
            status_label=status_label,
            votes=votes,
            hot=hot,
            ladder=ladder,
            comment_count=comment_count,
            rating=rating,
            official_response=official_response,
            history=history,
            merged_into=merged_into,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            my_vote=my_vote,
        )

        idea_view.additional_properties = d
        return idea_view

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate_limit_model import RateLimitModel


T = TypeVar("T", bound="RateLimitsModel")


@_attrs_define
class RateLimitsModel:
    """Per-participant rolling limits; a kind left out keeps its default. Brand staff are not limited.

    Attributes:
        ideas (None | RateLimitModel | Unset): Idea submissions (default 10 per hour).
        comments (None | RateLimitModel | Unset): Comments and replies (default 30 per hour).
        reports (None | RateLimitModel | Unset): Reports filed (default 10 per hour).
        votes (None | RateLimitModel | Unset): Votes cast, changed or retracted (default 60 per 10 minutes).
    """

    ideas: None | RateLimitModel | Unset = UNSET
    comments: None | RateLimitModel | Unset = UNSET
    reports: None | RateLimitModel | Unset = UNSET
    votes: None | RateLimitModel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_limit_model import RateLimitModel  # noqa: PLC0415

        ideas: dict[str, Any] | None | Unset
        if isinstance(self.ideas, Unset):
            ideas = UNSET
        elif isinstance(self.ideas, RateLimitModel):
            ideas = self.ideas.to_dict()
        else:
            ideas = self.ideas

        comments: dict[str, Any] | None | Unset
        if isinstance(self.comments, Unset):
            comments = UNSET
        elif isinstance(self.comments, RateLimitModel):
            comments = self.comments.to_dict()
        else:
            comments = self.comments

        reports: dict[str, Any] | None | Unset
        if isinstance(self.reports, Unset):
            reports = UNSET
        elif isinstance(self.reports, RateLimitModel):
            reports = self.reports.to_dict()
        else:
            reports = self.reports

        votes: dict[str, Any] | None | Unset
        if isinstance(self.votes, Unset):
            votes = UNSET
        elif isinstance(self.votes, RateLimitModel):
            votes = self.votes.to_dict()
        else:
            votes = self.votes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ideas is not UNSET:
            field_dict["ideas"] = ideas
        if comments is not UNSET:
            field_dict["comments"] = comments
        if reports is not UNSET:
            field_dict["reports"] = reports
        if votes is not UNSET:
            field_dict["votes"] = votes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_limit_model import RateLimitModel  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_ideas(data: object) -> None | RateLimitModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ideas_type_0 = RateLimitModel.from_dict(data)

                return ideas_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateLimitModel | Unset, data)

        ideas = _parse_ideas(d.pop("ideas", UNSET))

        def _parse_comments(data: object) -> None | RateLimitModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                comments_type_0 = RateLimitModel.from_dict(data)

                return comments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateLimitModel | Unset, data)

        comments = _parse_comments(d.pop("comments", UNSET))

        def _parse_reports(data: object) -> None | RateLimitModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reports_type_0 = RateLimitModel.from_dict(data)

                return reports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateLimitModel | Unset, data)

        reports = _parse_reports(d.pop("reports", UNSET))

        def _parse_votes(data: object) -> None | RateLimitModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                votes_type_0 = RateLimitModel.from_dict(data)

                return votes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateLimitModel | Unset, data)

        votes = _parse_votes(d.pop("votes", UNSET))

        rate_limits_model = cls(
            ideas=ideas,
            comments=comments,
            reports=reports,
            votes=votes,
        )

        return rate_limits_model

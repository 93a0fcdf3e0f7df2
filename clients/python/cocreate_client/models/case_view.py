from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action import Action
from ..models.target_type import TargetType

if TYPE_CHECKING:
    from ..models.appeal_view import AppealView
    from ..models.case_view_reportreasons import CaseViewReportreasons
    from ..models.case_view_scores import CaseViewScores


T = TypeVar("T", bound="CaseView")


@_attrs_define
class CaseView:
    """
    Attributes:
        target_type (TargetType):
        target_id (str):
        idea_id (str):
        challenge_id (str):
        brand_id (str):
        author_id (str):
        excerpt (str):
        state (str):
        queued_at (datetime.datetime | None):
        verdict (None | str): Screening's decision: approve, hold or reject.
        reasons (list[str]): Screening's reason codes.
        scores (CaseViewScores):
        reports (int):
        report_reasons (CaseViewReportreasons):
        hidden (bool):
        last_action (Action | None):
        decided_by (None | str):
        appeal (AppealView | None): Set while an appeal awaits a decision.
        version (int): Send it back with a decision.
    """

    target_type: TargetType
    target_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    excerpt: str
    state: str
    queued_at: datetime.datetime | None
    verdict: None | str
    reasons: list[str]
    scores: CaseViewScores
    reports: int
    report_reasons: CaseViewReportreasons
    hidden: bool
    last_action: Action | None
    decided_by: None | str
    appeal: AppealView | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.appeal_view import AppealView  # noqa: PLC0415

        target_type = self.target_type.value

        target_id = self.target_id

        idea_id = self.idea_id

        challenge_id = self.challenge_id

        brand_id = self.brand_id

        author_id = self.author_id

        excerpt = self.excerpt

        state = self.state

        queued_at: None | str
        if isinstance(self.queued_at, datetime.datetime):
            queued_at = self.queued_at.isoformat()
        else:
            queued_at = self.queued_at

        verdict: None | str
        verdict = self.verdict

        reasons = self.reasons

        scores = self.scores.to_dict()

        reports = self.reports

        report_reasons = self.report_reasons.to_dict()

        hidden = self.hidden

        last_action: None | str
        if isinstance(self.last_action, Action):
            last_action = self.last_action.value
        else:
            last_action = self.last_action

        decided_by: None | str
        decided_by = self.decided_by

        appeal: dict[str, Any] | None
        if isinstance(self.appeal, AppealView):
            appeal = self.appeal.to_dict()
        else:
            appeal = self.appeal

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "targetType": target_type,
                "targetId": target_id,
                "ideaId": idea_id,
                "challengeId": challenge_id,
                "brandId": brand_id,
                "authorId": author_id,
                "excerpt": excerpt,
                "state": state,
                "queuedAt": queued_at,
                "verdict": verdict,
                "reasons": reasons,
                "scores": scores,
                "reports": reports,
                "reportReasons": report_reasons,
                "hidden": hidden,
                "lastAction": last_action,
                "decidedBy": decided_by,
                "appeal": appeal,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.appeal_view import AppealView  # noqa: PLC0415
        from ..models.case_view_reportreasons import CaseViewReportreasons  # noqa: PLC0415
        from ..models.case_view_scores import CaseViewScores  # noqa: PLC0415

        d = dict(src_dict)
        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        idea_id = d.pop("ideaId")

        challenge_id = d.pop("challengeId")

        brand_id = d.pop("brandId")

        author_id = d.pop("authorId")

        excerpt = d.pop("excerpt")

        state = d.pop("state")

        def _parse_queued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                queued_at_type_0 = datetime.datetime.fromisoformat(data)

                return queued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        queued_at = _parse_queued_at(d.pop("queuedAt"))

        def _parse_verdict(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verdict = _parse_verdict(d.pop("verdict"))

        reasons = cast(list[str], d.pop("reasons"))

        scores = CaseViewScores.from_dict(d.pop("scores"))

        reports = d.pop("reports")

        report_reasons = CaseViewReportreasons.from_dict(d.pop("reportReasons"))

        hidden = d.pop("hidden")

        def _parse_last_action(data: object) -> Action | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_action_type_0 = Action(data)

                return last_action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Action | None, data)

        last_action = _parse_last_action(d.pop("lastAction"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decidedBy"))

        def _parse_appeal(data: object) -> AppealView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                appeal_type_0 = AppealView.from_dict(data)

                return appeal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AppealView | None, data)

        appeal = _parse_appeal(d.pop("appeal"))

        version = d.pop("version")

        case_view = cls(
            target_type=target_type,
            target_id=target_id,
            idea_id=idea_id,
            challenge_id=challenge_id,
            brand_id=brand_id,
            author_id=author_id,
            excerpt=excerpt,
            state=state,
            queued_at=queued_at,
            verdict=verdict,
            reasons=reasons,
            scores=scores,
            reports=reports,
            report_reasons=report_reasons,
            hidden=hidden,
            last_action=last_action,
            decided_by=decided_by,
            appeal=appeal,
            version=version,
        )

        case_view.additional_properties = d
        return case_view

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

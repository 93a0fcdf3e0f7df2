from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.moderation_mode import ModerationMode
from ..models.phase import Phase
from ..models.vote_model import VoteModel

if TYPE_CHECKING:
    from ..models.challenge_view_phasedates import ChallengeViewPhasedates
    from ..models.challenge_view_phaserules import ChallengeViewPhaserules
    from ..models.challenge_view_ratelimits import ChallengeViewRatelimits
    from ..models.challenge_view_statuslabels import ChallengeViewStatuslabels
    from ..models.milestone_view import MilestoneView
    from ..models.survey_question_view import SurveyQuestionView


T = TypeVar("T", bound="ChallengeView")


@_attrs_define
class ChallengeView:
    """
    Attributes:
        challenge_id (str):
        brand_id (str):
        title (str):
        description (str):
        phase (Phase):
        submitting_open (bool):
        voting_open (bool):
        moderation (ModerationMode):
        tag_vocabulary (list[str]):
        vote_model (VoteModel):
        vote_budget (int | None):
        allow_self_vote (bool):
        support_ladder (list[MilestoneView]):
        max_ideas_per_user (int | None):
        edit_lock_votes (int | None):
        status_labels (ChallengeViewStatuslabels):
        phase_dates (ChallengeViewPhasedates):
        blocklist (list[str]):
        report_threshold (int):
        trusted_after (int | None):
        phase_rules (ChallengeViewPhaserules): What participants may do in each public phase, defaults and switches
            together.
        rate_limits (ChallengeViewRatelimits): The rolling limits in force, defaults included.
        suspended (bool): The brand is suspended: the challenge is read-only (PATCH /brands/{brandId}).
        survey (list[SurveyQuestionView]): Asked when supporting an idea.
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    challenge_id: str
    brand_id: str
    title: str
    description: str
    phase: Phase
    submitting_open: bool
    voting_open: bool
    moderation: ModerationMode
    tag_vocabulary: list[str]
    vote_model: VoteModel
    vote_budget: int | None
    allow_self_vote: bool
    support_ladder: list[MilestoneView]
    max_ideas_per_user: int | None
    edit_lock_votes: int | None
    status_labels: ChallengeViewStatuslabels
    phase_dates: ChallengeViewPhasedates
    blocklist: list[str]
    report_threshold: int
    trusted_after: int | None
    phase_rules: ChallengeViewPhaserules
    rate_limits: ChallengeViewRatelimits
    suspended: bool
    survey: list[SurveyQuestionView]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        challenge_id = self.challenge_id

        brand_id = self.brand_id

        title = self.title

        description = self.description

        phase = self.phase.value

        submitting_open = self.submitting_open

        voting_open = self.voting_open

        moderation = self.moderation.value

        tag_vocabulary = self.tag_vocabulary

        vote_model = self.vote_model.value

        vote_budget: int | None
        vote_budget = self.vote_budget

        allow_self_vote = self.allow_self_vote

        support_ladder = []
        for support_ladder_item_data in self.support_ladder:
            support_ladder_item = support_ladder_item_data.to_dict()
            support_ladder.append(support_ladder_item)

        max_ideas_per_user: int | None
        max_ideas_per_user = self.max_ideas_per_user

        edit_lock_votes: int | None
        edit_lock_votes = self.edit_lock_votes

        status_labels = self.status_labels.to_dict()

        phase_dates = self.phase_dates.to_dict()

        blocklist = self.blocklist

        report_threshold = self.report_threshold

        trusted_after: int | None
        trusted_after = self.trusted_after

        phase_rules = self.phase_rules.to_dict()

        rate_limits = self.rate_limits.to_dict()

        suspended = self.suspended

        survey = []
        for survey_item_data in self.survey:
            survey_item = survey_item_data.to_dict()
            survey.append(survey_item)

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "challengeId": challenge_id,
                "brandId": brand_id,
                "title": title,
                "description": description,
                "phase": phase,
                "submittingOpen": submitting_open,
                "votingOpen": voting_open,
                "moderation": moderation,
                "tagVocabulary": tag_vocabulary,
                "voteModel": vote_model,
                "voteBudget": vote_budget,
                "allowSelfVote": allow_self_vote,
                "supportLadder": support_ladder,
                "maxIdeasPerUser": max_ideas_per_user,
                "editLockVotes": edit_lock_votes,
                "statusLabels": status_labels,
                "phaseDates": phase_dates,
                "blocklist": blocklist,
                "reportThreshold": report_threshold,
                "trustedAfter": trusted_after,
                "phaseRules": phase_rules,
                "rateLimits": rate_limits,
                "suspended": suspended,
                "survey": survey,
                "version": version,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_view_phasedates import ChallengeViewPhasedates  # noqa: PLC0415
        from ..models.challenge_view_phaserules import ChallengeViewPhaserules  # noqa: PLC0415
        from ..models.challenge_view_ratelimits import ChallengeViewRatelimits  # noqa: PLC0415
        from ..models.challenge_view_statuslabels import ChallengeViewStatuslabels  # noqa: PLC0415
        from ..models.milestone_view import MilestoneView  # noqa: PLC0415
        from ..models.survey_question_view import SurveyQuestionView  # noqa: PLC0415

        d = dict(src_dict)
        challenge_id = d.pop("challengeId")

        brand_id = d.pop("brandId")

        title = d.pop("title")

        description = d.pop("description")

        phase = Phase(d.pop("phase"))

        submitting_open = d.pop("submittingOpen")

        voting_open = d.pop("votingOpen")

        moderation = ModerationMode(d.pop("moderation"))

        tag_vocabulary = cast(list[str], d.pop("tagVocabulary"))

        vote_model = VoteModel(d.pop("voteModel"))

        def _parse_vote_budget(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        vote_budget = _parse_vote_budget(d.pop("voteBudget"))

        allow_self_vote = d.pop("allowSelfVote")

        support_ladder = []
        _support_ladder = d.pop("supportLadder")
        for support_ladder_item_data in _support_ladder:
            support_ladder_item = MilestoneView.from_dict(support_ladder_item_data)

            support_ladder.append(support_ladder_item)

        def _parse_max_ideas_per_user(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_ideas_per_user = _parse_max_ideas_per_user(d.pop("maxIdeasPerUser"))

        def _parse_edit_lock_votes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        edit_lock_votes = _parse_edit_lock_votes(d.pop("editLockVotes"))

        status_labels = ChallengeViewStatuslabels.from_dict(d.pop("statusLabels"))

        phase_dates = ChallengeViewPhasedates.from_dict(d.pop("phaseDates"))

        blocklist = cast(list[str], d.pop("blocklist"))

        report_threshold = d.pop("reportThreshold")

        def _parse_trusted_after(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        trusted_after = _parse_trusted_after(d.pop("trustedAfter"))

        phase_rules = ChallengeViewPhaserules.from_dict(d.pop("phaseRules"))

        rate_limits = ChallengeViewRatelimits.from_dict(d.pop("rateLimits"))

        suspended = d.pop("suspended")

        survey = []
        _survey = d.pop("survey")
        for survey_item_data in _survey:
            survey_item = SurveyQuestionView.from_dict(survey_item_data)

            survey.append(survey_item)

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        challenge_view = cls(
            challenge_id=challenge_id,
            brand_id=brand_id,
            title=title,
            description=description,
            phase=phase,
            submitting_open=submitting_open,
            voting_open=voting_open,
            moderation=moderation,
            tag_vocabulary=tag_vocabulary,
            vote_model=vote_model,
            vote_budget=vote_budget,
            allow_self_vote=allow_self_vote,
            support_ladder=support_ladder,
            max_ideas_per_user=max_ideas_per_user,
            edit_lock_votes=edit_lock_votes,
            status_labels=status_labels,
            phase_dates=phase_dates,
            blocklist=blocklist,
            report_threshold=report_threshold,
            trusted_after=trusted_after,
            phase_rules=phase_rules,
            rate_limits=rate_limits,
            suspended=suspended,
            survey=survey,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        challenge_view.additional_properties = d
        return challenge_view

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

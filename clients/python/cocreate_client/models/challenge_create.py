from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..models.moderation_mode import ModerationMode
from ..models.phase import Phase
from ..models.vote_model import VoteModel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.challenge_create_phasedates import ChallengeCreatePhasedates
    from ..models.challenge_create_phaserules import ChallengeCreatePhaserules
    from ..models.challenge_create_statuslabels import ChallengeCreateStatuslabels
    from ..models.milestone_model import MilestoneModel
    from ..models.rate_limits_model import RateLimitsModel
    from ..models.survey_question_model import SurveyQuestionModel


T = TypeVar("T", bound="ChallengeCreate")


@_attrs_define
class ChallengeCreate:
    """
    Attributes:
        brand_id (str):
        title (str):
        moderation (ModerationMode | Unset):
        tag_vocabulary (list[str] | Unset):
        vote_model (VoteModel | Unset):
        vote_budget (int | None | Unset): Active votes per user (None: no limit).
        allow_self_vote (bool | Unset):  Default: False.
        support_ladder (list[MilestoneModel] | Literal['lego'] | Unset): Rungs, or a preset: 'lego' (100 supporters in
            60 days, 1,000 in 365, 5,000 in 182, 10,000 in 182). Default: no ladder.
        max_ideas_per_user (int | None | Unset): Ideas one participant may submit to the challenge; null: no limit.
            Default: 10.
        edit_lock_votes (int | None | Unset):  Default: 1000.
        status_labels (ChallengeCreateStatuslabels | Unset):
        phase_dates (ChallengeCreatePhasedates | Unset): When the challenge moves into each phase.
        blocklist (list[str] | Unset): Brand terms that screening holds for a moderator.
        report_threshold (int | Unset): Reports that hide an item pending review. Default: 3.
        phase_rules (ChallengeCreatePhaserules | Unset): Per-phase switches over the defaults (submission: everything;
            voting: vote, comment, withdraw; review and closed: comment, withdraw). Where votes are taken is fixed once out
            of draft.
        trusted_after (int | None | Unset): Reputation points in the brand after which an author skips pre-moderation
            (an idea published gives 10: decision 63).
        survey (list[SurveyQuestionModel] | Unset): Questions asked when supporting an idea (PUT /ideas/{ideaId}/vote
            answers); fixed once the challenge is out of draft.
        rate_limits (None | RateLimitsModel | Unset): Per-participant rolling limits on ideas, comments, reports and
            votes (429 with Retry-After).
        description (str | Unset):  Default: ''.
        phase (Phase | Unset):
    """

    brand_id: str
    title: str
    moderation: ModerationMode | Unset = UNSET
    tag_vocabulary: list[str] | Unset = UNSET
    vote_model: VoteModel | Unset = UNSET
    vote_budget: int | None | Unset = UNSET
    allow_self_vote: bool | Unset = False
    support_ladder: list[MilestoneModel] | Literal["lego"] | Unset = UNSET
    max_ideas_per_user: int | None | Unset = 10
    edit_lock_votes: int | None | Unset = 1000
    status_labels: ChallengeCreateStatuslabels | Unset = UNSET
    phase_dates: ChallengeCreatePhasedates | Unset = UNSET
    blocklist: list[str] | Unset = UNSET
    report_threshold: int | Unset = 3
    phase_rules: ChallengeCreatePhaserules | Unset = UNSET
    trusted_after: int | None | Unset = UNSET
    survey: list[SurveyQuestionModel] | Unset = UNSET
    rate_limits: None | RateLimitsModel | Unset = UNSET
    description: str | Unset = ""
    phase: Phase | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_limits_model import RateLimitsModel  # noqa: PLC0415

        brand_id = self.brand_id

        title = self.title

        moderation: str | Unset = UNSET
        if not isinstance(self.moderation, Unset):
            moderation = self.moderation.value

        tag_vocabulary: list[str] | Unset = UNSET
        if not isinstance(self.tag_vocabulary, Unset):
            tag_vocabulary = self.tag_vocabulary

        vote_model: str | Unset = UNSET
        if not isinstance(self.vote_model, Unset):
            vote_model = self.vote_model.value

        vote_budget: int | None | Unset
        if isinstance(self.vote_budget, Unset):
            vote_budget = UNSET
        else:
            vote_budget = self.vote_budget

        allow_self_vote = self.allow_self_vote

        support_ladder: list[dict[str, Any]] | Literal["lego"] | Unset
        if isinstance(self.support_ladder, Unset):
            support_ladder = UNSET
        elif isinstance(self.support_ladder, list):
            support_ladder = []
            for support_ladder_type_0_item_data in self.support_ladder:
                support_ladder_type_0_item = support_ladder_type_0_item_data.to_dict()
                support_ladder.append(support_ladder_type_0_item)

        else:
            support_ladder = self.support_ladder

        max_ideas_per_user: int | None | Unset
        if isinstance(self.max_ideas_per_user, Unset):
            max_ideas_per_user = UNSET
        else:
            max_ideas_per_user = self.max_ideas_per_user

        edit_lock_votes: int | None | Unset
        if isinstance(self.edit_lock_votes, Unset):
            edit_lock_votes = UNSET
        else:
            edit_lock_votes = self.edit_lock_votes

        status_labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status_labels, Unset):
            status_labels = self.status_labels.to_dict()

        phase_dates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.phase_dates, Unset):
            phase_dates = self.phase_dates.to_dict()

        blocklist: list[str] | Unset = UNSET
        if not isinstance(self.blocklist, Unset):
            blocklist = self.blocklist

        report_threshold = self.report_threshold

        phase_rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.phase_rules, Unset):
            phase_rules = self.phase_rules.to_dict()

        trusted_after: int | None | Unset
        if isinstance(self.trusted_after, Unset):
            trusted_after = UNSET
        else:
            trusted_after = self.trusted_after

        survey: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.survey, Unset):
            survey = []
            for survey_item_data in self.survey:
                survey_item = survey_item_data.to_dict()
                survey.append(survey_item)

        rate_limits: dict[str, Any] | None | Unset
        if isinstance(self.rate_limits, Unset):
            rate_limits = UNSET
        elif isinstance(self.rate_limits, RateLimitsModel):
            rate_limits = self.rate_limits.to_dict()
        else:
            rate_limits = self.rate_limits

        description = self.description

        phase: str | Unset = UNSET
        if not isinstance(self.phase, Unset):
            phase = self.phase.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "brandId": brand_id,
                "title": title,
            }
        )
        if moderation is not UNSET:
            field_dict["moderation"] = moderation
        if tag_vocabulary is not UNSET:
            field_dict["tagVocabulary"] = tag_vocabulary
        if vote_model is not UNSET:
            field_dict["voteModel"] = vote_model
        if vote_budget is not UNSET:
            field_dict["voteBudget"] = vote_budget
        if allow_self_vote is not UNSET:
            field_dict["allowSelfVote"] = allow_self_vote
        if support_ladder is not UNSET:
            field_dict["supportLadder"] = support_ladder
        if max_ideas_per_user is not UNSET:
            field_dict["maxIdeasPerUser"] = max_ideas_per_user
        if edit_lock_votes is not UNSET:
            field_dict["editLockVotes"] = edit_lock_votes
        if status_labels is not UNSET:
            field_dict["statusLabels"] = status_labels
        if phase_dates is not UNSET:
            field_dict["phaseDates"] = phase_dates
        if blocklist is not UNSET:
            field_dict["blocklist"] = blocklist
        if report_threshold is not UNSET:
            field_dict["reportThreshold"] = report_threshold
        if phase_rules is not UNSET:
            field_dict["phaseRules"] = phase_rules
        if trusted_after is not UNSET:
            field_dict["trustedAfter"] = trusted_after
        if survey is not UNSET:
            field_dict["survey"] = survey
        if rate_limits is not UNSET:
            field_dict["rateLimits"] = rate_limits
        if description is not UNSET:
            field_dict["description"] = description
        if phase is not UNSET:
            field_dict["phase"] = phase

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_create_phasedates import ChallengeCreatePhasedates  # noqa: PLC0415
        from ..models.challenge_create_phaserules import ChallengeCreatePhaserules  # noqa: PLC0415
        from ..models.challenge_create_statuslabels import ChallengeCreateStatuslabels  # noqa: PLC0415
        from ..models.milestone_model import MilestoneModel  # noqa: PLC0415
        from ..models.rate_limits_model import RateLimitsModel  # noqa: PLC0415
        from ..models.survey_question_model import SurveyQuestionModel  # noqa: PLC0415

        d = dict(src_dict)
        brand_id = d.pop("brandId")

        title = d.pop("title")

        _moderation = d.pop("moderation", UNSET)
        moderation: ModerationMode | Unset
        if isinstance(_moderation, Unset):
            moderation = UNSET
        else:
            moderation = ModerationMode(_moderation)

        tag_vocabulary = cast(list[str], d.pop("tagVocabulary", UNSET))

        _vote_model = d.pop("voteModel", UNSET)
        vote_model: VoteModel | Unset
        if isinstance(_vote_model, Unset):
            vote_model = UNSET
        else:
            vote_model = VoteModel(_vote_model)

        def _parse_vote_budget(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        vote_budget = _parse_vote_budget(d.pop("voteBudget", UNSET))

        allow_self_vote = d.pop("allowSelfVote", UNSET)

        def _parse_support_ladder(
            data: object,
        ) -> list[MilestoneModel] | Literal["lego"] | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                support_ladder_type_0 = []
                _support_ladder_type_0 = data
                for support_ladder_type_0_item_data in _support_ladder_type_0:
                    support_ladder_type_0_item = MilestoneModel.from_dict(
                        support_ladder_type_0_item_data
                    )

                    support_ladder_type_0.append(support_ladder_type_0_item)

                return support_ladder_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            support_ladder_type_1 = cast(Literal["lego"], data)
            if support_ladder_type_1 != "lego":
                raise ValueError(
                    f"supportLadder_type_1 must match const 'lego', got '{support_ladder_type_1}'"
                )
            return support_ladder_type_1

        support_ladder = _parse_support_ladder(d.pop("supportLadder", UNSET))

        def _parse_max_ideas_per_user(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ideas_per_user = _parse_max_ideas_per_user(d.pop("maxIdeasPerUser", UNSET))

        def _parse_edit_lock_votes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        edit_lock_votes = _parse_edit_lock_votes(d.pop("editLockVotes", UNSET))

        _status_labels = d.pop("statusLabels", UNSET)
        status_labels: ChallengeCreateStatuslabels | Unset
        if isinstance(_status_labels, Unset):
            status_labels = UNSET
        else:
            status_labels = ChallengeCreateStatuslabels.from_dict(_status_labels)

        _phase_dates = d.pop("phaseDates", UNSET)
        phase_dates: ChallengeCreatePhasedates | Unset
        if isinstance(_phase_dates, Unset):
            phase_dates = UNSET
        else:
            phase_dates = ChallengeCreatePhasedates.from_dict(_phase_dates)

        blocklist = cast(list[str], d.pop("blocklist", UNSET))

        report_threshold = d.pop("reportThreshold", UNSET)

        _phase_rules = d.pop("phaseRules", UNSET)
        phase_rules: ChallengeCreatePhaserules | Unset
        if isinstance(_phase_rules, Unset):
            phase_rules = UNSET
        else:
            phase_rules = ChallengeCreatePhaserules.from_dict(_phase_rules)

        def _parse_trusted_after(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        trusted_after = _parse_trusted_after(d.pop("trustedAfter", UNSET))

        _survey = d.pop("survey", UNSET)
        survey: list[SurveyQuestionModel] | Unset = UNSET
        if _survey is not UNSET:
            survey = []
            for survey_item_data in _survey:
                survey_item = SurveyQuestionModel.from_dict(survey_item_data)

                survey.append(survey_item)

        def _parse_rate_limits(data: object) -> None | RateLimitsModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rate_limits_type_0 = RateLimitsModel.from_dict(data)

                return rate_limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateLimitsModel | Unset, data)

        rate_limits = _parse_rate_limits(d.pop("rateLimits", UNSET))

        description = d.pop("description", UNSET)

        _phase = d.pop("phase", UNSET)
        phase: Phase | Unset
        if isinstance(_phase, Unset):
            phase = UNSET
        else:
            phase = Phase(_phase)

        challenge_create = cls(
            brand_id=brand_id,
            title=title,
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
            phase_rules=phase_rules,
            trusted_after=trusted_after,
            survey=survey,
            rate_limits=rate_limits,
            description=description,
            phase=phase,
        )

        return challenge_create

"""Request and response bodies of the ideas API. Inputs forbid unknown fields and never carry
server-owned fields (ids, author, status, counts): mass assignment is impossible."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic.alias_generators import to_camel

from shared.domain.challenges import (
    DEFAULT_EDIT_LOCK_VOTES,
    DEFAULT_MAX_IDEAS_PER_USER,
    LADDER_PRESETS,
    Challenge,
    Milestone,
    ModerationMode,
    Phase,
    PhaseAction,
    VoteModel,
)
from shared.domain.errors import ValidationError
from shared.domain.ideas import MAX_TAGS, Idea, IdeaStatus, TrendPoint, status_label
from shared.domain.limits import MAX_LIMIT, LimitedAction, RateLimit
from shared.domain.privacy import is_former
from shared.domain.surveys import MAX_OPTIONS, MAX_QUESTIONS, MAX_TEXT_CHARS, QuestionKind, SurveyQuestion
from shared.http import ByValue, IsoDatetime, MultiLine, OneLine, RequestBody, ResponseBody, Visible

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[\w -]+$")]
BRAND_PATTERN = r"^[A-Za-z0-9_-]+$"
BrandId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=BRAND_PATTERN)]


_Input = RequestBody
_Output = ResponseBody


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=120), OneLine, Visible]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000), MultiLine]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), OneLine, Visible]
BlockedTerm = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=2, max_length=60), OneLine, Visible
]


class MilestoneModel(_Input):
    supporters: Annotated[int, Field(ge=1, le=10_000_000)]
    within_days: Annotated[int, Field(ge=1, le=3650, description="Days after the previous rung (or publication).")]


def _ascending(ladder: list[MilestoneModel] | None) -> list[MilestoneModel] | None:
    if ladder and any(b.supporters <= a.supporters for a, b in itertools.pairwise(ladder)):
        raise ValueError("milestones must have strictly increasing supporters")
    return ladder


Ladder = Annotated[list[MilestoneModel], Field(max_length=10), AfterValidator(_ascending)]
LadderPreset = Literal["lego"]
assert set(LadderPreset.__args__) == set(LADDER_PRESETS)  # type: ignore[attr-defined]


def _milestones(ladder: list[MilestoneModel] | str) -> tuple[Milestone, ...]:
    if isinstance(ladder, str):
        return LADDER_PRESETS[ladder]
    return tuple(Milestone(m.supporters, m.within_days) for m in ladder)


class PhaseSwitches(_Input):
    """What participants may do in one phase; a switch left out keeps the phase's default."""

    submit: bool | None = Field(default=None, description="Submit ideas and edit their own.")
    vote: bool | None = Field(default=None, description="Cast, change and retract votes.")
    comment: bool | None = Field(default=None, description="Comment and reply (brand staff may always answer).")
    withdraw: bool | None = Field(default=None, description="Withdraw their own idea.")


SurveyOption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), OneLine, Visible]


class SurveyQuestionModel(_Input):
    """One question asked when supporting an idea; answers are optional unless ``required``."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="The answers' key, e.g. 'price'.")]
    prompt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200), OneLine, Visible]
    kind: ByValue[QuestionKind]
    required: bool = False
    options: Annotated[
        list[SurveyOption], Field(max_length=MAX_OPTIONS, description="single and multiple: 2 to 10 options.")
    ] = []
    minimum: Annotated[int | None, Field(ge=-1_000_000, le=1_000_000, description="number: the lowest answer.")] = None
    maximum: Annotated[
        int | None, Field(ge=-1_000_000, le=1_000_000, description="number: the highest (at most 1,000 above minimum).")
    ] = None
    max_length: Annotated[
        int | None, Field(ge=1, le=MAX_TEXT_CHARS, description="text: the longest answer (default 280).")
    ] = None

    def question(self) -> SurveyQuestion:
        return SurveyQuestion(
            question_id=self.id,
            prompt=self.prompt,
            kind=self.kind,
            required=self.required,
            options=tuple(self.options),
            minimum=self.minimum,
            maximum=self.maximum,
            max_length=self.max_length,
        )


class SurveyQuestionView(_Output):
    id: str
    prompt: str
    kind: QuestionKind
    required: bool
    options: list[str]
    minimum: int | None
    maximum: int | None
    max_length: int | None

    @classmethod
    def of(cls, question: SurveyQuestion) -> SurveyQuestionView:
        return cls(
            id=question.question_id,
            prompt=question.prompt,
            kind=question.kind,
            required=question.required,
            options=list(question.options),
            minimum=question.minimum,
            maximum=question.maximum,
            max_length=question.max_length,
        )


class RateLimitModel(_Input):
    max: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Actions one participant may take in the window.")]
    window_seconds: Annotated[int, Field(ge=60, le=7 * 86_400, description="The rolling window, in seconds.")]


class RateLimitsModel(_Input):
    """Per-participant rolling limits; a kind left out keeps its default. Brand staff are not limited."""

    ideas: RateLimitModel | None = Field(default=None, description="Idea submissions (default 10 per hour).")
    comments: RateLimitModel | None = Field(default=None, description="Comments and replies (default 30 per hour).")
    reports: RateLimitModel | None = Field(default=None, description="Reports filed (default 10 per hour).")
    votes: RateLimitModel | None = Field(
        default=None, description="Votes cast, changed or retracted (default 60 per 10 minutes)."
    )

    def limits(self) -> dict[LimitedAction, RateLimit]:
        return {
            LimitedAction(name): RateLimit(chosen.max, timedelta(seconds=chosen.window_seconds))
            for name in type(self).model_fields
            if (chosen := getattr(self, name)) is not None
        }


class RateLimitView(_Output):
    max: int
    window_seconds: int

    @classmethod
    def of(cls, limit: RateLimit) -> RateLimitView:
        return cls(max=limit.max, window_seconds=int(limit.window.total_seconds()))


class _ChallengeSettings(_Input):
    """Settings shared by create and edit; every one has a sane default."""

    moderation: ByValue[ModerationMode] = ModerationMode.POST
    tag_vocabulary: Annotated[list[Tag], Field(max_length=50)] = []
    vote_model: ByValue[VoteModel] = VoteModel.SUPPORT
    vote_budget: Annotated[int | None, Field(ge=1, le=1000, description="Active votes per user (None: no limit).")] = (
        None
    )
    allow_self_vote: bool = False
    support_ladder: Annotated[
        Ladder | LadderPreset,
        Field(
            description="Rungs, or a preset: 'lego' (100 supporters in 60 days, 1,000 in 365, 5,000 in 182, "
            "10,000 in 182). Default: no ladder."
        ),
    ] = []
    max_ideas_per_user: Annotated[
        int | None,
        Field(ge=1, le=1000, description="Ideas one participant may submit to the challenge; null: no limit."),
    ] = DEFAULT_MAX_IDEAS_PER_USER
    edit_lock_votes: Annotated[int | None, Field(ge=1, le=10_000_000)] = DEFAULT_EDIT_LOCK_VOTES
    status_labels: Annotated[dict[ByValue[IdeaStatus], Label], Field(max_length=12)] = {}
    phase_dates: Annotated[
        dict[ByValue[Phase], IsoDatetime], Field(max_length=5, description="When the challenge moves into each phase.")
    ] = {}
    blocklist: Annotated[
        list[BlockedTerm], Field(max_length=200, description="Brand terms that screening holds for a moderator.")
    ] = []
    report_threshold: Annotated[int, Field(ge=1, le=100, description="Reports that hide an item pending review.")] = 3
    phase_rules: Annotated[
        dict[ByValue[Phase], PhaseSwitches],
        Field(
            max_length=4,
            description="Per-phase switches over the defaults (submission: everything; voting: vote, comment, "
            "withdraw; review and closed: comment, withdraw). Where votes are taken is fixed once out of draft.",
        ),
    ] = {}
    trusted_after: Annotated[
        int | None,
        Field(
            ge=1,
            le=100_000,
            description="Reputation points in the brand after which an author skips pre-moderation (an idea "
            "published gives 10: decision 63).",
        ),
    ] = None
    survey: Annotated[
        list[SurveyQuestionModel],
        Field(
            max_length=MAX_QUESTIONS,
            description="Questions asked when supporting an idea (PUT /ideas/{ideaId}/vote answers); fixed once "
            "the challenge is out of draft.",
        ),
    ] = []
    rate_limits: RateLimitsModel | None = Field(
        default=None,
        description="Per-participant rolling limits on ideas, comments, reports and votes (429 with Retry-After).",
    )


class ChallengeCreate(_ChallengeSettings):
    brand_id: BrandId
    title: Title
    description: Description = ""
    phase: ByValue[Phase] = Phase.DRAFT


class ChallengePatch(_ChallengeSettings):
    """Only the fields sent change (send null to clear an optional limit)."""

    title: Title | None = None
    description: Description | None = None
    phase: ByValue[Phase] | None = None

    def changes(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in self.model_fields_set}
        for required in ("title", "description", "phase", "moderation", "vote_model", "allow_self_vote"):
            if required in values and values[required] is None:
                raise ValidationError("This field cannot be null.", field=to_camel(required))
        if "tag_vocabulary" in values:
            values["tag_vocabulary"] = tuple(dict.fromkeys(values["tag_vocabulary"]))
        if "support_ladder" in values:
            values["support_ladder"] = _milestones(values["support_ladder"])
        if "blocklist" in values:
            values["blocklist"] = tuple(dict.fromkeys(values["blocklist"] or ()))
        if "phase_rules" in values:
            values["phase_rules"] = {
                phase: {PhaseAction(name): on for name, on in switches.model_dump().items() if on is not None}
                for phase, switches in (values["phase_rules"] or {}).items()
            }
        if "rate_limits" in values:
            values["rate_limits"] = values["rate_limits"].limits() if values["rate_limits"] else {}
        if "survey" in values:
            values["survey"] = tuple(question.question() for question in values["survey"] or ())
        if "report_threshold" in values and values["report_threshold"] is None:
            raise ValidationError("This field cannot be null.", field="reportThreshold")
        return values


class IdeaCreate(_Input):
    title: Title
    description: Description = ""
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = []


class IdeaPatch(_Input):
    title: Title | None = None
    description: Description | None = None
    tags: Annotated[list[Tag] | None, Field(max_length=MAX_TAGS)] = None


class StatusChangeRequest(_Input):
    status: Annotated[ByValue[IdeaStatus], Field(description="A review status: under_review, accepted, ...")]
    response: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5_000), MultiLine, Visible]
        | None
    ) = None


class MergeRequest(_Input):
    target_idea_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class ChallengeView(_Output):
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
    status_labels: dict[str, str]
    phase_dates: dict[str, datetime]
    blocklist: list[str]
    report_threshold: int
    trusted_after: int | None
    phase_rules: dict[str, dict[str, bool]] = Field(
        description="What participants may do in each public phase, defaults and switches together."
    )
    rate_limits: dict[str, RateLimitView] = Field(description="The rolling limits in force, defaults included.")
    suspended: bool = Field(description="The brand is suspended: the challenge is read-only (PATCH /brands/{brandId}).")
    survey: list[SurveyQuestionView] = Field(description="Asked when supporting an idea.")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, challenge: Challenge) -> ChallengeView:
        return cls(
            challenge_id=challenge.challenge_id,
            brand_id=challenge.brand_id,
            title=challenge.title,
            description=challenge.description,
            phase=challenge.phase,
            submitting_open=challenge.submitting_open,
            voting_open=challenge.voting_open,
            moderation=challenge.moderation,
            tag_vocabulary=list(challenge.tag_vocabulary),
            vote_model=challenge.vote_model,
            vote_budget=challenge.vote_budget,
            allow_self_vote=challenge.allow_self_vote,
            support_ladder=[
                MilestoneView(supporters=m.supporters, within_days=m.within_days) for m in challenge.support_ladder
            ],
            max_ideas_per_user=challenge.max_ideas_per_user,
            edit_lock_votes=challenge.edit_lock_votes,
            status_labels=dict(challenge.status_labels),
            phase_dates={phase.value: at for phase, at in challenge.phase_dates.items()},
            blocklist=list(challenge.blocklist),
            report_threshold=challenge.report_threshold,
            trusted_after=challenge.trusted_after,
            phase_rules={
                phase.value: {action.value: challenge.allows(action, phase) for action in PhaseAction}
                for phase in Phase
                if phase is not Phase.DRAFT
            },
            rate_limits={action.value: RateLimitView.of(challenge.limit(action)) for action in LimitedAction},
            suspended=challenge.suspended,
            survey=[SurveyQuestionView.of(question) for question in challenge.survey],
            version=challenge.version,
            created_at=challenge.created_at,
            updated_at=challenge.updated_at,
        )


class MilestoneView(_Output):
    supporters: int
    within_days: int


class ChallengePage(_Output):
    items: list[ChallengeView]
    next_cursor: str | None


class StatusChangeView(_Output):
    from_status: IdeaStatus = Field(serialization_alias="from")
    to_status: IdeaStatus = Field(serialization_alias="to")
    at: datetime
    by: str
    response: str | None


class Votes(_Output):
    up: int
    down: int
    score: int
    wilson: float = Field(description="Lower bound of the 95 % Wilson interval of the up share (sort=best).")
    controversy: float = Field(
        description="(up + down) ** (min / max), 0 without votes both ways (sort=controversial)."
    )


class TrendPointView(_Output):
    hour: datetime = Field(description="The hour's start (UTC).")
    up: int = Field(description="Up votes (supports) at the end of the hour's last counted batch.")
    down: int


class TrendView(_Output):
    idea_id: str
    points: list[TrendPointView] = Field(description="Oldest first; only hours in which votes were counted.")

    @classmethod
    def of(cls, idea: Idea, points: list[TrendPoint]) -> TrendView:
        return cls(
            idea_id=idea.idea_id,
            points=[TrendPointView(hour=p.hour, up=p.votes.up, down=p.votes.down) for p in points],
        )


class LadderView(_Output):
    milestones: list[datetime] = Field(description="When each rung of the support ladder was reached.")
    next_deadline: datetime | None = Field(description="The window of the next rung closes then (null: none).")


class RatingView(_Output):
    average: float | None = Field(description="Mean stars of the live reviews (2 decimals); null with none.")
    count: int = Field(ge=0, description="Live, visible reviews (removed and hidden ones don't count).")
    histogram: dict[str, int] = Field(description='Reviews per star: {"1": n, ..., "5": n}.')


class IdeaView(_Output):
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    former_participant: bool = Field(
        description='The author was erased or this was pseudonymised: show it as by "a former participant".'
    )
    title: str
    description: str
    tags: list[str]
    status: IdeaStatus
    status_label: str = Field(description="The brand's label for the status (statusLabels), else the status in words.")
    votes: Votes
    hot: float
    ladder: LadderView
    comment_count: int
    rating: RatingView = Field(description="Its shipped product's rating by verified supporters' reviews.")
    official_response: str | None
    history: list[StatusChangeView]
    my_vote: int | None = Field(default=None, description="The caller's vote (1 or -1); null if none or anonymous.")
    merged_into: str | None = Field(description="The idea this one was merged into (status merged).")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, idea: Idea, my_vote: int | None = None, labels: Mapping[str, str] | None = None) -> IdeaView:
        return cls(
            my_vote=my_vote,
            status_label=status_label(idea.status, labels or {}),
            idea_id=idea.idea_id,
            challenge_id=idea.challenge_id,
            brand_id=idea.brand_id,
            author_id=idea.author_id,
            former_participant=is_former(idea.author_id),
            title=idea.title,
            description=idea.description,
            tags=list(idea.tags),
            status=idea.status,
            votes=Votes(
                up=idea.votes.up,
                down=idea.votes.down,
                score=idea.votes.score,
                wilson=idea.wilson,
                controversy=idea.controversy,
            ),
            hot=idea.hot,
            ladder=LadderView(milestones=list(idea.ladder.reached), next_deadline=idea.ladder.due_at),
            merged_into=idea.merged_into,
            comment_count=idea.comment_count,
            rating=RatingView(
                average=None if idea.rating_average is None else round(idea.rating_average, 2),
                count=idea.rating_count,
                histogram={str(stars): n for stars, n in enumerate(idea.ratings, start=1)},
            ),
            official_response=idea.official_response,
            history=[
                StatusChangeView(
                    from_status=c.from_status, to_status=c.to_status, at=c.at, by=c.by, response=c.response
                )
                for c in idea.history
            ],
            version=idea.version,
            created_at=idea.created_at,
            updated_at=idea.updated_at,
        )


class IdeaPage(_Output):
    items: list[IdeaView]
    next_cursor: str | None

"""Challenges: brand-hosted campaigns with phases and per-challenge settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.domain.errors import RuleViolationError, ValidationError
from shared.domain.limits import DEFAULT_RATE_LIMITS, LimitedAction, RateLimit
from shared.domain.surveys import SurveyQuestion, check_survey


class Phase(StrEnum):
    DRAFT = "draft"
    SUBMISSION = "submission"
    VOTING = "voting"
    REVIEW = "review"
    CLOSED = "closed"

    @property
    def order(self) -> int:
        return list(Phase).index(self)

    @property
    def publicly_visible(self) -> bool:
        return self is not Phase.DRAFT


class PhaseAction(StrEnum):
    """What participants do that a challenge's phase allows or not (``phaseRules``)."""

    SUBMIT = "submit"  # submit ideas (and edit one's own)
    VOTE = "vote"  # cast, change and retract votes
    COMMENT = "comment"  # post comments and replies (brand staff may always answer)
    WITHDRAW = "withdraw"  # withdraw one's own idea


# The behaviour before phaseRules existed, and the default of every phase a challenge does not
# set: support gathers while ideas come in (as on LEGO Ideas) and in voting; talk and withdrawals
# stay open to the end. Nothing happens in a draft (it is not public).
DEFAULT_PHASE_RULES: dict[Phase, frozenset[PhaseAction]] = {
    Phase.DRAFT: frozenset(),
    Phase.SUBMISSION: frozenset(PhaseAction),
    Phase.VOTING: frozenset({PhaseAction.VOTE, PhaseAction.COMMENT, PhaseAction.WITHDRAW}),
    Phase.REVIEW: frozenset({PhaseAction.COMMENT, PhaseAction.WITHDRAW}),
    Phase.CLOSED: frozenset({PhaseAction.COMMENT, PhaseAction.WITHDRAW}),
}
PhaseRules = dict[Phase, dict[PhaseAction, bool]]


class ModerationMode(StrEnum):
    PRE = "pre"  # ideas wait as 'pending' until approved
    POST = "post"  # ideas are published at once and moderated afterwards


class VoteModel(StrEnum):
    SUPPORT = "support"  # value 1 only
    UPDOWN = "updown"  # 1 or -1


@dataclass(frozen=True, slots=True)
class Milestone:
    """A rung of the support ladder: ``supporters`` within ``within_days`` of the previous rung
    (of publication for the first)."""

    supporters: int
    within_days: int


LEGO_LADDER = (Milestone(100, 60), Milestone(1_000, 365), Milestone(5_000, 182), Milestone(10_000, 182))
# Named ladders a brand can choose instead of listing rungs (``"supportLadder": "lego"``). The
# default is no ladder: ideas stay published until the brand reviews them.
LADDER_PRESETS: dict[str, tuple[Milestone, ...]] = {"lego": LEGO_LADDER}
DEFAULT_EDIT_LOCK_VOTES = 1_000  # Consul locks edits at 1,000 supports
DEFAULT_MAX_IDEAS_PER_USER = 10  # per challenge; a brand may raise it, lower it, or clear it (no limit)


@dataclass(frozen=True, slots=True)
class Challenge:
    challenge_id: str
    brand_id: str
    title: str
    description: str
    phase: Phase
    moderation: ModerationMode
    created_by: str
    created_at: datetime
    updated_at: datetime
    tag_vocabulary: tuple[str, ...] = field(default_factory=tuple)
    version: int = 1
    vote_model: VoteModel = VoteModel.SUPPORT
    vote_budget: int | None = None
    allow_self_vote: bool = False
    support_ladder: tuple[Milestone, ...] = ()
    max_ideas_per_user: int | None = DEFAULT_MAX_IDEAS_PER_USER
    edit_lock_votes: int | None = DEFAULT_EDIT_LOCK_VOTES
    status_labels: dict[str, str] = field(default_factory=dict)
    phase_dates: dict[Phase, datetime] = field(default_factory=dict)
    blocklist: tuple[str, ...] = ()  # the brand's own terms that screening holds (competitors, codenames, insults)
    report_threshold: int = 3  # reports that hide an item pending review
    trusted_after: int | None = None  # reputation points in the brand after which an author skips pre-moderation
    phase_rules: PhaseRules = field(default_factory=dict)  # switches over DEFAULT_PHASE_RULES, by phase
    rate_limits: dict[LimitedAction, RateLimit] = field(default_factory=dict)  # over DEFAULT_RATE_LIMITS
    suspended: bool = False  # the brand is suspended (shared.domain.brands): the challenge is read-only
    survey: tuple[SurveyQuestion, ...] = ()  # asked when supporting (shared.domain.surveys)

    def allows(self, action: PhaseAction, phase: Phase | None = None) -> bool:
        """Whether the phase rules let participants do ``action`` in ``phase`` (the current one by
        default). A suspension closes everything on top of them (check_allowed, *_open)."""
        phase = phase or self.phase
        switches = self.phase_rules.get(phase, {})
        return switches.get(action, action in DEFAULT_PHASE_RULES[phase])

    def check_allowed(self, action: PhaseAction, what: str) -> None:
        """RuleViolationError (409) naming the phase (or the suspension) unless ``action`` is allowed now."""
        self.check_not_suspended()
        if not self.allows(action):
            raise RuleViolationError(
                f"Challenge {self.challenge_id!r} is in phase {self.phase.value!r}; {what} closed."
            )

    def check_not_suspended(self) -> None:
        if self.suspended:
            raise RuleViolationError(
                f"Brand {self.brand_id!r} is suspended; challenge {self.challenge_id!r} is read-only."
            )

    def limit(self, action: LimitedAction) -> RateLimit:
        """The per-user rolling limit on ``action`` here: the brand's, else the default."""
        return self.rate_limits.get(action, DEFAULT_RATE_LIMITS[action])

    @property
    def submitting_open(self) -> bool:
        return not self.suspended and self.allows(PhaseAction.SUBMIT)

    @property
    def voting_open(self) -> bool:
        return not self.suspended and self.allows(PhaseAction.VOTE)

    def next_scheduled_phase(self) -> tuple[Phase, datetime] | None:
        """The earliest scheduled phase after the current one, with its date."""
        upcoming = sorted((at, phase) for phase, at in self.phase_dates.items() if phase.order > self.phase.order)
        return (upcoming[0][1], upcoming[0][0]) if upcoming else None

    def due_phase(self, now: datetime) -> Phase | None:
        """The latest scheduled phase whose date has passed, if it is ahead of the current one."""
        due = [phase for phase, at in self.phase_dates.items() if at <= now and phase.order > self.phase.order]
        return max(due, key=lambda phase: phase.order) if due else None


def check_phase_change(challenge: Challenge, target: Phase) -> None:
    """Phases only move forward (skipping is allowed): ideas and votes depend on it."""
    if target.order <= challenge.phase.order:
        raise RuleViolationError(
            f"Challenge phases move forward only: {challenge.phase.value!r} cannot become {target.value!r}."
        )


def _voting_phases(challenge: Challenge) -> frozenset[Phase]:
    return frozenset(phase for phase in Phase if challenge.allows(PhaseAction.VOTE, phase))


def check_settings_change(challenge: Challenge, changed: Challenge) -> None:
    """Vote rules, the supporter survey (answers and their counts depend on it) and which phases
    take votes are fixed once the challenge is out of draft; the tag vocabulary can only grow; a
    draft takes no switches (nothing happens in it)."""
    check_survey(changed.survey)
    vote_rules = ("vote_model", "vote_budget", "allow_self_vote", "support_ladder", "survey")
    if challenge.phase is not Phase.DRAFT:
        for name in vote_rules:
            if getattr(challenge, name) != getattr(changed, name):
                raise RuleViolationError(
                    f"{name} cannot change once voting has opened (phase {challenge.phase.value!r})."
                )
        if _voting_phases(challenge) != _voting_phases(changed):
            raise RuleViolationError(
                f"phaseRules cannot change where votes are taken once the challenge is out of draft "
                f"(phase {challenge.phase.value!r})."
            )
    if Phase.DRAFT in changed.phase_rules:
        raise ValidationError("A draft allows nothing: phaseRules cannot name it.", field="phaseRules.draft")
    removed = set(challenge.tag_vocabulary) - set(changed.tag_vocabulary)
    if removed and challenge.phase is not Phase.DRAFT:
        raise ValidationError(
            f"Tags cannot be removed once the challenge is out of draft: {sorted(removed)}.", field="tagVocabulary"
        )
    for phase, at in changed.phase_dates.items():
        if phase is Phase.DRAFT:
            raise ValidationError("A challenge cannot be scheduled back into draft.", field="phaseDates")
        for other, other_at in changed.phase_dates.items():
            if other.order > phase.order and other_at <= at:
                raise ValidationError(f"{other.value} must start after {phase.value}.", field="phaseDates")

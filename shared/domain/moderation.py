"""Moderation: cases (one per idea or comment), what screening and decisions do to them and to
their target, reports, appeals, and the audit entries every step leaves.

Pure: the moderation function's services read, decide with these rules, and write the case, the
target and the audit entry together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.ideas import IdeaStatus
from shared.domain.screening import Decision

DEFAULT_REPORT_THRESHOLD = 3  # reports that hide an item pending review (Decidim hides at 3)
# A report weighs by its reporter's standing in the brand (decision 54): a full report is worth
# REPORT_POINTS; one from an account with no approved item and no post older than STANDING_AFTER
# is worth 1, so it takes three times as many fresh accounts to hide an item.
REPORT_POINTS = 3
STANDING_AFTER = timedelta(days=7)


def report_points(approved: int, first_post: datetime | None, now: datetime) -> int:
    """What a report counts toward the threshold (``threshold * REPORT_POINTS``)."""
    if approved > 0 or (first_post is not None and now - first_post >= STANDING_AFTER):
        return REPORT_POINTS
    return 1


EXCERPT_CHARS = 500  # what the queue shows of the text


class TargetType(StrEnum):
    IDEA = "idea"
    COMMENT = "comment"


class ReasonCode(StrEnum):
    """Why: of a report, or of a decision other than approve."""

    SPAM = "spam"
    OFFENSIVE = "offensive"
    OFF_TOPIC = "off_topic"
    DUPLICATE = "duplicate"
    PERSONAL_DATA = "personal_data"
    OTHER = "other"


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    RESTORE = "restore"


class CaseState(StrEnum):
    CLEAR = "clear"  # nothing awaits a decision
    QUEUED = "queued"  # in the brand's queue


@dataclass(frozen=True, slots=True)
class Appeal:
    message: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Case:
    """The moderation state of one idea or comment."""

    target_type: TargetType
    target_id: str
    idea_id: str
    brand_id: str
    challenge_id: str
    author_id: str
    excerpt: str
    state: CaseState
    updated_at: datetime
    queued_at: datetime | None = None
    verdict: Decision | None = None
    reasons: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    reports: int = 0
    report_points: int = 0  # the reports' weight since the last decision (report_points())
    report_reasons: dict[str, int] = field(default_factory=dict)
    hidden: bool = False  # the target is hidden or rejected (by screening, reports or a decision)
    last_action: Action | None = None
    decided_by: str | None = None
    appeal: Appeal | None = None
    appealed: bool = False  # the one appeal was used
    version: int = 0  # 0: not stored yet

    def queued(self, at: datetime) -> Case:
        return replace(self, state=CaseState.QUEUED, queued_at=self.queued_at or at)

    def cleared(self) -> Case:
        return replace(self, state=CaseState.CLEAR, queued_at=None)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One step of moderation, as the append-only log keeps it."""

    entry_id: str
    brand_id: str
    at: datetime
    actor: str  # a moderator's user id, or system:screening / system:reports
    step: str  # screened, reported, hidden_by_reports, approve, reject, hide, restore, appealed
    target_type: TargetType
    target_id: str
    challenge_id: str
    author_id: str
    before: str  # the target's status before (an idea status; visible/hidden for comments)
    after: str
    reason: str | None = None
    details: dict[str, str] = field(default_factory=dict)


SYSTEM_PREFIX = "system:"  # actors that are not people (screening, reports, the privacy function)
PRIVACY_STEP = "erased"  # the audit step recording that an item's author was erased
PSEUDONYMISED = "pseudonymised"  # a brand admin removed one item's link to its author
SCREENING_ACTOR = "system:screening"
REPORTS_ACTOR = "system:reports"


def idea_status_after(action: Action, current: IdeaStatus) -> IdeaStatus:
    """What a decision does to an idea's status; RuleViolationError if it makes no sense now."""
    allowed: dict[Action, tuple[frozenset[IdeaStatus], IdeaStatus | None]] = {
        Action.APPROVE: (frozenset({IdeaStatus.PENDING, IdeaStatus.PUBLISHED, IdeaStatus.HIDDEN}), None),
        Action.REJECT: (frozenset({IdeaStatus.PENDING, IdeaStatus.PUBLISHED, IdeaStatus.HIDDEN}), IdeaStatus.REJECTED),
        Action.HIDE: (frozenset({IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW}), IdeaStatus.HIDDEN),
        Action.RESTORE: (frozenset({IdeaStatus.HIDDEN, IdeaStatus.REJECTED}), IdeaStatus.PUBLISHED),
    }
    sources, target = allowed[action]
    if current not in sources:
        raise RuleViolationError(f"Cannot {action.value} an idea in status {current.value!r}.")
    if target is None:  # approve: a pending idea is published; a visible one stays; a hidden one comes back
        return IdeaStatus.PUBLISHED if current in {IdeaStatus.PENDING, IdeaStatus.HIDDEN} else current
    return target


def comment_hidden_after(action: Action, hidden: bool) -> bool:
    if action in {Action.REJECT, Action.HIDE}:
        return True
    if action is Action.RESTORE and not hidden:
        raise RuleViolationError("The comment is not hidden.")
    return False


def check_decision(
    case: Case, action: Action, reason: ReasonCode | None, moderator_id: str, other_moderators: bool
) -> None:
    """A reason for anything but approve; an appeal is decided by another moderator when the brand
    has more than one."""
    if action is not Action.APPROVE and reason is None:
        raise ValidationError(f"A reason is required to {action.value}.", field="reason")
    if case.appeal is not None and case.decided_by == moderator_id and other_moderators:
        raise ForbiddenError("An appeal is decided by another moderator of the brand.")


def check_appeal(case: Case, user_id: str) -> None:
    """The author appeals a rejection or a hide once."""
    if case.author_id != user_id:
        raise ForbiddenError("Only the author can appeal.")
    if not case.hidden:
        raise RuleViolationError("Only a rejected or hidden item can be appealed.")
    if case.appealed:
        raise RuleViolationError("The one appeal was used.")


def screening_outcome(decision: Decision, pre_moderated: bool) -> tuple[CaseState, Action | None]:
    """What a verdict does: in pre-moderation approve publishes, hold queues, reject rejects; in
    post-moderation hold queues (nothing hidden), reject hides."""
    if decision is Decision.APPROVE:
        return CaseState.CLEAR, Action.APPROVE if pre_moderated else None
    if decision is Decision.HOLD:
        return CaseState.QUEUED, None
    return CaseState.QUEUED, Action.REJECT if pre_moderated else Action.HIDE

"""Request and response bodies of the moderation function."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from shared.domain.moderation import Action, AuditEntry, Case, ReasonCode, TargetType
from shared.http import ByValue, MultiLine, RequestBody, ResponseBody, Visible

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class ReportRequest(RequestBody):
    reason: ByValue[ReasonCode]
    note: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), MultiLine, Visible]
        | None
    ) = None


class ReportView(ResponseBody):
    target_type: TargetType
    target_id: str
    reason: ReasonCode


class DecisionRequest(RequestBody):
    target_type: ByValue[TargetType]
    target_id: Id
    action: ByValue[Action]
    reason: ByValue[ReasonCode] | None = Field(default=None, description="Required for anything but approve.")
    version: Annotated[int, Field(ge=0, description="The case version you saw in the queue (stale: 409).")]


class PseudonymisationRequest(RequestBody):
    target_type: ByValue[TargetType]
    target_id: Id


class AppealRequest(RequestBody):
    target_type: ByValue[TargetType]
    target_id: Id
    message: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000), MultiLine, Visible
    ]


class AppealView(ResponseBody):
    message: str
    at: datetime


class AppealFiledView(ResponseBody):
    """What the author sees of their appeal (not who decided, nor scores or reports)."""

    target_type: TargetType
    target_id: str
    state: str
    appeal: AppealView


class CaseView(ResponseBody):
    target_type: TargetType
    target_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    excerpt: str
    state: str
    queued_at: datetime | None
    verdict: str | None = Field(description="Screening's decision: approve, hold or reject.")
    reasons: list[str] = Field(description="Screening's reason codes.")
    scores: dict[str, float]
    reports: int
    report_reasons: dict[str, int]
    hidden: bool
    last_action: Action | None
    decided_by: str | None
    appeal: AppealView | None = Field(description="Set while an appeal awaits a decision.")
    version: int = Field(description="Send it back with a decision.")

    @classmethod
    def of(cls, case: Case) -> CaseView:
        return cls(
            target_type=case.target_type,
            target_id=case.target_id,
            idea_id=case.idea_id,
            challenge_id=case.challenge_id,
            brand_id=case.brand_id,
            author_id=case.author_id,
            excerpt=case.excerpt,
            state=case.state.value,
            queued_at=case.queued_at,
            verdict=case.verdict.value if case.verdict else None,
            reasons=list(case.reasons),
            scores=dict(case.scores),
            reports=case.reports,
            report_reasons=dict(case.report_reasons),
            hidden=case.hidden,
            last_action=case.last_action,
            decided_by=case.decided_by,
            appeal=AppealView(message=case.appeal.message, at=case.appeal.at) if case.appeal else None,
            version=case.version,
        )


class QueuePage(ResponseBody):
    brand_id: str
    items: list[CaseView]
    next_cursor: str | None


class AuditView(ResponseBody):
    entry_id: str
    at: datetime
    actor: str
    step: str
    target_type: TargetType
    target_id: str
    challenge_id: str
    author_id: str
    before: str
    after: str
    reason: str | None
    details: dict[str, str]

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditView:
        return cls(
            entry_id=entry.entry_id,
            at=entry.at,
            actor=entry.actor,
            step=entry.step,
            target_type=entry.target_type,
            target_id=entry.target_id,
            challenge_id=entry.challenge_id,
            author_id=entry.author_id,
            before=entry.before,
            after=entry.after,
            reason=entry.reason,
            details=dict(entry.details),
        )


class AuditPage(ResponseBody):
    brand_id: str
    items: list[AuditView]
    next_cursor: str | None

"""Moderation rules, the events audit entries become, and the Comprehend screener (stub client)."""

from __future__ import annotations

from typing import Any

import pytest

from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.ideas import IdeaStatus
from shared.domain.moderation import (
    Action,
    Appeal,
    AuditEntry,
    Case,
    CaseState,
    ReasonCode,
    TargetType,
    check_appeal,
    check_decision,
    comment_hidden_after,
    idea_status_after,
    screening_outcome,
)
from shared.domain.screening import Decision, ScreeningContext
from shared.events import AppealFiled, ContentHidden, ContentScreened, ModerationDecided
from shared.services.outbox import ItemChange, events_for_change
from shared.store.comprehend import ComprehendScreener

from .builders import T0


def a_case(**overrides: Any) -> Case:
    fields: dict[str, Any] = {
        "target_type": TargetType.IDEA,
        "target_id": "idea-1",
        "idea_id": "idea-1",
        "brand_id": "acme",
        "challenge_id": "ch-1",
        "author_id": "pat",
        "excerpt": "Refills",
        "state": CaseState.QUEUED,
        "updated_at": T0,
    }
    return Case(**(fields | overrides))


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        (Action.APPROVE, IdeaStatus.PENDING, IdeaStatus.PUBLISHED),
        (Action.APPROVE, IdeaStatus.PUBLISHED, IdeaStatus.PUBLISHED),
        (Action.REJECT, IdeaStatus.PENDING, IdeaStatus.REJECTED),
        (Action.HIDE, IdeaStatus.PUBLISHED, IdeaStatus.HIDDEN),
        (Action.RESTORE, IdeaStatus.HIDDEN, IdeaStatus.PUBLISHED),
        (Action.RESTORE, IdeaStatus.REJECTED, IdeaStatus.PUBLISHED),
    ],
)
def test_what_a_decision_does_to_an_idea(action: Action, before: IdeaStatus, after: IdeaStatus) -> None:
    assert idea_status_after(action, before) is after


@pytest.mark.parametrize(
    ("action", "status"), [(Action.HIDE, IdeaStatus.PENDING), (Action.RESTORE, IdeaStatus.SHIPPED)]
)
def test_senseless_decisions_are_refused(action: Action, status: IdeaStatus) -> None:
    with pytest.raises(RuleViolationError):
        idea_status_after(action, status)


def test_comments_hide_and_come_back() -> None:
    assert comment_hidden_after(Action.HIDE, False) is True
    assert comment_hidden_after(Action.RESTORE, True) is False
    with pytest.raises(RuleViolationError):
        comment_hidden_after(Action.RESTORE, False)


def test_decisions_need_a_reason_and_appeals_another_moderator() -> None:
    with pytest.raises(ValidationError):
        check_decision(a_case(), Action.HIDE, None, "mia", other_moderators=False)
    appealed = a_case(appeal=Appeal("please", T0), decided_by="mia")
    with pytest.raises(ForbiddenError):
        check_decision(appealed, Action.RESTORE, ReasonCode.OTHER, "mia", other_moderators=True)
    check_decision(appealed, Action.RESTORE, ReasonCode.OTHER, "mia", other_moderators=False)  # the only one
    check_decision(appealed, Action.RESTORE, ReasonCode.OTHER, "ada", other_moderators=True)


def test_an_appeal_is_the_authors_once_on_a_hidden_item() -> None:
    check_appeal(a_case(hidden=True), "pat")
    for case, user, error in [
        (a_case(hidden=True), "oscar", ForbiddenError),
        (a_case(), "pat", RuleViolationError),
        (a_case(hidden=True, appealed=True), "pat", RuleViolationError),
    ]:
        with pytest.raises(error):
            check_appeal(case, user)


def test_screening_outcomes_by_moderation_mode() -> None:
    assert screening_outcome(Decision.APPROVE, True) == (CaseState.CLEAR, Action.APPROVE)
    assert screening_outcome(Decision.APPROVE, False) == (CaseState.CLEAR, None)
    assert screening_outcome(Decision.HOLD, False) == (CaseState.QUEUED, None)
    assert screening_outcome(Decision.REJECT, True) == (CaseState.QUEUED, Action.REJECT)
    assert screening_outcome(Decision.REJECT, False) == (CaseState.QUEUED, Action.HIDE)


def _entry(step: str, before: str = "published", after: str = "published", **extra: Any) -> AuditEntry:
    fields: dict[str, Any] = {
        "entry_id": "e1",
        "brand_id": "acme",
        "at": T0,
        "actor": "mia",
        "step": step,
        "target_type": TargetType.IDEA,
        "target_id": "idea-1",
        "challenge_id": "ch-1",
        "author_id": "pat",
        "before": before,
        "after": after,
    }
    return AuditEntry(**(fields | extra))


def _events(entry: AuditEntry) -> list[Any]:
    return events_for_change(ItemChange("rec-1", "INSERT", T0, None, entry))


def test_each_audit_step_becomes_its_events() -> None:
    screened = _entry(
        "screened", after="hidden", actor="system:screening", reason="profanity", details={"decision": "reject"}
    )
    [verdict, hidden] = _events(screened)
    assert isinstance(verdict, ContentScreened)
    assert (verdict.decision, verdict.reasons, verdict.event_id) == ("reject", ["profanity"], "rec-1")
    assert isinstance(hidden, ContentHidden)
    assert hidden.event_id == "rec-1:1"
    [decided] = _events(_entry("reject", after="rejected", reason="spam", details={"appeal": "true"}))
    assert isinstance(decided, ModerationDecided)
    assert (decided.action, decided.reason, decided.appeal, decided.moderator_id) == ("reject", "spam", True, "mia")
    [appeal] = _events(_entry("appealed", details={"message": "It is real"}))
    assert isinstance(appeal, AppealFiled)
    assert isinstance(_events(_entry("hidden_by_reports", after="hidden"))[0], ContentHidden)
    assert _events(_entry("reported")) == []


class StubComprehend:
    def __init__(self, toxicity: float, entities: list[dict[str, Any]]) -> None:
        self.toxicity = toxicity
        self.entities = entities
        self.calls: list[str] = []

    def detect_toxic_content(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(kwargs["TextSegments"][0]["Text"][:10])
        return {"ResultList": [{"Toxicity": self.toxicity, "Labels": []}]}

    def detect_pii_entities(self, **kwargs: Any) -> dict[str, Any]:
        return {"Entities": self.entities}


def test_comprehend_only_makes_the_verdict_stricter() -> None:
    context = ScreeningContext(now=T0)
    text = "Refill stations for shampoo in every store"

    clean = ComprehendScreener(StubComprehend(0.1, []))(text, context)
    toxic = ComprehendScreener(StubComprehend(0.97, []))(text, context)
    held = ComprehendScreener(StubComprehend(0.8, [{"Type": "ADDRESS", "Score": 0.95}]))(text, context)

    assert clean.decision is Decision.APPROVE
    assert (toxic.decision, [r.value for r in toxic.reasons]) == (Decision.REJECT, ["toxicity"])
    assert held.decision is Decision.HOLD
    assert [r.value for r in held.reasons] == ["toxicity", "personal_data_detected"]

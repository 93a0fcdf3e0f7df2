"""Moderation use cases: screening (from the bus), reports, the queue, decisions, appeals, the audit log.

Every step reads the case and the target, decides with shared.domain.moderation, and writes the
case, the target's change and one audit entry in one transaction (the store's ``commit``)."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from shared.domain.challenges import Challenge
from shared.domain.comments import Comment
from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError
from shared.domain.ideas import Idea, IdeaStatus, StatusChange
from shared.domain.ladder import resume_ladder, start_ladder
from shared.domain.limits import LimitedAction
from shared.domain.moderation import (
    DEFAULT_REPORT_THRESHOLD,
    EXCERPT_CHARS,
    PSEUDONYMISED,
    REPORT_POINTS,
    REPORTS_ACTOR,
    SCREENING_ACTOR,
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
    report_points,
    screening_outcome,
)
from shared.domain.principal import Principal
from shared.domain.privacy import is_former, new_pseudonym
from shared.domain.screening import ScreeningContext, Verdict
from shared.domain.screening.text import fingerprint
from shared.services.limits import admit
from shared.services.ports import Key, Page, now_ms
from shared.services.ports.moderation import (
    AuditEntryExistsError,
    Commit,
    ModerationPorts,
)
from shared.services.staff import another_decider


@dataclass(frozen=True)
class Target:
    """An idea or a comment, as moderation sees it."""

    target_type: TargetType
    idea: Idea | None = None
    comment: Comment | None = None

    @property
    def target_id(self) -> str:
        return self.idea.idea_id if self.idea else self.comment.comment_id  # type: ignore[union-attr]

    @property
    def brand_id(self) -> str:
        return (self.idea or self.comment).brand_id  # type: ignore[union-attr]

    @property
    def author_id(self) -> str:
        return (self.idea or self.comment).author_id  # type: ignore[union-attr]

    @property
    def status(self) -> str:
        if self.idea is not None:
            return self.idea.status.value
        return "hidden" if self.comment and self.comment.hidden else "visible"

    def text(self) -> str:
        if self.idea is not None:
            return f"{self.idea.title}\n{self.idea.description}"
        return (self.comment.body or "") if self.comment else ""

    def new_case(self, at: datetime) -> Case:
        source = self.idea or self.comment
        assert source is not None  # a Target always holds one
        return Case(
            target_type=self.target_type,
            target_id=self.target_id,
            idea_id=source.idea_id,
            brand_id=source.brand_id,
            challenge_id=source.challenge_id,
            author_id=source.author_id,
            excerpt=self.text()[:EXCERPT_CHARS],
            state=CaseState.CLEAR,
            updated_at=at,
        )


def load_target(ports: ModerationPorts, target_type: TargetType, target_id: str) -> Target:
    if target_type is TargetType.IDEA:
        idea = ports.ideas.get(target_id)
        if idea is None:
            raise NotFoundError(f"No idea {target_id!r}.")
        return Target(target_type, idea=idea)
    comment = ports.comments.get(target_id)
    if comment is None or comment.deleted:
        raise NotFoundError(f"No comment {target_id!r}.")
    return Target(target_type, comment=comment)


@dataclass(frozen=True)
class TargetChange:
    """What a step does to its target (nothing, or an idea's or a comment's before and after)."""

    idea: tuple[Idea, Idea] | None = None
    comment: tuple[Comment, Comment] | None = None

    def status_after(self, target: Target) -> str:
        if self.idea is not None:
            return self.idea[1].status.value
        if self.comment is not None:
            return "hidden" if self.comment[1].hidden else "visible"
        return target.status


def _apply(target: Target, action: Action, by: str, at: datetime, challenge: Challenge | None) -> TargetChange:
    if target.idea is not None:
        return _apply_to_idea(target.idea, action, by, at, challenge)
    comment = target.comment
    assert comment is not None
    hidden = comment_hidden_after(action, comment.hidden)
    if hidden == comment.hidden:
        return TargetChange()
    return TargetChange(comment=(comment, replace(comment, hidden=hidden, version=comment.version + 1, updated_at=at)))


def _apply_to_idea(idea: Idea, action: Action, by: str, at: datetime, challenge: Challenge | None) -> TargetChange:
    """An idea brought back (restore, or approve of a hidden one) gets the status it had before it
    was hidden or rejected, and its ladder: started if it was never public, resumed otherwise."""
    status = idea_status_after(action, idea.status)
    if status is idea.status:
        return TargetChange()
    first_publication = idea.status is IdeaStatus.PENDING
    if status is IdeaStatus.PUBLISHED and idea.status in {IdeaStatus.HIDDEN, IdeaStatus.REJECTED}:
        before = [change.from_status for change in idea.history if change.to_status is idea.status]
        previous = before[-1] if before else IdeaStatus.PUBLISHED
        first_publication = previous is IdeaStatus.PENDING
        if previous is IdeaStatus.UNDER_REVIEW:
            status = previous
    change = StatusChange(idea.status, status, at, by)
    after = replace(idea, status=status, history=(*idea.history, change), version=idea.version + 1, updated_at=at)
    ladder = challenge.support_ladder if challenge else ()
    if status is IdeaStatus.PUBLISHED and ladder:
        progress = start_ladder(ladder, at) if first_publication else resume_ladder(idea.ladder, ladder, at)
        after = replace(after, ladder=progress)
    return TargetChange(idea=(idea, after))


def _entry(
    case: Case,
    step: str,
    actor: str,
    at: datetime,
    statuses: tuple[str, str],
    *,
    entry_id: str | None = None,
    reason: str | None = None,
    details: dict[str, str] | None = None,
) -> AuditEntry:
    """The audit entry of a step on the case's target (a new id unless the step has its own)."""
    return AuditEntry(
        entry_id=entry_id or uuid.uuid4().hex,
        brand_id=case.brand_id,
        at=at,
        actor=actor,
        step=step,
        target_type=case.target_type,
        target_id=case.target_id,
        challenge_id=case.challenge_id,
        author_id=case.author_id,
        before=statuses[0],
        after=statuses[1],
        reason=reason,
        details=details or {},
    )


# -- screening -------------------------------------------------------------------------------------


def screen_target(
    ports: ModerationPorts, target_type: TargetType, target_id: str, event_id: str, occurred_at: datetime
) -> Verdict | None:
    """Screen an idea or comment that was posted or edited; None if this event was handled before
    (or the item is gone). In pre-moderation approve publishes, hold queues, reject rejects; in
    post-moderation (comments always) hold queues and reject hides."""
    try:
        target = load_target(ports, target_type, target_id)
    except NotFoundError:
        return None
    challenge = ports.challenges.get((target.idea or target.comment).challenge_id)  # type: ignore[union-attr]
    case = ports.store.get_case(target_type, target_id) or target.new_case(occurred_at)
    record = ports.store.author(target.brand_id, target.author_id)
    text = target.text()
    context = ScreeningContext(
        now=occurred_at,
        recent_fingerprints=frozenset(fp for fp, _, of in record.recent if of != target_id),
        recent_post_times=tuple(at for _, at, of in record.recent if of != target_id),
        blocklist=frozenset(challenge.blocklist if challenge else ()),
    )
    verdict = ports.screener(text, context)
    pre_moderated = target.idea is not None and target.idea.status is IdeaStatus.PENDING
    state, action = screening_outcome(verdict.decision, pre_moderated)
    now = now_ms(ports.clock)
    change = TargetChange()
    if action is not None:  # already so (a redelivery, or a moderator was faster): the verdict is still recorded
        with contextlib.suppress(RuleViolationError):
            change = _apply(target, action, SCREENING_ACTOR, now, challenge)
    after = replace(
        case,
        excerpt=text[:EXCERPT_CHARS],
        verdict=verdict.decision,
        reasons=tuple(reason.value for reason in verdict.reasons),
        scores={name: round(score, 3) for name, score in verdict.scores.items() if score},
        hidden=change.status_after(target) in {"hidden", "rejected"},
        last_action=action or case.last_action,
        updated_at=now,
        version=case.version + 1,
    )
    after = after.queued(now) if state is CaseState.QUEUED or case.state is CaseState.QUEUED else after.cleared()
    audit = _entry(
        case,
        "screened",
        SCREENING_ACTOR,
        occurred_at,
        (target.status, change.status_after(target)),
        entry_id=event_id,
        reason=",".join(after.reasons) or None,
        details={"decision": verdict.decision.value},
    )
    recent = (*record.recent, (fingerprint(text), occurred_at, target_id))
    # Trust counts ideas that became public, not comments or edits (else N comments buy trust).
    approved = 1 if change.idea is not None and change.idea[0].status is IdeaStatus.PENDING else 0
    try:
        ports.store.commit(
            Commit(
                before=case,
                after=after,
                audit=audit,
                idea=change.idea,
                comment=change.comment,
                author_recent=recent,
                author_approved=approved,
            )
        )
    except AuditEntryExistsError:
        return None
    return verdict


# -- reports ---------------------------------------------------------------------------------------


def report(
    principal: Principal,
    ports: ModerationPorts,
    target_type: TargetType,
    target_id: str,
    reason: ReasonCode,
    note: str | None,
) -> Case:
    """A signed-in user reports an idea or comment they can see, once. At the challenge's threshold
    the item is hidden pending review (and queued)."""
    user_id = principal.require_signed_in()
    target = load_target(ports, target_type, target_id)
    idea = target.idea or ports.ideas.get(target.comment.idea_id)  # type: ignore[union-attr]
    if idea is None or not idea.visible_to(principal):  # a comment on an idea you cannot see: not found
        raise NotFoundError(f"No {target_type.value} {target_id!r}.")
    if target.author_id == user_id:
        raise ForbiddenError("You cannot report your own contribution.")
    challenge = ports.challenges.get((target.idea or target.comment).challenge_id)  # type: ignore[union-attr]
    now = now_ms(ports.clock)
    case = ports.store.get_case(target_type, target_id) or target.new_case(now)
    if challenge is not None:
        admit(ports.limiter, principal, challenge, LimitedAction.REPORTS, ports.clock)
    counts = dict(case.report_reasons)
    counts[reason.value] = counts.get(reason.value, 0) + 1
    if principal.is_brand_staff(target.brand_id):
        points = REPORT_POINTS
    else:
        reporter = ports.store.author(target.brand_id, user_id)
        points = report_points(reporter.approved, reporter.first_post, now)
    after = replace(
        case,
        reports=case.reports + 1,
        report_points=case.report_points + points,
        report_reasons=counts,
        updated_at=now,
        version=case.version + 1,
    )
    threshold = (challenge.report_threshold if challenge else DEFAULT_REPORT_THRESHOLD) * REPORT_POINTS
    change = TargetChange()
    step = "reported"
    visible = target.status in {"published", "visible", "under_review"}
    if after.report_points >= threshold and not case.hidden and visible:
        change = _apply(target, Action.HIDE, REPORTS_ACTOR, now, challenge)
        after = replace(after, hidden=True, last_action=Action.HIDE).queued(now)
        step = "hidden_by_reports"
    actor = user_id if step == "reported" else REPORTS_ACTOR
    statuses = (target.status, change.status_after(target))
    details = {"reports": str(after.reports), "points": str(points)}
    audit = _entry(case, step, actor, now, statuses, reason=reason.value, details=details)
    extra = {"reason": reason.value, "note": note, "at": now.isoformat()}
    ports.store.commit(
        Commit(
            before=case,
            after=after,
            audit=audit,
            idea=change.idea,
            comment=change.comment,
            report_by=user_id,
            extra=extra,
        )
    )
    return after


# -- the queue, decisions, appeals, audit ----------------------------------------------------------


def _brand_for(principal: Principal, brand_id: str | None) -> str:
    """The brand whose queue or log the caller reads: theirs (moderators, admins) or any (operators)."""
    principal.require_signed_in()
    if brand_id is None:
        brands = sorted(principal.brands)
        if len(brands) != 1:
            raise ValidationError("Name the brand (brandId): you moderate several or none.", field="brandId")
        brand_id = brands[0]
    principal.require_brand_staff(brand_id)
    return brand_id


def list_queue(
    principal: Principal,
    ports: ModerationPorts,
    brand_id: str | None,
    challenge_id: str | None,
    *,
    limit: int,
    start: Key | None,
) -> tuple[str, Page[Case]]:
    brand = _brand_for(principal, brand_id)
    return brand, ports.store.list_queue(brand, challenge_id, limit=limit, start=start)


def decide(
    principal: Principal,
    ports: ModerationPorts,
    target_type: TargetType,
    target_id: str,
    action: Action,
    reason: ReasonCode | None,
    version: int,
) -> Case:
    """A moderator decides on an item, given the version of the case they saw (stale: 409)."""
    target = load_target(ports, target_type, target_id)
    moderator = principal.require_brand_staff(target.brand_id)
    now = now_ms(ports.clock)
    case = ports.store.get_case(target_type, target_id) or target.new_case(now)
    if case.version != version:
        raise ConflictError(f"The case changed since you saw it (version {case.version}, not {version}).")
    check_decision(case, action, reason, moderator, another_decider(ports.staff, target.brand_id, moderator))
    challenge = ports.challenges.get(case.challenge_id)
    change = _apply(target, action, moderator, now, challenge)
    hidden = change.status_after(target) in {"hidden", "rejected"}
    after = replace(
        case,
        hidden=hidden,
        last_action=action,
        decided_by=moderator,
        appeal=None,
        appealed=case.appealed or case.appeal is not None,
        reports=0,  # reports count toward the threshold since the last decision
        report_points=0,
        report_reasons={},
        updated_at=now,
        version=case.version + 1,
    ).cleared()
    audit = _entry(
        case,
        action.value,
        moderator,
        now,
        (target.status, change.status_after(target)),
        reason=reason.value if reason else None,
        details={"appeal": "true"} if case.appeal is not None else {},
    )
    approved = 1 if action is Action.APPROVE and target.idea is not None else 0
    ports.store.commit(
        Commit(
            before=case,
            after=after,
            audit=audit,
            idea=change.idea,
            comment=change.comment,
            author_approved=approved,
        )
    )
    return after


def appeal(principal: Principal, ports: ModerationPorts, target_type: TargetType, target_id: str, message: str) -> Case:
    """The author appeals a rejection or hide once: the case goes back to the queue, flagged."""
    user_id = principal.require_signed_in()
    case = ports.store.get_case(target_type, target_id)
    if case is None or case.author_id != user_id:
        raise NotFoundError(f"Nothing of yours to appeal at {target_type.value} {target_id!r}.")
    check_appeal(case, user_id)
    now = now_ms(ports.clock)
    after = replace(case, appeal=Appeal(message, now), appealed=True, updated_at=now, version=case.version + 1)
    after = replace(after, queued_at=None).queued(now)
    status = _status_of(ports, case)  # an appeal leaves the target as it is: rejected stays rejected
    audit = _entry(case, "appealed", user_id, now, (status, status), details={"message": message[:EXCERPT_CHARS]})
    ports.store.commit(Commit(before=case, after=after, audit=audit))
    return after


def pseudonymise(principal: Principal, ports: ModerationPorts, target_type: TargetType, target_id: str) -> Case:
    """A brand admin removes the personal data of one idea or comment on its author's request: the
    item stays, by "a former participant" (a fresh pseudonym); its case and earlier audit entries
    name the pseudonym, and one audit entry records the step (decision 60)."""
    target = load_target(ports, target_type, target_id)
    admin = principal.require_brand_admin(target.brand_id)
    author = target.author_id
    if is_former(author):
        raise RuleViolationError(f"This {target_type.value} is already by a former participant.")
    pseudonym = new_pseudonym()
    now = now_ms(ports.clock)
    case = ports.store.get_case(target_type, target_id) or target.new_case(now)
    if target.idea is not None:
        idea = target.idea
        history = tuple(replace(c, by=pseudonym) if c.by == author else c for c in idea.history)
        renamed = replace(idea, author_id=pseudonym, history=history, version=idea.version + 1, updated_at=now)
        change = TargetChange(idea=(idea, renamed))
    else:
        comment = target.comment
        assert comment is not None
        deleted_by = pseudonym if comment.deleted_by == author else comment.deleted_by
        renamed_comment = replace(comment, author_id=pseudonym, deleted_by=deleted_by, version=comment.version + 1)
        change = TargetChange(comment=(comment, replace(renamed_comment, updated_at=now)))
    after = replace(case, author_id=pseudonym, updated_at=now, version=case.version + 1)
    status = target.status
    audit = _entry(after, PSEUDONYMISED, admin, now, (status, status), reason="request")
    ports.store.commit(Commit(before=case, after=after, audit=audit, idea=change.idea, comment=change.comment))
    ports.store.pseudonymise_links(target_type, target_id, author, pseudonym)
    return after


def _status_of(ports: ModerationPorts, case: Case) -> str:
    """The status of a case's target, as the audit log records it (an idea's status, or a comment's
    visibility, deleted or not)."""
    if case.target_type is TargetType.IDEA:
        idea = ports.ideas.get(case.target_id)
        if idea is None:
            raise NotFoundError(f"No idea {case.target_id!r}.")
        return Target(case.target_type, idea=idea).status
    comment = ports.comments.get(case.target_id)
    if comment is None:
        raise NotFoundError(f"No comment {case.target_id!r}.")
    return Target(case.target_type, comment=comment).status


def list_audit(
    principal: Principal,
    ports: ModerationPorts,
    brand_id: str | None,
    *,
    target: tuple[TargetType, str] | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    start: Key | None,
) -> tuple[str, Page[AuditEntry]]:
    brand = _brand_for(principal, brand_id)
    return brand, ports.store.list_audit(brand, target=target, since=since, until=until, limit=limit, start=start)

"""The outbox: which item changes become which events. Pure: the store decodes stream records
into ``ItemChange``s and the publisher sends what this returns.

A record can yield several events (an edit that also changes status); the first carries the
record's id as ``eventId`` and the others ``<id>:<n>``, all stable across redeliveries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from shared.domain.brands import Brand
from shared.domain.challenges import Challenge
from shared.domain.comments import Comment
from shared.domain.ideas import Idea, IdeaStatus
from shared.domain.moderation import AuditEntry
from shared.domain.privacy import Erasure, Export, ExportState
from shared.domain.reputation import BADGE_NAMES, EarnedBadge
from shared.domain.staff import StaffMember
from shared.domain.votes import Vote
from shared.events import (
    AppealFiled,
    BadgeAwarded,
    BrandCreated,
    BrandReinstated,
    BrandSuspended,
    BrandUpdated,
    ChallengeCreated,
    ChallengePhaseChanged,
    ChallengeUpdated,
    ContentHidden,
    ContentScreened,
    DomainEvent,
    ErasureCompleted,
    ErasureRequested,
    ExportFailed,
    ExportReady,
    ExportRequested,
    IdeaExpired,
    IdeaMerged,
    IdeaMilestoneReached,
    IdeaPublished,
    IdeaStatusChanged,
    IdeaSubmitted,
    IdeaUnmerged,
    IdeaUpdated,
    IdeaVotesChanged,
    IdeaWithdrawn,
    ModerationDecided,
    StaffInvited,
    StaffJoined,
    StaffRemoved,
    StaffRoleChanged,
    VoteCast,
    VoteCounts,
    VoteRetracted,
)
from shared.services.comment_events import comment_events
from shared.services.ports.events import EventPublisher

Entity = Brand | Challenge | Idea | Comment | Vote | AuditEntry | StaffMember | Erasure | Export | EarnedBadge

_CHALLENGE_FIELDS = {
    "title": "title",
    "description": "description",
    "moderation": "moderation",
    "tag_vocabulary": "tagVocabulary",
    "vote_model": "voteModel",
    "vote_budget": "voteBudget",
    "allow_self_vote": "allowSelfVote",
    "support_ladder": "supportLadder",
    "max_ideas_per_user": "maxIdeasPerUser",
    "edit_lock_votes": "editLockVotes",
    "status_labels": "statusLabels",
    "phase_dates": "phaseDates",
    "blocklist": "blocklist",
    "report_threshold": "reportThreshold",
    "trusted_after": "trustedAfter",
    "phase_rules": "phaseRules",
    "rate_limits": "rateLimits",
    "suspended": "suspended",
    "survey": "survey",
}
_IDEA_CONTENT = ("title", "description", "tags")
_NOT_YET_PUBLIC = frozenset({IdeaStatus.PENDING, IdeaStatus.REJECTED})
_MODERATED = frozenset({IdeaStatus.HIDDEN, IdeaStatus.REJECTED})


@dataclass(frozen=True)
class ItemChange:
    change_id: str  # the stream record's id: stable across redeliveries of the same record
    kind: Literal["INSERT", "MODIFY", "REMOVE"]
    occurred_at: datetime
    old: Entity | None
    new: Entity | None


def events_for_change(change: ItemChange) -> list[DomainEvent]:
    if isinstance(change.new, Idea):
        events = _idea_events(change, change.new, change.old if isinstance(change.old, Idea) else None)
    elif isinstance(change.new, Challenge):
        events = _challenge_events(change, change.new, change.old if isinstance(change.old, Challenge) else None)
    elif isinstance(change.new, Brand):
        events = _brand_events(change, change.new, change.old if isinstance(change.old, Brand) else None)
    elif isinstance(change.new, Comment):
        events = comment_events(change)
    elif isinstance(change.new or change.old, Vote):
        events = _vote_events(change)
    elif isinstance(change.new or change.old, StaffMember):
        events = _staff_events(change)
    elif isinstance(change.new, Erasure):
        events = _erasure_events(change.new, change.old if isinstance(change.old, Erasure) else None)
    elif isinstance(change.new, Export):
        events = _export_events(change.new, change.old if isinstance(change.old, Export) else None)
    elif isinstance(change.new, AuditEntry) and change.kind == "INSERT":
        events = _audit_events(change.new)
    elif isinstance(change.new, EarnedBadge) and change.kind == "INSERT":
        events = [_badge_event(change.new)]
    else:
        events = []
    return [
        event.model_copy(update={"event_id": change.change_id if n == 0 else f"{change.change_id}:{n}"})
        for n, event in enumerate(events)
    ]


def in_calls(sizes: Sequence[int], limit: int) -> list[range]:
    """Consecutive records (``sizes``: their event counts) grouped so that a group's events fit one
    PutEvents call of ``limit`` entries and no record is split over two calls (a record with more
    events than ``limit`` is a group of its own): a failed call then never leaves half a record sent."""
    groups: list[range] = []
    start = total = 0
    for n, size in enumerate(sizes):
        if n > start and total + size > limit:
            groups.append(range(start, n))
            start, total = n, 0
        total += size
    if start < len(sizes):
        groups.append(range(start, len(sizes)))
    return groups


def publish_in_order(
    publisher: EventPublisher, records: Sequence[Sequence[DomainEvent]], limit: int
) -> tuple[int, int]:
    """Send the records' events in stream order, whole records per call of at most ``limit`` events,
    and stop at the first call not sent entirely (a stream retries from the first failed record, so
    sending later ones now would send them twice). Returns the index of the first record whose events
    did not all go out (``len(records)`` when all did) and how many events went."""
    sent = 0
    for group in in_calls([len(events) for events in records], limit):
        events = [event for events in records[group.start : group.stop] for event in events]
        failed = publisher.publish(events)
        sent += len(events) - len(failed)
        if failed:
            return next(n for n in group if any(event.event_id in failed for event in records[n])), sent
    return len(records), sent


def _idea_events(change: ItemChange, new: Idea, old: Idea | None) -> list[DomainEvent]:
    ids: dict[str, Any] = {"event_id": change.change_id, "idea_id": new.idea_id, "challenge_id": new.challenge_id}
    ids |= {"brand_id": new.brand_id, "author_id": new.author_id}
    if change.kind == "INSERT" or old is None:
        status: Literal["pending", "published"] = "pending" if new.status is IdeaStatus.PENDING else "published"
        return [IdeaSubmitted(**ids, occurred_at=new.created_at, title=new.title, status=status, tags=list(new.tags))]
    events: list[DomainEvent] = []
    at = new.updated_at
    content = [name for name in _IDEA_CONTENT if getattr(old, name) != getattr(new, name)]
    if content:
        events.append(
            IdeaUpdated(
                **ids, occurred_at=at, title=new.title, tags=list(new.tags), status=new.status.value, changed=content
            )
        )
    done = len(old.ladder.reached)
    completed = new.status is IdeaStatus.UNDER_REVIEW and old.status is IdeaStatus.PUBLISHED
    for rung, reached_at in enumerate(new.ladder.reached[done:], start=done + 1):
        final = completed and rung == len(new.ladder.reached)
        events.append(
            IdeaMilestoneReached(
                **ids,
                occurred_at=reached_at,
                title=new.title,
                rung=rung,
                final=final,
                supporters=new.votes.up,
                votes=_counts(new),
            )
        )
    if old.status is not new.status:
        if new.status is IdeaStatus.WITHDRAWN:
            events.append(IdeaWithdrawn(**ids, occurred_at=at, from_status=old.status.value))
        elif new.status is IdeaStatus.MERGED and new.merged_into:
            events.append(
                IdeaMerged(
                    **ids,
                    occurred_at=at,
                    title=new.title,
                    target_idea_id=new.merged_into,
                    from_status=old.status.value,
                    merged_by=new.history[-1].by if new.history else "system",
                )
            )
        elif old.status is IdeaStatus.MERGED and old.merged_into:
            events.append(
                IdeaUnmerged(
                    **ids,
                    occurred_at=at,
                    title=new.title,
                    target_idea_id=old.merged_into,
                    to_status=new.status.value,
                    unmerged_by=new.history[-1].by if new.history else "system",
                )
            )
        elif new.status is IdeaStatus.EXPIRED:
            events.append(IdeaExpired(**ids, occurred_at=at, title=new.title, rungs_reached=len(new.ladder.reached)))
        elif old.status in _NOT_YET_PUBLIC and new.status is IdeaStatus.PUBLISHED:
            events.append(IdeaPublished(**ids, occurred_at=at, title=new.title))
        elif {old.status, new.status} & _MODERATED:
            pass  # hidden, rejected, restored: moderation's own events tell (ModerationDecided, ContentHidden)
        else:
            last = new.history[-1] if new.history else None
            events.append(
                IdeaStatusChanged(
                    **ids,
                    occurred_at=at,
                    title=new.title,
                    from_status=old.status.value,
                    to_status=new.status.value,
                    response=last.response if last else None,
                    changed_by=last.by if last else "system",
                    votes=_counts(new),
                )
            )
    if old.votes != new.votes:  # last, so the other events of the record keep their ids
        events.append(
            IdeaVotesChanged(
                **ids,
                occurred_at=change.occurred_at,
                title=new.title,
                status=new.status.value,
                votes=_counts(new),
                previous_votes=_counts(old),
            )
        )
    return events


def _counts(idea: Idea) -> VoteCounts:
    return VoteCounts(up=idea.votes.up, down=idea.votes.down, score=idea.votes.score)


def _vote_events(change: ItemChange) -> list[DomainEvent]:
    old = change.old if isinstance(change.old, Vote) else None
    new = change.new if isinstance(change.new, Vote) else None
    vote = new or old
    assert vote is not None
    ids: dict[str, Any] = {"idea_id": vote.idea_id, "challenge_id": vote.challenge_id, "voter_id": vote.voter_id}
    if new is None:
        return [VoteRetracted(**ids, event_id=change.change_id, occurred_at=change.occurred_at, value=vote.value)]
    if old is not None and old.value == new.value:
        return []
    previous = old.value if old else None
    return [
        VoteCast(**ids, event_id=change.change_id, occurred_at=new.voted_at, value=new.value, previous_value=previous)
    ]


def _audit_events(entry: AuditEntry) -> list[DomainEvent]:
    """Each moderation step is one append-only audit entry; its events follow from it."""
    ids: dict[str, Any] = {
        "event_id": entry.entry_id,
        "occurred_at": entry.at,
        "target_type": entry.target_type.value,
        "target_id": entry.target_id,
        "challenge_id": entry.challenge_id,
        "brand_id": entry.brand_id,
        "author_id": entry.author_id,
    }
    hidden = entry.after in {"hidden", "rejected"} and entry.before not in {"hidden", "rejected"}
    if entry.step == "screened":
        reasons = [r for r in (entry.reason or "").split(",") if r]
        events: list[DomainEvent] = [
            ContentScreened(**ids, decision=cast(Any, entry.details["decision"]), reasons=reasons)
        ]
        if hidden:
            events.append(ContentHidden(**ids, reason=entry.reason, hidden_by=entry.actor))
        return events
    if entry.step == "hidden_by_reports":
        return [ContentHidden(**ids, reason=entry.reason, hidden_by=entry.actor)]
    if entry.step in {"approve", "reject", "hide", "restore"}:
        return [
            ModerationDecided(
                **ids,
                action=cast(Any, entry.step),
                reason=entry.reason,
                moderator_id=entry.actor,
                before=entry.before,
                after=entry.after,
                appeal=entry.details.get("appeal") == "true",
            )
        ]
    if entry.step == "appealed":
        return [AppealFiled(**ids, message=entry.details.get("message", ""))]
    return []


def _badge_event(badge: EarnedBadge) -> DomainEvent:
    return BadgeAwarded(
        event_id=badge.event_id,
        occurred_at=badge.awarded_at,
        user_id=badge.user_id,
        badge=badge.badge.value,
        name=BADGE_NAMES[badge.badge],
        brand_id=badge.brand_id,
        challenge_id=badge.challenge_id,
        idea_id=badge.idea_id,
    )


def _staff_events(change: ItemChange) -> list[DomainEvent]:
    old = change.old if isinstance(change.old, StaffMember) else None
    new = change.new if isinstance(change.new, StaffMember) else None
    member = new or old
    assert member is not None
    ids: dict[str, Any] = {"event_id": change.change_id, "brand_id": member.brand_id, "member_id": member.member_id}
    if new is None:
        return [StaffRemoved(**ids, occurred_at=change.occurred_at, user_id=member.user_id, role=member.role.value)]
    events: list[DomainEvent] = []
    if new.active and (old is None or not old.active):
        joined = new.joined_at or change.occurred_at
        events.append(StaffJoined(**ids, occurred_at=joined, user_id=str(new.user_id), role=new.role.value))
    elif not new.active and (old is None or old.invited_at != new.invited_at):
        events.append(StaffInvited(**ids, occurred_at=new.invited_at, role=new.role.value, invited_by=new.invited_by))
    if old is not None and old.role is not new.role:
        role, previous = cast(Any, new.role.value), cast(Any, old.role.value)
        moved = StaffRoleChanged(
            **ids, occurred_at=change.occurred_at, user_id=new.user_id, role=role, previous_role=previous
        )
        events.append(moved)
    return events


def _erasure_events(new: Erasure, old: Erasure | None) -> list[DomainEvent]:
    if new.running and (old is None or not old.running):
        return [ErasureRequested(event_id="-", occurred_at=new.requested_at, user_id=new.user_id)]
    if not new.running and old is not None and old.running and new.finished_at is not None:
        return [ErasureCompleted(event_id="-", occurred_at=new.finished_at, user_id=new.user_id)]
    return []


def _export_events(new: Export, old: Export | None) -> list[DomainEvent]:
    ids: dict[str, Any] = {"event_id": "-", "user_id": new.user_id, "export_id": new.export_id}
    if old is not None and old.export_id == new.export_id and old.state is new.state:
        return []
    if new.state is ExportState.QUEUED:
        return [ExportRequested(**ids, occurred_at=new.requested_at)]
    at = new.ready_at or new.requested_at
    if new.state is ExportState.READY:
        return [ExportReady(**ids, occurred_at=at, expires_at=new.expires_at)]
    return [ExportFailed(**ids, occurred_at=at)]


def _brand_events(change: ItemChange, new: Brand, old: Brand | None) -> list[DomainEvent]:
    ids: dict[str, Any] = {"event_id": change.change_id, "brand_id": new.brand_id}
    if change.kind == "INSERT" or old is None:
        return [BrandCreated(**ids, occurred_at=new.created_at, name=new.name)]
    events: list[DomainEvent] = []
    if old.name != new.name:
        events.append(BrandUpdated(**ids, occurred_at=new.updated_at, changed=["name"]))
    if new.suspended and not old.suspended:
        events.append(BrandSuspended(**ids, occurred_at=new.updated_at, reason=new.suspended_reason))
    elif old.suspended and not new.suspended:
        events.append(BrandReinstated(**ids, occurred_at=new.updated_at))
    return events


def _challenge_events(change: ItemChange, new: Challenge, old: Challenge | None) -> list[DomainEvent]:
    ids: dict[str, Any] = {"event_id": change.change_id, "challenge_id": new.challenge_id, "brand_id": new.brand_id}
    if change.kind == "INSERT" or old is None:
        return [ChallengeCreated(**ids, occurred_at=new.created_at, title=new.title, phase=new.phase.value)]
    events: list[DomainEvent] = []
    changed = [alias for name, alias in _CHALLENGE_FIELDS.items() if getattr(old, name) != getattr(new, name)]
    if changed:
        events.append(ChallengeUpdated(**ids, occurred_at=new.updated_at, changed=changed))
    if old.phase is not new.phase:
        events.append(
            ChallengePhaseChanged(
                **ids,
                occurred_at=new.updated_at,
                title=new.title,
                from_phase=old.phase.value,
                to_phase=new.phase.value,
                submitting_open=new.submitting_open,
                voting_open=new.voting_open,
            )
        )
    return events

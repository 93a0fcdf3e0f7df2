"""Who hears what: typed bus events -> a notice and its audience (before preferences and channels).

- Authors: their idea published, hidden or rejected (with the reason), its status changed (with
  the official response), a milestone reached, a new comment or reply, merged, expired.
- Followers: an idea's status changes, milestones, official comments, a merge.
- Participants: their data export ready, a badge earned.
- Brand staff: appeals and new items in the queue (the moderators who have decided in the brand),
  milestones in their challenges (the challenge's creator, a brand admin).
- Nobody is told of their own action (``recipients`` in shared/domain/inbox.py).

The event types rendered here are exactly ``NOTIFIED`` (shared/domain/notification_prefs.py);
a test keeps the two equal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from shared.domain.inbox import Audience, Notice
from shared.events import (
    AppealFiled,
    BadgeAwarded,
    ChallengePhaseChanged,
    CommentPosted,
    ContentHidden,
    ContentScreened,
    DomainEvent,
    ExportReady,
    IdeaExpired,
    IdeaMerged,
    IdeaMilestoneReached,
    IdeaPublished,
    IdeaStatusChanged,
    ModerationDecided,
    ModerationEvent,
)

Built = tuple[Notice, Audience]
_PAST = {"approve": "approved", "reject": "rejected", "hide": "hidden", "restore": "restored"}


def _title(title: str) -> str:
    return f"“{title}”" if title else "your idea"


def _notice(event: DomainEvent, at: datetime, message: str, actor: str | None = None) -> Notice:
    idea_id: str | None = getattr(event, "idea_id", None)
    if isinstance(event, ModerationEvent) and event.target_type == "idea":
        idea_id = event.target_id
    return Notice(
        event_id=event.event_id,
        event_type=event.detail_type(),
        at=at,
        message=message,
        idea_id=idea_id,
        challenge_id=getattr(event, "challenge_id", None),
        actor_id=actor,
    )


def _author(author_id: str) -> frozenset[str]:
    return frozenset({author_id}) if author_id else frozenset()


def _published(event: IdeaPublished, at: datetime, _: str | None) -> Built:
    return _notice(event, at, f"{_title(event.title)} is published."), Audience(_author(event.author_id))


def _status_changed(event: IdeaStatusChanged, at: datetime, label: str | None) -> Built:
    response = f" Official response: {event.response}" if event.response else ""
    message = f"{_title(event.title)} is now {label or event.to_status.replace('_', ' ')}.{response}"
    if event.to_status == "shipped":  # the after-sales loop: its supporters are asked (decision 65)
        message += " If you supported or followed it before it shipped, rate it 1-5 and write a review."
    audience = Audience(_author(event.author_id), followers_of=event.idea_id)
    return _notice(event, at, message, event.changed_by), audience


def _milestone(event: IdeaMilestoneReached, at: datetime, _: str | None) -> Built:
    message = f"{_title(event.title)} reached milestone {event.rung} with {event.supporters} supporters."
    audience = Audience(_author(event.author_id), followers_of=event.idea_id, challenge_creator_of=event.challenge_id)
    return _notice(event, at, message), audience


def _merged(event: IdeaMerged, at: datetime, _: str | None) -> Built:
    message = f"{_title(event.title)} was merged into another idea ({event.target_idea_id})."
    audience = Audience(_author(event.author_id), followers_of=event.idea_id)
    return _notice(event, at, message, event.merged_by), audience


def _expired(event: IdeaExpired, at: datetime, _: str | None) -> Built:
    return _notice(event, at, f"{_title(event.title)} missed its support window."), Audience(_author(event.author_id))


def _comment(event: CommentPosted, at: datetime, _: str | None) -> Built:
    """The parent's author hears of a reply; followers hear official comments. (The idea's author
    is added by the service, which reads the idea: the event names the commenter.)"""
    parent = _author(event.parent_author_id or "")
    kind = "An official answer" if event.official else "A reply" if parent else "A new comment"
    notice = _notice(event, at, f"{kind} on an idea you follow.", event.author_id)
    return notice, Audience(parent, followers_of=event.idea_id if event.official else None)


def _export_ready(event: ExportReady, at: datetime, _: str | None) -> Built:
    until = event.expires_at.strftime("%Y-%m-%d")
    message = f"Your data export is ready: download it from GET /me/export until {until}."
    return _notice(event, at, message), Audience(frozenset({event.user_id}))


def _badge(event: BadgeAwarded, at: datetime, _: str | None) -> Built:
    message = f"You earned the badge “{event.name}”. See it on your profile."
    return _notice(event, at, message), Audience(frozenset({event.user_id}))


def _what(event: ModerationEvent) -> str:
    return "Your idea" if event.target_type == "idea" else "Your comment"


def _decided(event: ModerationDecided, at: datetime, _: str | None) -> Built:
    action = _PAST.get(event.action, event.action)
    message = f"{_what(event)} was {action} by a moderator (reason: {event.reason or 'none given'})."
    return _notice(event, at, message, event.moderator_id), Audience(_author(event.author_id))


def _hidden(event: ContentHidden, at: datetime, _: str | None) -> Built:
    message = f"{_what(event)} is hidden pending review (reason: {event.reason or 'none given'})."
    return _notice(event, at, message), Audience(_author(event.author_id))


def _appeal(event: AppealFiled, at: datetime, _: str | None) -> Built:
    message = f"An appeal awaits a decision ({event.target_type} {event.target_id})."
    return _notice(event, at, message, event.author_id or None), Audience(brand_staff_of=event.brand_id)


def _queued(event: ContentScreened, at: datetime, _: str | None) -> Built | None:
    if event.decision not in {"hold", "reject"}:
        return None
    message = f"A new item awaits review ({event.target_type} {event.target_id})."
    return _notice(event, at, message), Audience(brand_staff_of=event.brand_id)


def _phase_changed(event: ChallengePhaseChanged, at: datetime, _: str | None) -> Built:
    opens = {"voting": " Voting is open.", "review": " Voting has closed; the brand reviews the ideas."}
    message = f"“{event.title or 'A challenge'}” moved to its {event.to_phase} phase." + opens.get(event.to_phase, "")
    return _notice(event, at, message), Audience(followers_of_challenge=event.challenge_id)


RENDERERS: dict[type[DomainEvent], Callable[[Any, datetime, str | None], Built | None]] = {
    IdeaPublished: _published,
    IdeaStatusChanged: _status_changed,
    IdeaMilestoneReached: _milestone,
    IdeaMerged: _merged,
    IdeaExpired: _expired,
    CommentPosted: _comment,
    ModerationDecided: _decided,
    ContentHidden: _hidden,
    AppealFiled: _appeal,
    ContentScreened: _queued,
    ChallengePhaseChanged: _phase_changed,
    ExportReady: _export_ready,
    BadgeAwarded: _badge,
}


def notice_for(event: DomainEvent, at: datetime, status_label: str | None = None) -> Built | None:
    """The notice an event makes and who hears it, or None for events nobody is told about.
    ``status_label`` is the brand's name for a status change's new status, where it has one."""
    render = RENDERERS.get(type(event))
    return render(event, at, status_label) if render else None

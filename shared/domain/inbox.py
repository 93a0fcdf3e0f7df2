"""Who hears what: bus events -> a notice and its audience (before preferences and channels).

- Authors: their idea published, hidden or rejected (with the reason), its status changed (with
  the official response), a milestone reached, a new comment or reply, merged, expired.
- Followers: an idea's status changes, milestones, official comments, a merge.
- Brand staff: appeals and new items in the queue (the moderators who have decided in the brand),
  milestones in their challenges (the challenge's creator, a brand admin).
- Nobody is told of their own action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

INBOX_DAYS = 90  # notifications expire (TTL) after this


@dataclass(frozen=True, slots=True)
class Notice:
    event_id: str
    event_type: str
    at: datetime
    message: str
    idea_id: str | None = None
    challenge_id: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Audience:
    users: frozenset[str] = frozenset()
    followers_of: str | None = None  # an idea whose followers hear it too
    brand_staff_of: str | None = None  # a brand whose deciding moderators hear it
    challenge_creator_of: str | None = None  # a challenge whose creator (a brand admin) hears it
    followers_of_challenge: str | None = None  # a challenge whose ideas' followers hear it (page by page)


@dataclass(frozen=True, slots=True)
class Notification:
    """One notice in one user's inbox."""

    user_id: str
    notice: Notice
    read: bool = False


def _title(detail: Mapping[str, Any]) -> str:
    title = str(detail.get("title") or "")
    return f"“{title}”" if title else "your idea"


def _optional(detail: Mapping[str, Any], name: str) -> str | None:
    value = detail.get(name)
    return None if value is None else str(value)


def _notice(event: tuple[str, Mapping[str, Any], datetime], message: str, actor: str | None = None) -> Notice:
    detail_type, detail, at = event
    idea_id = _optional(detail, "ideaId")
    if idea_id is None and detail.get("targetType") == "idea":
        idea_id = _optional(detail, "targetId")
    return Notice(
        event_id=str(detail["eventId"]),
        event_type=detail_type,
        at=at,
        message=message,
        idea_id=idea_id,
        challenge_id=_optional(detail, "challengeId"),
        actor_id=actor,
    )


def _author(detail: Mapping[str, Any]) -> frozenset[str]:
    return frozenset({str(detail["authorId"])}) if detail.get("authorId") else frozenset()


Event = tuple[str, Mapping[str, Any], datetime]
Built = tuple[Notice, Audience]


def _published(event: Event) -> Built:
    return _notice(event, f"{_title(event[1])} is published."), Audience(_author(event[1]))


def _status_changed(event: Event) -> Built:
    detail = event[1]
    response = f" Official response: {detail['response']}" if detail.get("response") else ""
    label = detail.get("statusLabel") or str(detail["toStatus"]).replace("_", " ")
    message = f"{_title(detail)} is now {label}.{response}"
    audience = Audience(_author(detail), followers_of=_optional(detail, "ideaId"))
    return _notice(event, message, _optional(detail, "changedBy")), audience


def _milestone(event: Event) -> Built:
    detail = event[1]
    message = f"{_title(detail)} reached milestone {detail['rung']} with {detail['supporters']} supporters."
    audience = Audience(
        _author(detail), followers_of=_optional(detail, "ideaId"), challenge_creator_of=_optional(detail, "challengeId")
    )
    return _notice(event, message), audience


def _merged(event: Event) -> Built:
    detail = event[1]
    message = f"{_title(detail)} was merged into another idea ({detail['targetIdeaId']})."
    audience = Audience(_author(detail), followers_of=_optional(detail, "ideaId"))
    return _notice(event, message, _optional(detail, "mergedBy")), audience


def _expired(event: Event) -> Built:
    return _notice(event, f"{_title(event[1])} missed its support window."), Audience(_author(event[1]))


def _comment(event: Event) -> Built:
    """The parent's author hears of a reply; followers hear official comments. (The idea's author
    is added by the service, which reads the idea: the event names the commenter.)"""
    detail = event[1]
    parent = frozenset({str(detail["parentAuthorId"])}) if detail.get("parentAuthorId") else frozenset()
    kind = "An official answer" if detail.get("official") else "A reply" if parent else "A new comment"
    followers = _optional(detail, "ideaId") if detail.get("official") else None
    notice = _notice(event, f"{kind} on an idea you follow.", str(detail["authorId"]))
    return notice, Audience(parent, followers_of=followers)


def _decided(event: Event) -> Built:
    detail = event[1]
    what = "Your idea" if detail.get("targetType") == "idea" else "Your comment"
    action = _PAST.get(str(detail["action"]), str(detail["action"]))
    message = f"{what} was {action} by a moderator (reason: {detail.get('reason') or 'none given'})."
    return _notice(event, message, _optional(detail, "moderatorId")), Audience(_author(detail))


def _hidden(event: Event) -> Built:
    detail = event[1]
    what = "Your idea" if detail.get("targetType") == "idea" else "Your comment"
    message = f"{what} is hidden pending review (reason: {detail.get('reason') or 'none given'})."
    return _notice(event, message), Audience(_author(event[1]))


def _appeal(event: Event) -> Built:
    detail = event[1]
    message = f"An appeal awaits a decision ({detail['targetType']} {detail['targetId']})."
    return _notice(event, message, _optional(detail, "authorId")), Audience(brand_staff_of=str(detail["brandId"]))


def _queued(event: Event) -> Built | None:
    detail = event[1]
    if detail.get("decision") not in {"hold", "reject"}:
        return None
    message = f"A new item awaits review ({detail['targetType']} {detail['targetId']})."
    return _notice(event, message), Audience(brand_staff_of=str(detail["brandId"]))


def _phase_changed(event: Event) -> Built:
    detail = event[1]
    opens = {"voting": " Voting is open.", "review": " Voting has closed; the brand reviews the ideas."}
    message = f"“{detail.get('title') or 'A challenge'}” moved to its {detail['toPhase']} phase."
    message += opens.get(str(detail["toPhase"]), "")
    return _notice(event, message), Audience(followers_of_challenge=str(detail["challengeId"]))


_PAST = {"approve": "approved", "reject": "rejected", "hide": "hidden", "restore": "restored"}
_BUILDERS: dict[str, Callable[[Event], Built | None]] = {
    "IdeaPublished": _published,
    "IdeaStatusChanged": _status_changed,
    "IdeaMilestoneReached": _milestone,
    "IdeaMerged": _merged,
    "IdeaExpired": _expired,
    "CommentPosted": _comment,
    "ModerationDecided": _decided,
    "ContentHidden": _hidden,
    "AppealFiled": _appeal,
    "ContentScreened": _queued,
    "ChallengePhaseChanged": _phase_changed,
}
NOTIFYING_EVENTS = frozenset(_BUILDERS)


def notice_for(detail_type: str, detail: Mapping[str, Any], at: datetime) -> Built | None:
    """The notice an event makes and who hears it, or None for events nobody is told about."""
    builder = _BUILDERS.get(detail_type)
    return builder((detail_type, detail, at)) if builder else None


def recipients(users: frozenset[str], notice: Notice) -> frozenset[str]:
    """Nobody hears of their own action."""
    return frozenset(user for user in users if user and user != notice.actor_id)

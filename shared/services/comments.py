"""Comment and staff-note use cases, and the ports they need.

Who sees what follows the idea: a comment is as visible as its idea (404 for callers who cannot
see the idea, 403 for those who can but may not act). Staff notes are for the idea's brand staff
only and produce no event."""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.challenges import PhaseAction
from shared.domain.comments import (
    Comment,
    StaffNote,
    check_commentable,
    check_edit,
    check_mark_helpful,
    check_remove,
    check_reply,
    check_staff,
    is_official,
    may_remove,
)
from shared.domain.errors import NotFoundError, ValidationError, require_version
from shared.domain.ids import new_id
from shared.domain.limits import LimitedAction
from shared.domain.principal import Principal
from shared.services.ideas import get_idea
from shared.services.limits import admit
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.comments import CommentRepository, StaffNoteRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.limits import RateLimiter


@dataclass(frozen=True)
class NewComment:
    body: str
    parent_id: str | None = None


def post_comment(
    principal: Principal,
    idea_id: str,
    request: NewComment,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    comments: CommentRepository,
    clock: Clock = utc_now,
    limiter: RateLimiter | None = None,
) -> Comment:
    """Reads of the idea and its challenge (and the parent for a reply), then one transaction.
    Participants comment where the challenge's phase allows it; the brand's staff may always
    answer, unless the brand is suspended."""
    author_id = principal.require_signed_in()
    idea = get_idea(principal, idea_id, ideas)
    check_commentable(idea)
    challenge = challenges.get(idea.challenge_id)
    if challenge is not None:
        challenge.check_not_suspended()  # staff too: a suspended brand's challenges are read-only
        if not principal.is_brand_staff(idea.brand_id):
            challenge.check_allowed(PhaseAction.COMMENT, "comments are")
    parent = None
    if request.parent_id is not None:
        parent = comments.get(request.parent_id)
        if parent is None:
            raise ValidationError(f"There is no comment {request.parent_id!r} to reply to.", field="parentId")
        check_reply(parent, idea)
    now = now_ms(clock)
    comment_id = new_id(int(now.timestamp() * 1000))
    comment = Comment(
        comment_id=comment_id,
        idea_id=idea.idea_id,
        challenge_id=idea.challenge_id,
        brand_id=idea.brand_id,
        author_id=author_id,
        body=request.body,
        path=(*parent.path, comment_id) if parent else (comment_id,),
        official=is_official(principal, idea),
        parent_author_id=parent.author_id if parent else None,
        created_at=now,
        updated_at=now,
    )
    if challenge is not None:
        admit(limiter, principal, challenge, LimitedAction.COMMENTS, clock)
    comments.add(comment)
    return comment


def list_comments(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    comments: CommentRepository,
    *,
    limit: int,
    start: Key | None = None,
) -> Page[Comment]:
    """Public for ideas the caller can see: one read of the idea and one Query per page."""
    get_idea(principal, idea_id, ideas)
    return comments.list_thread(idea_id, limit=limit, start=start)


def _find(comment_id: str, comments: CommentRepository) -> Comment:
    comment = comments.get(comment_id)
    if comment is None:
        raise NotFoundError(f"Comment {comment_id!r} does not exist.")
    return comment


def _hide_unless_idea_visible(principal: Principal, comment: Comment, ideas: IdeaRepository) -> None:
    """Someone who may not act on a comment learns it exists only if its idea is visible to them."""
    try:
        get_idea(principal, comment.idea_id, ideas)
    except NotFoundError as exc:
        raise NotFoundError(f"Comment {comment.comment_id!r} does not exist.") from exc


def edit_comment(
    principal: Principal,
    comment_id: str,
    body: str,
    ideas: IdeaRepository,
    comments: CommentRepository,
    clock: Clock = utc_now,
    expected_version: int | None = None,
) -> Comment:
    """Authors edit their own live comments (on the version they read, when they name one):
    one read and one conditional write."""
    principal.require_signed_in()
    comment = _find(comment_id, comments)
    if principal.user_id != comment.author_id:
        _hide_unless_idea_visible(principal, comment, ideas)
    check_edit(principal, comment)
    require_version("comment", comment.version, expected_version)
    if body == comment.body:
        return comment  # nothing changes: no write, no event
    edited = comment.edited(body, now_ms(clock))
    comments.save(comment, edited)
    return edited


def remove_comment(
    principal: Principal,
    comment_id: str,
    ideas: IdeaRepository,
    comments: CommentRepository,
    clock: Clock = utc_now,
) -> Comment:
    """The author or the brand's staff remove a comment: its body goes, its place in the thread and
    its replies stay. Removing a removed comment changes nothing."""
    user_id = principal.require_signed_in()
    comment = _find(comment_id, comments)
    if not may_remove(principal, comment):
        _hide_unless_idea_visible(principal, comment, ideas)
    check_remove(principal, comment)
    if comment.deleted:
        return comment
    removed = comment.removed(user_id, now_ms(clock))
    comments.save(comment, removed)
    return removed


def mark_helpful(
    principal: Principal,
    comment_id: str,
    helpful: bool,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    comments: CommentRepository,
    clock: Clock = utc_now,
    expected_version: int | None = None,
) -> Comment:
    """The comment's brand staff and operators mark a live comment helpful (``helpful``) or take
    the mark back (on the version they read, when they name one): one read, and one write
    conditioned on the version read, so a race is a 409. Asking for the flag the comment already
    has writes nothing. Removed comments are not found."""
    user_id = principal.require_signed_in()
    comment = comments.get(comment_id)
    if comment is None or comment.deleted:
        raise NotFoundError(f"Comment {comment_id!r} does not exist.")
    if not principal.is_brand_staff(comment.brand_id):
        _hide_unless_idea_visible(principal, comment, ideas)
    check_mark_helpful(principal, comment)
    require_version("comment", comment.version, expected_version)
    if comment.helpful == helpful:
        return comment  # nothing changes: no write, no event
    challenge = challenges.get(comment.challenge_id)
    if challenge is not None:
        challenge.check_not_suspended()  # staff too: a suspended brand's challenges are read-only
    marked = comment.marked_helpful(helpful, user_id, now_ms(clock))
    comments.save(comment, marked)
    return marked


def add_staff_note(
    principal: Principal,
    idea_id: str,
    body: str,
    ideas: IdeaRepository,
    notes: StaffNoteRepository,
    clock: Clock = utc_now,
) -> StaffNote:
    author_id = principal.require_signed_in()
    idea = get_idea(principal, idea_id, ideas)
    check_staff(principal, idea)
    now = now_ms(clock)
    note = StaffNote(
        note_id=new_id(int(now.timestamp() * 1000)),
        idea_id=idea.idea_id,
        brand_id=idea.brand_id,
        author_id=author_id,
        body=body,
        created_at=now,
    )
    notes.add(note)
    return note


def list_staff_notes(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    notes: StaffNoteRepository,
    *,
    limit: int,
    start: Key | None = None,
) -> Page[StaffNote]:
    principal.require_signed_in()
    check_staff(principal, get_idea(principal, idea_id, ideas))
    return notes.list_notes(idea_id, limit=limit, start=start)

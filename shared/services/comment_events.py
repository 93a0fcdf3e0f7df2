"""Which comment changes become which events (the outbox's comment part; pure).

An insert is ``CommentPosted``; a modification that removes the comment is ``CommentDeleted``,
one that changes the body of a live comment is ``CommentEdited``, one that flips the staff's
helpful mark is ``CommentMarkedHelpful``; a review (a comment with a rating) written, its rating
or text changed, or restored by moderation, is also ``IdeaReviewed`` (never while hidden or
removed; a new or edited one is sent before screening, as ``CommentPosted`` is), and readers
finding it helpful ``ReviewHelpfulVotesChanged``; anything else
(a replayed no-op, a future counter on the item) is silent. Staff notes never reach this: they
decode to no entity, so they never become events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from shared.domain.comments import Comment
from shared.events import (
    CommentDeleted,
    CommentEdited,
    CommentMarkedHelpful,
    CommentPosted,
    DomainEvent,
    IdeaReviewed,
    ReviewHelpfulVotesChanged,
)

if TYPE_CHECKING:
    from shared.services.outbox import ItemChange


def _reviewed(review: Comment, previous: int | None, at: datetime) -> list[DomainEvent]:
    """``IdeaReviewed`` for a live review written, changed or restored (nothing for other comments)."""
    if review.rating is None or review.body is None or review.hidden or review.deleted:
        return []
    return [
        IdeaReviewed(
            event_id=review.comment_id,  # the outbox names every event after its stream record
            occurred_at=at,
            review_id=review.comment_id,
            idea_id=review.idea_id,
            challenge_id=review.challenge_id,
            brand_id=review.brand_id,
            reviewer_id=review.author_id,
            rating=review.rating,
            previous_rating=previous,
            body=review.body,
        )
    ]


def comment_events(change: ItemChange) -> list[DomainEvent]:
    new, old = change.new, change.old
    if not isinstance(new, Comment):
        return []  # a REMOVE: comments are never deleted as items
    ids: dict[str, Any] = {
        "event_id": change.change_id,
        "comment_id": new.comment_id,
        "idea_id": new.idea_id,
        "challenge_id": new.challenge_id,
        "brand_id": new.brand_id,
        "author_id": new.author_id,
    }
    if change.kind == "INSERT" and new.body is not None:
        return [
            CommentPosted(
                **ids,
                occurred_at=new.created_at,
                parent_id=new.parent_id,
                parent_author_id=new.parent_author_id,
                depth=new.depth,
                official=new.official,
                body=new.body,
            ),
            *_reviewed(new, None, new.created_at),
        ]
    if change.kind != "MODIFY" or not isinstance(old, Comment):
        return []
    events: list[DomainEvent] = []
    if old.hidden and not new.hidden:  # restored by moderation: brands hear of it now
        events += _reviewed(new, old.rating, new.updated_at)
    elif (new.rating, new.body) != (old.rating, old.body):
        events += _reviewed(new, old.rating, new.edited_at or new.updated_at)
    if new.deleted and not old.deleted:
        events.append(
            CommentDeleted(
                **ids,
                occurred_at=new.deleted_at or new.updated_at,
                deleted_by=new.deleted_by or new.author_id,
                by_staff=new.removed_by_staff,
            )
        )
    elif not new.deleted and new.body is not None and new.body != old.body:
        events.append(CommentEdited(**ids, occurred_at=new.edited_at or new.updated_at, body=new.body))
    if new.helpful_votes != old.helpful_votes:
        events.append(
            ReviewHelpfulVotesChanged(
                event_id=change.change_id,
                occurred_at=change.occurred_at,
                review_id=new.comment_id,
                idea_id=new.idea_id,
                challenge_id=new.challenge_id,
                brand_id=new.brand_id,
                helpful_votes=new.helpful_votes,
                previous_helpful_votes=old.helpful_votes,
            )
        )
    if new.helpful != old.helpful:
        events.append(
            CommentMarkedHelpful(
                **ids,
                occurred_at=new.helpful_at or new.updated_at,
                helpful=new.helpful,
                marked_by=new.helpful_by or "",
            )
        )
    return events

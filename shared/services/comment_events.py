"""Which comment changes become which events (the outbox's comment part; pure).

An insert is ``CommentPosted``; a modification that removes the comment is ``CommentDeleted``,
one that changes the body of a live comment is ``CommentEdited``, one that flips the staff's
helpful mark is ``CommentMarkedHelpful``; anything else (a replayed no-op, a future counter on
the item) is silent. Staff notes never reach this: they decode to no entity, so they never
become events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.domain.comments import Comment
from shared.events import CommentDeleted, CommentEdited, CommentMarkedHelpful, CommentPosted, DomainEvent

if TYPE_CHECKING:
    from shared.services.outbox import ItemChange


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
            )
        ]
    if change.kind != "MODIFY" or not isinstance(old, Comment):
        return []
    events: list[DomainEvent] = []
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

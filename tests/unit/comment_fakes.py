"""In-memory fakes of the comment and staff-note ports, keeping their contracts: ``add`` holds
only while the idea exists and takes comments (the transaction's condition) and counts the
comment on the idea; ``save`` holds only at the version it read."""

from __future__ import annotations

from collections import Counter
from typing import Any

from shared.domain.comments import COMMENTABLE_STATUSES, Comment, StaffNote
from shared.domain.errors import ConflictError, RuleViolationError
from shared.services.ports import Page

from .fakes import InMemoryIdeaRepository


def _page(items: list[Any], limit: int, start: dict[str, Any] | None) -> Page[Any]:
    offset = int(start["offset"]) if start else 0
    chunk = items[offset : offset + limit]
    more = offset + limit < len(items)
    return Page(chunk, {"offset": offset + limit} if more else None)


class InMemoryCommentRepository:
    def __init__(self, ideas: InMemoryIdeaRepository, *comments: Comment) -> None:
        self._ideas = ideas
        self._items: dict[str, Comment] = {c.comment_id: c for c in comments}
        self.counted: Counter[str] = Counter()
        self.writes = 0

    def add(self, comment: Comment) -> None:
        idea = self._ideas.get(comment.idea_id)
        if idea is None or idea.status not in COMMENTABLE_STATUSES:
            raise RuleViolationError(f"Idea {comment.idea_id!r} no longer takes comments.")
        if comment.comment_id in self._items:
            raise ConflictError(f"{comment.comment_id} exists")
        self._items[comment.comment_id] = comment
        self.counted[comment.idea_id] += 1
        self.writes += 1

    def get(self, comment_id: str) -> Comment | None:
        return self._items.get(comment_id)

    def save(self, before: Comment, after: Comment) -> None:
        current = self._items.get(before.comment_id)
        if current is None or current.version != before.version:
            raise ConflictError(f"comment {before.comment_id} changed meanwhile")
        self._items[after.comment_id] = after
        self.writes += 1

    def list_thread(self, idea_id: str, *, limit: int, start: dict[str, Any] | None) -> Page[Comment]:
        thread = sorted((c for c in self._items.values() if c.idea_id == idea_id), key=lambda c: "/".join(c.path))
        return _page(thread, limit, start)


class InMemoryStaffNoteRepository:
    def __init__(self) -> None:
        self._items: dict[str, StaffNote] = {}

    def add(self, note: StaffNote) -> None:
        if note.note_id in self._items:
            raise ConflictError(f"{note.note_id} exists")
        self._items[note.note_id] = note

    def list_notes(self, idea_id: str, *, limit: int, start: dict[str, Any] | None) -> Page[StaffNote]:
        notes = sorted((n for n in self._items.values() if n.idea_id == idea_id), key=lambda n: n.note_id, reverse=True)
        return _page(notes, limit, start)

    @property
    def stored(self) -> list[StaffNote]:
        return list(self._items.values())

"""Comments' ports: comments and staff notes (shared/store/comments.py)."""

from __future__ import annotations

from typing import Protocol

from shared.domain.comments import (
    Comment,
    StaffNote,
)
from shared.services.ports import Key, Page


class CommentRepository(Protocol):
    def add(self, comment: Comment) -> None:
        """Store a new comment and count it on its idea, in one transaction that holds only while
        the idea exists and takes comments (RuleViolationError otherwise); ConflictError if the
        comment exists."""

    def get(self, comment_id: str) -> Comment | None: ...

    def save(self, before: Comment, after: Comment) -> None:
        """Write the edit or removal if the comment is still at ``before.version``; else ConflictError."""

    def list_thread(self, idea_id: str, *, limit: int, start: Key | None) -> Page[Comment]:
        """An idea's comments in thread order (each parent before its replies)."""
        ...

    def reread(self, comment: Comment) -> Comment | None:
        """The comment as its item now is (a strongly consistent read by its key, not the index)."""

    def has_found_helpful(self, review: Comment, reader_id: str) -> bool:
        """Whether the reader's 'helpful' vote on the review is there (strongly consistent)."""

    def find_helpful(self, before: Comment, after: Comment, reader_id: str, helpful: bool) -> None:
        """Put (or delete) the reader's vote and save the review's new count, together; ConflictError
        when the vote or the review changed since they were read."""

    def review_id(self, idea_id: str, user_id: str) -> str | None:
        """The id of the person's review of the idea (removed ones too), if any."""
        ...

    def list_reviews(self, idea_id: str, *, helpful_first: bool, limit: int, start: Key | None) -> Page[Comment]:
        """Live, visible reviews, newest first, or those the staff marked helpful first."""
        ...


class StaffNoteRepository(Protocol):
    def add(self, note: StaffNote) -> None: ...

    def list_notes(self, idea_id: str, *, limit: int, start: Key | None) -> Page[StaffNote]:
        """Newest first."""
        ...

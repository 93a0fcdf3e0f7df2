"""Comments on ideas (threaded, at most three replies deep) and private staff notes: who may
write, edit and remove what, and which comments speak for the brand."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from shared.domain.errors import ForbiddenError, NotFoundError, RuleViolationError, ValidationError
from shared.domain.ideas import Idea, IdeaStatus
from shared.domain.principal import Principal

MAX_BODY_CHARS = 5000
MAX_REVIEW_CHARS = 2000
MAX_DEPTH = 3  # a top-level comment has depth 0; replies nest down to depth 3
COMMENTABLE_STATUSES = frozenset(
    {
        IdeaStatus.PUBLISHED,
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.ACCEPTED,
        IdeaStatus.IN_DEVELOPMENT,
        IdeaStatus.SHIPPED,
        IdeaStatus.DECLINED,
    }
)
"""Ideas open for discussion. Pending, hidden, rejected, withdrawn, merged and expired ideas
take no new comments (a merged idea's discussion continues on its target)."""


@dataclass(frozen=True, slots=True)
class Comment:
    comment_id: str
    idea_id: str
    challenge_id: str
    brand_id: str
    author_id: str
    body: str | None  # None once removed
    path: tuple[str, ...]  # comment ids from the thread's root down to this comment
    official: bool  # written by the brand's staff (or an operator)
    created_at: datetime
    updated_at: datetime
    parent_author_id: str | None = None
    edited_at: datetime | None = None
    deleted: bool = False
    deleted_at: datetime | None = None
    deleted_by: str | None = None
    version: int = 1
    hidden: bool = False  # hidden by moderation (screening, reports or a decision); restorable
    helpful: bool = False  # marked helpful by the brand's staff (feeds reputation)
    helpful_by: str | None = None  # the staff member who last marked or unmarked it (never shown publicly)
    helpful_at: datetime | None = None  # when the flag last changed
    rating: int | None = None  # 1-5: the comment is a review of the shipped idea (decision 65)
    answer: str | None = None  # the brand's official answer to a review
    answered_by: str | None = None
    answered_at: datetime | None = None
    helpful_votes: int = 0  # a review's readers who found it helpful (one each; decision 72)

    @property
    def parent_id(self) -> str | None:
        return self.path[-2] if len(self.path) > 1 else None

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def removed_by_staff(self) -> bool:
        return self.deleted and self.deleted_by is not None and self.deleted_by != self.author_id

    def edited(self, body: str, at: datetime) -> Comment:
        return replace(self, body=body, edited_at=at, updated_at=at, version=self.version + 1)

    def removed(self, by: str, at: datetime) -> Comment:
        return replace(
            self, body=None, deleted=True, deleted_at=at, deleted_by=by, updated_at=at, version=self.version + 1
        )

    @property
    def is_review(self) -> bool:
        return self.rating is not None

    @property
    def counted_rating(self) -> int | None:
        """The rating the idea's rating counts: a live review's (removed and hidden ones don't count)."""
        return None if self.deleted or self.hidden else self.rating

    def reviewed(self, rating: int, body: str, at: datetime) -> Comment:
        return replace(self, rating=rating, body=body, edited_at=at, updated_at=at, version=self.version + 1)

    def answered(self, answer: str | None, by: str, at: datetime) -> Comment:
        return replace(self, answer=answer, answered_by=by, answered_at=at, updated_at=at, version=self.version + 1)

    def found_helpful(self, helpful: bool) -> Comment:
        """One reader more (or fewer) found the review helpful; its version moves, so a write made on
        an older read of it fails (updatedAt is the author's and staff's, not the readers')."""
        votes = max(0, self.helpful_votes + (1 if helpful else -1))
        return replace(self, helpful_votes=votes, version=self.version + 1)

    def marked_helpful(self, helpful: bool, by: str, at: datetime) -> Comment:
        """The flag set (or cleared) by a staff member: who and when are kept either way."""
        return replace(self, helpful=helpful, helpful_by=by, helpful_at=at, updated_at=at, version=self.version + 1)


@dataclass(frozen=True, slots=True)
class StaffNote:
    """A private note of the brand's staff on an idea: never shown to anyone else, no event."""

    note_id: str
    idea_id: str
    brand_id: str
    author_id: str
    body: str
    created_at: datetime


def is_official(principal: Principal, idea: Idea) -> bool:
    """Comments by the idea's brand staff (admins, moderators) or operators speak for the brand."""
    return principal.signed_in and principal.is_brand_staff(idea.brand_id)


def check_commentable(idea: Idea) -> None:
    if idea.status not in COMMENTABLE_STATUSES:
        raise RuleViolationError(f"An idea in status {idea.status.value!r} takes no new comments.")


def check_reply(parent: Comment, idea: Idea) -> None:
    """A reply goes under a live comment of the same idea, no deeper than MAX_DEPTH."""
    if parent.idea_id != idea.idea_id:
        raise ValidationError(f"Comment {parent.comment_id!r} is not on this idea.", field="parentId")
    if parent.depth >= MAX_DEPTH:
        raise ValidationError(
            f"Replies nest at most {MAX_DEPTH} levels deep; comment {parent.comment_id!r} is at depth "
            f"{parent.depth}. Reply to one of its ancestors instead.",
            field="parentId",
        )
    if parent.deleted:
        raise RuleViolationError(f"Comment {parent.comment_id!r} was removed; it takes no replies.")


def may_remove(principal: Principal, comment: Comment) -> bool:
    """The author, or the brand's staff (moderation), may remove a comment."""
    return principal.user_id == comment.author_id or principal.is_brand_staff(comment.brand_id)


def check_edit(principal: Principal, comment: Comment) -> None:
    if principal.user_id != comment.author_id:
        raise ForbiddenError("Only the comment's author can edit it.")
    if comment.deleted:
        raise RuleViolationError("A removed comment cannot be edited.")


def check_remove(principal: Principal, comment: Comment) -> None:
    if not may_remove(principal, comment):
        raise ForbiddenError("Only the comment's author or the brand's staff can remove it.")


def check_mark_helpful(principal: Principal, comment: Comment) -> None:
    """The comment's brand staff (admins, moderators) and operators mark comments helpful."""
    if not principal.is_brand_staff(comment.brand_id):
        raise ForbiddenError(f"Only staff of brand {comment.brand_id!r} can mark its comments helpful.")


def shipped_at(idea: Idea) -> datetime | None:
    """When the idea last shipped (None if it is not shipped)."""
    if idea.status is not IdeaStatus.SHIPPED:
        return None
    return next((change.at for change in reversed(idea.history) if change.to_status is IdeaStatus.SHIPPED), None)


def check_reviewable(principal: Principal, idea: Idea) -> datetime:
    """Reviews are of shipped ideas, by others than their author; when it shipped."""
    shipped = shipped_at(idea)
    if shipped is None:
        raise RuleViolationError(f"Idea {idea.idea_id!r} is {idea.status.value}: reviews open when it ships.")
    if principal.user_id == idea.author_id:
        raise ForbiddenError("An idea's author does not review it; its supporters do.")
    return shipped


def check_find_helpful(principal: Principal, review: Comment) -> None:
    """Readers find live reviews helpful, not their own (staff mark them apart: check_mark_helpful)."""
    if not review.is_review or review.deleted or review.hidden:
        raise NotFoundError(f"Review {review.comment_id!r} does not exist.")
    if principal.require_signed_in() == review.author_id:
        raise ForbiddenError("A review's author does not vote on its helpfulness.")


def check_answer(principal: Principal, review: Comment) -> None:
    if not review.is_review or review.deleted:
        raise NotFoundError(f"Review {review.comment_id!r} does not exist.")
    if not principal.is_brand_staff(review.brand_id):
        raise ForbiddenError(f"Only staff of brand {review.brand_id!r} answer its reviews.")


def check_staff(principal: Principal, idea: Idea) -> None:
    """Staff notes are for the idea's brand staff and operators only."""
    if not principal.is_brand_staff(idea.brand_id):
        raise ForbiddenError(f"Only staff of brand {idea.brand_id!r} can read and write staff notes.")

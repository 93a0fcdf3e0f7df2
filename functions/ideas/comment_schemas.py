"""Request and response bodies of comments and staff notes. Inputs forbid unknown fields and carry
no server-owned fields (author, official flag, depth, counts)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from shared.domain.comments import MAX_BODY_CHARS, MAX_DEPTH, MAX_REVIEW_CHARS, Comment, StaffNote
from shared.domain.privacy import is_former
from shared.http import MultiLine, RequestBody, ResponseBody, Visible

Body = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY_CHARS), MultiLine, Visible
]
CommentId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


_Input = RequestBody
_Output = ResponseBody


class CommentCreate(_Input):
    body: Body
    parent_id: CommentId | None = Field(default=None, description="Reply to this comment of the same idea.")


class CommentEdit(_Input):
    body: Body


class StaffNoteCreate(_Input):
    body: Body


class CommentView(_Output):
    comment_id: str
    idea_id: str
    parent_id: str | None = Field(description="The comment this replies to; null at the top of a thread.")
    depth: int = Field(ge=0, le=MAX_DEPTH, description="0 for a top-level comment, 1..3 for replies.")
    author_id: str
    former_participant: bool = Field(
        description='The author was erased or this was pseudonymised: show it as by "a former participant".'
    )
    body: str | None = Field(description="Null once the comment was removed or hidden by moderation.")
    official: bool = Field(description="Written by the brand's staff.")
    helpful: bool = Field(description="Marked helpful by the brand's staff.")
    deleted: bool
    hidden: bool = Field(description="Hidden by moderation (pending review or rejected).")
    created_at: datetime
    updated_at: datetime
    edited_at: datetime | None
    version: int = Field(ge=1, description='Raised by every change; "v" + version, quoted, is its ETag (If-Match).')

    @classmethod
    def of(cls, comment: Comment) -> CommentView:
        return cls(
            comment_id=comment.comment_id,
            idea_id=comment.idea_id,
            parent_id=comment.parent_id,
            depth=comment.depth,
            author_id=comment.author_id,
            former_participant=is_former(comment.author_id),
            body=None if comment.deleted or comment.hidden else comment.body,
            official=comment.official,
            helpful=comment.helpful,
            deleted=comment.deleted,
            hidden=comment.hidden,
            created_at=comment.created_at,
            updated_at=comment.updated_at,
            edited_at=comment.edited_at,
            version=comment.version,
        )


class CommentPage(_Output):
    """Comments in thread order: each thread's root, then its replies depth-first, oldest first."""

    items: list[CommentView]
    next_cursor: str | None


class StaffNoteView(_Output):
    note_id: str
    idea_id: str
    author_id: str
    body: str
    created_at: datetime

    @classmethod
    def of(cls, note: StaffNote) -> StaffNoteView:
        return cls(
            note_id=note.note_id,
            idea_id=note.idea_id,
            author_id=note.author_id,
            body=note.body,
            created_at=note.created_at,
        )


class StaffNotePage(_Output):
    """Newest first."""

    items: list[StaffNoteView]
    next_cursor: str | None


ReviewBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REVIEW_CHARS), MultiLine, Visible
]


class ReviewWrite(_Input):
    rating: Annotated[int, Field(ge=1, le=5, description="1 to 5 stars.")]
    body: ReviewBody


class ReviewAnswer(_Input):
    body: Body


class AnswerView(_Output):
    body: str
    answered_at: datetime | None


class ReviewView(_Output):
    review_id: str = Field(description="Also a comment id: replies, reports and removal go through /comments.")
    idea_id: str
    author_id: str
    former_participant: bool
    rating: int = Field(ge=1, le=5)
    body: str | None = Field(description="Null once the review was removed or hidden by moderation.")
    helpful: bool = Field(description="Marked helpful by the brand's staff.")
    helpful_votes: int = Field(ge=0, description="Readers who found it helpful (PUT /reviews/{reviewId}/helpful).")
    answer: AnswerView | None = Field(description="The brand's official answer.")
    deleted: bool
    hidden: bool
    created_at: datetime
    edited_at: datetime | None
    version: int = Field(ge=1, description='Raised by every change; "v" + version, quoted, is its ETag (If-Match).')

    @classmethod
    def of(cls, review: Comment) -> ReviewView:
        answer = None if review.answer is None else AnswerView(body=review.answer, answered_at=review.answered_at)
        return cls(
            review_id=review.comment_id,
            idea_id=review.idea_id,
            author_id=review.author_id,
            former_participant=is_former(review.author_id),
            rating=review.rating or 0,
            body=None if review.deleted or review.hidden else review.body,
            helpful=review.helpful,
            helpful_votes=review.helpful_votes,
            answer=answer,
            deleted=review.deleted,
            hidden=review.hidden,
            created_at=review.created_at,
            edited_at=review.edited_at,
            version=review.version,
        )


class HelpfulVoteView(_Output):
    review_id: str
    helpful_votes: int = Field(ge=0, description="Readers who found the review helpful.")
    found_helpful: bool = Field(description="Whether you are one of them.")


class ReviewPage(_Output):
    items: list[ReviewView]
    next_cursor: str | None

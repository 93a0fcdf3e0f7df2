"""Item layout of comments and staff notes in the content table (see docs/data-model.md).

- comment: pk=IDEA#<ideaId>, sk=COMMENT#<path>, gsi1pk=COMMENT#<commentId>, gsi1sk=#META
  ``path`` is the comment ids from the thread's root down to the comment, joined by '/'. Ids are
  time-ordered and of equal length, so sorting by sk lists an idea's comments thread by thread,
  each parent before its replies, siblings oldest first. gsi1 resolves a comment id to its item.
- note:    pk=IDEA#<ideaId>, sk=NOTE#<noteId> (no index entry: notes are only listed per idea)
- review:  a root comment with a ``rating`` (decision 65), listed by gsi2 (gsi2pk=REVIEWS#<ideaId>,
  gsi2sk=<commentId>) and the sparse 'helpfulReviews' index (gsi2pk, rhsk=<0|1 staff mark>#<readers
  who found it helpful, 10 digits>#<commentId>); its author's marker pk=IDEA#<ideaId>,
  sk=REVIEWER#<userId>, commentId (one review each)
- helpful vote: pk=IDEA#<ideaId>, sk=HELPFUL#<reviewId>#<digest of the reader> (one each; the
  reader's id is not kept in clear, as reputation's claims: decision 72)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from shared.domain.comments import Comment, StaffNote
from shared.domain.ids import person_digest
from shared.store.dynamo import from_timestamp, to_timestamp, user_index

COMMENT_PREFIX = "COMMENT#"
NOTE_PREFIX = "NOTE#"
PATH_SEPARATOR = "/"  # sorts below every id character, so a parent precedes its replies
_ENTRY = "#META"


def _optionalfrom_timestamp(value: Any) -> datetime | None:
    return None if value is None else from_timestamp(value)


def idea_partition(idea_id: str) -> str:
    return f"IDEA#{idea_id}"


def comment_key(comment: Comment) -> dict[str, str]:
    return {"pk": idea_partition(comment.idea_id), "sk": COMMENT_PREFIX + PATH_SEPARATOR.join(comment.path)}


def comment_index_key(comment_id: str) -> dict[str, str]:
    """Where gsi1 files a comment by its id."""
    return {"gsi1pk": f"COMMENT#{comment_id}", "gsi1sk": _ENTRY}


def user_sort(comment: Comment) -> str:
    """Where the comment sorts among its author's items (index byUser)."""
    return f"COMMENT#{to_timestamp(comment.created_at)}#{comment.comment_id}"


def comment_to_item(comment: Comment) -> dict[str, Any]:
    """The whole item; None values are dropped by ``serialize``."""
    return {
        **comment_key(comment),
        **comment_index_key(comment.comment_id),
        **user_index(comment.author_id, user_sort(comment)),
        "type": "Comment",
        **comment_changes(comment),
        **helpful_changes(comment),
        **review_changes(comment),
        "commentId": comment.comment_id,
        "ideaId": comment.idea_id,
        "challengeId": comment.challenge_id,
        "brandId": comment.brand_id,
        "authorId": comment.author_id,
        "parentId": comment.parent_id,
        "parentAuthorId": comment.parent_author_id,
        "path": PATH_SEPARATOR.join(comment.path),
        "depth": comment.depth,
        "official": comment.official,
        "createdAt": to_timestamp(comment.created_at),
    }


def comment_changes(comment: Comment) -> dict[str, Any]:
    """The attributes an edit or a removal may change (a None value is removed from the item)."""
    return {
        "body": comment.body,
        "deleted": comment.deleted,
        "editedAt": None if comment.edited_at is None else to_timestamp(comment.edited_at),
        "deletedAt": None if comment.deleted_at is None else to_timestamp(comment.deleted_at),
        "deletedBy": comment.deleted_by,
        "hidden": comment.hidden,
        "updatedAt": to_timestamp(comment.updated_at),
        "version": comment.version,
    }


def helpful_changes(comment: Comment) -> dict[str, Any]:
    """The staff's helpful mark: ``helpful`` only while true (absent means false), and who last
    marked or unmarked it, when (a None value is not written)."""
    return {
        "helpful": True if comment.helpful else None,
        "helpfulBy": comment.helpful_by,
        "helpfulAt": None if comment.helpful_at is None else to_timestamp(comment.helpful_at),
    }


def review_changes(comment: Comment) -> dict[str, Any]:
    """A review's rating and answer, and its entries in gsi2 (newest first) and the sparse
    'helpfulReviews' index (staff-marked first, then newest) while it is listed: live and not
    hidden (a None value is removed). Nothing for a comment that is not a review."""
    if comment.rating is None:
        return {}
    listed = not (comment.deleted or comment.hidden)
    return {
        "rating": comment.rating,
        "answer": comment.answer,
        "answeredBy": comment.answered_by,
        "answeredAt": None if comment.answered_at is None else to_timestamp(comment.answered_at),
        "gsi2pk": f"REVIEWS#{comment.idea_id}" if listed else None,
        "gsi2sk": comment.comment_id if listed else None,
        "rhsk": helpful_sort(comment) if listed else None,
        "helpfulVotes": comment.helpful_votes or None,
    }


def helpful_sort(review: Comment) -> str:
    """The 'helpfulReviews' index's sort key: the staff's mark first, then readers, then newest."""
    return f"{int(review.helpful)}#{review.helpful_votes:010d}#{review.comment_id}"


def helpful_vote_key(review: Comment, reader_id: str) -> dict[str, str]:
    """A reader's one 'helpful' vote on a review, under a digest of the reader (no id in clear)."""
    return {"pk": idea_partition(review.idea_id), "sk": f"HELPFUL#{review.comment_id}#{person_digest(reader_id)}"}


def reviewer_key(idea_id: str, user_id: str) -> dict[str, str]:
    """The marker that keeps one review per person and idea (its ``commentId`` finds the review)."""
    return {"pk": idea_partition(idea_id), "sk": f"REVIEWER#{user_id}"}


def comment_from_item(item: Mapping[str, Any]) -> Comment:
    return Comment(
        comment_id=str(item["commentId"]),
        idea_id=str(item["ideaId"]),
        challenge_id=str(item["challengeId"]),
        brand_id=str(item["brandId"]),
        author_id=str(item["authorId"]),
        body=None if item.get("body") is None else str(item["body"]),
        path=tuple(str(item["path"]).split(PATH_SEPARATOR)),
        official=bool(item.get("official", False)),
        created_at=from_timestamp(item["createdAt"]),
        updated_at=from_timestamp(item["updatedAt"]),
        parent_author_id=None if item.get("parentAuthorId") is None else str(item["parentAuthorId"]),
        edited_at=_optionalfrom_timestamp(item.get("editedAt")),
        deleted=bool(item.get("deleted", False)),
        deleted_at=_optionalfrom_timestamp(item.get("deletedAt")),
        deleted_by=None if item.get("deletedBy") is None else str(item["deletedBy"]),
        version=int(item.get("version", 1)),
        hidden=bool(item.get("hidden", False)),
        helpful=bool(item.get("helpful", False)),
        helpful_by=None if item.get("helpfulBy") is None else str(item["helpfulBy"]),
        helpful_at=_optionalfrom_timestamp(item.get("helpfulAt")),
        rating=None if item.get("rating") is None else int(item["rating"]),
        answer=None if item.get("answer") is None else str(item["answer"]),
        answered_by=None if item.get("answeredBy") is None else str(item["answeredBy"]),
        answered_at=_optionalfrom_timestamp(item.get("answeredAt")),
        helpful_votes=int(item.get("helpfulVotes") or 0),
    )


def note_to_item(note: StaffNote) -> dict[str, Any]:
    return {
        "pk": idea_partition(note.idea_id),
        "sk": NOTE_PREFIX + note.note_id,
        **user_index(note.author_id, f"NOTE#{to_timestamp(note.created_at)}#{note.note_id}"),
        "type": "StaffNote",
        "noteId": note.note_id,
        "ideaId": note.idea_id,
        "brandId": note.brand_id,
        "authorId": note.author_id,
        "body": note.body,
        "createdAt": to_timestamp(note.created_at),
    }


def note_from_item(item: Mapping[str, Any]) -> StaffNote:
    return StaffNote(
        note_id=str(item["noteId"]),
        idea_id=str(item["ideaId"]),
        brand_id=str(item["brandId"]),
        author_id=str(item["authorId"]),
        body=str(item["body"]),
        created_at=from_timestamp(item["createdAt"]),
    )

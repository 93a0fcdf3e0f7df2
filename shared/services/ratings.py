"""An idea's rating, kept exact from the content stream (decision 65): each review record moves
the counts from the rating its old image counted to the one its new image counts (a live, visible
review counts; a removed or hidden one doesn't), once per stream record however often it is
replayed (a claim rides in the same transaction as the counts)."""

from __future__ import annotations

from shared.domain.comments import Comment
from shared.services.ports.tally import RatingChange


def rating_change(change_id: str, old: Comment | None, new: Comment | None) -> RatingChange | None:
    """What a comment record does to its idea's rating (None: nothing; most comments are not reviews)."""
    before = old.counted_rating if old else None
    after = new.counted_rating if new else None
    if before == after:
        return None
    review = new or old
    assert review is not None  # one of them counts a rating
    return RatingChange(change_id, review.idea_id, before, after)

"""The after-sales loop's rules: who reviews what, and what a review record does to the idea's rating."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.comments import Comment, check_answer, check_reviewable, shipped_at
from shared.domain.errors import ForbiddenError, NotFoundError, RuleViolationError
from shared.domain.ideas import Idea, IdeaStatus, StatusChange
from shared.services.ratings import rating_change
from tests.unit.builders import a_moderator_of, a_participant, an_idea

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def _review(**overrides: object) -> Comment:
    fields: dict[str, object] = {
        "comment_id": "r1",
        "idea_id": "i1",
        "challenge_id": "c1",
        "brand_id": "acme",
        "author_id": "user-2",
        "body": "Good",
        "path": ("r1",),
        "official": False,
        "created_at": T0,
        "updated_at": T0,
        "rating": 4,
    }
    return Comment(**(fields | overrides))


def _shipped_idea() -> Idea:
    history = (
        StatusChange(IdeaStatus.PUBLISHED, IdeaStatus.ACCEPTED, T0, "admin"),
        StatusChange(IdeaStatus.ACCEPTED, IdeaStatus.SHIPPED, T0 + timedelta(days=3), "admin"),
    )
    return an_idea(status=IdeaStatus.SHIPPED, history=history, author_id="user-1")


def test_a_shipped_idea_is_reviewed_by_others_than_its_author() -> None:
    idea = _shipped_idea()

    assert check_reviewable(a_participant("user-2"), idea) == T0 + timedelta(days=3)
    assert shipped_at(idea) == T0 + timedelta(days=3)
    with pytest.raises(ForbiddenError):
        check_reviewable(a_participant("user-1"), idea)
    with pytest.raises(RuleViolationError):
        check_reviewable(a_participant("user-2"), an_idea(status=IdeaStatus.ACCEPTED))


def test_only_the_brands_staff_answer_live_reviews() -> None:
    check_answer(a_moderator_of("acme"), _review())
    with pytest.raises(ForbiddenError):
        check_answer(a_participant("user-3"), _review())
    with pytest.raises(NotFoundError):
        check_answer(a_moderator_of("acme"), _review(rating=None))  # a plain comment
    with pytest.raises(NotFoundError):
        check_answer(a_moderator_of("acme"), _review(deleted=True))


@pytest.mark.parametrize(
    ("old", "new", "moved"),
    [
        (None, _review(), (None, 4)),
        (_review(), replace(_review(), rating=2), (4, 2)),
        (_review(), replace(_review(), hidden=True), (4, None)),
        (replace(_review(), hidden=True), _review(), (None, 4)),
        (_review(), replace(_review(), deleted=True, body=None), (4, None)),
        (_review(), replace(_review(), body="Still good", version=2), None),  # text only: the rating stays
        (None, _review(rating=None), None),  # a plain comment
        (replace(_review(), hidden=True), replace(_review(), hidden=True, rating=1), None),  # hidden: never counted
    ],
)
def test_a_record_moves_the_rating_its_images_count(
    old: Comment | None, new: Comment, moved: tuple[int | None, int | None] | None
) -> None:
    change = rating_change("evt-1", old, new)

    assert (None if change is None else (change.before, change.after)) == moved
    if change is not None:
        assert (change.change_id, change.idea_id) == ("evt-1", "i1")

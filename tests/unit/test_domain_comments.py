from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from shared.domain.comments import (
    COMMENTABLE_STATUSES,
    MAX_DEPTH,
    Comment,
    check_commentable,
    check_edit,
    check_remove,
    check_reply,
    check_staff,
    is_official,
    may_remove,
)
from shared.domain.errors import ForbiddenError, RuleViolationError, ValidationError
from shared.domain.ideas import IdeaStatus
from shared.domain.principal import ANONYMOUS

from .builders import T0, a_moderator_of, a_participant, an_admin_of, an_idea, an_operator


def a_comment(*path: str, **overrides: object) -> Comment:
    path = path or ("c1",)
    fields: dict[str, object] = {
        "comment_id": path[-1],
        "idea_id": "idea-1",
        "challenge_id": "ch-1",
        "brand_id": "acme",
        "author_id": "user-2",
        "body": "Nice idea",
        "path": path,
        "official": False,
        "created_at": T0,
        "updated_at": T0,
    }
    return Comment(**(fields | overrides))  # type: ignore[arg-type]


def test_a_top_level_comment_has_depth_zero_and_no_parent():
    comment = a_comment("c1")

    assert comment.depth == 0
    assert comment.parent_id is None


def test_a_reply_knows_its_parent_and_depth():
    reply = a_comment("c1", "c2", "c3")

    assert reply.depth == 2
    assert reply.parent_id == "c2"


@pytest.mark.parametrize(
    ("principal", "official"),
    [
        (an_admin_of("acme"), True),
        (a_moderator_of("acme"), True),
        (an_operator(), True),
        (a_moderator_of("globex"), False),
        (a_participant(), False),
        (ANONYMOUS, False),
    ],
)
def test_comments_by_the_ideas_brand_staff_are_official(principal, official):
    assert is_official(principal, an_idea(brand_id="acme")) is official


@pytest.mark.parametrize("status", sorted(COMMENTABLE_STATUSES))
def test_live_ideas_take_comments(status):
    check_commentable(an_idea(status=status))


@pytest.mark.parametrize("status", sorted(set(IdeaStatus) - COMMENTABLE_STATUSES))
def test_ideas_out_of_discussion_take_no_comments(status):
    with pytest.raises(RuleViolationError):
        check_commentable(an_idea(status=status))


def test_a_reply_may_go_down_to_depth_three():
    check_reply(a_comment("a", "b", "c"), an_idea())


def test_a_reply_to_a_depth_three_comment_is_refused_on_parent_id():
    parent = a_comment("a", "b", "c", "d")
    assert parent.depth == MAX_DEPTH

    with pytest.raises(ValidationError) as raised:
        check_reply(parent, an_idea())

    assert raised.value.field == "parentId"


def test_a_reply_must_stay_on_the_parents_idea():
    with pytest.raises(ValidationError):
        check_reply(a_comment(idea_id="idea-2"), an_idea(idea_id="idea-1"))


def test_a_removed_comment_takes_no_replies():
    with pytest.raises(RuleViolationError):
        check_reply(a_comment().removed("user-2", T0), an_idea())


def test_only_the_author_edits():
    check_edit(a_participant("user-2"), a_comment(author_id="user-2"))
    with pytest.raises(ForbiddenError):
        check_edit(an_admin_of("acme"), a_comment(author_id="user-2"))


def test_a_removed_comment_cannot_be_edited():
    with pytest.raises(RuleViolationError):
        check_edit(a_participant("user-2"), a_comment(author_id="user-2").removed("user-2", T0))


@pytest.mark.parametrize(
    ("principal", "allowed"),
    [
        (a_participant("user-2"), True),
        (a_moderator_of("acme"), True),
        (an_admin_of("acme"), True),
        (an_operator(), True),
        (a_participant("user-3"), False),
        (an_admin_of("globex"), False),
        (ANONYMOUS, False),
    ],
)
def test_the_author_and_the_brands_staff_remove(principal, allowed):
    comment = a_comment(author_id="user-2", brand_id="acme")

    assert may_remove(principal, comment) is allowed
    if not allowed:
        with pytest.raises(ForbiddenError):
            check_remove(principal, comment)


def test_an_edit_keeps_the_thread_place_and_bumps_the_version():
    later = T0 + timedelta(minutes=5)

    edited = a_comment().edited("Better words", later)

    assert edited.body == "Better words"
    assert edited.edited_at == edited.updated_at == later
    assert edited.version == 2
    assert edited.path == a_comment().path


def test_a_removal_drops_the_body_and_says_who_removed_it():
    removed = a_comment(author_id="user-2").removed("moderator-1", T0)

    assert removed.body is None
    assert removed.deleted is True
    assert removed.deleted_by == "moderator-1"
    assert removed.removed_by_staff is True
    assert replace(removed, deleted_by="user-2").removed_by_staff is False


@pytest.mark.parametrize("principal", [a_moderator_of("acme"), an_admin_of("acme"), an_operator()])
def test_staff_notes_are_for_the_brands_staff(principal):
    check_staff(principal, an_idea(brand_id="acme"))


@pytest.mark.parametrize("principal", [a_participant(), a_moderator_of("globex"), ANONYMOUS])
def test_staff_notes_are_not_for_anyone_else(principal):
    with pytest.raises(ForbiddenError):
        check_staff(principal, an_idea(brand_id="acme"))

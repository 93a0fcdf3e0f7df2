from __future__ import annotations

from datetime import timedelta

import pytest

from shared.domain.comments import Comment
from shared.domain.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    PreconditionFailedError,
    RuleViolationError,
    UnauthorizedError,
    ValidationError,
)
from shared.domain.ideas import IdeaStatus
from shared.domain.principal import ANONYMOUS
from shared.services import comments as service
from shared.services.comments import NewComment

from .builders import T0, a_challenge, a_moderator_of, a_participant, an_admin_of, an_idea, an_operator
from .comment_fakes import InMemoryCommentRepository, InMemoryStaffNoteRepository
from .fakes import InMemoryChallengeRepository, InMemoryIdeaRepository

AUTHOR = a_participant("user-2")
LATER = T0 + timedelta(minutes=3)


@pytest.fixture
def ideas() -> InMemoryIdeaRepository:
    return InMemoryIdeaRepository(
        an_idea(idea_id="idea-1", brand_id="acme"),
        an_idea(idea_id="pending-1", status=IdeaStatus.PENDING, author_id="user-1"),
    )


@pytest.fixture
def comments(ideas: InMemoryIdeaRepository) -> InMemoryCommentRepository:
    return InMemoryCommentRepository(ideas)


@pytest.fixture
def notes() -> InMemoryStaffNoteRepository:
    return InMemoryStaffNoteRepository()


def post(ideas, comments, text="Nice", parent_id=None, principal=AUTHOR, idea_id="idea-1", clock=lambda: T0):
    challenges = InMemoryChallengeRepository(a_challenge())
    return service.post_comment(principal, idea_id, NewComment(text, parent_id), challenges, ideas, comments, clock)


# ---------------------------------------------------------------------- posting
def test_a_comment_is_written_once_and_counted(ideas, comments, clock):
    comment = post(ideas, comments, clock=clock)

    assert comments.get(comment.comment_id) == comment
    assert comments.writes == 1
    assert comments.counted["idea-1"] == 1
    assert comment.author_id == "user-2"
    assert comment.brand_id == "acme"
    assert comment.challenge_id == "ch-1"
    assert comment.created_at == T0
    assert comment.path == (comment.comment_id,)
    assert comment.official is False


def test_a_brand_moderators_comment_is_official(ideas, comments):
    assert post(ideas, comments, principal=a_moderator_of("acme")).official is True


def test_a_reply_extends_its_parents_path(ideas, comments):
    parent = post(ideas, comments, principal=a_participant("user-3"))

    reply = post(ideas, comments, parent_id=parent.comment_id)

    assert reply.path == (parent.comment_id, reply.comment_id)
    assert reply.parent_id == parent.comment_id
    assert reply.parent_author_id == "user-3"
    assert reply.depth == 1


def test_a_reply_to_an_unknown_comment_is_refused(ideas, comments):
    with pytest.raises(ValidationError) as raised:
        post(ideas, comments, parent_id="nope")

    assert raised.value.field == "parentId"
    assert comments.writes == 0


def test_a_reply_deeper_than_three_is_refused_and_writes_nothing(ideas, comments):
    parent = None
    for _ in range(4):
        parent = post(ideas, comments, parent_id=parent.comment_id if parent else None)
    writes = comments.writes

    with pytest.raises(ValidationError):
        post(ideas, comments, parent_id=parent.comment_id)

    assert comments.writes == writes


def test_anonymous_callers_cannot_comment(ideas, comments):
    with pytest.raises(UnauthorizedError):
        post(ideas, comments, principal=ANONYMOUS)


def test_an_invisible_idea_is_not_found(ideas, comments):
    with pytest.raises(NotFoundError):
        post(ideas, comments, idea_id="pending-1", principal=a_participant("user-9"))


def test_a_pending_idea_takes_no_comments(ideas, comments):
    with pytest.raises(RuleViolationError):
        post(ideas, comments, idea_id="pending-1", principal=a_participant("user-1"))
    assert comments.writes == 0


# ---------------------------------------------------------------------- listing
def test_comments_list_in_thread_order_for_anyone_who_sees_the_idea(ideas, comments):
    first = post(ideas, comments, "first")
    second = post(ideas, comments, "second", clock=lambda: LATER)
    reply = post(ideas, comments, "reply", parent_id=first.comment_id, clock=lambda: LATER + timedelta(seconds=1))

    page = service.list_comments(ANONYMOUS, "idea-1", ideas, comments, limit=10)

    assert [c.comment_id for c in page.items] == [first.comment_id, reply.comment_id, second.comment_id]
    assert page.next_key is None


def test_comments_of_an_invisible_idea_are_not_found(ideas, comments):
    with pytest.raises(NotFoundError):
        service.list_comments(ANONYMOUS, "pending-1", ideas, comments, limit=10)


# ---------------------------------------------------------------------- editing and removing
def test_the_author_edits_and_the_version_moves(ideas, comments):
    comment = post(ideas, comments)

    edited = service.edit_comment(AUTHOR, comment.comment_id, "Nicer", ideas, comments, lambda: LATER)

    assert edited.body == "Nicer"
    assert edited.edited_at == LATER
    assert comments.get(comment.comment_id) == edited


def test_an_unchanged_edit_writes_nothing(ideas, comments):
    comment = post(ideas, comments)

    assert service.edit_comment(AUTHOR, comment.comment_id, comment.body, ideas, comments) == comment
    assert comments.writes == 1


def test_someone_else_may_not_edit(ideas, comments):
    comment = post(ideas, comments)

    with pytest.raises(ForbiddenError):
        service.edit_comment(an_admin_of("acme"), comment.comment_id, "Mine now", ideas, comments)


def test_others_learn_nothing_about_comments_on_ideas_they_cannot_see(ideas):
    on_pending = Comment("c-9", "pending-1", "ch-1", "acme", "user-1", "Note to self", ("c-9",), False, T0, T0)
    comments = InMemoryCommentRepository(ideas, on_pending)

    with pytest.raises(NotFoundError):
        service.edit_comment(a_participant("user-9"), "c-9", "x", ideas, comments)
    with pytest.raises(NotFoundError):
        service.remove_comment(a_participant("user-9"), "c-9", ideas, comments)
    assert comments.writes == 0


def test_a_missing_comment_is_not_found(ideas, comments):
    with pytest.raises(NotFoundError):
        service.edit_comment(AUTHOR, "nope", "x", ideas, comments)
    with pytest.raises(NotFoundError):
        service.remove_comment(AUTHOR, "nope", ideas, comments)


@pytest.mark.parametrize("remover", [AUTHOR, a_moderator_of("acme"), an_admin_of("acme"), an_operator()])
def test_the_author_or_staff_remove_and_the_place_stays(ideas, comments, remover):
    comment = post(ideas, comments)

    removed = service.remove_comment(remover, comment.comment_id, ideas, comments, lambda: LATER)

    assert removed.deleted is True
    assert removed.body is None
    assert removed.deleted_by == remover.user_id
    assert comments.list_thread("idea-1", limit=5, start=None).items == [removed]
    assert comments.counted["idea-1"] == 1  # removals are not uncounted


def test_removing_twice_writes_once(ideas, comments):
    comment = post(ideas, comments)
    service.remove_comment(AUTHOR, comment.comment_id, ideas, comments)

    service.remove_comment(AUTHOR, comment.comment_id, ideas, comments)

    assert comments.writes == 2


def test_another_participant_may_not_remove(ideas, comments):
    comment = post(ideas, comments)

    with pytest.raises(ForbiddenError):
        service.remove_comment(a_participant("user-9"), comment.comment_id, ideas, comments)


def test_a_stale_edit_is_a_conflict(ideas, comments):
    comment = post(ideas, comments)
    comments.save(comment, comment.edited("meanwhile", LATER))

    with pytest.raises(ConflictError):
        comments.save(comment, comment.edited("too late", LATER))


# ---------------------------------------------------------------------- helpful marks
def mark(comments, ideas, comment_id, helpful=True, principal=None, challenge=None, **kwargs):
    challenges = InMemoryChallengeRepository(challenge or a_challenge())
    principal = principal or a_moderator_of("acme")
    return service.mark_helpful(principal, comment_id, helpful, challenges, ideas, comments, **kwargs)


@pytest.mark.parametrize("staff", [a_moderator_of("acme"), an_admin_of("acme"), an_operator()])
def test_staff_mark_a_comment_helpful_and_take_it_back(ideas, comments, staff):
    comment = post(ideas, comments)

    marked = mark(comments, ideas, comment.comment_id, principal=staff, clock=lambda: LATER)
    unmarked = mark(comments, ideas, comment.comment_id, False, principal=staff, clock=lambda: LATER)

    assert (marked.helpful, marked.helpful_by, marked.helpful_at) == (True, staff.user_id, LATER)
    assert marked.version == comment.version + 1
    assert marked.body == comment.body
    assert marked.edited_at is None
    assert (unmarked.helpful, unmarked.helpful_by) == (False, staff.user_id)
    assert comments.get(comment.comment_id) == unmarked
    assert comments.writes == 3


def test_asking_for_the_flag_the_comment_has_writes_nothing(ideas, comments):
    comment = post(ideas, comments)

    assert mark(comments, ideas, comment.comment_id, False) == comment
    marked = mark(comments, ideas, comment.comment_id)
    assert mark(comments, ideas, comment.comment_id, principal=an_admin_of("acme")) == marked
    assert comments.writes == 2


@pytest.mark.parametrize("principal", [AUTHOR, a_participant("user-9"), a_moderator_of("globex")])
def test_only_the_brands_staff_mark_comments_helpful(ideas, comments, principal):
    comment = post(ideas, comments)

    with pytest.raises(ForbiddenError):
        mark(comments, ideas, comment.comment_id, principal=principal)
    assert comments.writes == 1


def test_marking_needs_a_signed_in_caller(ideas, comments):
    comment = post(ideas, comments)

    with pytest.raises(UnauthorizedError):
        mark(comments, ideas, comment.comment_id, principal=ANONYMOUS)


def test_a_missing_or_removed_comment_is_not_found(ideas, comments):
    comment = post(ideas, comments)
    service.remove_comment(AUTHOR, comment.comment_id, ideas, comments)

    for comment_id in ("nope", comment.comment_id):
        with pytest.raises(NotFoundError):
            mark(comments, ideas, comment_id)
    assert comments.writes == 2


def test_outsiders_learn_nothing_about_comments_on_ideas_they_cannot_see(ideas):
    on_pending = Comment("c-9", "pending-1", "ch-1", "acme", "user-1", "Note to self", ("c-9",), False, T0, T0)
    comments = InMemoryCommentRepository(ideas, on_pending)

    with pytest.raises(NotFoundError):
        mark(comments, ideas, "c-9", principal=a_moderator_of("globex"))
    assert mark(comments, ideas, "c-9").helpful is True  # the brand's staff see pending ideas


def test_a_suspended_brands_comments_are_not_marked(ideas, comments):
    comment = post(ideas, comments)

    with pytest.raises(RuleViolationError):
        mark(comments, ideas, comment.comment_id, challenge=a_challenge(suspended=True))
    assert comments.writes == 1


def test_a_mark_on_a_version_the_caller_did_not_read_is_refused(ideas, comments):
    comment = post(ideas, comments)
    service.edit_comment(AUTHOR, comment.comment_id, "Nicer", ideas, comments)

    with pytest.raises(PreconditionFailedError):
        mark(comments, ideas, comment.comment_id, expected_version=comment.version)
    assert mark(comments, ideas, comment.comment_id, expected_version=comment.version + 1).helpful is True


def test_a_mark_raced_by_another_write_is_a_conflict(ideas, comments, monkeypatch):
    comment = post(ideas, comments)
    edited = service.edit_comment(AUTHOR, comment.comment_id, "Nicer", ideas, comments)
    monkeypatch.setattr(comments, "get", lambda _: comment)  # the read saw the comment before the edit

    with pytest.raises(ConflictError):
        mark(comments, ideas, comment.comment_id)
    assert comments.list_thread("idea-1", limit=5, start=None).items == [edited]


# ---------------------------------------------------------------------- staff notes
def test_staff_write_and_read_notes(ideas, notes, clock):
    first = service.add_staff_note(a_moderator_of("acme"), "idea-1", "Check costs", ideas, notes, clock)
    second = service.add_staff_note(an_admin_of("acme"), "idea-1", "Costs fine", ideas, notes, lambda: LATER)

    page = service.list_staff_notes(an_operator(), "idea-1", ideas, notes, limit=10)

    assert page.items == [second, first]
    assert first.author_id == "moderator-1"
    assert first.brand_id == "acme"


@pytest.mark.parametrize("principal", [AUTHOR, a_moderator_of("globex")])
def test_notes_are_forbidden_to_others(ideas, notes, principal):
    with pytest.raises(ForbiddenError):
        service.add_staff_note(principal, "idea-1", "peek", ideas, notes)
    with pytest.raises(ForbiddenError):
        service.list_staff_notes(principal, "idea-1", ideas, notes, limit=10)
    assert notes.stored == []


def test_notes_need_a_signed_in_caller(ideas, notes):
    with pytest.raises(UnauthorizedError):
        service.list_staff_notes(ANONYMOUS, "idea-1", ideas, notes, limit=10)

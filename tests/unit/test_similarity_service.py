"""Similar-idea use cases against an in-memory index: the duplicate check and index maintenance."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shared.domain.challenges import Phase
from shared.domain.errors import NotFoundError, ValidationError
from shared.domain.principal import ANONYMOUS
from shared.services.similarity import IdeaChange, IdeaText, SyncOutcome, find_similar, sync_idea

from .builders import a_challenge, a_moderator_of
from .fakes import InMemoryChallengeRepository
from .similarity_fakes import InMemorySimilarityIndex

REFILL = IdeaText(
    idea_id="idea-1",
    challenge_id="ch-1",
    title="Refill stations for shampoo",
    description="Bring your empty shampoo bottle to the supermarket and refill it.",
    status="published",
)


def published(idea: IdeaText = REFILL, **changes: str) -> IdeaChange:
    """The INSERT record of a published idea."""
    return IdeaChange(old=None, new=replace(idea, **changes))


def indexed(*ideas: IdeaText) -> InMemorySimilarityIndex:
    index = InMemorySimilarityIndex()
    for idea in ideas:
        sync_idea(IdeaChange(old=None, new=idea), index)
    index.calls.clear()
    return index


# find_similar


def challenges(phase: Phase = Phase.SUBMISSION) -> InMemoryChallengeRepository:
    return InMemoryChallengeRepository(a_challenge(challenge_id="ch-1", brand_id="acme", phase=phase))


def test_the_duplicate_check_finds_a_published_idea_in_three_reads() -> None:
    index = indexed(REFILL, replace(REFILL, idea_id="idea-2", title="Sponsor a football team", description="Logo."))

    found = find_similar(ANONYMOUS, "ch-1", "refill station for shampoo bottles", challenges(), index)

    assert [idea.idea_id for idea in found] == ["idea-1"]
    assert 0 < found[0].score <= 1
    assert index.calls == {"postings": 1, "entries": 1}


def test_a_text_sharing_no_term_reads_no_entries() -> None:
    index = indexed(REFILL)

    assert find_similar(ANONYMOUS, "ch-1", "football sponsoring", challenges(), index) == []
    assert index.calls == {"postings": 1}


def test_a_text_of_stop_words_reads_nothing() -> None:
    index = indexed(REFILL)

    assert find_similar(ANONYMOUS, "ch-1", "what is it", challenges(), index) == []
    assert not index.calls


def test_ideas_of_other_challenges_are_not_similar() -> None:
    index = indexed(replace(REFILL, challenge_id="ch-2"))

    assert find_similar(ANONYMOUS, "ch-1", REFILL.title, challenges(), index) == []


def test_an_unknown_challenge_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        find_similar(ANONYMOUS, "ch-404", "refill", challenges(), indexed())


def test_a_draft_challenge_is_not_found_except_by_its_brand_staff() -> None:
    with pytest.raises(NotFoundError):
        find_similar(ANONYMOUS, "ch-1", "refill", challenges(Phase.DRAFT), indexed())

    assert find_similar(a_moderator_of("acme"), "ch-1", "refill", challenges(Phase.DRAFT), indexed()) == []


@pytest.mark.parametrize("text", ["ab", "x" * 2001])
def test_the_text_must_have_3_to_2000_characters(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        find_similar(ANONYMOUS, "ch-1", text, challenges(), indexed())

    assert raised.value.field == "text"


# sync_idea


def test_a_published_idea_is_posted_under_its_terms_and_gets_an_entry() -> None:
    index = InMemorySimilarityIndex()

    assert sync_idea(published(), index) is SyncOutcome.INDEXED

    entry = index.entries_by_id["idea-1"]
    assert index.posted_terms("idea-1") == {("ch-1", term) for term in entry.terms}
    assert entry.title == REFILL.title


def test_a_replayed_record_reads_once_and_writes_nothing() -> None:
    index = indexed(REFILL)

    assert sync_idea(published(), index) is SyncOutcome.UNCHANGED
    assert index.calls == {"entry": 1}


def test_a_pending_idea_is_not_indexed_and_costs_no_call() -> None:
    index = InMemorySimilarityIndex()

    assert sync_idea(published(status="pending"), index) is SyncOutcome.UNCHANGED
    assert not index.calls


def test_a_change_that_keeps_the_text_costs_no_call() -> None:
    index = indexed(REFILL)

    assert sync_idea(IdeaChange(old=REFILL, new=REFILL), index) is SyncOutcome.UNCHANGED
    assert not index.calls


def test_an_idea_leaving_published_is_removed_from_postings_and_entries() -> None:
    index = indexed(REFILL)

    outcome = sync_idea(IdeaChange(old=REFILL, new=replace(REFILL, status="hidden")), index)

    assert outcome is SyncOutcome.REMOVED
    assert index.posted_terms("idea-1") == set()
    assert "idea-1" not in index.entries_by_id


def test_a_deleted_idea_is_removed() -> None:
    index = indexed(REFILL)

    assert sync_idea(IdeaChange(old=REFILL, new=None), index) is SyncOutcome.REMOVED
    assert not index.entries_by_id


def test_removing_an_idea_twice_writes_nothing_the_second_time() -> None:
    index = indexed(REFILL)
    removal = IdeaChange(old=REFILL, new=replace(REFILL, status="withdrawn"))
    sync_idea(removal, index)
    index.calls.clear()

    assert sync_idea(removal, index) is SyncOutcome.UNCHANGED
    assert index.writes == 0


def test_an_edited_idea_moves_only_the_terms_that_changed() -> None:
    index = indexed(REFILL)
    edited = replace(REFILL, title="Refill stations for shower gel")

    assert sync_idea(IdeaChange(old=REFILL, new=edited), index) is SyncOutcome.INDEXED

    entry = index.entries_by_id["idea-1"]
    assert index.posted_terms("idea-1") == {("ch-1", term) for term in entry.terms}
    assert ("ch-1", "gel") in index.posted_terms("idea-1")
    assert index.calls == {"entry": 1, "post": 1, "unpost": 1, "save": 1}


def test_an_idea_moved_to_another_challenge_leaves_every_old_posting() -> None:
    index = indexed(REFILL)

    sync_idea(IdeaChange(old=REFILL, new=replace(REFILL, challenge_id="ch-2")), index)

    assert {challenge for challenge, _ in index.posted_terms("idea-1")} == {"ch-2"}


def test_an_idea_published_after_moderation_is_indexed() -> None:
    index = InMemorySimilarityIndex()

    outcome = sync_idea(IdeaChange(old=replace(REFILL, status="pending"), new=REFILL), index)

    assert outcome is SyncOutcome.INDEXED
    assert "idea-1" in index.entries_by_id


def test_a_record_without_images_changes_nothing() -> None:
    index = InMemorySimilarityIndex()

    assert sync_idea(IdeaChange(old=None, new=None), index) is SyncOutcome.UNCHANGED
    assert not index.calls
